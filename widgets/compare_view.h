// Compare mode: choose any two steps (of this run, or of the other run of the same prompt) or the quick choice
// "initial vs best", and see them in a swipe or side by side, each captioned with its run, step and reward.
// Until the user picks, it shows the initial image against the best so far; a step shown from a timeline becomes
// the second image.
#pragma once
#include <QWidget>

#include "widgets/compare_canvas.h"

class QComboBox;
class QToolButton;

namespace milr {

class StepModel;
struct StepRecord;

class CompareView : public QWidget {
    Q_OBJECT
public:
    explicit CompareView(QWidget* parent = nullptr);

    // The steps to choose from: those of `primary` and, when given, those of `other` (the other run).
    void setModels(StepModel* primary, StepModel* other = nullptr);

    // The choosers' entries: one per step of the primary run, then one per step of the other run.
    int entryCount() const;
    // Shows entry `first` against entry `second`; out-of-range entries are ignored.
    void choose(int first, int second);
    // The initial image (step 0) of the primary run against its best reward.
    void chooseInitialAndBest();
    // Step `primaryStep` of the primary run against step `otherStep` of the other run (ignored when either is absent).
    void chooseAcrossRuns(int primaryStep, int otherStep);
    // The records on show (nullptr when none).
    const StepRecord* chosenRecord(int side) const;

    void setArrangement(CompareCanvas::Arrangement arrangement);
    CompareCanvas::Arrangement arrangement() const;

    CompareCanvas* canvas() const { return m_canvas; }
    QComboBox* chooser(int side) const { return m_choosers[side & 1]; }

signals:
    void arrangementChanged(milr::CompareCanvas::Arrangement arrangement);

private:
    struct Entry {
        int source = 0;  // 0 = primary, 1 = other
        int step = 0;
    };
    void connectModel(StepModel* model, int source);
    void rebuildEntries();
    void refresh();
    void showStepOf(int source, int index);
    int entryOf(int source, int step) const;
    Entry entryAt(const QComboBox* box) const;
    const StepRecord* recordOf(const Entry& entry) const;
    QString titleOf(int source) const;

    StepModel* m_models[2] = {nullptr, nullptr};
    QComboBox* m_choosers[2] = {nullptr, nullptr};
    QToolButton* m_swipeButton = nullptr;
    QToolButton* m_sideBySideButton = nullptr;
    CompareCanvas* m_canvas = nullptr;
    bool m_userChose = false;  // false: follow "initial vs best" as steps arrive
};

}  // namespace milr
