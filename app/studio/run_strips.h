// The timeline strips of the two runs of a prompt (MILR and Best-of-N): the other run's strip and its label shown
// only while there is one, each strip labelled with its run and its steps, and a click on a step of the other run
// showing it against the step on show in the compare view.
#pragma once
#include <QObject>

class QAction;
class QLabel;

namespace milr {

class CompareView;
class StepModel;
class TimelineStrip;

class RunStrips : public QObject {
    Q_OBJECT
public:
    struct Widgets {
        TimelineStrip* strip;
        QLabel* label;
        TimelineStrip* otherStrip;
        QLabel* otherLabel;
        CompareView* compare;
        QAction* compareAction;  // checked to show the compare view
    };
    RunStrips(StepModel* shown, StepModel* other, const Widgets& widgets, QObject* parent);

    // Shows or hides the other run's strip and writes both labels (on every change of either run).
    void update();

private:
    void showAgainstOtherRun(int otherStep);

    StepModel* m_shown;
    StepModel* m_other;
    Widgets m_widgets;
};

}  // namespace milr
