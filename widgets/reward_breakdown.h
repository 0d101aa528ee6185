// The reward of the step on show, taken apart: its verdict, each component (a clause of the judge, a weighted
// term) with its value and weight, and the judge's reasons for what failed; a panel, not a tooltip.
#pragma once
#include <QWidget>

class QLabel;
class QTableWidget;

namespace milr {

class StepModel;
struct StepRecord;

class RewardBreakdown : public QWidget {
    Q_OBJECT
public:
    explicit RewardBreakdown(QWidget* parent = nullptr);

    void setModel(StepModel* model);
    void showRecord(const StepRecord& record);
    void clearRecord();

    // What the panel shows, for tests and for reading it out: the caption, one "name value weight" row per
    // component, and the reasons.
    QString caption() const;
    int componentCount() const;
    QString componentText(int row) const;
    QString reasonsText() const;

private:
    StepModel* m_model = nullptr;
    QLabel* m_caption = nullptr;
    QTableWidget* m_components = nullptr;
    QLabel* m_reasons = nullptr;
};

}  // namespace milr
