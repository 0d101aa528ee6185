// The researcher's plots per step: latent distance from the start, gradient norm and log-prob of the optimised
// tokens, how many optimised positions changed their token, and the top-2 margin there (how close the tokens are
// to flipping), each for the text and the image latents.
#pragma once
#include <QWidget>

class QCustomPlot;
class QCPGraph;
class QCPAxisRect;
class QCPItemText;

namespace milr {

class StepModel;

class ResearchPanel : public QWidget {
    Q_OBJECT
public:
    enum class Metric { LatentDistance = 0, GradientNorm = 1, LogProb = 2, ChangedTokens = 3, Margin = 4 };
    static constexpr int kMetricCount = 5;
    enum class Stream { Text = 0, Image = 1 };

    explicit ResearchPanel(QWidget* parent = nullptr);

    void setModel(StepModel* model);
    // The plotted series of one metric and stream (one point per step).
    QCPGraph* graph(Metric metric, Stream stream) const {
        return m_graphs[static_cast<int>(metric)][static_cast<int>(stream)];
    }
    QCustomPlot* plot() const { return m_plot; }
    // Whether the metric's plot says "n/a" (no value for any step of the run on show).
    bool isNotApplicable(Metric metric) const;
    // The hover text at a position of the plot widget: the metric under it, the nearest step within half a step,
    // and the text and image values there ("" over no plot or no step).
    QString valuesAt(const QPoint& plotPosition) const;
    // A logarithmic value axis for the latent distance and the gradient norm (their values span decades); zeros
    // (step 0's distance) are left out of a log axis. Offered in the plots' context menu.
    void setLogScale(bool on);
    bool isLogScale() const { return m_logScale; }

signals:
    void viewUpdated(int step);

protected:
    void changeEvent(QEvent* event) override;
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void rebuild();
    bool logAxis(int metric) const;  // whether the metric's value axis is logarithmic now

    StepModel* m_model = nullptr;
    QCustomPlot* m_plot = nullptr;
    QCPGraph* m_graphs[kMetricCount][2] = {};
    QCPItemText* m_notApplicable[kMetricCount] = {};
    bool m_logScale = false;
};

}  // namespace milr
