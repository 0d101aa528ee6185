// QCustomPlot axis rects side by side, one per metric, two graphs (text, image) each, one legend below.
#include "widgets/research_panel.h"

#include <QHelpEvent>
#include <QMenu>
#include <QToolTip>
#include <QVBoxLayout>

#include <qcustomplot.h>

#include <cmath>

#include "core/milr/step_record.h"
#include "widgets/plot_style.h"
#include "widgets/step_model.h"

namespace milr {
namespace {

double metric_value(const StepRecord& r, ResearchPanel::Metric metric, ResearchPanel::Stream stream) {
    const bool text = stream == ResearchPanel::Stream::Text;
    switch (metric) {
        case ResearchPanel::Metric::LatentDistance:
            return text ? r.text_latent_distance : r.image_latent_distance;
        case ResearchPanel::Metric::GradientNorm:
            return text ? r.text_grad_norm : r.image_grad_norm;
        case ResearchPanel::Metric::LogProb:
            return text ? r.text_logprob : r.image_logprob;
        case ResearchPanel::Metric::ChangedTokens:
            return text ? changed_within(r.reasoning_changed_since_previous, r.optimised_text_tokens)
                        : changed_within(r.image_changed_since_previous, r.optimised_image_tokens);
        case ResearchPanel::Metric::Margin:
            return text ? r.text_margin : r.image_margin;
    }
    return 0.0;
}

// Whether the record has a value of the metric for the stream: Best-of-N optimises nothing, a mode has no
// latents of the other stream, and step 0 (before any update) has no gradient and no loss yet.
bool metric_defined(const StepRecord& r, ResearchPanel::Metric metric, ResearchPanel::Stream stream) {
    if (r.mode == "best-of-n") return false;
    if (r.mode == "text" && stream == ResearchPanel::Stream::Image) return false;
    if (r.mode == "image" && stream == ResearchPanel::Stream::Text) return false;
    const bool measured_at_start =
        metric == ResearchPanel::Metric::LatentDistance || metric == ResearchPanel::Metric::Margin;
    if (r.step == 0 && !measured_at_start) return false;
    if (metric == ResearchPanel::Metric::Margin && metric_value(r, metric, stream) < 0) return false;  // not measured
    return std::isfinite(metric_value(r, metric, stream));
}

}  // namespace

ResearchPanel::ResearchPanel(QWidget* parent) : QWidget(parent), m_plot(new QCustomPlot(this)) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_plot);
    setMinimumHeight(170);

    m_plot->plotLayout()->clear();
    const QString titles[kMetricCount] = {tr("latent distance from the start"), tr("gradient norm"),
                                          tr("log-prob of the optimised tokens"), tr("optimised tokens changed"),
                                          tr("top-2 margin")};
    const QString tips[kMetricCount] = {
        tr("How far the optimised latents have moved from their initial values."),
        tr("Norm of the loss gradient at the optimised latents (before Adam)."),
        tr("The estimator's log-likelihood of the optimised tokens (before the update)."),
        tr("How many of the optimised positions hold a different token than at the previous step: 0 means the "
           "step re-sampled the rest and left the optimised prefix as it was."),
        tr("Mean of p(top token) - p(second token) at the optimised positions: near 1, the latents must move far "
           "before a token flips.")};
    const QColor colours[2] = {QColor(40, 130, 255), QColor(230, 100, 40)};
    const QString streams[2] = {tr("text"), tr("image")};
    auto* legend = new QCPLegend;
    QStringList explained;
    for (int metric = 0; metric < kMetricCount; ++metric)
        explained << titles[metric] + QStringLiteral(": ") + tips[metric];
    m_plot->setToolTip(explained.join(QLatin1Char('\n')));
    for (int metric = 0; metric < kMetricCount; ++metric) {
        auto* title = new QCPTextElement(m_plot, titles[metric]);
        m_plot->plotLayout()->addElement(0, metric, title);
        auto* rect = new QCPAxisRect(m_plot);
        m_plot->plotLayout()->addElement(1, metric, rect);
        rect->setMinimumMargins(QMargins(4, 4, 4, 4));
        rect->axis(QCPAxis::atBottom)->setLabel(tr("step"));
        rect->axis(QCPAxis::atBottom)->setTicker(step_ticker());
        rect->axis(QCPAxis::atLeft)->ticker()->setTickCount(4);
        for (int stream = 0; stream < 2; ++stream) {
            QCPGraph* graph = m_plot->addGraph(rect->axis(QCPAxis::atBottom), rect->axis(QCPAxis::atLeft));
            graph->setPen(QPen(colours[stream], 2));
            graph->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, 5));
            graph->setName(streams[stream]);
            m_graphs[metric][stream] = graph;
        }
        auto* notApplicable = new QCPItemText(m_plot);
        notApplicable->setClipAxisRect(rect);
        notApplicable->position->setAxisRect(rect);
        notApplicable->position->setType(QCPItemPosition::ptAxisRectRatio);
        notApplicable->position->setCoords(0.5, 0.5);
        notApplicable->setText(tr("n/a for this run"));
        notApplicable->setColor(palette().color(QPalette::PlaceholderText));
        notApplicable->setVisible(false);
        m_notApplicable[metric] = notApplicable;
    }
    // One legend for the whole panel (text / image), in a row under the plots.
    m_plot->plotLayout()->addElement(2, 0, legend);
    m_plot->plotLayout()->setRowStretchFactor(0, 0.001);
    m_plot->plotLayout()->setRowStretchFactor(2, 0.001);
    legend->setFillOrder(QCPLayoutGrid::foColumnsFirst);
    legend->setLayer(QStringLiteral("legend"));
    for (int stream = 0; stream < 2; ++stream) m_graphs[0][stream]->addToLegend(legend);
    m_plot->plotLayout()->setColumnSpacing(8);
    apply_palette(m_plot, palette());
    m_plot->installEventFilter(this);  // hover: the values of the step under the cursor
    m_plot->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_plot, &QWidget::customContextMenuRequested, this, [this](const QPoint& at) {
        QMenu menu(this);
        QAction* log = menu.addAction(tr("Log scale for the distance and the gradient norm"));
        log->setCheckable(true);
        log->setChecked(m_logScale);
        connect(log, &QAction::toggled, this, &ResearchPanel::setLogScale);
        menu.exec(m_plot->mapToGlobal(at));
    });
    rebuild();
}

bool ResearchPanel::logAxis(int metric) const {
    return m_logScale &&
        (metric == static_cast<int>(Metric::LatentDistance) || metric == static_cast<int>(Metric::GradientNorm));
}

void ResearchPanel::setLogScale(bool on) {
    m_logScale = on;
    for (int metric = 0; metric < kMetricCount; ++metric) {
        QCPAxis* axis = m_graphs[metric][0]->valueAxis();
        if (logAxis(metric)) {
            axis->setScaleType(QCPAxis::stLogarithmic);
            axis->setTicker(QSharedPointer<QCPAxisTickerLog>(new QCPAxisTickerLog));
        } else {
            axis->setScaleType(QCPAxis::stLinear);
            axis->setTicker(QSharedPointer<QCPAxisTicker>(new QCPAxisTicker));
            axis->ticker()->setTickCount(4);
        }
    }
    rebuild();
}

QString ResearchPanel::valuesAt(const QPoint& plotPosition) const {
    for (int metric = 0; metric < kMetricCount; ++metric) {
        QCPAxisRect* rect = m_graphs[metric][0]->keyAxis()->axisRect();
        if (!rect->rect().contains(plotPosition)) continue;
        const double key = m_graphs[metric][0]->keyAxis()->pixelToCoord(plotPosition.x());
        const int step = static_cast<int>(std::lround(key));
        if (std::abs(key - step) > 0.5) return {};
        QStringList values;
        const QString streams[2] = {tr("text"), tr("image")};
        for (int stream = 0; stream < 2; ++stream) {
            const auto data = m_graphs[metric][stream]->data();
            const auto it = data->findBegin(step, false);
            if (it != data->constEnd() && static_cast<int>(std::lround(it->key)) == step)
                values << QStringLiteral("%1 %2").arg(streams[stream]).arg(it->value, 0, 'g', 4);
        }
        if (values.isEmpty()) return {};
        return tr("step %1: %2").arg(step).arg(values.join(QStringLiteral(", ")));
    }
    return {};
}

bool ResearchPanel::eventFilter(QObject* watched, QEvent* event) {
    if (watched == m_plot && event->type() == QEvent::ToolTip) {
        auto* help = static_cast<QHelpEvent*>(event);
        const QString text = valuesAt(help->pos());
        if (text.isEmpty())
            QToolTip::showText(help->globalPos(), m_plot->toolTip(), m_plot);  // what the plots show
        else
            QToolTip::showText(help->globalPos(), text, m_plot);
        return true;
    }
    return QWidget::eventFilter(watched, event);
}

bool ResearchPanel::isNotApplicable(Metric metric) const {
    return m_notApplicable[static_cast<int>(metric)]->visible();
}

void ResearchPanel::changeEvent(QEvent* event) {
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange) {
        apply_palette(m_plot, palette());
        for (QCPItemText* text : m_notApplicable) text->setColor(palette().color(QPalette::PlaceholderText));
        m_plot->replot();
    }
}

void ResearchPanel::setModel(StepModel* model) {
    StepModelHandlers handlers;
    handlers.appended = [this](int index) {
        rebuild();
        emit viewUpdated(m_model->record(index).step);
    };
    handlers.cleared = [this] { rebuild(); };
    attach_step_model(this, m_model, model, handlers);
    rebuild();
}

void ResearchPanel::rebuild() {
    for (int metric = 0; metric < kMetricCount; ++metric) {
        for (int stream = 0; stream < 2; ++stream) {
            QVector<double> steps, values;
            if (m_model) {
                for (const StepRecord& record : m_model->records()) {
                    if (!metric_defined(record, static_cast<Metric>(metric), static_cast<Stream>(stream))) continue;
                    const double value = metric_value(record, static_cast<Metric>(metric), static_cast<Stream>(stream));
                    if (logAxis(metric) && value <= 0) continue;  // no place on a log axis
                    steps.push_back(record.step);
                    values.push_back(value);
                }
            }
            m_graphs[metric][stream]->setData(steps, values, true);
        }
        QCPAxisRect* rect = m_graphs[metric][0]->keyAxis()->axisRect();
        const bool empty = m_graphs[metric][0]->data()->isEmpty() && m_graphs[metric][1]->data()->isEmpty();
        // "n/a" rather than a flat zero line where the run on show has no such value (Best-of-N, step 0 alone).
        m_notApplicable[metric]->setVisible(empty && m_model && !m_model->isEmpty());
        if (empty) {
            rect->axis(QCPAxis::atBottom)->setRange(-0.5, 1.5);
            rect->axis(QCPAxis::atLeft)->setRange(0.0, 1.0);
            continue;
        }
        rect->axis(QCPAxis::atBottom)->rescale();
        rect->axis(QCPAxis::atLeft)->rescale();
        const QCPRange keys = rect->axis(QCPAxis::atBottom)->range();
        rect->axis(QCPAxis::atBottom)->setRange(keys.lower - 0.5, std::max(keys.upper, keys.lower + 1.0) + 0.5);
        const QCPRange values = rect->axis(QCPAxis::atLeft)->range();
        if (logAxis(metric)) {
            rect->axis(QCPAxis::atLeft)->setRange(values.lower / 1.5, values.upper * 1.5);
            continue;
        }
        const double pad = std::max(1e-6, 0.1 * values.size());
        rect->axis(QCPAxis::atLeft)->setRange(values.lower - pad, values.upper + pad);
    }
    m_plot->replot(QCustomPlot::rpQueuedReplot);  // with the next paint: a step never waits for it
}

}  // namespace milr
