// The studio's language: the "language" setting, the translators it installs at start-up and the Language menu.
#pragma once
#include <QLocale>
#include <QString>
#include <QStringList>

class QMenu;
class QWidget;

namespace milr {

// The QSettings key of the choice: "" or "system" follows the system's languages; "en" or "zh_CN" picks one.
inline constexpr char kLanguageSettingKey[] = "language";
inline constexpr char kSystemLanguage[] = "system";

// The languages the studio ships, as setting values: "en" (the source strings) and "zh_CN".
QStringList availableLanguages();

// The stored choice ("system" when none is stored), and storing one ("" stores "system").
QString languageSetting();
void setLanguageSetting(const QString& language);

// The shipped language a choice stands for: "en" or "zh_CN" as they are; "system", "" or a language the studio
// does not ship follows the system's UI languages in their order of preference (Simplified Chinese gives "zh_CN",
// English or none of the shipped ones gives "en").
QString resolveLanguage(const QString& setting, const QLocale& system = QLocale::system());

// The resource path of the studio's compiled translation for a language ("" for "en", which needs none).
QString translationResource(const QString& language);

// Installs the translators for the stored choice on the application (the studio's strings and Qt's own
// qtbase_<language>.qm when Qt's translations are installed), replacing those of an earlier call, and returns the
// language now shown. Call after the application's organisation and name are set and before any window is made.
QString installTranslators();

// The language installed by the last installTranslators() ("en" before any call).
QString installedLanguage();

// A "Language" submenu: System / English / 简体中文, the stored choice checked. Choosing an entry stores it and
// tells the user, in the current and in the chosen language, that it applies the next time the studio starts.
QMenu* createLanguageMenu(QWidget* parent);

// Adds the Language submenu at the end of the window's Settings menu (objectName "settingsMenu") or, without one,
// of its View menu ("viewMenu"). Returns the submenu, or nullptr when the window has neither menu.
QMenu* addLanguageMenu(QWidget* window);

}  // namespace milr
