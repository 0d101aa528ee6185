// Every choice the main window keeps between sessions, in QSettings (the application's organisation and name): the
// run settings, window geometry, splitters, overlay layers, research plots, compare mode and arrangement,
// presentation pace and auto-play, and the recent prompts and model folders.
#pragma once
#include "app/studio/settings_store.h"

namespace Ui {
class MainWindow;
}

namespace milr {

class MainWindow;
class PresentationMode;
class RecentMenus;

class WindowState {
public:
    WindowState(MainWindow* window, Ui::MainWindow* ui, RecentMenus* recent, PresentationMode* presentation)
        : m_window(window), m_ui(ui), m_recent(recent), m_presentation(presentation) {}

    // Reads the settings file into the window (and remembers what it read, for save).
    void restore();
    // Writes back only what this window changed since it read the file, and merges the recent lists: another window
    // of the studio closed before this one keeps its changes (SettingsStore).
    void save();

private:
    MainWindow* m_window;
    Ui::MainWindow* m_ui;
    RecentMenus* m_recent;
    PresentationMode* m_presentation;
    SettingsStore m_store;
};

// Makes `window` no larger than its screen's free area (as far as its layout allows) and moves it onto it.
void fit_into_screen(QWidget* window);

}  // namespace milr
