// The studio's languages: the zh_CN translation is complete (lrelease reports 0 unfinished, nothing unfinished,
// vanished or obsolete, no string of the code missing, placeholders and accelerators kept), the language setting
// picks the window's text (Chinese for zh_CN, English for en, the system's otherwise) and the Language menu stores it.
#include <QAction>
#include <QDir>
#include <QFile>
#include <QMenu>
#include <QMessageBox>
#include <QProcess>
#include <QPushButton>
#include <QRegularExpression>
#include <QSettings>
#include <QTemporaryDir>
#include <QXmlStreamReader>
#include <QtTest>

#include "app/studio/language.h"
#include "app/studio/main_window.h"

using namespace milr;

namespace {

const QString kTsFile = QStringLiteral(MILR_SOURCE_ROOT "/translations/milr_studio_zh_CN.ts");

struct TsMessage {
    QString context;
    QString source;
    QString type;       // the translation's type attribute: "" when finished
    QStringList forms;  // the translation, or its numerus forms
    bool numerus = false;
};

// Every message of a .ts file, read with QXmlStreamReader; error says why when the file cannot be read.
QList<TsMessage> read_ts(const QString& path, QString& error) {
    QList<TsMessage> messages;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        error = QStringLiteral("cannot open %1").arg(path);
        return messages;
    }
    QXmlStreamReader xml(&file);
    QString context;
    TsMessage message;
    while (!xml.atEnd()) {
        xml.readNext();
        if (!xml.isStartElement()) continue;
        const auto name = xml.name();
        if (name == QLatin1String("name")) {
            context = xml.readElementText();
        } else if (name == QLatin1String("message")) {
            message = TsMessage();
            message.context = context;
            message.numerus = xml.attributes().value(QLatin1String("numerus")) == QLatin1String("yes");
        } else if (name == QLatin1String("source")) {
            message.source = xml.readElementText();
        } else if (name == QLatin1String("translation")) {
            message.type = xml.attributes().value(QLatin1String("type")).toString();
            if (message.numerus) {
                while (xml.readNextStartElement()) message.forms << xml.readElementText();
            } else {
                message.forms << xml.readElementText();
            }
            messages << message;
        }
    }
    if (xml.hasError()) error = QStringLiteral("%1: %2 at line %3").arg(path, xml.errorString()).arg(xml.lineNumber());
    return messages;
}

// The translation of one message of the .ts file (its first form).
QString ts_translation(const QString& context, const QString& source) {
    QString error;
    for (const TsMessage& message : read_ts(kTsFile, error))
        if (message.context == context && message.source == source && !message.forms.isEmpty())
            return message.forms.first();
    qFatal("%s has no message \"%s\" in context %s", qPrintable(kTsFile), qPrintable(source), qPrintable(context));
    return QString();
}

QString describe(const TsMessage& message) {
    return QStringLiteral("[%1] \"%2\"").arg(message.context, message.source);
}

// The sources lupdate reads for the studio, as app/studio/CMakeLists.txt lists them.
QStringList translated_sources() {
    QStringList files;
    const QDir root(QStringLiteral(MILR_SOURCE_ROOT));
    const struct {
        const char* folder;
        QStringList patterns;
    } folders[] = {{"app/studio", {QStringLiteral("*.cpp"), QStringLiteral("*.h")}},
                   {"widgets", {QStringLiteral("*.cpp"), QStringLiteral("*.h")}},
                   {"ui", {QStringLiteral("*.ui")}}};
    for (const auto& folder : folders) {
        const QDir dir(root.filePath(QString::fromLatin1(folder.folder)));
        for (const QString& name : dir.entryList(folder.patterns, QDir::Files, QDir::Name)) files << dir.filePath(name);
    }
    return files;
}

template <typename T>
T* child(const QObject& parent, const char* name) {
    T* found = parent.findChild<T*>(QString::fromLatin1(name));
    if (!found) qFatal("no child %s", name);
    return found;
}

}  // namespace

class TestStudioTranslations : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);  // QSettings go to a throw-away location
        QCoreApplication::setOrganizationName(QStringLiteral("MILR-test"));
        QCoreApplication::setApplicationName(QStringLiteral("MILR Studio translations test"));
        QSettings().clear();
    }

    void cleanup() {
        QSettings().remove(QLatin1String(kLanguageSettingKey));
        installTranslators();
    }

    void everyMessageIsTranslated() {
        QString error;
        const QList<TsMessage> messages = read_ts(kTsFile, error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QVERIFY(messages.size() > 100);
        const QRegularExpression placeholder(QStringLiteral("%(n|\\d)"));
        const QRegularExpression accelerator(QStringLiteral("&[^&\\s]"));
        QStringList problems;
        for (const TsMessage& message : messages) {
            if (!message.type.isEmpty()) problems << describe(message) + QStringLiteral(" is ") + message.type;
            if (message.forms.isEmpty() || message.forms.contains(QString()))
                problems << describe(message) + QStringLiteral(" has an empty translation");
            if (message.numerus != message.source.contains(QLatin1String("%n")))
                problems << describe(message) + QStringLiteral(" uses %n without plural forms, or the reverse");
            for (const QString& form : message.forms) {
                for (auto match = placeholder.globalMatch(message.source); match.hasNext();) {
                    const QString token = match.next().captured();
                    if (!form.contains(token)) problems << describe(message) + QStringLiteral(" lost ") + token;
                }
                const bool sourceHasOne = QString(message.source).remove(QLatin1String("&&")).contains(accelerator);
                if (sourceHasOne && !QString(form).remove(QLatin1String("&&")).contains(accelerator))
                    problems << describe(message) + QStringLiteral(" lost its accelerator (&)");
            }
        }
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
    }

    void lreleaseReportsNothingUnfinished() {
        QString error;
        const qsizetype count = read_ts(kTsFile, error).size();
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QProcess lrelease;
        lrelease.setProcessChannelMode(QProcess::MergedChannels);
        lrelease.start(QStringLiteral(MILR_LRELEASE),
                       {kTsFile, QStringLiteral("-qm"), dir.filePath(QStringLiteral("zh_CN.qm"))});
        QVERIFY2(lrelease.waitForFinished(120000), MILR_LRELEASE " did not finish");
        const QString report = QString::fromLocal8Bit(lrelease.readAll());
        QCOMPARE(lrelease.exitCode(), 0);
        const QRegularExpressionMatch match =
            QRegularExpression(QStringLiteral("(\\d+) finished and (\\d+) unfinished")).match(report);
        QVERIFY2(match.hasMatch(), qPrintable(report));
        QVERIFY2(match.captured(2) == QLatin1String("0"), qPrintable(report));
        QCOMPARE(match.captured(1).toLongLong(), static_cast<qlonglong>(count));
    }

    void noStringOfTheCodeIsMissing() {
        // lupdate over the code, into a copy of the .ts: every string it finds must already be translated there.
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString copy = dir.filePath(QStringLiteral("milr_studio_zh_CN.ts"));
        QVERIFY(QFile::copy(kTsFile, copy));
        QProcess lupdate;
        lupdate.setProcessChannelMode(QProcess::MergedChannels);
        QStringList arguments = {QStringLiteral("-I"), QStringLiteral(MILR_SOURCE_ROOT),
                                 QStringLiteral("-no-obsolete")};
        arguments << translated_sources() << QStringLiteral("-ts") << copy;
        lupdate.start(QStringLiteral(MILR_LUPDATE), arguments);
        QVERIFY2(lupdate.waitForFinished(120000), MILR_LUPDATE " did not finish");
        QVERIFY2(lupdate.exitCode() == 0, qPrintable(QString::fromLocal8Bit(lupdate.readAll())));
        QString error;
        QStringList missing;
        for (const TsMessage& message : read_ts(copy, error))
            if (!message.type.isEmpty()) missing << describe(message);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QVERIFY2(missing.isEmpty(),
                 qPrintable(QStringLiteral("strings of the code without a zh_CN translation (build the target "
                                           "update_translations and translate them in %1):\n%2")
                                .arg(kTsFile, missing.join(QLatin1Char('\n')))));
    }

    void settingPicksTheLanguage() {
        const QLocale chinese(QStringLiteral("zh_CN"));
        QCOMPARE(resolveLanguage(QStringLiteral("zh_CN"), QLocale(QStringLiteral("en_US"))), QStringLiteral("zh_CN"));
        QCOMPARE(resolveLanguage(QStringLiteral("en"), chinese), QStringLiteral("en"));
        QCOMPARE(resolveLanguage(QStringLiteral("system"), chinese), QStringLiteral("zh_CN"));
        QCOMPARE(resolveLanguage(QString(), chinese), QStringLiteral("zh_CN"));
        QCOMPARE(resolveLanguage(QStringLiteral("fr"), chinese), QStringLiteral("zh_CN"));  // not shipped: the system's
        QCOMPARE(resolveLanguage(QStringLiteral("system"), QLocale(QStringLiteral("zh_SG"))), QStringLiteral("zh_CN"));
        QCOMPARE(resolveLanguage(QStringLiteral("system"), QLocale(QStringLiteral("en_GB"))), QStringLiteral("en"));
        QCOMPARE(resolveLanguage(QStringLiteral("system"), QLocale(QStringLiteral("de_DE"))), QStringLiteral("en"));
        QCOMPARE(resolveLanguage(QStringLiteral("system"), QLocale(QStringLiteral("zh_TW"))), QStringLiteral("en"));
        QCOMPARE(resolveLanguage(QStringLiteral("system"), QLocale::c()), QStringLiteral("en"));

        QCOMPARE(languageSetting(), QStringLiteral("system"));
        setLanguageSetting(QStringLiteral("zh_CN"));
        QCOMPARE(QSettings().value(QLatin1String(kLanguageSettingKey)).toString(), QStringLiteral("zh_CN"));
        setLanguageSetting(QString());
        QCOMPARE(languageSetting(), QStringLiteral("system"));
    }

    void chineseWindow() {
        setLanguageSetting(QStringLiteral("zh_CN"));
        QCOMPARE(installTranslators(), QStringLiteral("zh_CN"));
        QCOMPARE(installedLanguage(), QStringLiteral("zh_CN"));
        MainWindow window;
        const struct {
            QString shown;
            const char* source;
        } texts[] = {{child<QAction>(window, "runAction")->text(), "&Run"},
                     {child<QAction>(window, "stopAction")->text(), "&Stop"},
                     {child<QAction>(window, "compareAction")->text(), "&Compare two steps"},
                     {child<QAction>(window, "presentAction")->text(), "&Presentation"},
                     {child<QMenu>(window, "fileMenu")->title(), "&File"},
                     {child<QMenu>(window, "viewMenu")->title(), "&View"},
                     {child<QPushButton>(window, "stepButton")->text(), "Step &once"}};
        for (const auto& text : texts)
            QCOMPARE(text.shown, ts_translation(QStringLiteral("MainWindow"), QString::fromUtf8(text.source)));
        QCOMPARE(child<QAction>(window, "runAction")->text(), QStringLiteral("运行(&R)"));

        QMenu* languages = addLanguageMenu(&window);
        QVERIFY(languages);
        QCOMPARE(languages->title(), ts_translation(QStringLiteral("milr::Language"), QStringLiteral("&Language")));
        QVERIFY(child<QMenu>(window, "viewMenu")->actions().contains(languages->menuAction()));
        QVERIFY(child<QAction>(window, "languageAction_zh_CN")->isChecked());
        QCOMPARE(child<QAction>(window, "languageAction_zh_CN")->text(), QStringLiteral("简体中文"));
        QCOMPARE(child<QAction>(window, "languageAction_en")->text(), QStringLiteral("English"));
    }

    void englishWindow() {
        setLanguageSetting(QStringLiteral("en"));
        QCOMPARE(installTranslators(), QStringLiteral("en"));
        MainWindow window;
        QCOMPARE(child<QAction>(window, "runAction")->text(), QStringLiteral("&Run"));
        QCOMPARE(child<QMenu>(window, "viewMenu")->title(), QStringLiteral("&View"));
        QCOMPARE(child<QPushButton>(window, "stepButton")->text(), QStringLiteral("Step &once"));
        QMenu* languages = addLanguageMenu(&window);
        QVERIFY(languages);
        QCOMPARE(languages->title(), QStringLiteral("&Language"));
        QVERIFY(child<QAction>(window, "languageAction_en")->isChecked());
    }

    void languageMenuStoresTheChoiceForTheNextStart() {
        setLanguageSetting(QStringLiteral("en"));
        installTranslators();
        MainWindow window;
        QVERIFY(addLanguageMenu(&window));
        child<QAction>(window, "languageAction_zh_CN")->trigger();
        QCOMPARE(languageSetting(), QStringLiteral("zh_CN"));
        QCOMPARE(installedLanguage(), QStringLiteral("en"));  // the window keeps its language until a restart
        // The note says so in the language shown and in the language chosen.
        auto* note = child<QMessageBox>(window, "languageRestartNote");
        const QString english = QStringLiteral("The language changes the next time MILR Studio starts.");
        QVERIFY2(note->text().contains(english), qPrintable(note->text()));
        const QString chinese = ts_translation(QStringLiteral("milr::Language"), english);
        QVERIFY2(note->text().contains(chinese), qPrintable(note->text()));
        note->close();

        child<QAction>(window, "languageAction_system")->trigger();
        QCOMPARE(languageSetting(), QStringLiteral("system"));
        child<QAction>(window, "languageAction_en")->trigger();
        QCOMPARE(languageSetting(), QStringLiteral("en"));
        QCOMPARE(installTranslators(), QStringLiteral("en"));
    }
};

QTEST_MAIN(TestStudioTranslations)
#include "test_studio_translations.moc"
