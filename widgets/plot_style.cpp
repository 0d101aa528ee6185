// Palette-driven styling of QCustomPlot views.
#include "widgets/plot_style.h"

#include <qcustomplot.h>

namespace milr {

void apply_palette(QCustomPlot* plot, const QPalette& palette) {
    const QColor text = palette.color(QPalette::WindowText);
    const QColor base = palette.color(QPalette::Base);
    plot->setBackground(base);
    for (QCPAxisRect* rect : plot->axisRects())
        for (QCPAxis* axis : rect->axes()) {
            axis->setBasePen(QPen(text));
            axis->setTickPen(QPen(text));
            axis->setSubTickPen(QPen(text));
            axis->setTickLabelColor(text);
            axis->setLabelColor(text);
            axis->grid()->setPen(QPen(palette.color(QPalette::Mid), 0, Qt::DotLine));
        }
    for (QCPLayoutElement* element : plot->plotLayout()->elements(true)) {
        if (auto* legend = qobject_cast<QCPLegend*>(element)) {
            legend->setBrush(base);
            legend->setTextColor(text);
            // A legend inside the axes is framed; one in a row of the layout is not (its frame would meet the edges).
            const bool inset = qobject_cast<QCPLayoutInset*>(legend->layout()) != nullptr;
            legend->setBorderPen(inset ? QPen(palette.color(QPalette::Mid)) : QPen(Qt::NoPen));
        } else if (auto* title = qobject_cast<QCPTextElement*>(element)) {
            title->setTextColor(text);
        }
    }
}

QSharedPointer<QCPAxisTicker> step_ticker() {
    QSharedPointer<QCPAxisTickerFixed> ticker(new QCPAxisTickerFixed);
    ticker->setTickStep(1.0);
    ticker->setScaleStrategy(QCPAxisTickerFixed::ssMultiples);
    return ticker;
}

}  // namespace milr
