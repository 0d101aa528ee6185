// The main window's wiring: form, step model, views, engine controller, Run / Stop / Step once, progress and messages;
// presentation mode, the pairing of runs, recent menus, model folders and settings are delegated to their classes.
#include "app/studio/main_window.h"

#include <QCloseEvent>
#include <QFileDialog>
#include <QMessageBox>
#include <QScrollBar>
#include <QStyle>

#include <algorithm>

#include "app/studio/engine_controller.h"
#include "app/studio/get_model_dialog.h"
#include "app/studio/machine_models_menu.h"
#include "app/studio/model_folders.h"
#include "app/studio/presentation_mode.h"
#include "app/studio/prompt_hint.h"
#include "app/studio/recent_menus.h"
#include "app/studio/run_progress.h"
#include "app/studio/run_strips.h"
#include "app/studio/window_state.h"
#include "ui_mainwindow.h"
#include "widgets/compare_view.h"
#include "widgets/layer_toggles.h"
#include "widgets/shortcuts_dialog.h"
#include "widgets/step_model.h"
#include "widgets/trajectory_player.h"

namespace milr {

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent),
      m_ui(std::make_unique<Ui::MainWindow>()),
      m_model(new StepModel(this)),
      m_controller(new EngineController(this)),
      m_otherModel(new StepModel(this)),
      m_pairing(m_model, m_otherModel),
      m_player(new TrajectoryPlayer(m_model, this)) {
    m_ui->setupUi(this);
    m_ui->runAction->setShortcuts({QKeySequence(Qt::CTRL | Qt::Key_Return), QKeySequence(Qt::CTRL | Qt::Key_Enter)});
    m_recent = new RecentMenus(m_ui->recentPromptsButton, m_ui->recentModelsMenu, this);
    m_layers =
        new LayerToggles(m_ui->imageView, m_ui->gridCheck, m_ui->prefixCheck, m_ui->initialCheck, m_ui->previousCheck);
    m_presentation = new PresentationMode(this, m_ui.get(), m_model, m_player, m_layers);
    m_state = std::make_unique<WindowState>(this, m_ui.get(), m_recent, m_presentation);
    m_folders = new ModelFolders(this);
    m_machineModels = new MachineModelsMenu(
        m_ui->machineModelsMenu, [this] { return m_recent->modelFolders(); }, this);
    connect(m_folders, &ModelFolders::folderDescribed, this, &MainWindow::onSettingsEdited);
    m_promptHint = new PromptHint(m_ui->promptEdit, m_ui->promptHintLabel);
    // The window's own actions also belong to the window itself, so their shortcuts work while the menu bar is
    // hidden (presentation mode).
    addActions({m_ui->openModelAction, m_ui->quitAction, m_ui->runAction, m_ui->stopAction, m_ui->stepAction,
                m_ui->followLatestAction, m_ui->researchAction, m_ui->compareAction, m_ui->presentAction,
                m_ui->autoPlayAction, m_ui->shortcutsAction, m_ui->aboutAction});
    m_ui->runButton->setIcon(style()->standardIcon(QStyle::SP_MediaPlay));
    m_ui->stopButton->setIcon(style()->standardIcon(QStyle::SP_MediaStop));
    m_ui->stepButton->setIcon(style()->standardIcon(QStyle::SP_MediaSkipForward));
    m_ui->controlsWidget->installEventFilter(this);
    fitControlsColumn();
    m_ui->mainSplitter->setStretchFactor(0, 0);
    m_ui->mainSplitter->setStretchFactor(1, 1);
    m_ui->mainSplitter->setSizes({360, 1040});
    m_ui->topSplitter->setSizes({560, 480});
    m_ui->viewSplitter->setSizes({600, 200});
    m_ui->plotSplitter->setSizes({250, 130, 240});
    connectViews();
    connectActions();
    setCompareMode(false);
    m_strips->update();
}

MainWindow::~MainWindow() = default;

ImageView* MainWindow::imageView() const { return m_ui->imageView; }
RewardPlot* MainWindow::rewardPlot() const { return m_ui->rewardPlot; }
ReasoningView* MainWindow::reasoningView() const { return m_ui->reasoningView; }
ResearchPanel* MainWindow::researchPanel() const { return m_ui->researchPanel; }
ParameterPanel* MainWindow::parameterPanel() const { return m_ui->parameterPanel; }
TimelineStrip* MainWindow::timeline() const { return m_ui->timeline; }
TimelineStrip* MainWindow::otherTimeline() const { return m_ui->otherTimeline; }
CompareView* MainWindow::compareView() const { return m_ui->compareView; }
QMenu* MainWindow::fileMenu() const { return m_ui->fileMenu; }
QMenu* MainWindow::runMenu() const { return m_ui->runMenu; }
bool MainWindow::isCompareMode() const { return m_ui->compareAction->isChecked(); }
bool MainWindow::isRunning() const { return m_controller->isBusy(); }
QString MainWindow::promptHint() const { return m_promptHint->hintText(); }
QString MainWindow::message() const { return m_ui->messageLabel->isHidden() ? QString() : m_ui->messageLabel->text(); }

void MainWindow::connectViews() {
    m_ui->imageView->setModel(m_model);
    m_ui->rewardPlot->setModel(m_model);
    m_ui->rewardBreakdown->setModel(m_model);
    m_ui->rewardPlot->setOtherModel(m_otherModel);
    m_ui->reasoningView->setModel(m_model);
    m_ui->researchPanel->setModel(m_model);
    m_ui->compareView->setModels(m_model, m_otherModel);
    m_strips = new RunStrips(m_model, m_otherModel,
                             {m_ui->timeline, m_ui->timelineLabel, m_ui->otherTimeline, m_ui->otherTimelineLabel,
                              m_ui->compareView, m_ui->compareAction},
                             this);
    connect(m_ui->rewardPlot, &RewardPlot::stepSelected, m_model, &StepModel::selectStep);
    connect(m_model, &StepModel::recordAppended, this, &MainWindow::updatePresentationCaption);
    connect(m_model, &StepModel::selectionChanged, this, &MainWindow::updatePresentationCaption);
}

void MainWindow::connectActions() {
    connect(m_ui->runButton, &QPushButton::clicked, this, &MainWindow::startRun);
    connect(m_ui->runAction, &QAction::triggered, this, &MainWindow::startRun);
    connect(m_ui->stopButton, &QPushButton::clicked, this, &MainWindow::stopRun);
    connect(m_ui->stopAction, &QAction::triggered, this, &MainWindow::onEscape);
    connect(m_ui->stepButton, &QPushButton::clicked, this, &MainWindow::stepOnce);
    connect(m_ui->stepAction, &QAction::triggered, this, &MainWindow::stepOnce);
    connect(m_ui->openModelAction, &QAction::triggered, this, &MainWindow::openModelFolder);
    connect(m_ui->parameterPanel, &ParameterPanel::openModelFolderRequested, this, &MainWindow::openModelFolder);
    connect(m_ui->quitAction, &QAction::triggered, this, &QWidget::close);
    connect(m_ui->followLatestAction, &QAction::triggered, m_model, &StepModel::followLatest);
    connect(m_ui->researchAction, &QAction::toggled, m_ui->researchPanel, &QWidget::setVisible);
    connect(m_presentation, &PresentationMode::activeChanged, this, [this](bool on) {
        setCompareMode(isCompareMode());  // the overlay toggles: hidden while presenting
        m_ui->stopAction->setEnabled(isRunning() || on);
        updatePlayer();
        updatePresentationCaption();
    });
    connect(m_recent, &RecentMenus::promptChosen, this, [this](const QString& prompt) {
        m_ui->promptEdit->setPlainText(prompt);
        m_ui->promptEdit->setFocus();
    });
    connect(m_recent, &RecentMenus::modelFolderChosen, this,
            [this](const QString& folder) { chooseModelFolder(folder); });
    connect(m_machineModels, &MachineModelsMenu::modelFolderChosen, this,
            [this](const QString& folder) { chooseModelFolder(folder); });
    connect(m_machineModels, &MachineModelsMenu::getModelRequested, this, &MainWindow::showGetModelDialog);
    connect(m_ui->getModelAction, &QAction::triggered, this, &MainWindow::showGetModelDialog);
    connect(m_ui->compareAction, &QAction::toggled, this, &MainWindow::setCompareMode);
    connect(m_ui->autoPlayAction, &QAction::toggled, this, &MainWindow::updatePlayer);
    connect(m_ui->shortcutsAction, &QAction::triggered, this, &MainWindow::showShortcuts);
    connect(m_ui->aboutAction, &QAction::triggered, this, &MainWindow::showAbout);
    connect(m_ui->parameterPanel, &ParameterPanel::settingsChanged, this, &MainWindow::onSettingsEdited);

    connect(m_controller, &EngineController::runStarted, this, &MainWindow::onRunStarted);
    connect(m_controller, &EngineController::recordReady, this, &MainWindow::onRecord);
    connect(m_controller, &EngineController::progressed, this, &MainWindow::onProgress);
    connect(m_controller, &EngineController::runFinished, this, &MainWindow::onRunFinished);
    connect(m_controller, &EngineController::busyChanged, this, &MainWindow::onBusyChanged);
}

RunDescription MainWindow::runDescription() const {
    RunDescription settings = m_ui->parameterPanel->settings();
    settings.milr.prompt = m_ui->promptEdit->toPlainText().trimmed().toStdString();
    return settings;
}

void MainWindow::setRunDescription(const RunDescription& settings) {
    m_ui->parameterPanel->setSettings(settings);
    m_ui->promptEdit->setPlainText(qs(settings.milr.prompt));
}

void MainWindow::startRun() { submit(false); }
void MainWindow::stepOnce() { submit(true); }

void MainWindow::submit(bool stepOnce) {
    const RunDescription settings = runDescription();
    if (settings.milr.prompt.empty()) {
        showMessage(tr("Write a prompt first."), true);
        m_ui->promptEdit->setFocus();
        return;
    }
    const QString unavailable = m_folders->rewardUnavailableReason(settings, ModelFolders::Lookup::Wait);
    if (!unavailable.isEmpty()) {
        showMessage(unavailable, true);
        m_rewardNoticeShown = true;
        return;
    }
    const bool continues = m_stepsRun && same_trajectory(*m_stepsRun, settings);
    if (stepOnce && !m_model->isEmpty() && !continues && !confirmFreshStart()) return;
    hideMessage();
    rememberPrompt(qs(settings.milr.prompt));
    if (!stepOnce || !continues) m_stepsRun = settings;
    m_runLastStep =
        stepOnce ? (m_model->isEmpty() ? 0 : m_model->record(m_model->count() - 1).step + 1) : settings.milr.steps;
    if (stepOnce)
        m_controller->stepOnce(settings);
    else
        m_controller->run(settings);
}

bool MainWindow::confirmFreshStart() {
    // One more step continues the steps on show only with the settings that made them (the engine replays them).
    QMessageBox box(QMessageBox::Question, tr("Step once"),
                    tr("The settings (or the prompt) changed since the steps on show were made, so one more step "
                       "cannot continue them. Start a new run from step 0 with the settings now?"),
                    QMessageBox::Yes | QMessageBox::Cancel, this);
    box.setObjectName(QStringLiteral("stepAnewBox"));
    box.button(QMessageBox::Yes)->setText(tr("Start anew"));
    return box.exec() == QMessageBox::Yes;
}

void MainWindow::stopRun() {
    if (!m_controller->isBusy()) return;
    m_ui->phaseLabel->setText(tr("Stopping…"));
    m_controller->stop();
}

void MainWindow::onRunStarted(bool stepOnce) {
    // A full run starts a new trajectory; a single step continues the one on show.
    m_replaceOnNextRecord = !stepOnce;
    m_recordsThisRun = 0;
    // The prompt in the box when the request starts (runStarted comes from submit, or when a restart begins).
    m_pairing.runStarting(qs(runDescription().milr.prompt));
    m_ui->progressBar->setValue(0);
    m_ui->etaLabel->clear();
    m_ui->phaseLabel->setText(tr("Starting…"));
}

void MainWindow::onRecord(const StepRecord& record) {
    ++m_recordsThisRun;
    // A step 0 always begins a trajectory (Step once without a matching held trajectory starts afresh).
    if (m_replaceOnNextRecord || record.step == 0) {
        m_replaceOnNextRecord = false;
        m_pairing.trajectoryBegins(record);
        m_model->clear();
        m_promptHint->setShownPrompt(m_pairing.shownPrompt());
    }
    m_model->appendRecord(record);
}

void MainWindow::beginOpenedRun(const StepRecord& firstRecord, const QString& prompt) {
    m_pairing.runStarting(prompt);
    m_pairing.trajectoryBegins(firstRecord);
    m_promptHint->setShownPrompt(prompt);
    m_stepsRun.reset();  // made elsewhere: Step once starts anew (after asking)
}

void MainWindow::onProgress(double fraction, RunPhase phase, double etaSeconds) {
    m_ui->progressBar->setValue(static_cast<int>(std::clamp(fraction, 0.0, 1.0) * m_ui->progressBar->maximum()));
    m_ui->phaseLabel->setText(phase_title(phase));
    const QString eta = format_eta(etaSeconds);
    m_ui->etaLabel->setText(eta.isEmpty() ? QString() : tr("%1 left").arg(eta));
}

void MainWindow::onRunFinished(RunOutcome outcome, const QString& message) {
    m_replaceOnNextRecord = false;
    m_ui->etaLabel->clear();
    const int steps = m_model->count();
    switch (outcome) {
        case RunOutcome::Completed:
            m_ui->progressBar->setValue(m_ui->progressBar->maximum());
            m_ui->phaseLabel->setText(
                tr("Done: %1").arg(steps_text(m_model->isEmpty() ? 0 : m_model->record(steps - 1).step)));
            break;
        case RunOutcome::Stopped:
            m_ui->phaseLabel->setText(tr("Stopped"));
            showMessage(tr("Stopped by request; %1 kept.").arg(steps_text(steps)), false);
            break;
        case RunOutcome::RewardFailed:
        case RunOutcome::NumericalFailure:
        case RunOutcome::Failed: {
            m_ui->progressBar->setValue(0);
            m_ui->phaseLabel->setText(failure_title(outcome));
            const QString what = failure_message(outcome, message);
            showMessage(
                m_recordsThisRun > 0 ? tr("%1 (Kept: %2 so far.)").arg(what, steps_text(m_recordsThisRun)) : what,
                true);
            break;
        }
    }
}

void MainWindow::onBusyChanged(bool busy) {
    m_ui->stopButton->setEnabled(busy);
    m_ui->stopAction->setEnabled(busy || isPresenting());  // Esc also leaves presentation mode
    updatePlayer();
    m_ui->stepButton->setEnabled(!busy);
    m_ui->stepAction->setEnabled(!busy);
    m_ui->runButton->setText(busy ? tr("&Restart") : tr("&Run"));
}

void MainWindow::onSettingsEdited() {
    const RunDescription run = runDescription();
    m_promptHint->setJudgeParsesPrompt(run.reward.kind != RewardKind::self && run.reward.kind != RewardKind::external &&
                                       !run.reward.metadata_given);
    // The reward notice shows while the chosen reward cannot run with the chosen model, and goes when it can (a
    // folder not read yet is read in the background, and this runs again when it is known).
    const QString unavailable = m_folders->rewardUnavailableReason(run, ModelFolders::Lookup::InBackground);
    if (!unavailable.isEmpty()) {
        showMessage(unavailable, true);
        m_rewardNoticeShown = true;
        return;
    }
    if (m_rewardNoticeShown) hideMessage();
    if (m_controller->isBusy())
        showMessage(tr("The changed settings apply from the next run; press Restart to apply them now (same seed)."),
                    false);
}

void MainWindow::openModelFolder() {
    const QString folder =
        QFileDialog::getExistingDirectory(this, tr("Open model folder"), QString(), QFileDialog::ShowDirsOnly);
    if (!folder.isEmpty()) chooseModelFolder(folder);
}

GetModelDialog* MainWindow::showGetModelDialog() {
    // One dialog for the window's life: closing it leaves a download running, opening it again shows its progress.
    if (!m_getModel) {
        m_getModel = new GetModelDialog(this);
        connect(m_getModel, &GetModelDialog::modelChosen, this,
                [this](const QString& folder) { chooseModelFolder(folder); });
    }
    m_getModel->show();
    m_getModel->raise();
    m_getModel->activateWindow();
    return m_getModel;
}

bool MainWindow::chooseModelFolder(const QString& folder, const QString& origin) {
    if (!m_folders->confirm(folder, origin)) return false;
    m_ui->parameterPanel->setModelFolder(folder);
    rememberModelFolder(folder);
    return true;
}

void MainWindow::showMessage(const QString& text, bool error) {
    m_rewardNoticeShown = false;
    m_ui->messageLabel->setText(text);
    const QColor tint = error ? QColor(220, 50, 50) : palette().color(QPalette::Highlight);
    m_ui->messageLabel->setStyleSheet(
        QStringLiteral("QLabel { border: 1px solid %1; border-radius: 4px; padding: 6px;"
                       " background-color: %2; }")
            .arg(tint.name(), QColor(tint.red(), tint.green(), tint.blue(), 40).name(QColor::HexArgb)));
    m_ui->messageLabel->setVisible(true);
}

void MainWindow::hideMessage() {
    m_rewardNoticeShown = false;
    m_ui->messageLabel->clear();
    m_ui->messageLabel->setVisible(false);
}

void MainWindow::setPresentation(bool on) { m_presentation->setActive(on); }
bool MainWindow::isPresenting() const { return m_presentation->isActive(); }
int MainWindow::presentationPace() const { return m_presentation->pace(); }
void MainWindow::setPresentationPace(int milliseconds) { m_presentation->setPace(milliseconds); }

int MainWindow::plannedLastStep() const {
    // While a full run goes, the step it will end on; otherwise the last step on show.
    const int shown = m_model->isEmpty() ? 0 : m_model->record(m_model->count() - 1).step;
    return m_controller->isBusy() ? std::max(shown, m_runLastStep) : shown;
}

void MainWindow::updatePresentationCaption() {
    const QString shown = m_pairing.shownPrompt();
    m_presentation->updateCaption(shown.isEmpty() ? qs(runDescription().milr.prompt) : shown, plannedLastStep());
}

void MainWindow::onEscape() {
    // Esc leaves presentation mode (a run going keeps going); otherwise it stops the run.
    if (isPresenting())
        setPresentation(false);
    else
        stopRun();
}

bool MainWindow::promptAcceptsInput() const {
    return m_ui->promptEdit->isVisible() && m_ui->promptEdit->isEnabled() && !m_ui->promptEdit->isReadOnly();
}

void MainWindow::updatePlayer() { m_presentation->updatePlayer(isRunning()); }

void MainWindow::setCompareMode(bool on) {
    if (m_ui->compareAction->isChecked() != on) m_ui->compareAction->setChecked(on);  // comes back here once
    QWidget* shown = on ? static_cast<QWidget*>(m_ui->compareView) : static_cast<QWidget*>(m_ui->imageView);
    QWidget* hidden = on ? static_cast<QWidget*>(m_ui->imageView) : static_cast<QWidget*>(m_ui->compareView);
    // A stack is as wide as its widest page: the hidden page's size is ignored (the compare view's choosers would
    // otherwise widen the image column past the window in presentation mode's large type).
    shown->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
    hidden->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Ignored);
    m_ui->imageStack->setCurrentWidget(shown);
    // The overlay toggles apply to the single image only.
    for (QWidget* widget : {static_cast<QWidget*>(m_ui->imageCaption), static_cast<QWidget*>(m_ui->gridCheck),
                            static_cast<QWidget*>(m_ui->prefixCheck), static_cast<QWidget*>(m_ui->initialCheck),
                            static_cast<QWidget*>(m_ui->previousCheck)})
        widget->setVisible(!on && !isPresenting());
}

QStringList MainWindow::recentPrompts() const { return m_recent->prompts(); }
QStringList MainWindow::recentModelFolders() const { return m_recent->modelFolders(); }
void MainWindow::rememberPrompt(const QString& prompt) { m_recent->rememberPrompt(prompt); }
void MainWindow::rememberModelFolder(const QString& folder) { m_recent->rememberModelFolder(folder); }

void MainWindow::showShortcuts() { ShortcutsDialog(this, this).exec(); }

QString MainWindow::aboutText() const {
    return m_folders->aboutText(qs(m_ui->parameterPanel->settings().model.folder));
}

void MainWindow::showAbout() { QMessageBox::about(this, tr("About MILR Studio"), aboutText()); }

void MainWindow::restoreState() { m_state->restore(); }
void MainWindow::saveState() const { m_state->save(); }

void MainWindow::fitControlsColumn() {
    // The controls column never clips its content, with or without its vertical scroll bar.
    m_ui->controlsScroll->setMinimumWidth(m_ui->controlsWidget->minimumSizeHint().width() +
                                          m_ui->controlsScroll->verticalScrollBar()->sizeHint().width() + 4);
}

bool MainWindow::eventFilter(QObject* watched, QEvent* event) {
    if (watched == m_ui->controlsWidget && event->type() == QEvent::LayoutRequest) fitControlsColumn();
    return QMainWindow::eventFilter(watched, event);
}

void MainWindow::closeEvent(QCloseEvent* event) {
    setPresentation(false);  // the layout is saved as the normal window shows it
    saveState();
    m_controller->stop();
    event->accept();
}

}  // namespace milr
