// File > Models on this machine: the Janus-family snapshots in the Hugging Face Hub cache (fetched here or by the
// Hub's own tools) and the folders opened before, read in the background each time the menu opens.
#pragma once
#include <QFutureWatcher>
#include <QObject>
#include <QStringList>

#include <functional>
#include <vector>

#include "core/session/model_catalog.h"

class QMenu;

namespace milr {

class MachineModelsMenu : public QObject {
    Q_OBJECT
public:
    // Fills `menu` when it is about to show; `openedFolders` gives the folders opened before, most recent first.
    MachineModelsMenu(QMenu* menu, std::function<QStringList()> openedFolders, QObject* parent);

    // Reads the cache and the folders now (on a worker thread); modelsRead() says when the menu holds them.
    void refresh();
    const std::vector<KnownModel>& models() const { return m_models; }

signals:
    void modelFolderChosen(const QString& folder);
    void getModelRequested();
    void modelsRead();

private:
    void rebuild();

    QMenu* m_menu;
    std::function<QStringList()> m_openedFolders;
    QFutureWatcher<std::vector<KnownModel>> m_watcher;
    std::vector<KnownModel> m_models;
    bool m_reading = false;
};

}  // namespace milr
