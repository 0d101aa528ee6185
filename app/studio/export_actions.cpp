// Export, save and open for MILR Studio: the studio's settings mapped to and from the run metadata of PNGs, the step
// model to and from trajectory folders, contact sheets and videos through the Qt-free core, dialogs and drops.
#include "app/studio/export_actions.h"

#include "core/session/run_metadata.h"
#include "core/session/trajectory.h"
#include "core/session/trajectory_export.h"

#include <QAbstractButton>
#include <QAction>
#include <QDateTime>
#include <QDir>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QInputDialog>
#include <QMenu>
#include <QMessageBox>
#include <QMimeData>
#include <QUrl>

#include <optional>

#include "app/studio/carried_run.h"
#include "app/studio/engine_controller.h"
#include "app/studio/main_window.h"
#include "app/studio/run_progress.h"
#include "widgets/step_model.h"

namespace milr {

// The run that the steps on show come from.
struct ExportActions::ShownRun {
    Trajectory run;         // options, model, reward and outcome; the records are the step model's
    int returnedStep = -1;  // of an opened trajectory
    bool fromFile = false;
    std::optional<RunDescription> description;  // the studio's settings of the run (none for an opened trajectory)
};

namespace {

std::filesystem::path fs_path(const QString& path) {
    return std::filesystem::path(QFile::encodeName(path).toStdString());
}
QString q_path(const std::filesystem::path& path) {
    return QFile::decodeName(QByteArray::fromStdString(path.string()));
}

// The engine's options for the studio's settings, clamped as the engine runs them, with the given metadata.
MilrOptions options_of(const RunDescription& input) {
    MilrOptions o = clamped(input).milr;
    if (input.reward.metadata_given) {
        const nlohmann::json given = nlohmann::json::parse(input.reward.metadata_json, nullptr, false);
        if (!given.is_discarded()) o.metadata = given;
    }
    return o;
}

std::string model_name_of(const RunDescription& s) {
    return s.model.folder.empty() ? std::string("embedded-model") : s.model.folder;
}

// The run the steps on show come from, when it is the one the settings describe.
ExportActions::ShownRun shown_run_of(const RunDescription& settings) {
    ExportActions::ShownRun shown;
    shown.run.options = options_of(settings);
    shown.run.model = model_name_of(settings);
    shown.run.reward = reward_kind_name(settings.reward.kind);
    shown.description = settings;
    return shown;
}

QString dropped_path(const QMimeData* mime) {
    if (!mime || !mime->hasUrls() || mime->urls().size() != 1) return {};
    const QUrl url = mime->urls().front();
    return url.isLocalFile() ? url.toLocalFile() : QString();
}

}  // namespace

ExportActions::ExportActions(MainWindow* window) : QObject(window), m_window(window) {
    addActions();
    StepModel* model = m_window->stepModel();
    connect(model, &StepModel::recordAppended, this, &ExportActions::updateEnabled);
    connect(model, &StepModel::selectionChanged, this, &ExportActions::updateEnabled);
    connect(model, &StepModel::cleared, this, &ExportActions::onModelCleared);
    connect(m_window->controller(), &EngineController::runStarted, this, &ExportActions::onRunStarted);
    connect(m_window->controller(), &EngineController::busyChanged, this, &ExportActions::updateEnabled);
    m_window->setAcceptDrops(true);
    m_window->installEventFilter(this);
    updateEnabled();
}

ExportActions::~ExportActions() = default;

void ExportActions::addActions() {
    QMenu* menu = m_window->fileMenu();
    QAction* before = nullptr;  // the actions go after the first group (Open model folder), or at the end
    if (menu)
        for (QAction* action : menu->actions())
            if (action->isSeparator()) {
                before = action;
                break;
            }
    if (menu) menu->insertSeparator(before);
    m_openImageAction =
        addAction(menu, before, "openImageAction", tr("Open &image…"), QKeySequence(), &ExportActions::chooseOpenImage);
    m_openTrajectoryAction =
        addAction(menu, before, "openTrajectoryAction", tr("Open &trajectory…"),
                  QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O), &ExportActions::chooseOpenTrajectory);
    if (menu) menu->insertSeparator(before);
    m_exportImageAction = addAction(menu, before, "exportImageAction", tr("&Export image…"), QKeySequence::Save,
                                    &ExportActions::chooseExportImage);
    m_saveTrajectoryAction = addAction(menu, before, "saveTrajectoryAction", tr("Save t&rajectory…"),
                                       QKeySequence::SaveAs, &ExportActions::chooseSaveTrajectory);
    m_contactSheetAction = addAction(menu, before, "exportContactSheetAction", tr("Export &contact sheet…"),
                                     QKeySequence(), &ExportActions::chooseExportContactSheet);
    m_videoAction = addAction(menu, before, "exportVideoAction", tr("Export &video…"), QKeySequence(),
                              &ExportActions::chooseExportVideo);
    m_csvAction = addAction(menu, before, "exportStepsCsvAction", tr("Export steps as C&SV…"), QKeySequence(),
                            &ExportActions::chooseExportStepsCsv);
}

QAction* ExportActions::addAction(QMenu* menu, QAction* before, const char* name, const QString& text,
                                  const QKeySequence& shortcut, void (ExportActions::*slot)()) {
    auto* action = new QAction(text, m_window);
    action->setObjectName(QLatin1String(name));
    action->setShortcut(shortcut);
    if (menu) menu->insertAction(before, action);
    m_window->addAction(action);  // shortcuts work with the menu bar hidden too
    connect(action, &QAction::triggered, this, slot);
    return action;
}

void ExportActions::updateEnabled() {
    const StepModel* model = m_window->stepModel();
    m_exportImageAction->setEnabled(model->selectedRecord() != nullptr);
    for (QAction* action : {m_saveTrajectoryAction, m_contactSheetAction, m_videoAction, m_csvAction})
        action->setEnabled(!model->isEmpty());
    m_openTrajectoryAction->setEnabled(!m_window->isRunning());
}

void ExportActions::onRunStarted() {
    m_startedSettings = m_window->runDescription();
    m_runStarted = true;
}

void ExportActions::onModelCleared() {
    // The window clears the steps when a run's first step arrives: they come from the run that started last.
    if (!m_filling) {
        if (m_runStarted) {
            m_shown = std::make_unique<ShownRun>(shown_run_of(m_startedSettings));
        } else {
            m_shown.reset();
        }
    }
    updateEnabled();
}

// ---- the work ----

bool ExportActions::fail(const QString& what, const std::exception& error) {
    return fail(what + QStringLiteral("\n\n") + QString::fromStdString(error.what()));
}

bool ExportActions::fail(const QString& message) {
    m_lastError = message;
    return false;
}

ExportActions::ShownRun ExportActions::shownRun() const {
    if (m_shown) return *m_shown;
    return shown_run_of(m_window->runDescription());
}

Trajectory ExportActions::trajectoryOnShow() const {
    const StepModel* model = m_window->stepModel();
    const ShownRun shown = shownRun();
    Trajectory t = shown.run;
    t.records = model->records();
    if (shown.fromFile)
        t.returned_index = model->indexOfStep(shown.returnedStep);
    else
        t.returned_index = t.options.returned_image == ReturnedImage::best ? model->bestIndex() : model->count() - 1;
    return t;
}

bool ExportActions::exportImage(const QString& path, int scale, Resampling resampling) {
    const StepRecord* record = m_window->stepModel()->selectedRecord();
    if (!record || record->image.empty())
        return fail(tr("There is no image on show to export: run, or open a trajectory, first."));
    const ShownRun shown = shownRun();
    RunMetadata metadata = run_metadata_of(shown.run.options, shown.run.model, shown.run.reward, *record);
    if (shown.description) {
        metadata.run.reward = shown.description->reward;
        metadata.run.model = shown.description->model;
        metadata.records_specs = true;
    }
    try {
        write_run_png(fs_path(path), upscaled(record->image, scale, resampling), metadata);
    } catch (const std::exception& e) {
        return fail(tr("The image was not exported."), e);
    }
    m_lastWrittenPath = path;
    return true;
}

bool ExportActions::saveTrajectory(const QString& folder) {
    if (m_window->stepModel()->isEmpty())
        return fail(tr("There are no steps to save: run, or open a trajectory, first."));
    const QFileInfo info(folder);
    if (info.exists() && !info.isDir()) return fail(tr("%1 is a file; a trajectory is saved as a folder.").arg(folder));
    if (info.isDir() && !QDir(folder).isEmpty() &&
        !QFileInfo(QDir(folder).filePath(QLatin1String(kTrajectoryFile))).isFile())
        return fail(tr("%1 is not empty and holds no trajectory: choose a new or empty folder.").arg(folder));
    try {
        write_trajectory(fs_path(folder), trajectoryOnShow());
    } catch (const std::exception& e) {
        return fail(tr("The trajectory was not saved (or only in part)."), e);
    }
    m_lastWrittenPath = folder;
    m_lastNotice.clear();
    // The other run of the same prompt (Best-of-N beside MILR, or the reverse) goes beside it, named by its mode.
    const StepModel* other = m_window->otherStepModel();
    if (other && !other->isEmpty()) {
        Trajectory pair = trajectoryOnShow();
        pair.records = other->records();
        pair.options.mode = mode_from_name(other->record(0).mode);
        pair.returned_index = other->bestIndex();
        pair.reached_threshold = false;
        pair.cancelled = false;
        pair.error.clear();
        const QString sibling = folder + QLatin1Char('-') + QString::fromStdString(other->record(0).mode);
        const QFileInfo siblingInfo(sibling);
        if (siblingInfo.exists() && !QFileInfo(QDir(sibling).filePath(QLatin1String(kTrajectoryFile))).isFile() &&
            !(siblingInfo.isDir() && QDir(sibling).isEmpty()))
            return fail(tr("The run on show was saved in %1; the other run was not, as %2 exists and holds no "
                           "trajectory.")
                            .arg(folder, sibling));
        try {
            write_trajectory(fs_path(sibling), pair);
        } catch (const std::exception& e) {
            return fail(tr("The run on show was saved in %1; the other run was not.").arg(folder), e);
        }
        m_lastNotice = tr("The other run of the prompt was saved beside it, in %1.").arg(sibling);
    }
    return true;
}

bool ExportActions::openTrajectory(const QString& folder) {
    if (m_window->isRunning()) return fail(tr("A run is going: stop it before opening a trajectory."));
    Trajectory trajectory;
    try {
        trajectory = read_trajectory(fs_path(folder));
    } catch (const std::exception& e) {
        return fail(tr("The trajectory could not be opened."), e);
    }
    if (trajectory.records.empty()) return fail(tr("%1 holds a trajectory without any step.").arg(folder));
    // Its prompt and run parameters replace those on show (the reward and the model stay: a folder names neither
    // as settings), so Step once and the captions speak of the run on show.
    RunDescription settings = m_window->runDescription();
    settings.milr = trajectory.options;
    settings.milr.metadata = nullptr;
    m_window->setRunDescription(settings);
    const int returnedStep =
        trajectory.returned_index >= 0 ? trajectory.records[static_cast<size_t>(trajectory.returned_index)].step : -1;
    const int steps = static_cast<int>(trajectory.records.size());
    std::vector<StepRecord> records = std::move(trajectory.records);
    trajectory.records.clear();
    showOpened(records, trajectory.options, returnedStep);
    m_shown->run = std::move(trajectory);
    m_window->showNotice(tr("Opened the trajectory %1: %2 of “%3”.")
                             .arg(QFileInfo(folder).fileName(), steps_text(steps), qs(m_shown->run.options.prompt)));
    return true;
}

void ExportActions::showOpened(const std::vector<StepRecord>& records, const MilrOptions& options, int selectedStep) {
    auto shown = std::make_unique<ShownRun>();
    shown->fromFile = true;
    shown->returnedStep = selectedStep;
    shown->run.options = options;
    StepModel* model = m_window->stepModel();
    m_window->beginOpenedRun(records.front(), qs(options.prompt));
    m_filling = true;
    model->clear();
    for (const StepRecord& record : records) model->appendRecord(record);
    m_filling = false;
    if (selectedStep >= 0) model->selectStep(selectedStep);
    m_shown = std::move(shown);
    updateEnabled();
}

bool ExportActions::openImage(const QString& path) {
    if (m_window->isRunning()) return fail(tr("A run is going: stop it before opening an image."));
    RunMetadata metadata;
    StepRecord record;
    try {
        metadata = read_run_png(fs_path(path), &record.image);
    } catch (const std::exception& e) {
        return fail(tr("The image's parameters could not be read."), e);
    }
    // The file's run parameters are taken; a reward program or a model folder it names runs or loads only when the
    // user says so here, and only then reaches the settings (and so the settings file).
    const QFileInfo file(path);
    const CarriedRun carried = carried_run_of(metadata, m_window->runDescription(), file.absolutePath());
    m_window->setRunDescription(carried.parameters);
    // The image is shown as what it is: one step of a run, with its reward (its reasoning is not in the file).
    record.step = metadata.step;
    record.reward = metadata.reward_value;
    record.mode = mode_name(metadata.run.milr.mode);
    record.seed = metadata.run.milr.seed;
    showOpened({record}, metadata.run.milr, record.step);
    QStringList notes{tr("Opened %1: step %2 of a run of “%3”, reward %4; its prompt and run parameters are restored.")
                          .arg(file.fileName())
                          .arg(record.step)
                          .arg(qs(metadata.run.milr.prompt))
                          .arg(record.reward, 0, 'f', 3)};
    if (carried.offersCommand()) {
        if (confirmCarriedCommand(carried.externalCommand, file.fileName()))
            m_window->setRunDescription(with_external_command(m_window->runDescription(), carried));
        else
            notes << tr("Its reward program was not taken: %1").arg(carried.externalCommand);
    }
    if (carried.offersModelFolder()) {
        if (carried.modelFolderResolved.isEmpty())
            notes << tr("It was made with the model folder %1, which is not on this machine; the model chosen now is "
                        "kept.")
                         .arg(carried.modelFolderAsWritten);
        else if (!m_window->chooseModelFolder(
                     carried.modelFolderResolved,
                     tr("The image %1 was made with the model in this folder (written in the file as %2).")
                         .arg(file.fileName(), carried.modelFolderAsWritten)))
            notes << tr("Its model folder was not taken: %1").arg(carried.modelFolderResolved);
    }
    m_window->showNotice(notes.join(QLatin1Char('\n')));
    return true;
}

bool ExportActions::confirmCarriedCommand(const QString& command, const QString& fileName) {
    QMessageBox box(QMessageBox::Warning, tr("Open image"),
                    tr("%1 names a program to run as the reward, once for every image:").arg(fileName),
                    QMessageBox::Yes | QMessageBox::No, m_window);
    box.setObjectName(QStringLiteral("carriedCommandBox"));
    box.setInformativeText(
        tr("%1\n\nThe program runs with your rights. Use it only if you know and trust it; otherwise the "
           "image's other settings are restored and your reward stays.")
            .arg(command));
    box.button(QMessageBox::Yes)->setText(tr("Run this program as the reward"));
    box.button(QMessageBox::No)->setText(tr("Keep my reward"));
    box.setDefaultButton(QMessageBox::No);
    box.setEscapeButton(QMessageBox::No);
    return box.exec() == QMessageBox::Yes;
}

bool ExportActions::exportContactSheet(const QString& path) {
    if (m_window->stepModel()->isEmpty())
        return fail(tr("There are no steps for a contact sheet: run, or open a trajectory, first."));
    try {
        write_contact_sheet(fs_path(path), trajectoryOnShow());
    } catch (const std::exception& e) {
        return fail(tr("The contact sheet was not exported."), e);
    }
    m_lastWrittenPath = path;
    return true;
}

bool ExportActions::exportVideo(const QString& path, double secondsPerStep, int scale, Resampling resampling) {
    if (m_window->stepModel()->isEmpty())
        return fail(tr("There are no steps for a video: run, or open a trajectory, first."));
    const Trajectory shown = trajectoryOnShow();
    VideoOptions options;
    options.seconds_per_step = secondsPerStep;
    options.scale = scale;
    options.resampling = resampling;
    options.title = shown.options.prompt;
    options.subtitle = settings_caption(shown.options);
    try {
        const VideoResult result = write_trajectory_video(fs_path(path), m_window->stepModel()->records(), options);
        m_lastWrittenPath = q_path(result.path);
        m_lastNotice = result.fallback.empty()
            ? QString()
            : tr("The video was written as %1: %2.")
                  .arg(QFileInfo(m_lastWrittenPath).fileName(), QString::fromStdString(result.fallback));
    } catch (const std::exception& e) {
        return fail(tr("The video was not exported."), e);
    }
    return true;
}

bool ExportActions::exportStepsCsv(const QString& path) {
    if (m_window->stepModel()->isEmpty())
        return fail(tr("There are no steps to export: run, or open a trajectory, first."));
    try {
        write_steps_csv(fs_path(path), m_window->stepModel()->records());
    } catch (const std::exception& e) {
        return fail(tr("The steps were not exported."), e);
    }
    m_lastWrittenPath = path;
    return true;
}

bool ExportActions::canOpen(const QString& path) {
    const QFileInfo info(path);
    if (info.isDir()) return QFileInfo(QDir(path).filePath(QLatin1String(kTrajectoryFile))).isFile();
    return info.isFile() && info.suffix().compare(QLatin1String("png"), Qt::CaseInsensitive) == 0;
}

bool ExportActions::openPath(const QString& path) {
    if (!canOpen(path)) return fail(tr("%1 is neither a PNG image nor a trajectory folder.").arg(path));
    return QFileInfo(path).isDir() ? openTrajectory(path) : openImage(path);
}

// ---- dialogs and drops ----

void ExportActions::reportFailure(const QString& title) {
    // Window-modal and not blocking: the window keeps its state and repaints behind it.
    auto* box = new QMessageBox(QMessageBox::Warning, title, m_lastError, QMessageBox::Ok, m_window);
    box->setObjectName(QStringLiteral("exportErrorBox"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

void ExportActions::rememberFolder(const QString& path) { m_lastFolder = QFileInfo(path).absolutePath(); }

QString ExportActions::askSavePath(const QString& title, const QString& suggestedName, const QString& filter) {
    const QString start = m_lastFolder.isEmpty() ? suggestedName : QDir(m_lastFolder).filePath(suggestedName);
    const QString path = QFileDialog::getSaveFileName(m_window, title, start, filter);
    if (!path.isEmpty()) rememberFolder(path);
    return path;
}

bool ExportActions::askScale(const QString& title, int width, int& scale, Resampling& resampling) {
    QStringList items;
    QList<std::pair<int, Resampling>> choices;
    for (int factor : {1, 2, 4, 8}) {
        for (Resampling r : {Resampling::nearest, Resampling::smooth}) {
            if (factor == 1 && r == Resampling::smooth) continue;  // nothing to resample
            const QString how = r == Resampling::nearest ? tr("nearest: crisp token cells") : tr("smooth (bicubic)");
            items << (factor == 1 ? tr("1x, as drawn (%1 px)").arg(width)
                                  : tr("%1x, %2 (%3 px)").arg(factor).arg(how).arg(width * factor));
            choices.append({factor, r});
        }
    }
    bool ok = false;
    // 4x nearest by default: a slide-sized picture whose token cells stay sharp.
    const QString chosen =
        QInputDialog::getItem(m_window, title, tr("Size of the exported image:"), items, 3, false, &ok);
    if (!ok) return false;
    const auto choice = choices.value(static_cast<int>(items.indexOf(chosen)), {1, Resampling::nearest});
    scale = choice.first;
    resampling = choice.second;
    return true;
}

void ExportActions::chooseExportImage() {
    const StepRecord* record = m_window->stepModel()->selectedRecord();
    const QString name = QString::fromStdString(step_image_name(record ? record->step : 0));
    QString path = askSavePath(tr("Export image"), name, tr("PNG images (*.png)"));
    if (path.isEmpty()) return;
    if (QFileInfo(path).suffix().isEmpty()) path += QLatin1String(".png");
    int scale = 1;
    Resampling resampling = Resampling::nearest;
    if (!askScale(tr("Export image"), record ? record->image.width : 0, scale, resampling)) return;
    if (!exportImage(path, scale, resampling)) reportFailure(tr("Export image"));
}

void ExportActions::chooseSaveTrajectory() {
    const QString name =
        QStringLiteral("milr-run-") + QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmmss"));
    const QString folder = askSavePath(tr("Save trajectory (a new folder)"), name, QString());
    if (folder.isEmpty()) return;
    if (!saveTrajectory(folder))
        reportFailure(tr("Save trajectory"));
    else if (!m_lastNotice.isEmpty())
        m_window->showNotice(m_lastNotice);
}

void ExportActions::chooseOpenTrajectory() {
    const QString folder = QFileDialog::getExistingDirectory(m_window, tr("Open trajectory folder"), m_lastFolder);
    if (folder.isEmpty()) return;
    m_lastFolder = folder;
    if (!openTrajectory(folder)) reportFailure(tr("Open trajectory"));
}

void ExportActions::chooseOpenImage() {
    const QString path =
        QFileDialog::getOpenFileName(m_window, tr("Open image"), m_lastFolder, tr("PNG images (*.png)"));
    if (path.isEmpty()) return;
    rememberFolder(path);
    if (!openImage(path)) reportFailure(tr("Open image"));
}

void ExportActions::chooseExportContactSheet() {
    const QString path =
        askSavePath(tr("Export contact sheet"), QStringLiteral("contact-sheet.png"), tr("PNG images (*.png)"));
    if (!path.isEmpty() && !exportContactSheet(path)) reportFailure(tr("Export contact sheet"));
}

void ExportActions::chooseExportVideo() {
    bool ok = false;
    const double seconds = QInputDialog::getDouble(m_window, tr("Export video"),
                                                   tr("Seconds each step stays on screen:"), 0.5, 0.05, 60.0, 2, &ok);
    if (!ok) return;
    const QString path = askSavePath(tr("Export video"), QStringLiteral("trajectory.mp4"),
                                     tr("MP4 video, H.264 (*.mp4);;Motion JPEG video (*.avi)"));
    if (path.isEmpty()) return;
    const StepRecord* record = m_window->stepModel()->selectedRecord();
    int scale = 1;
    Resampling resampling = Resampling::nearest;
    if (!askScale(tr("Export video"), record ? record->image.width : 0, scale, resampling)) return;
    if (!exportVideo(path, seconds, scale, resampling))
        reportFailure(tr("Export video"));
    else if (!m_lastNotice.isEmpty())
        m_window->showNotice(m_lastNotice);
}

void ExportActions::chooseExportStepsCsv() {
    QString path = askSavePath(tr("Export steps as CSV"), QStringLiteral("steps.csv"), tr("CSV files (*.csv)"));
    if (path.isEmpty()) return;
    if (QFileInfo(path).suffix().isEmpty()) path += QLatin1String(".csv");
    if (!exportStepsCsv(path)) reportFailure(tr("Export steps as CSV"));
}

bool ExportActions::eventFilter(QObject* watched, QEvent* event) {
    if (watched == m_window) {
        switch (event->type()) {
            case QEvent::DragEnter:
            case QEvent::DragMove: {
                auto* drag = static_cast<QDragMoveEvent*>(event);
                if (canOpen(dropped_path(drag->mimeData()))) {
                    drag->acceptProposedAction();
                    return true;
                }
                break;
            }
            case QEvent::Drop: {
                auto* drop = static_cast<QDropEvent*>(event);
                const QString path = dropped_path(drop->mimeData());
                if (canOpen(path)) {
                    drop->acceptProposedAction();
                    if (!openPath(path)) reportFailure(tr("Open"));
                    return true;
                }
                break;
            }
            default:
                break;
        }
    }
    return QObject::eventFilter(watched, event);
}

}  // namespace milr
