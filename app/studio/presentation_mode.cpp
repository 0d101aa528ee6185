// Entering and leaving presentation mode, its caption and the auto-play pace.
#include "app/studio/presentation_mode.h"

#include <QActionGroup>
#include <QBoxLayout>
#include <QLabel>
#include <QMainWindow>
#include <QScreen>
#include <QToolButton>

#include <algorithm>
#include <cstdlib>

#include "ui_mainwindow.h"
#include "widgets/layer_toggles.h"
#include "widgets/step_model.h"
#include "widgets/trajectory_player.h"

namespace milr {
namespace {

// The type and the thumbnails grow by these factors.
constexpr double kFontScale = 1.6;
constexpr double kCaptionScale = 1.3;  // the prompt line, over the already larger type
constexpr int kThumbnail = 104;

QList<QSplitter*> splitters_of(Ui::MainWindow* ui) {
    return {ui->mainSplitter, ui->viewSplitter, ui->topSplitter, ui->plotSplitter};
}

}  // namespace

PresentationMode::PresentationMode(QMainWindow* window, Ui::MainWindow* ui, StepModel* model, TrajectoryPlayer* player,
                                   LayerToggles* layers)
    : QObject(window), m_window(window), m_ui(ui), m_model(model), m_player(player), m_layers(layers) {
    m_paceGroup = new QActionGroup(this);
    for (int pace : kPaces) {
        QAction* action = m_ui->paceMenu->addAction(tr("%1 s per step").arg(pace / 1000.0));
        action->setCheckable(true);
        action->setData(pace);
        m_paceGroup->addAction(action);
        connect(action, &QAction::triggered, this, [this, pace] { setPace(pace); });
    }
    setPace(1000);
    m_ui->paceMenu->addSeparator();
    QAction* endOnBest = m_ui->paceMenu->addAction(tr("End on the &best step"));
    endOnBest->setObjectName(QStringLiteral("endOnBestAction"));
    endOnBest->setToolTip(
        tr("Auto-play plays the trajectory once and stops on the step with the highest reward; "
           "off, it starts over"));
    endOnBest->setCheckable(true);
    endOnBest->setChecked(true);
    m_player->setEndOnBest(true);
    connect(endOnBest, &QAction::toggled, m_player, &TrajectoryPlayer::setEndOnBest);
    connect(m_ui->presentAction, &QAction::toggled, this, &PresentationMode::setActive);
    buildControlBar();
}

void PresentationMode::buildControlBar() {
    m_bar = new QWidget(m_ui->centralWidget);
    m_bar->setObjectName(QStringLiteral("presentationBar"));
    auto* layout = new QHBoxLayout(m_bar);
    layout->setContentsMargins(0, 0, 0, 0);
    m_runningLabel = new QLabel(tr("● Optimising…"), m_bar);
    m_runningLabel->setObjectName(QStringLiteral("presentationRunning"));
    m_runningLabel->setStyleSheet(QStringLiteral("color: #d04020; font-weight: bold"));
    m_runningLabel->setVisible(false);
    const auto button = [this](const QString& text, const QString& tip) {
        auto* b = new QToolButton(m_bar);
        b->setText(text);
        b->setToolTip(tip);
        b->setAutoRaise(true);
        return b;
    };
    QToolButton* previous = button(tr("◀ Previous"), tr("The step before (Left)"));
    m_playButton = button(tr("Play"), tr("Play the trajectory at the chosen pace"));
    m_playButton->setCheckable(true);
    QToolButton* next = button(tr("Next ▶"), tr("The step after (Right)"));
    // The button says the key too: the hint that Esc leaves.
    QToolButton* leave = button(tr("Leave (Esc)"), tr("Leave presentation mode (Esc)"));
    layout->addWidget(m_runningLabel);
    layout->addStretch(1);
    layout->addWidget(previous);
    layout->addWidget(m_playButton);
    layout->addWidget(next);
    layout->addStretch(1);
    layout->addWidget(leave);
    // Under the caption, above the views.
    if (auto* central = qobject_cast<QBoxLayout*>(m_ui->centralWidget->layout()))
        central->insertWidget(central->indexOf(m_ui->presentationCaption) + 1, m_bar);
    m_bar->setVisible(false);
    connect(previous, &QToolButton::clicked, this, [this] { showNeighbour(-1); });
    connect(next, &QToolButton::clicked, this, [this] { showNeighbour(+1); });
    connect(leave, &QToolButton::clicked, this, [this] { setActive(false); });
    connect(m_playButton, &QToolButton::toggled, m_ui->autoPlayAction, &QAction::setChecked);
    connect(m_ui->autoPlayAction, &QAction::toggled, m_playButton, &QToolButton::setChecked);
    m_playButton->setChecked(m_ui->autoPlayAction->isChecked());
}

void PresentationMode::showNeighbour(int offset) {
    if (m_model->isEmpty()) return;
    const int index = std::clamp(m_model->selectedIndex() + offset, 0, m_model->count() - 1);
    m_model->selectStep(m_model->record(index).step);
}

void PresentationMode::setActive(bool on) {
    if (m_ui->presentAction->isChecked() != on) m_ui->presentAction->setChecked(on);  // comes back here once
    if (on == m_active) return;
    m_active = on;
    const QList<QSplitter*> splitters = splitters_of(m_ui);
    if (on) {
        m_stateBefore = m_window->windowState();
        m_splittersBefore.clear();
        for (QSplitter* splitter : splitters) m_splittersBefore << splitter->saveState();
        m_thumbnailSizeBefore = m_ui->timeline->thumbnailSize();
        m_geometryBefore = m_window->geometry();
    }
    applyLayout(on);
    if (on) {
        // Without a window manager (a bare X server on a kiosk or projector machine) full screen does not resize
        // the window: it takes the screen's size first, so nothing lies past the screen's edge.
        if (QScreen* screen = m_window->screen()) m_window->setGeometry(screen->geometry());
        m_window->showFullScreen();
        m_ui->topSplitter->setSizes({600, 400});
        m_ui->timeline->setFocus(Qt::OtherFocusReason);  // Left and Right step through the trajectory
    } else {
        if (m_stateBefore & Qt::WindowMaximized) {
            m_window->showMaximized();
        } else {
            m_window->showNormal();
            m_window->setGeometry(m_geometryBefore);
        }
        for (int i = 0; i < splitters.size() && i < m_splittersBefore.size(); ++i)
            splitters[i]->restoreState(m_splittersBefore[i]);
    }
    emit activeChanged(on);
}

void PresentationMode::applyLayout(bool on) {
    m_ui->menuBar->setVisible(!on);
    // The reasoning stays, with its edits, in large type: it is what makes MILR different.
    for (QWidget* widget : {static_cast<QWidget*>(m_ui->controlsScroll), static_cast<QWidget*>(m_ui->phaseLabel),
                            static_cast<QWidget*>(m_ui->progressBar), static_cast<QWidget*>(m_ui->etaLabel),
                            static_cast<QWidget*>(m_ui->rewardBreakdown)})
        widget->setVisible(!on);
    m_bar->setVisible(on);
    m_ui->researchPanel->setVisible(!on && m_ui->researchAction->isChecked());
    if (on) m_ui->messageLabel->setVisible(false);
    m_ui->presentationCaption->setVisible(on);
    // The audience sees the picture itself: no grid or change marks while presenting; the toggles' choice after.
    m_layers->setSuppressed(on);
    if (on) {
        QFont large = m_window->font();
        large.setPointSizeF(large.pointSizeF() * kFontScale);
        m_ui->centralWidget->setFont(large);
        QFont caption = large;
        caption.setPointSizeF(large.pointSizeF() * kCaptionScale);
        m_ui->presentationCaption->setFont(caption);
        m_ui->timeline->setThumbnailSize(kThumbnail);
        m_ui->otherTimeline->setThumbnailSize(kThumbnail);
    } else {
        m_ui->centralWidget->setFont(QFont());  // inherit the window's font again
        m_ui->presentationCaption->setFont(QFont());
        m_ui->timeline->setThumbnailSize(m_thumbnailSizeBefore);
        m_ui->otherTimeline->setThumbnailSize(m_thumbnailSizeBefore);
    }
}

int PresentationMode::pace() const { return m_player->pace(); }

void PresentationMode::setPace(int milliseconds) {
    int chosen = kPaces[0];
    for (int pace : kPaces)
        if (std::abs(pace - milliseconds) < std::abs(chosen - milliseconds)) chosen = pace;
    m_player->setPace(chosen);
    for (QAction* action : m_paceGroup->actions()) action->setChecked(action->data().toInt() == chosen);
}

void PresentationMode::updatePlayer(bool running) {
    m_player->setPlaying(m_active && m_ui->autoPlayAction->isChecked() && !running);
    m_runningLabel->setVisible(running);
}

void PresentationMode::updateCaption(const QString& prompt, int plannedLastStep) {
    if (!m_active) return;
    QString text = QStringLiteral("“%1”").arg(prompt.toHtmlEscaped());
    if (const StepRecord* record = m_model->selectedRecord()) {
        text += QStringLiteral("<br><span style=\"font-weight:normal\">%1</span>")
                    .arg(tr("%1 · step %2 of %3 · reward %4 (%5)")
                             .arg(run_title(record->mode))
                             .arg(record->step)
                             .arg(plannedLastStep)
                             .arg(record->reward, 0, 'f', 3)
                             .arg(record->passed ? tr("passed") : tr("not passed")));
    }
    m_ui->presentationCaption->setText(QStringLiteral("<b>%1</b>").arg(text));
}

}  // namespace milr
