// The studio's appearance: a theme (the system's, light or dark) and a text size, stored in the settings, applied
// at start-up and at once when chosen from View > Theme and View > Text size.
#pragma once
#include <QString>

class QMenu;
class QWidget;

namespace milr {

enum class Theme { System, Light, Dark };

// The stored choices (System and 100% when none is stored), and storing them.
Theme themeSetting();
void setThemeSetting(Theme theme);
int textSizeSetting();  // percent of the system's font size: one of kTextSizes
void setTextSizeSetting(int percent);
inline constexpr int kTextSizes[] = {90, 100, 115, 130, 150};

// Applies a theme and a text size to the application (the Fusion style with a light or dark palette, or the
// platform's own style and palette for System; the application font scaled from the system's).
void applyAppearance(Theme theme, int textSizePercent);
// Applies the stored choices: call before the first window is made.
void applyStoredAppearance();

// Adds "Theme" and "Text size" submenus at the end of the window's View menu (objectName "viewMenu"); choosing an
// entry stores it and applies it at once. Returns false when the window has no View menu.
bool addAppearanceMenus(QWidget* window);

}  // namespace milr
