// The models menu: find_known_models() on a worker thread, one entry per model, incomplete ones greyed with why.
#include "app/studio/machine_models_menu.h"

#include <QMenu>
#include <QtConcurrent/QtConcurrentRun>

#include "core/hub/hub_cache.h"

namespace milr {

namespace {
QString entryText(const KnownModel& model) {
    QString text = QString::fromStdString(model.name);
    if (!model.refs.empty()) text += QStringLiteral(" (%1)").arg(QString::fromStdString(model.refs.front()));
    QStringList facts{QString::fromStdString(byte_size_text(model.bytes))};
    if (!model.precision.empty()) facts << QString::fromStdString(model.precision);
    if (!model.complete) facts << MachineModelsMenu::tr("incomplete");
    return text + QStringLiteral(" — ") + facts.join(QStringLiteral(", "));
}
}  // namespace

MachineModelsMenu::MachineModelsMenu(QMenu* menu, std::function<QStringList()> openedFolders, QObject* parent)
    : QObject(parent), m_menu(menu), m_openedFolders(std::move(openedFolders)) {
    connect(m_menu, &QMenu::aboutToShow, this, &MachineModelsMenu::refresh);
    connect(&m_watcher, &QFutureWatcher<std::vector<KnownModel>>::finished, this, [this] {
        m_reading = false;
        m_models = m_watcher.result();
        rebuild();
        emit modelsRead();
    });
    rebuild();
}

void MachineModelsMenu::refresh() {
    if (m_reading) return;
    m_reading = true;
    std::vector<std::filesystem::path> folders;
    for (const QString& folder : m_openedFolders()) folders.emplace_back(folder.toStdString());
    const std::filesystem::path cache = default_hub_cache_folder();
    m_watcher.setFuture(QtConcurrent::run([cache, folders] { return find_known_models(cache, folders); }));
    rebuild();
}

void MachineModelsMenu::rebuild() {
    m_menu->clear();
    if (m_reading && m_models.empty()) m_menu->addAction(tr("Looking for models…"))->setEnabled(false);
    for (const KnownModel& model : m_models) {
        QAction* action = m_menu->addAction(entryText(model));
        const QString folder = QString::fromStdString(model.folder.string());
        action->setToolTip(model.complete ? folder : QString::fromStdString(model.missing));
        action->setStatusTip(action->toolTip());
        action->setEnabled(model.complete);
        connect(action, &QAction::triggered, this, [this, folder] { emit modelFolderChosen(folder); });
    }
    if (!m_reading && m_models.empty())
        m_menu->addAction(tr("No models in the Hugging Face cache yet"))->setEnabled(false);
    m_menu->setToolTipsVisible(true);
    m_menu->addSeparator();
    connect(m_menu->addAction(tr("&Get a model…")), &QAction::triggered, this, &MachineModelsMenu::getModelRequested);
}

}  // namespace milr
