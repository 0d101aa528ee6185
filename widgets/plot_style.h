// Shared look of the QCustomPlot views: colours from the widget palette (light or dark) and whole-step ticks.
#pragma once
#include <QPalette>
#include <QSharedPointer>

class QCustomPlot;
class QCPAxisTicker;

namespace milr {

// Background, axes, tick labels, titles and legends of every axis rect and layout element of `plot`.
void apply_palette(QCustomPlot* plot, const QPalette& palette);
// A ticker with a tick at every whole step (or every 2, 5, 10... steps when they do not fit).
QSharedPointer<QCPAxisTicker> step_ticker();

}  // namespace milr
