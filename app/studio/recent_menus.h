// The recent prompts (the menu of the button beside the prompt) and the recent model folders (a File submenu):
// remembered as they are used, kept in the settings, offered back; a folder gone from disk leaves the list.
#pragma once
#include <QObject>
#include <QStringList>

#include "widgets/recent_list.h"

class QMenu;
class QSettings;
class QToolButton;
class QWidget;

namespace milr {

class SettingsStore;

class RecentMenus : public QObject {
    Q_OBJECT
public:
    // Fills `promptsButton`'s menu (made here) and `modelsMenu`; `dialogParent` owns the message about a folder
    // that no longer exists.
    RecentMenus(QToolButton* promptsButton, QMenu* modelsMenu, QWidget* dialogParent);

    // Most recent first. A prompt is remembered when it is run, a model folder when it is chosen.
    QStringList prompts() const { return m_prompts.items(); }
    QStringList modelFolders() const { return m_models.items(); }
    void rememberPrompt(const QString& prompt);
    void rememberModelFolder(const QString& folder);

    // Under the settings' current group ("prompts", "modelFolders"); saving merges with what another window
    // stored since (SettingsStore).
    void load(const QSettings& settings);
    void save(QSettings& settings, SettingsStore& store) const;

signals:
    void promptChosen(const QString& prompt);
    void modelFolderChosen(const QString& folder);  // only a folder that still exists

private:
    void rebuild();

    QToolButton* m_promptsButton;
    QMenu* m_modelsMenu;
    QWidget* m_dialogParent;
    RecentList m_prompts{12};
    RecentList m_models{8};
};

}  // namespace milr
