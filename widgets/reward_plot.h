// The reward curve (QCustomPlot): a point per step, the best step marked, hover for the reward's breakdown and the
// judge's reasons, click to show a step; the other run of the same prompt (Best-of-N beside MILR, or the reverse)
// overlaid as a dashed curve. Every step is one reward call in both, so the step axis counts reward calls too.
#pragma once
#include <QWidget>

class QCustomPlot;
class QCPGraph;

namespace milr {

class StepModel;
struct StepRecord;

class RewardPlot : public QWidget {
    Q_OBJECT
public:
    explicit RewardPlot(QWidget* parent = nullptr);

    void setModel(StepModel* model);
    // The other run of the same prompt, drawn dashed under the run on show (nothing when empty or null).
    void setOtherModel(StepModel* other);
    int otherPointCount() const;

    int pointCount() const;
    // Step number marked as the best (highest reward, earliest on a tie), or -1.
    int bestStep() const;
    // Step number marked as the one on show, or -1.
    int selectedStep() const;
    // The step whose point is nearest to widget position `pos` within `radius` pixels, or -1.
    int stepAt(const QPoint& pos, double radius = 12.0) const;
    // Where the point of step number `step` is drawn, in this widget's coordinates.
    QPoint pointPosition(int step) const;
    // The hover text of a step: reward, verdict, the breakdown and the judge's reasons.
    static QString tooltipText(const StepRecord& record);

    QCustomPlot* plot() const { return m_plot; }

signals:
    void stepSelected(int step);
    void viewUpdated(int step);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    void applyPalette();
    void applyFont();
    void rebuild();
    void markSelection();

    StepModel* m_model = nullptr;
    StepModel* m_other = nullptr;
    QCPGraph* m_otherCurve = nullptr;
    QCustomPlot* m_plot = nullptr;
    QCPGraph* m_curve = nullptr;
    QCPGraph* m_best = nullptr;
    QCPGraph* m_selected = nullptr;
};

}  // namespace milr
