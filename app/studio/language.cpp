// The language setting, the translators it installs (the studio's strings and Qt's own) and the Language submenu.
#include "app/studio/language.h"

#include <QActionGroup>
#include <QCoreApplication>
#include <QLibraryInfo>
#include <QMenu>
#include <QMessageBox>
#include <QPointer>
#include <QSettings>
#include <QTranslator>

namespace milr {
namespace {

constexpr char kContext[] = "milr::Language";
const char* const kRestartNote =
    QT_TRANSLATE_NOOP("milr::Language", "The language changes the next time MILR Studio starts.");

// Each language by its own name, as language menus show them.
QString native_name(const QString& language) {
    return language == QLatin1String("zh_CN") ? QStringLiteral("简体中文") : QStringLiteral("English");
}

QList<QPointer<QTranslator>>& installed_translators() {
    static QList<QPointer<QTranslator>> translators;
    return translators;
}

QString& installed_language() {
    static QString language = QStringLiteral("en");
    return language;
}

// The restart note in the given language (the source text for English, or when the translation lacks it).
QString restart_note_in(const QString& language) {
    QTranslator translator;
    const QString resource = translationResource(language);
    if (resource.isEmpty() || !translator.load(resource)) return QString::fromUtf8(kRestartNote);
    const QString text = translator.translate(kContext, kRestartNote);
    return text.isEmpty() ? QString::fromUtf8(kRestartNote) : text;
}

void choose_language(QWidget* parent, const QString& choice) {
    const QString before = languageSetting();
    setLanguageSetting(choice);
    const QString next = resolveLanguage(choice);
    if (choice == before || next == installedLanguage()) return;  // nothing on screen would change
    QString text = QCoreApplication::translate(kContext, kRestartNote);
    const QString other = restart_note_in(next);
    if (other != text) text += QStringLiteral("\n\n") + other;
    const QString title = QCoreApplication::translate("milr::Language", "Language");
    auto* box = new QMessageBox(QMessageBox::Information, title, text, QMessageBox::Ok, parent);
    box->setObjectName(QStringLiteral("languageRestartNote"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

}  // namespace

QStringList availableLanguages() { return {QStringLiteral("en"), QStringLiteral("zh_CN")}; }

QString languageSetting() {
    const QString value = QSettings().value(QLatin1String(kLanguageSettingKey)).toString();
    return value.isEmpty() ? QString::fromLatin1(kSystemLanguage) : value;
}

void setLanguageSetting(const QString& language) {
    QSettings().setValue(QLatin1String(kLanguageSettingKey),
                         language.isEmpty() ? QString::fromLatin1(kSystemLanguage) : language);
}

QString resolveLanguage(const QString& setting, const QLocale& system) {
    if (availableLanguages().contains(setting)) return setting;
    for (const QString& name : system.uiLanguages()) {
        const QLocale locale(name);
        if (locale.language() == QLocale::English) return QStringLiteral("en");
        // Traditional Chinese readers are not handed Simplified characters: their next preference decides.
        if (locale.language() == QLocale::Chinese && locale.script() != QLocale::TraditionalHanScript)
            return QStringLiteral("zh_CN");
    }
    return QStringLiteral("en");
}

QString translationResource(const QString& language) {
    if (language == QLatin1String("en") || !availableLanguages().contains(language)) return QString();
    return QStringLiteral(":/i18n/milr_studio_%1.qm").arg(language);
}

QString installTranslators() {
    QCoreApplication* app = QCoreApplication::instance();
    for (const QPointer<QTranslator>& translator : installed_translators()) {
        if (!translator) continue;
        QCoreApplication::removeTranslator(translator);
        delete translator.data();
    }
    installed_translators().clear();
    installed_language() = QStringLiteral("en");
    const QString language = resolveLanguage(languageSetting());
    if (!app || language == QLatin1String("en")) return installed_language();

    auto* studio = new QTranslator(app);
    if (!studio->load(translationResource(language))) {
        qWarning("milr-studio: the translation %s is not in this build; the studio shows English",
                 qPrintable(translationResource(language)));
        delete studio;
        return installed_language();
    }
    QCoreApplication::installTranslator(studio);
    installed_translators() << studio;
    // Qt's own strings (standard buttons, file dialogs), from Qt's translations when they are installed.
    auto* qt = new QTranslator(app);
    if (qt->load(QStringLiteral("qtbase_") + language, QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
        QCoreApplication::installTranslator(qt);
        installed_translators() << qt;
    } else {
        delete qt;
    }
    installed_language() = language;
    return language;
}

QString installedLanguage() { return installed_language(); }

QMenu* createLanguageMenu(QWidget* parent) {
    auto* menu = new QMenu(QCoreApplication::translate("milr::Language", "&Language"), parent);
    menu->setObjectName(QStringLiteral("languageMenu"));
    auto* group = new QActionGroup(menu);
    const QString stored = languageSetting();
    const QString checked = availableLanguages().contains(stored) ? stored : QString::fromLatin1(kSystemLanguage);
    const QString system = native_name(resolveLanguage(QString::fromLatin1(kSystemLanguage)));
    const struct {
        QString value;
        QString text;
    } entries[] = {{QString::fromLatin1(kSystemLanguage),
                    QCoreApplication::translate("milr::Language", "&System (%1)").arg(system)},
                   {QStringLiteral("en"), native_name(QStringLiteral("en"))},
                   {QStringLiteral("zh_CN"), native_name(QStringLiteral("zh_CN"))}};
    for (const auto& entry : entries) {
        QAction* action = menu->addAction(entry.text);
        action->setObjectName(QStringLiteral("languageAction_") + entry.value);
        action->setCheckable(true);
        action->setChecked(entry.value == checked);
        action->setData(entry.value);
        group->addAction(action);
        const QString value = entry.value;
        QObject::connect(action, &QAction::triggered, menu,
                         [menu, value] { choose_language(menu->parentWidget(), value); });
    }
    return menu;
}

QMenu* addLanguageMenu(QWidget* window) {
    QMenu* host = window->findChild<QMenu*>(QStringLiteral("settingsMenu"));
    if (!host) host = window->findChild<QMenu*>(QStringLiteral("viewMenu"));
    if (!host) return nullptr;
    QMenu* menu = createLanguageMenu(window);
    host->addSeparator();
    host->addMenu(menu);
    return menu;
}

}  // namespace milr
