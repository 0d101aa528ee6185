// The main window's wiring: form, step model, views, engine controller, progress and messages.
#include "app/studio/main_window.h"

#include <QCheckBox>
#include <QCloseEvent>
#include <QFileDialog>
#include <QMessageBox>
#include <QPainter>
#include <QScrollBar>
#include <QSettings>
#include <QStyle>

#include <algorithm>

#include "app/studio/engine_controller.h"
#include "app/studio/run_progress.h"
#include "ui_mainwindow.h"
#include "widgets/highlight_palette.h"
#include "widgets/step_model.h"

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

}  // namespace

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent), m_ui(std::make_unique<Ui::MainWindow>()), m_model(new StepModel(this)), m_controller(new EngineController(this)) {
    m_ui->setupUi(this);
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
    if (!EngineController::engineAvailable())
        m_ui->phaseLabel->setText(tr("Ready (no engine in this build)"));
}

MainWindow::~MainWindow() = default;

ImageView* MainWindow::imageView() const { return m_ui->imageView; }
RewardPlot* MainWindow::rewardPlot() const { return m_ui->rewardPlot; }
ReasoningView* MainWindow::reasoningView() const { return m_ui->reasoningView; }
ResearchPanel* MainWindow::researchPanel() const { return m_ui->researchPanel; }
ParameterPanel* MainWindow::parameterPanel() const { return m_ui->parameterPanel; }
bool MainWindow::isRunning() const { return m_controller->isBusy(); }
QString MainWindow::message() const { return m_ui->messageLabel->isHidden() ? QString() : m_ui->messageLabel->text(); }

void MainWindow::connectViews() {
    m_ui->imageView->setModel(m_model);
    m_ui->rewardPlot->setModel(m_model);
    m_ui->reasoningView->setModel(m_model);
    m_ui->researchPanel->setModel(m_model);
    connect(m_ui->rewardPlot, &RewardPlot::stepSelected, m_model, &StepModel::selectStep);

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
    connect(m_ui->stopAction, &QAction::triggered, this, &MainWindow::stopRun);
    connect(m_ui->stepButton, &QPushButton::clicked, this, &MainWindow::stepOnce);
    connect(m_ui->stepAction, &QAction::triggered, this, &MainWindow::stepOnce);
    connect(m_ui->openModelAction, &QAction::triggered, this, &MainWindow::openModelFolder);
    connect(m_ui->parameterPanel, &ParameterPanel::openModelFolderRequested, this, &MainWindow::openModelFolder);
    connect(m_ui->quitAction, &QAction::triggered, this, &QWidget::close);
    connect(m_ui->followLatestAction, &QAction::triggered, m_model, &StepModel::followLatest);
    connect(m_ui->researchAction, &QAction::toggled, m_ui->researchPanel, &QWidget::setVisible);
    connect(m_ui->presentAction, &QAction::toggled, this, &MainWindow::setPresentation);
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
    m_ui->progressBar->setValue(0);
    m_ui->etaLabel->clear();
    m_ui->phaseLabel->setText(tr("Starting…"));
}

void MainWindow::onRecord(const StepRecord& record) {
    ++m_recordsThisRun;
    // A step 0 always begins a trajectory (Step once without a matching held trajectory starts afresh).
    if (m_replaceOnNextRecord || record.step == 0) {
        m_replaceOnNextRecord = false;
        m_model->clear();
    }
    m_model->appendRecord(record);
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
        m_ui->phaseLabel->setText(tr("Done: %n step(s)", nullptr, steps));
        break;
    case RunOutcome::Stopped:
        m_ui->phaseLabel->setText(tr("Stopped"));
        showMessage(tr("Stopped by request; %n step(s) kept.", nullptr, steps), false);
        break;
    case RunOutcome::Failed:
        m_ui->progressBar->setValue(0);
        m_ui->phaseLabel->setText(tr("Failed"));
        showMessage(m_recordsThisRun > 0 ? tr("%1 (The %n step(s) so far are kept.)", nullptr, m_recordsThisRun).arg(message) : message, true);
        break;
    }
}

void MainWindow::onBusyChanged(bool busy) {
    m_ui->stopButton->setEnabled(busy);
    m_ui->stopAction->setEnabled(busy);
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

bool MainWindow::chooseModelFolder(const QString& folder) {
    // Checked before use: the describe-model report (layout, sizes, memory per device) from config.json and the
    // weights' tensor list, without loading any weight. The worker checks every tensor again when it loads.
    std::string report;
    try {
        report = EngineSession::describe_model_folder(folder.toStdString());
    } catch (const std::exception& error) {
        QMessageBox::warning(this, tr("Open model folder"),
                             tr("This folder cannot be used as a model:\n\n%1").arg(QString::fromStdString(error.what())));
        return false;
    }
    QMessageBox box(QMessageBox::Question, tr("Open model folder"),
                    tr("Use the model in %1?\nIt is loaded on the next run, on the device and precision chosen.").arg(folder),
                    QMessageBox::Ok | QMessageBox::Cancel, this);
    box.setObjectName(QStringLiteral("modelReportBox"));
    box.setDetailedText(QString::fromStdString(report));
    box.setInformativeText(memoryEstimateLines(QString::fromStdString(report)));
    box.button(QMessageBox::Ok)->setText(tr("Use this model"));
    if (box.exec() != QMessageBox::Ok) return false;
    m_ui->parameterPanel->setModelFolder(folder);
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
    // A clean view for an audience: the image and the curves only, full screen.
    m_ui->controlsScroll->setVisible(!on);
    m_ui->menuBar->setVisible(!on);
    if (on) showFullScreen();
    else showNormal();
    if (m_ui->presentAction->isChecked() != on) m_ui->presentAction->setChecked(on);
}

void MainWindow::restoreState() {
    QSettings settings;
    settings.beginGroup(QStringLiteral("run"));
    setRunSettings(RunSettings::load(settings));
    settings.endGroup();
    settings.beginGroup(QStringLiteral("window"));
    restoreGeometry(settings.value(QStringLiteral("geometry")).toByteArray());
    for (QSplitter* splitter : {m_ui->mainSplitter, m_ui->viewSplitter, m_ui->topSplitter, m_ui->plotSplitter})
        splitter->restoreState(settings.value(splitter->objectName()).toByteArray());
    m_ui->parameterPanel->setAdvancedVisible(settings.value(QStringLiteral("advanced"), false).toBool());
    m_ui->researchAction->setChecked(settings.value(QStringLiteral("research"), true).toBool());
    settings.endGroup();
}

void MainWindow::saveState() const {
    QSettings settings;
    settings.beginGroup(QStringLiteral("run"));
    runSettings().save(settings);
    settings.endGroup();
    settings.beginGroup(QStringLiteral("window"));
    settings.setValue(QStringLiteral("geometry"), saveGeometry());
    for (QSplitter* splitter : {m_ui->mainSplitter, m_ui->viewSplitter, m_ui->topSplitter, m_ui->plotSplitter})
        settings.setValue(splitter->objectName(), splitter->saveState());
    settings.setValue(QStringLiteral("advanced"), m_ui->parameterPanel->isAdvancedVisible());
    settings.setValue(QStringLiteral("research"), m_ui->researchAction->isChecked());
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
    saveState();
    m_controller->stop();
    event->accept();
}

}  // namespace milr
