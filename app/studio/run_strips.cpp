// The two runs' strips, their labels and the click that compares across runs.
#include "app/studio/run_strips.h"

#include <QAction>
#include <QLabel>

#include "app/studio/run_progress.h"
#include "widgets/compare_view.h"
#include "widgets/step_model.h"
#include "widgets/timeline_strip.h"

namespace milr {

RunStrips::RunStrips(StepModel* shown, StepModel* other, const Widgets& widgets, QObject* parent)
    : QObject(parent), m_shown(shown), m_other(other), m_widgets(widgets) {
    m_widgets.strip->setModel(shown);
    m_widgets.otherStrip->setModel(other);
    connect(m_widgets.otherStrip, &TimelineStrip::stepClicked, this, &RunStrips::showAgainstOtherRun);
    for (StepModel* model : {shown, other}) {
        connect(model, &StepModel::recordAppended, this, &RunStrips::update);
        connect(model, &StepModel::cleared, this, &RunStrips::update);
    }
}

void RunStrips::showAgainstOtherRun(int otherStep) {
    const StepRecord* shown = m_shown->selectedRecord();
    m_widgets.compareAction->setChecked(true);
    m_widgets.compare->chooseAcrossRuns(shown ? shown->step : 0, otherStep);
}

void RunStrips::update() {
    const bool both = !m_other->isEmpty();
    m_widgets.otherStrip->setVisible(both);
    m_widgets.otherLabel->setVisible(both);
    if (!both) {
        m_widgets.label->setText(tr("Steps (click, or Left and Right, to show one)"));
        return;
    }
    const QString title = m_shown->isEmpty() ? tr("This run") : run_title(m_shown->record(0).mode);
    m_widgets.label->setText(tr("%1: %2").arg(title, steps_text(m_shown->count())));
    m_widgets.otherLabel->setText(tr("%1, the earlier run of the same prompt: %2")
                                      .arg(run_title(m_other->record(0).mode), steps_text(m_other->count())));
}

}  // namespace milr
