// The reward curve: graphs for all steps, the best step and the selected step; hover and click handling.
#include "widgets/reward_plot.h"

#include <QApplication>
#include <QHelpEvent>
#include <QMouseEvent>
#include <QToolTip>
#include <QVBoxLayout>

#include <qcustomplot.h>

#include <cmath>

#include "core/milr/step_record.h"
#include "widgets/plot_style.h"
#include "widgets/step_model.h"

namespace milr {

RewardPlot::RewardPlot(QWidget* parent) : QWidget(parent), m_plot(new QCustomPlot(this)) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_plot);
    setMinimumHeight(160);

    m_plot->xAxis->setLabel(tr("step (reward calls beyond the first)"));
    m_plot->yAxis->setLabel(tr("reward"));
    m_plot->yAxis->setRange(-0.05, 1.05);
    m_plot->xAxis->setRange(-0.5, 1.5);
    m_plot->xAxis->setTicker(step_ticker());

    m_curve = m_plot->addGraph();
    m_curve->setName(tr("reward"));
    m_curve->setPen(QPen(QColor(40, 130, 255), 2));

    // The other run on a layer under the run on show, which is drawn over it.
    m_plot->addLayer(QStringLiteral("otherRun"), m_plot->layer(QStringLiteral("main")), QCustomPlot::limBelow);
    m_otherCurve = m_plot->addGraph();
    m_otherCurve->setLayer(QStringLiteral("otherRun"));
    m_otherCurve->setPen(QPen(QColor(200, 110, 40), 2, Qt::DashLine));
    m_otherCurve->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssSquare, QColor(200, 110, 40), 5));
    m_otherCurve->removeFromLegend();

    m_selected = m_plot->addGraph();
    m_selected->setName(tr("on show"));
    m_selected->setLineStyle(QCPGraph::lsNone);

    m_best = m_plot->addGraph();
    m_best->setName(tr("best"));
    m_best->setLineStyle(QCPGraph::lsNone);
    m_best->setScatterStyle(
        QCPScatterStyle(QCPScatterStyle::ssStar, QPen(QColor(230, 120, 0), 2), QColor(255, 170, 0), 16));

    // The legend in a row above the plot, where it never hides a point.
    m_plot->legend->setVisible(true);
    m_plot->plotLayout()->insertRow(0);
    m_plot->plotLayout()->addElement(0, 0, m_plot->legend);
    m_plot->plotLayout()->setRowStretchFactor(0, 0.001);
    m_plot->legend->setFillOrder(QCPLayoutGrid::foColumnsFirst);
    m_plot->legend->setMargins(QMargins(6, 2, 6, 2));
    applyPalette();
    applyFont();

    m_plot->setMouseTracking(true);
    m_plot->installEventFilter(this);
}

void RewardPlot::applyPalette() {
    apply_palette(m_plot, palette());
    m_curve->setScatterStyle(
        QCPScatterStyle(QCPScatterStyle::ssCircle, QColor(40, 130, 255), palette().color(QPalette::Base), 7));
    m_selected->setScatterStyle(
        QCPScatterStyle(QCPScatterStyle::ssCircle, QPen(palette().color(QPalette::WindowText), 2), Qt::NoBrush, 14));
}

void RewardPlot::applyFont() {
    // The plot's text follows the widget's font (larger in presentation mode), as QCustomPlot copies fonts once.
    const QFont text = font();
    for (QCPAxis* axis : {m_plot->xAxis, m_plot->yAxis}) {
        axis->setTickLabelFont(text);
        axis->setLabelFont(text);
    }
    m_plot->legend->setFont(text);
    // In large type (presentation), two entries a row, so the legend never widens the plot's column.
    m_plot->legend->setWrap(text.pointSizeF() > QApplication::font().pointSizeF() * 1.3 ? 2 : 0);
    m_plot->legend->setIconSize(QFontMetrics(text).height() * 2, QFontMetrics(text).height());
}

void RewardPlot::changeEvent(QEvent* event) {
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange) {
        applyPalette();
        m_plot->replot();
    } else if (event->type() == QEvent::FontChange) {
        applyFont();
        m_plot->replot(QCustomPlot::rpQueuedReplot);
    }
}

void RewardPlot::setModel(StepModel* model) {
    StepModelHandlers handlers;
    handlers.appended = [this](int index) {
        rebuild();
        emit viewUpdated(m_model->record(index).step);
    };
    handlers.selected = [this](int) {
        markSelection();
        m_plot->replot(QCustomPlot::rpQueuedReplot);  // with the next paint: a step never waits for it
    };
    handlers.cleared = [this] { rebuild(); };
    attach_step_model(this, m_model, model, handlers);
    rebuild();
}

void RewardPlot::rebuild() {
    QVector<double> steps, rewards;
    if (m_model) {
        for (const StepRecord& record : m_model->records()) {
            steps.push_back(record.step);
            rewards.push_back(std::isfinite(record.reward) ? record.reward : 0.0);
        }
    }
    m_curve->setData(steps, rewards, true);
    QVector<double> otherSteps, otherRewards;
    const bool paired = m_other && !m_other->isEmpty() && m_model && !m_model->isEmpty();
    if (paired) {
        for (const StepRecord& record : m_other->records()) {
            otherSteps.push_back(record.step);
            otherRewards.push_back(std::isfinite(record.reward) ? record.reward : 0.0);
        }
    }
    m_otherCurve->setData(otherSteps, otherRewards, true);
    // With two runs the legend names them; alone, the curve is "reward".
    m_curve->setName(paired ? run_title(m_model->record(0).mode) : tr("reward"));
    if (paired) {
        m_otherCurve->setName(run_title(m_other->record(0).mode));
        if (!m_plot->legend->hasItemWithPlottable(m_otherCurve)) m_otherCurve->addToLegend();
    } else {
        m_otherCurve->removeFromLegend();
    }
    m_best->data()->clear();
    const int best = m_model ? m_model->bestIndex() : -1;
    if (best >= 0) m_best->addData(m_model->record(best).step, m_model->record(best).reward);
    markSelection();
    double lastStep = steps.isEmpty() ? 1.0 : std::max(1.0, steps.back());
    if (!otherSteps.isEmpty()) lastStep = std::max(lastStep, otherSteps.back());
    m_plot->xAxis->setRange(-0.5, lastStep + 0.5);
    m_plot->replot(QCustomPlot::rpQueuedReplot);  // with the next paint: a step never waits for it
}

void RewardPlot::markSelection() {
    m_selected->data()->clear();
    if (const StepRecord* record = m_model ? m_model->selectedRecord() : nullptr)
        m_selected->addData(record->step, record->reward);
}

int RewardPlot::pointCount() const { return m_curve->dataCount(); }
int RewardPlot::otherPointCount() const { return m_otherCurve->dataCount(); }

void RewardPlot::setOtherModel(StepModel* other) {
    if (m_other) disconnect(m_other, nullptr, this, nullptr);
    m_other = other;
    if (m_other) {
        connect(m_other, &StepModel::recordAppended, this, &RewardPlot::rebuild);
        connect(m_other, &StepModel::cleared, this, &RewardPlot::rebuild);
    }
    rebuild();
}

int RewardPlot::bestStep() const { return m_best->dataCount() ? static_cast<int>(m_best->data()->at(0)->key) : -1; }

int RewardPlot::selectedStep() const {
    return m_selected->dataCount() ? static_cast<int>(m_selected->data()->at(0)->key) : -1;
}

QPoint RewardPlot::pointPosition(int step) const {
    if (!m_model) return {};
    const int index = m_model->indexOfStep(step);
    if (index < 0) return {};
    const double x = m_plot->xAxis->coordToPixel(step);
    const double y = m_plot->yAxis->coordToPixel(m_model->record(index).reward);
    return m_plot->mapTo(this, QPoint(static_cast<int>(std::lround(x)), static_cast<int>(std::lround(y))));
}

int RewardPlot::stepAt(const QPoint& pos, double radius) const {
    if (!m_model) return -1;
    const QPoint plotPos = m_plot->mapFrom(this, pos);
    int nearest = -1;
    double nearestDistance = radius;
    for (const StepRecord& record : m_model->records()) {
        const double dx = m_plot->xAxis->coordToPixel(record.step) - plotPos.x();
        const double dy = m_plot->yAxis->coordToPixel(record.reward) - plotPos.y();
        const double distance = std::hypot(dx, dy);
        if (distance <= nearestDistance) {
            nearestDistance = distance;
            nearest = record.step;
        }
    }
    return nearest;
}

QString RewardPlot::tooltipText(const StepRecord& record) {
    QString text = tr("<b>Step %1</b>: reward %2 (%3)")
                       .arg(record.step)
                       .arg(record.reward, 0, 'f', 3)
                       .arg(record.passed ? tr("passed") : tr("not passed"));
    if (!record.reward_breakdown.empty()) {
        text += QStringLiteral("<br>");
        for (const RewardComponent& component : record.reward_breakdown)
            text += tr("%1: %2 (weight %3)<br>")
                        .arg(QString::fromStdString(component.name).toHtmlEscaped())
                        .arg(component.value, 0, 'f', 3)
                        .arg(component.weight, 0, 'g', 3);
    }
    if (!record.reward_reasons.empty()) {
        text += tr("<br><i>The judge's reasons:</i><ul style=\"margin:0\">");
        for (const std::string& reason : record.reward_reasons)
            text += QStringLiteral("<li>%1</li>").arg(QString::fromStdString(reason).toHtmlEscaped());
        text += QStringLiteral("</ul>");
    }
    return text;
}

bool RewardPlot::eventFilter(QObject* watched, QEvent* event) {
    if (watched != m_plot || !m_model) return QWidget::eventFilter(watched, event);
    if (event->type() == QEvent::MouseMove || event->type() == QEvent::ToolTip) {
        const QPoint plotPos = event->type() == QEvent::MouseMove
            ? static_cast<QMouseEvent*>(event)->position().toPoint()
            : static_cast<QHelpEvent*>(event)->pos();
        const int step = stepAt(m_plot->mapTo(this, plotPos));
        if (step >= 0) {
            QToolTip::showText(m_plot->mapToGlobal(plotPos), tooltipText(m_model->record(m_model->indexOfStep(step))),
                               m_plot);
            m_plot->setCursor(Qt::PointingHandCursor);
        } else {
            QToolTip::hideText();
            m_plot->unsetCursor();
        }
        return event->type() == QEvent::ToolTip;
    }
    if (event->type() == QEvent::MouseButtonPress) {
        auto* mouse = static_cast<QMouseEvent*>(event);
        if (mouse->button() == Qt::LeftButton) {
            const int step = stepAt(m_plot->mapTo(this, mouse->position().toPoint()));
            if (step >= 0) {
                emit stepSelected(step);
                return true;
            }
        }
    }
    return QWidget::eventFilter(watched, event);
}

}  // namespace milr
