// The main window's wiring: form, step model, views, engine controller, progress and messages, presentation mode,
// recent items, shortcuts, About and settings.
#include "app/studio/main_window.h"

#include <QActionGroup>
#include <QCheckBox>
#include <QCloseEvent>
#include <QDir>
#include <QFileDialog>
#include <QMessageBox>
#include <QPainter>
#include <QScrollBar>
#include <QJsonObject>
#include <QScreen>
#include <QSettings>
#include <QStyle>

#include <algorithm>
#include <cstdlib>

#include "app/studio/engine_controller.h"
#include "app/studio/run_progress.h"
#include "ui_mainwindow.h"
#include "widgets/compare_view.h"
#include "widgets/highlight_palette.h"
#include "widgets/shortcuts_dialog.h"
#include "widgets/step_model.h"
#include "widgets/timeline_strip.h"
#include "widgets/trajectory_player.h"

namespace milr {
namespace {

QIcon swatch_icon(const QColor& fill, bool outline) {
    QPixmap pixmap(14, 14);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    if (outline) {
        painter.setPen(QPen(fill, 2));
        painter.drawRect(QRectF(1, 1, 12, 12));
    } else {
        painter.fillRect(QRect(1, 1, 12, 12), QColor(fill.red(), fill.green(), fill.blue()));
    }
    return QIcon(pixmap);
}

// Presentation mode: the type and the thumbnails grow by these factors.
constexpr double kPresentationFontScale = 1.6;
constexpr double kPresentationCaptionScale = 1.3;  // the prompt line, over the already larger type
constexpr int kPresentationThumbnail = 104;

QString compare_arrangement_name(CompareCanvas::Arrangement arrangement) {
    return arrangement == CompareCanvas::Arrangement::SideBySide ? QStringLiteral("side-by-side") : QStringLiteral("swipe");
}

// A menu entry for a free text: one line, elided, with its ampersands kept literal.
QString menu_text(const QWidget* widget, const QString& text) {
    QString line = text.simplified();
    line = widget->fontMetrics().elidedText(line, Qt::ElideRight, 420);
    return line.replace(QLatin1Char('&'), QStringLiteral("&&"));
}

}  // namespace

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent),
      m_ui(std::make_unique<Ui::MainWindow>()),
      m_model(new StepModel(this)),
      m_controller(new EngineController(this)),
      m_otherModel(new StepModel(this)),
      m_player(new TrajectoryPlayer(m_model, this)) {
    m_ui->setupUi(this);
    m_ui->runAction->setShortcuts({QKeySequence(Qt::CTRL | Qt::Key_Return), QKeySequence(Qt::CTRL | Qt::Key_Enter)});
    m_ui->recentPromptsButton->setMenu(new QMenu(m_ui->recentPromptsButton));
    buildPaceMenu();
    // The window's own actions also belong to the window itself, so their shortcuts work while the menu bar is
    // hidden (presentation mode).
    addActions({m_ui->openModelAction, m_ui->quitAction, m_ui->runAction, m_ui->stopAction, m_ui->stepAction,
                m_ui->followLatestAction, m_ui->researchAction, m_ui->compareAction, m_ui->presentAction,
                m_ui->autoPlayAction, m_ui->shortcutsAction, m_ui->aboutAction});
    m_ui->runButton->setIcon(style()->standardIcon(QStyle::SP_MediaPlay));
    m_ui->stopButton->setIcon(style()->standardIcon(QStyle::SP_MediaStop));
    m_ui->stepButton->setIcon(style()->standardIcon(QStyle::SP_MediaSkipForward));
    m_ui->prefixCheck->setIcon(swatch_icon(HighlightPalette::optimisedPrefix(), true));
    m_ui->initialCheck->setIcon(swatch_icon(HighlightPalette::changedSinceInitial(), false));
    m_ui->previousCheck->setIcon(swatch_icon(HighlightPalette::changedSincePrevious(), false));
    m_ui->controlsWidget->installEventFilter(this);
    fitControlsColumn();
    m_ui->mainSplitter->setStretchFactor(0, 0);
    m_ui->mainSplitter->setStretchFactor(1, 1);
    m_ui->mainSplitter->setSizes({360, 1040});
    m_ui->topSplitter->setSizes({560, 480});
    m_ui->viewSplitter->setSizes({600, 200});
    m_ui->plotSplitter->setSizes({280, 320});
    connectViews();
    connectActions();
    setCompareMode(false);
    rebuildRecentMenus();
    updateOtherTimeline();
    if (!EngineController::engineAvailable())
        m_ui->phaseLabel->setText(tr("Ready (no engine in this build)"));
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
bool MainWindow::isCompareMode() const { return m_ui->compareAction->isChecked(); }
bool MainWindow::isRunning() const { return m_controller->isBusy(); }
QString MainWindow::message() const { return m_ui->messageLabel->isHidden() ? QString() : m_ui->messageLabel->text(); }

void MainWindow::connectViews() {
    m_ui->imageView->setModel(m_model);
    m_ui->rewardPlot->setModel(m_model);
    m_ui->reasoningView->setModel(m_model);
    m_ui->researchPanel->setModel(m_model);
    m_ui->timeline->setModel(m_model);
    m_ui->otherTimeline->setModel(m_otherModel);
    m_ui->compareView->setModels(m_model, m_otherModel);
    connect(m_ui->rewardPlot, &RewardPlot::stepSelected, m_model, &StepModel::selectStep);
    for (StepModel* model : {m_model, m_otherModel}) {
        connect(model, &StepModel::recordAppended, this, &MainWindow::updateOtherTimeline);
        connect(model, &StepModel::cleared, this, &MainWindow::updateOtherTimeline);
    }
    connect(m_model, &StepModel::recordAppended, this, &MainWindow::updatePresentationCaption);
    connect(m_model, &StepModel::selectionChanged, this, &MainWindow::updatePresentationCaption);

    const struct {
        QCheckBox* box;
        ImageView::Layer layer;
    } toggles[] = {{m_ui->gridCheck, ImageView::Layer::GridLines},
                   {m_ui->prefixCheck, ImageView::Layer::OptimisedPrefix},
                   {m_ui->initialCheck, ImageView::Layer::ChangedSinceInitial},
                   {m_ui->previousCheck, ImageView::Layer::ChangedSincePrevious}};
    for (const auto& toggle : toggles) {
        toggle.box->setChecked(m_ui->imageView->isLayerVisible(toggle.layer));
        const ImageView::Layer layer = toggle.layer;
        connect(toggle.box, &QCheckBox::toggled, this, [this, layer](bool on) { m_ui->imageView->setLayerVisible(layer, on); });
    }
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
    connect(m_ui->presentAction, &QAction::toggled, this, &MainWindow::setPresentation);
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

RunSettings MainWindow::runSettings() const {
    RunSettings settings = m_ui->parameterPanel->settings();
    settings.prompt = m_ui->promptEdit->toPlainText().trimmed();
    return settings;
}

void MainWindow::setRunSettings(const RunSettings& settings) {
    m_ui->parameterPanel->setSettings(settings);
    m_ui->promptEdit->setPlainText(settings.prompt);
}

void MainWindow::startRun() { submit(false); }
void MainWindow::stepOnce() { submit(true); }

void MainWindow::submit(bool stepOnce) {
    const RunSettings settings = runSettings();
    if (settings.prompt.isEmpty()) {
        showMessage(tr("Write a prompt first."), true);
        m_ui->promptEdit->setFocus();
        return;
    }
    const QString unavailable = rewardUnavailableReason(settings);
    if (!unavailable.isEmpty()) {
        showMessage(unavailable, true);
        m_rewardNoticeShown = true;
        return;
    }
    hideMessage();
    rememberPrompt(settings.prompt);
    m_runLastStep = stepOnce ? (m_model->isEmpty() ? 0 : m_model->record(m_model->count() - 1).step + 1) : settings.steps;
    if (stepOnce) m_controller->stepOnce(settings);
    else m_controller->run(settings);
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
    m_runPrompt = runSettings().prompt;
    m_ui->progressBar->setValue(0);
    m_ui->etaLabel->clear();
    m_ui->phaseLabel->setText(tr("Starting…"));
}

void MainWindow::onRecord(const StepRecord& record) {
    ++m_recordsThisRun;
    // A step 0 always begins a trajectory (Step once without a matching held trajectory starts afresh).
    if (m_replaceOnNextRecord || record.step == 0) {
        m_replaceOnNextRecord = false;
        keepOtherRun(record);
        m_model->clear();
        m_shownPrompt = m_runPrompt;
    }
    m_model->appendRecord(record);
}

void MainWindow::keepOtherRun(const StepRecord& firstRecord) {
    // MILR and Best-of-N of the same prompt are compared: when the new run is of the other kind, the records on
    // show become the other run; a run of the same kind keeps the other run; a new prompt drops it.
    const bool sameKind = !m_model->isEmpty() && is_best_of_n(m_model->record(0).mode) == is_best_of_n(firstRecord.mode);
    if (m_runPrompt != m_shownPrompt) {
        m_otherModel->clear();
    } else if (!m_model->isEmpty() && !sameKind) {
        m_otherModel->clear();
        for (const StepRecord& record : m_model->records()) m_otherModel->appendRecord(record);
    }
}

void MainWindow::beginOpenedRun(const StepRecord& firstRecord, const QString& prompt) {
    m_runPrompt = prompt;
    keepOtherRun(firstRecord);
    m_shownPrompt = prompt;
}

void MainWindow::updateOtherTimeline() {
    const bool both = !m_otherModel->isEmpty();
    m_ui->otherTimeline->setVisible(both);
    m_ui->otherTimelineLabel->setVisible(both);
    if (!both) {
        m_ui->timelineLabel->setText(tr("Steps (click, or Left and Right, to show one)"));
        return;
    }
    const QString title = m_model->isEmpty() ? tr("This run") : run_title(m_model->record(0).mode);
    m_ui->timelineLabel->setText(tr("%1: %2").arg(title, stepsText(m_model->count())));
    m_ui->otherTimelineLabel->setText(tr("%1, the earlier run of the same prompt: %2")
                                          .arg(run_title(m_otherModel->record(0).mode), stepsText(m_otherModel->count())));
}

void MainWindow::onProgress(double fraction, const QString& phase, double etaSeconds) {
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
        m_ui->phaseLabel->setText(tr("Done: %1").arg(stepsText(m_model->isEmpty() ? 0 : m_model->record(steps - 1).step)));
        break;
    case RunOutcome::Stopped:
        m_ui->phaseLabel->setText(tr("Stopped"));
        showMessage(tr("Stopped by request; %1 kept.").arg(stepsText(steps)), false);
        break;
    case RunOutcome::Failed:
        m_ui->progressBar->setValue(0);
        m_ui->phaseLabel->setText(tr("Failed"));
        showMessage(m_recordsThisRun > 0 ? tr("%1 (Kept: %2 so far.)").arg(message, stepsText(m_recordsThisRun)) : message, true);
        break;
    }
}

void MainWindow::onBusyChanged(bool busy) {
    m_ui->stopButton->setEnabled(busy);
    m_ui->stopAction->setEnabled(busy || m_presenting);  // Esc also leaves presentation mode
    updatePlayer();
    m_ui->stepButton->setEnabled(!busy);
    m_ui->stepAction->setEnabled(!busy);
    m_ui->runButton->setText(busy ? tr("&Restart") : tr("&Run"));
}

QString MainWindow::rewardUnavailableReason(const RunSettings& settings) {
    return QString::fromStdString(EngineSession::reward_unavailable_reason(to_engine_parameters(settings, false)));
}

void MainWindow::onSettingsEdited() {
    // The reward notice shows while the chosen reward cannot run with the chosen model, and goes when it can.
    const QString unavailable = rewardUnavailableReason(runSettings());
    if (!unavailable.isEmpty()) {
        showMessage(unavailable, true);
        m_rewardNoticeShown = true;
        return;
    }
    if (m_rewardNoticeShown) hideMessage();
    if (m_controller->isBusy())
        showMessage(tr("The changed settings apply from the next run; press Restart to apply them now (same seed)."), false);
}

void MainWindow::openModelFolder() {
    const QString folder = QFileDialog::getExistingDirectory(this, tr("Open model folder"), QString(), QFileDialog::ShowDirsOnly);
    if (!folder.isEmpty()) chooseModelFolder(folder);
}

bool MainWindow::chooseModelFolder(const QString& folder, const QString& origin) {
    // Checked before use: the describe-model report (layout, sizes, memory per device) from config.json and the
    // weights' tensor list, without loading any weight. The worker checks every tensor again when it loads.
    std::string report;
    try {
        report = EngineSession::describe_model_folder(folder.toStdString());
    } catch (const std::exception& error) {
        const QString reason = tr("This folder cannot be used as a model:\n\n%1").arg(QString::fromStdString(error.what()));
        QMessageBox::warning(this, tr("Open model folder"), origin.isEmpty() ? reason : origin + QStringLiteral("\n\n") + reason);
        return false;
    }
    QMessageBox box(QMessageBox::Question, tr("Open model folder"),
                    tr("Use the model in %1?\nIt is loaded on the next run, on the device and precision chosen.").arg(folder),
                    QMessageBox::Ok | QMessageBox::Cancel, this);
    box.setObjectName(QStringLiteral("modelReportBox"));
    box.setDetailedText(QString::fromStdString(report));
    const QString memory = memoryEstimateLines(QString::fromStdString(report));
    box.setInformativeText(origin.isEmpty() ? memory : origin + QStringLiteral("\n\n") + memory);
    box.button(QMessageBox::Ok)->setText(tr("Use this model"));
    if (box.exec() != QMessageBox::Ok) return false;
    m_ui->parameterPanel->setModelFolder(folder);
    rememberModelFolder(folder);
    return true;
}

QString MainWindow::memoryEstimateLines(const QString& report) {
    // The report's "memory estimate" section: its heading and the indented lines under it.
    const QStringList lines = report.split(QLatin1Char('\n'));
    QStringList section;
    for (const QString& line : lines) {
        if (line.startsWith(QLatin1String("memory estimate"))) section << line;
        else if (!section.isEmpty() && line.startsWith(QLatin1Char(' '))) section << line.trimmed();
        else if (!section.isEmpty()) break;
    }
    return section.join(QLatin1Char('\n'));
}

void MainWindow::showMessage(const QString& text, bool error) {
    m_rewardNoticeShown = false;
    m_ui->messageLabel->setText(text);
    const QColor tint = error ? QColor(220, 50, 50) : palette().color(QPalette::Highlight);
    m_ui->messageLabel->setStyleSheet(QStringLiteral("QLabel { border: 1px solid %1; border-radius: 4px; padding: 6px;"
                                                     " background-color: %2; }")
                                          .arg(tint.name(), QColor(tint.red(), tint.green(), tint.blue(), 40).name(QColor::HexArgb)));
    m_ui->messageLabel->setVisible(true);
}

void MainWindow::hideMessage() {
    m_rewardNoticeShown = false;
    m_ui->messageLabel->clear();
    m_ui->messageLabel->setVisible(false);
}

void MainWindow::setPresentation(bool on) {
    // A clean view for an audience: full screen, the image (or the comparison), the steps and the reward curve in
    // large type, the trajectory playing at the chosen pace; Esc or F11 leaves.
    if (m_ui->presentAction->isChecked() != on) m_ui->presentAction->setChecked(on);  // comes back here once
    if (on == m_presenting) return;
    m_presenting = on;
    QList<QSplitter*> splitters = {m_ui->mainSplitter, m_ui->viewSplitter, m_ui->topSplitter, m_ui->plotSplitter};
    if (on) {
        m_stateBeforePresentation = windowState();
        m_splittersBeforePresentation.clear();
        for (QSplitter* splitter : splitters) m_splittersBeforePresentation << splitter->saveState();
        m_thumbnailSizeBeforePresentation = m_ui->timeline->thumbnailSize();
    }
    applyPresentationLayout(on);
    if (on) {
        showFullScreen();
        m_ui->topSplitter->setSizes({600, 400});
        m_ui->timeline->setFocus(Qt::OtherFocusReason);  // Left and Right step through the trajectory
    } else {
        if (m_stateBeforePresentation & Qt::WindowMaximized) showMaximized();
        else showNormal();
        for (int i = 0; i < splitters.size() && i < m_splittersBeforePresentation.size(); ++i)
            splitters[i]->restoreState(m_splittersBeforePresentation[i]);
    }
    m_ui->stopAction->setEnabled(isRunning() || on);
    updatePlayer();
    updatePresentationCaption();
}

void MainWindow::applyPresentationLayout(bool on) {
    m_ui->menuBar->setVisible(!on);
    for (QWidget* widget : {static_cast<QWidget*>(m_ui->controlsScroll), static_cast<QWidget*>(m_ui->reasoningView),
                            static_cast<QWidget*>(m_ui->phaseLabel), static_cast<QWidget*>(m_ui->progressBar),
                            static_cast<QWidget*>(m_ui->etaLabel)})
        widget->setVisible(!on);
    m_ui->researchPanel->setVisible(!on && m_ui->researchAction->isChecked());
    if (on) m_ui->messageLabel->setVisible(false);
    m_ui->presentationCaption->setVisible(on);
    setCompareMode(isCompareMode());  // the overlay toggles: hidden while presenting
    // The audience sees the picture itself: no grid or change marks while presenting; the toggles' choice after.
    const struct {
        QCheckBox* box;
        ImageView::Layer layer;
    } layers[] = {{m_ui->gridCheck, ImageView::Layer::GridLines},
                  {m_ui->prefixCheck, ImageView::Layer::OptimisedPrefix},
                  {m_ui->initialCheck, ImageView::Layer::ChangedSinceInitial},
                  {m_ui->previousCheck, ImageView::Layer::ChangedSincePrevious}};
    for (const auto& layer : layers) m_ui->imageView->setLayerVisible(layer.layer, !on && layer.box->isChecked());
    if (on) {
        QFont large = font();
        large.setPointSizeF(large.pointSizeF() * kPresentationFontScale);
        m_ui->centralWidget->setFont(large);
        QFont caption = large;
        caption.setPointSizeF(large.pointSizeF() * kPresentationCaptionScale);
        m_ui->presentationCaption->setFont(caption);
        m_ui->timeline->setThumbnailSize(kPresentationThumbnail);
        m_ui->otherTimeline->setThumbnailSize(kPresentationThumbnail);
    } else {
        m_ui->centralWidget->setFont(QFont());  // inherit the window's font again
        m_ui->presentationCaption->setFont(QFont());
        m_ui->timeline->setThumbnailSize(m_thumbnailSizeBeforePresentation);
        m_ui->otherTimeline->setThumbnailSize(m_thumbnailSizeBeforePresentation);
    }
}

QString MainWindow::stepsText(int count) { return count == 1 ? tr("1 step") : tr("%1 steps").arg(count); }

int MainWindow::plannedLastStep() const {
    // While a full run goes, the step it will end on; otherwise the last step on show.
    const int shown = m_model->isEmpty() ? 0 : m_model->record(m_model->count() - 1).step;
    return m_controller->isBusy() ? std::max(shown, m_runLastStep) : shown;
}

void MainWindow::updatePresentationCaption() {
    if (!m_presenting) return;
    const QString prompt = m_shownPrompt.isEmpty() ? runSettings().prompt : m_shownPrompt;
    QString text = QStringLiteral("“%1”").arg(prompt.toHtmlEscaped());
    if (const StepRecord* record = m_model->selectedRecord()) {
        text += QStringLiteral("<br><span style=\"font-weight:normal\">%1</span>")
                    .arg(tr("%1 · step %2 of %3 · reward %4 (%5)")
                             .arg(run_title(record->mode))
                             .arg(record->step)
                             .arg(plannedLastStep())
                             .arg(record->reward, 0, 'f', 3)
                             .arg(record->passed ? tr("passed") : tr("not passed")));
    }
    m_ui->presentationCaption->setText(QStringLiteral("<b>%1</b>").arg(text));
}

void MainWindow::onEscape() {
    // Esc leaves presentation mode (a run going keeps going); otherwise it stops the run.
    if (m_presenting) setPresentation(false);
    else stopRun();
}

void MainWindow::updatePlayer() {
    // Auto-play in presentation mode while no run is going (a live run shows each step as it arrives).
    m_player->setPlaying(m_presenting && m_ui->autoPlayAction->isChecked() && !isRunning());
}

void MainWindow::buildPaceMenu() {
    m_paceGroup = new QActionGroup(this);
    for (int pace : kPaces) {
        QAction* action = m_ui->paceMenu->addAction(tr("%1 s per step").arg(pace / 1000.0));
        action->setCheckable(true);
        action->setData(pace);
        m_paceGroup->addAction(action);
        connect(action, &QAction::triggered, this, [this, pace] { setPresentationPace(pace); });
    }
    setPresentationPace(1000);
}

int MainWindow::presentationPace() const { return m_player->pace(); }

void MainWindow::setPresentationPace(int milliseconds) {
    // The nearest of the offered paces.
    int chosen = kPaces[0];
    for (int pace : kPaces)
        if (std::abs(pace - milliseconds) < std::abs(chosen - milliseconds)) chosen = pace;
    m_player->setPace(chosen);
    for (QAction* action : m_paceGroup->actions()) action->setChecked(action->data().toInt() == chosen);
}

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
        widget->setVisible(!on && !m_presenting);
}

void MainWindow::rememberPrompt(const QString& prompt) {
    m_recentPrompts.add(prompt.trimmed());
    rebuildRecentMenus();
}

void MainWindow::rememberModelFolder(const QString& folder) {
    m_recentModels.add(folder);
    rebuildRecentMenus();
}

void MainWindow::rebuildRecentMenus() {
    QMenu* prompts = m_ui->recentPromptsButton->menu();
    prompts->clear();
    for (const QString& prompt : m_recentPrompts.items()) {
        QAction* action = prompts->addAction(menu_text(this, prompt));
        action->setToolTip(prompt);
        connect(action, &QAction::triggered, this, [this, prompt] {
            m_ui->promptEdit->setPlainText(prompt);
            m_ui->promptEdit->setFocus();
        });
    }
    m_ui->recentPromptsButton->setEnabled(!m_recentPrompts.items().isEmpty());

    QMenu* models = m_ui->recentModelsMenu;
    models->clear();
    for (const QString& folder : m_recentModels.items()) {
        QAction* action = models->addAction(menu_text(this, QDir::toNativeSeparators(folder)));
        action->setToolTip(folder);
        connect(action, &QAction::triggered, this, [this, folder] {
            if (!QDir(folder).exists()) {
                QMessageBox::warning(this, tr("Open model folder"), tr("The folder %1 no longer exists; it is taken off the list.").arg(folder));
                m_recentModels.remove(folder);
                rebuildRecentMenus();
                return;
            }
            chooseModelFolder(folder);
        });
    }
    if (!m_recentModels.items().isEmpty()) {
        models->addSeparator();
        connect(models->addAction(tr("&Clear the list")), &QAction::triggered, this, [this] {
            m_recentModels.clear();
            rebuildRecentMenus();
        });
    }
    models->setEnabled(!m_recentModels.items().isEmpty());
}

void MainWindow::showShortcuts() {
    ShortcutsDialog dialog(this, this);
    dialog.exec();
}

QString MainWindow::aboutText() const {
    const QString folder = m_ui->parameterPanel->settings().modelFolder;
    QString model = folder.isEmpty() ? tr("the embedded model") : QDir::toNativeSeparators(folder);
    QStringList details;
    try {
        const std::string path = folder.isEmpty() ? EngineSession::embedded_model_path() : folder.toStdString();
        if (folder.isEmpty()) model += QStringLiteral(" (%1)").arg(QDir::toNativeSeparators(QString::fromStdString(path)));
        // The describe-model report's layout and size lines tell one model from another.
        for (const QString& line : QString::fromStdString(EngineSession::describe_model_folder(path)).split(QLatin1Char('\n')))
            if (line.startsWith(QLatin1String("layout:")) || line.trimmed().startsWith(QLatin1String("total stored:")))
                details << line.trimmed().toHtmlEscaped();
    } catch (const std::exception& error) {
        details << tr("cannot be read: %1").arg(QString::fromStdString(error.what()).toHtmlEscaped());
    }
    return tr("<h3>MILR Studio %1</h3>"
              "<p>Test-time latent optimisation (MILR) on Janus-Pro-architecture models.</p>"
              "<table>"
              "<tr><td>Qt</td><td>%2 (built with %3)</td></tr>"
              "<tr><td>libtorch</td><td>%4</td></tr>"
              "<tr><td>Model</td><td>%5<br>%6</td></tr>"
              "</table>")
        .arg(QCoreApplication::applicationVersion().toHtmlEscaped(), QString::fromLatin1(qVersion()),
             QStringLiteral(QT_VERSION_STR), QString::fromStdString(libtorch_version()), model.toHtmlEscaped(),
             details.join(QStringLiteral("<br>")));
}

void MainWindow::showAbout() { QMessageBox::about(this, tr("About MILR Studio"), aboutText()); }

void MainWindow::fitIntoScreen() {
    const QRect available = screen() ? screen()->availableGeometry() : QRect();
    if (available.isEmpty()) return;
    const QSize fitted = size().boundedTo(available.size()).expandedTo(minimumSizeHint());
    if (fitted != size()) resize(fitted);
    if (!available.contains(QRect(pos(), fitted))) move(available.topLeft());
}

void MainWindow::restoreState() {
    QSettings settings;
    m_settingsStore.snapshot(settings);
    settings.beginGroup(QStringLiteral("run"));
    setRunSettings(RunSettings::load(settings));
    settings.endGroup();
    settings.beginGroup(QStringLiteral("window"));
    restoreGeometry(settings.value(QStringLiteral("geometry")).toByteArray());
    fitIntoScreen();  // the first start (the form's size), or a layout saved on a larger screen
    for (QSplitter* splitter : {m_ui->mainSplitter, m_ui->viewSplitter, m_ui->topSplitter, m_ui->plotSplitter})
        splitter->restoreState(settings.value(splitter->objectName()).toByteArray());
    m_ui->parameterPanel->setAdvancedVisible(settings.value(QStringLiteral("advanced"), false).toBool());
    m_ui->researchAction->setChecked(settings.value(QStringLiteral("research"), true).toBool());
    for (QCheckBox* layer : {m_ui->gridCheck, m_ui->prefixCheck, m_ui->initialCheck, m_ui->previousCheck})
        layer->setChecked(settings.value(layer->objectName(), layer->isChecked()).toBool());
    setCompareMode(settings.value(QStringLiteral("compare"), false).toBool());
    m_ui->compareView->setArrangement(settings.value(QStringLiteral("compareArrangement")).toString() == QLatin1String("side-by-side")
                                          ? CompareCanvas::Arrangement::SideBySide
                                          : CompareCanvas::Arrangement::Swipe);
    m_ui->compareView->canvas()->setDivider(settings.value(QStringLiteral("compareDivider"), 0.5).toDouble());
    settings.endGroup();
    settings.beginGroup(QStringLiteral("presentation"));
    setPresentationPace(settings.value(QStringLiteral("pace"), 1000).toInt());
    m_ui->autoPlayAction->setChecked(settings.value(QStringLiteral("autoPlay"), true).toBool());
    settings.endGroup();
    settings.beginGroup(QStringLiteral("recent"));
    m_recentPrompts.load(settings, QStringLiteral("prompts"));
    m_recentModels.load(settings, QStringLiteral("modelFolders"));
    settings.endGroup();
    rebuildRecentMenus();
}

void MainWindow::saveState() const {
    // Only what this window changed since it read the file is written, and the recent lists are merged: another
    // window of the studio closed before this one keeps its changes (SettingsStore).
    QSettings settings;  // reads the file as it is now
    SettingsStore& store = m_settingsStore;
    settings.beginGroup(QStringLiteral("run"));
    const QJsonObject run = runSettings().toJson();
    for (auto it = run.begin(); it != run.end(); ++it) store.write(settings, it.key(), it.value().toVariant());
    settings.endGroup();
    settings.beginGroup(QStringLiteral("window"));
    store.write(settings, QStringLiteral("geometry"), saveGeometry());
    for (QSplitter* splitter : {m_ui->mainSplitter, m_ui->viewSplitter, m_ui->topSplitter, m_ui->plotSplitter})
        store.write(settings, splitter->objectName(), splitter->saveState());
    store.write(settings, QStringLiteral("advanced"), m_ui->parameterPanel->isAdvancedVisible());
    store.write(settings, QStringLiteral("research"), m_ui->researchAction->isChecked());
    for (QCheckBox* layer : {m_ui->gridCheck, m_ui->prefixCheck, m_ui->initialCheck, m_ui->previousCheck})
        store.write(settings, layer->objectName(), layer->isChecked());
    store.write(settings, QStringLiteral("compare"), isCompareMode());
    store.write(settings, QStringLiteral("compareArrangement"), compare_arrangement_name(m_ui->compareView->arrangement()));
    store.write(settings, QStringLiteral("compareDivider"), m_ui->compareView->canvas()->divider());
    settings.endGroup();
    settings.beginGroup(QStringLiteral("presentation"));
    store.write(settings, QStringLiteral("pace"), presentationPace());
    store.write(settings, QStringLiteral("autoPlay"), m_ui->autoPlayAction->isChecked());
    settings.endGroup();
    settings.beginGroup(QStringLiteral("recent"));
    store.writeRecent(settings, QStringLiteral("prompts"), m_recentPrompts);
    store.writeRecent(settings, QStringLiteral("modelFolders"), m_recentModels);
    settings.endGroup();
}

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
