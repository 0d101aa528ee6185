// milr-results-plot: draws the overall score against the step budget for every method of a bench (from
// `milr bench --budgets`' scores-by-budget.json or the study's curves.json, with their 95% intervals as bands when
// given, and the base method's summary as a flat line), or a heat map of a two-parameter grid (the study's
// ablation.json), into a PNG, offscreen with QCustomPlot, for docs/RESULTS.md.
#include <QApplication>
#include <QCommandLineParser>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cmath>
#include <cstdio>

#include "qcustomplot.h"
#include "widgets/plot_style.h"

namespace {

QJsonObject read_json(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) throw std::runtime_error("cannot read " + path.toStdString());
    QJsonParseError error{};
    const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &error);
    if (!document.isObject())
        throw std::runtime_error(path.toStdString() + " is not a JSON object: " + error.errorString().toStdString());
    return document.object();
}

// Distinct, colour-blind-safe line colours (Okabe-Ito).
const QColor kColours[] = {QColor(0, 114, 178),   QColor(213, 94, 0),  QColor(0, 158, 115),
                           QColor(204, 121, 167), QColor(230, 159, 0), QColor(86, 180, 233)};

QPalette white_palette(const QPalette& base) {
    QPalette palette = base;
    palette.setColor(QPalette::Window, Qt::white);
    palette.setColor(QPalette::Base, Qt::white);
    palette.setColor(QPalette::WindowText, Qt::black);
    palette.setColor(QPalette::Text, Qt::black);
    return palette;
}

void add_title(QCustomPlot& plot, const QString& title) {
    plot.plotLayout()->insertRow(0);
    plot.plotLayout()->addElement(0, 0, new QCPTextElement(&plot, title, QFont("sans", 12, QFont::Bold)));
}

// A band between the "low" and "high" arrays of a curve, in the curve's colour, see-through.
void add_band(QCustomPlot& plot, const QJsonObject& curve, const QColor& colour) {
    const QJsonArray budgets = curve.value("budgets").toArray();
    const QJsonArray low = curve.value("low").toArray();
    const QJsonArray high = curve.value("high").toArray();
    if (low.isEmpty() || high.isEmpty()) return;
    QCPGraph* lower = plot.addGraph();
    QCPGraph* upper = plot.addGraph();
    for (int i = 0; i < budgets.size() && i < low.size() && i < high.size(); ++i) {
        lower->addData(budgets[i].toDouble(), low[i].toDouble());
        upper->addData(budgets[i].toDouble(), high[i].toDouble());
    }
    QColor fill = colour;
    fill.setAlpha(40);
    lower->setPen(Qt::NoPen);
    upper->setPen(Qt::NoPen);
    upper->setBrush(fill);
    upper->setChannelFillGraph(lower);
    plot.legend->removeItem(plot.legend->itemCount() - 1);
    plot.legend->removeItem(plot.legend->itemCount() - 1);
}

// A heat map of {"x_label", "y_label", "x_values", "y_values", "values": [[row per y]], "title"}: one cell per
// grid point, its value written in it (an empty cell for a point that did not run).
void plot_heatmap(QCustomPlot& plot, const QJsonObject& grid) {
    const QJsonArray xs = grid.value("x_values").toArray();
    const QJsonArray ys = grid.value("y_values").toArray();
    const QJsonArray rows = grid.value("values").toArray();
    if (xs.isEmpty() || ys.isEmpty() || rows.size() != ys.size()) throw std::runtime_error("the grid has no cells");
    auto* map = new QCPColorMap(plot.xAxis, plot.yAxis);
    map->data()->setSize(xs.size(), ys.size());
    map->data()->setRange(QCPRange(0, xs.size() - 1), QCPRange(0, ys.size() - 1));
    for (int y = 0; y < ys.size(); ++y) {
        const QJsonArray row = rows[y].toArray();
        for (int x = 0; x < xs.size() && x < row.size(); ++x) {
            const bool ran = !row[x].isNull();
            map->data()->setCell(x, y, ran ? row[x].toDouble() : std::nan(""));
            auto* label = new QCPItemText(&plot);
            label->position->setCoords(x, y);
            label->setText(ran ? QString::number(row[x].toDouble(), 'f', 3) : QStringLiteral("-"));
            label->setFont(QFont("sans", 11, QFont::Bold));
        }
    }
    map->setGradient(QCPColorGradient::gpThermal);
    map->setDataRange(QCPRange(0, 1));
    map->setInterpolate(false);
    auto* scale = new QCPColorScale(&plot);
    plot.plotLayout()->addElement(0, 1, scale);
    map->setColorScale(scale);
    scale->setDataRange(QCPRange(0, 1));
    scale->axis()->setLabel("overall score");
    QSharedPointer<QCPAxisTickerText> x_ticker(new QCPAxisTickerText);
    for (int i = 0; i < xs.size(); ++i) x_ticker->addTick(i, QString::number(xs[i].toDouble()));
    QSharedPointer<QCPAxisTickerText> y_ticker(new QCPAxisTickerText);
    for (int i = 0; i < ys.size(); ++i) y_ticker->addTick(i, QString::number(ys[i].toDouble()));
    plot.xAxis->setTicker(x_ticker);
    plot.yAxis->setTicker(y_ticker);
    plot.xAxis->setRange(-0.5, xs.size() - 0.5);
    plot.yAxis->setRange(-0.5, ys.size() - 0.5);
    plot.xAxis->setLabel(grid.value("x_label").toString());
    plot.yAxis->setLabel(grid.value("y_label").toString());
    add_title(plot, grid.value("title").toString());
}

}  // namespace

int main(int argc, char** argv) {
    if (!qEnvironmentVariableIsSet("QT_QPA_PLATFORM")) qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription("Plots the overall score against the step budget of a `milr bench` run.");
    parser.addHelpOption();
    parser.addOptions({
        {"scores", "scores-by-budget.json written by `milr bench --budgets`, or the study's curves.json.", "file"},
        {"heatmap", "A two-parameter grid (the study's ablation.json) to draw as a heat map instead.", "file"},
        {"base", "summary.json of the base method (drawn as a flat line).", "file"},
        {"out", "PNG to write.", "file", "scores-by-budget.png"},
        {"title", "Plot title.", "text", "GenEval-Shapes overall score against MILR steps"},
    });
    parser.process(app);
    try {
        QCustomPlot plot;
        plot.resize(900, 560);
        const QPalette palette = white_palette(app.palette());
        if (parser.isSet("heatmap")) {
            plot_heatmap(plot, read_json(parser.value("heatmap")));
            milr::apply_palette(&plot, palette);
            if (!plot.savePng(parser.value("out"), 900, 560, 1.0))
                throw std::runtime_error("cannot write " + parser.value("out").toStdString());
            std::printf("wrote %s\n", qPrintable(parser.value("out")));
            return 0;
        }
        if (!parser.isSet("scores")) throw std::runtime_error("--scores or --heatmap is required");
        const QJsonObject scores = read_json(parser.value("scores"));
        plot.legend->setVisible(true);
        int colour = 0;
        double last_budget = 1;
        for (auto it = scores.begin(); it != scores.end(); ++it) {
            const QJsonArray budgets = it.value().toObject().value("budgets").toArray();
            const QJsonArray overall = it.value().toObject().value("overall").toArray();
            const QColor line_colour = kColours[colour % 6];
            // Past six methods the colours repeat with dashes.
            const Qt::PenStyle style = colour++ < 6 ? Qt::SolidLine : Qt::DashLine;
            add_band(plot, it.value().toObject(), line_colour);
            QCPGraph* graph = plot.addGraph();
            graph->setName(it.key());
            graph->setPen(QPen(line_colour, 2.5, style));
            graph->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, 7));
            for (int i = 0; i < budgets.size() && i < overall.size(); ++i) {
                graph->addData(budgets[i].toDouble(), overall[i].toDouble());
                last_budget = std::max(last_budget, budgets[i].toDouble());
            }
        }
        if (parser.isSet("base")) {
            const double base = read_json(parser.value("base")).value("overall").toDouble();
            QCPGraph* graph = plot.addGraph();
            graph->setName("base (no optimisation)");
            graph->setPen(QPen(Qt::gray, 2, Qt::DashLine));
            graph->addData(0.8, base);  // across the whole (logarithmic) axis
            graph->addData(last_budget * 1.25, base);
        }
        plot.xAxis->setScaleType(QCPAxis::stLogarithmic);
        QSharedPointer<QCPAxisTickerLog> ticker(new QCPAxisTickerLog);
        ticker->setLogBase(2);
        plot.xAxis->setTicker(ticker);
        plot.xAxis->setNumberFormat("f");
        plot.xAxis->setNumberPrecision(0);
        plot.xAxis->setRange(0.8, last_budget * 1.25);
        plot.xAxis->setLabel("steps (reward calls beyond the first image)");
        plot.yAxis->setRange(0, 1);
        plot.yAxis->setLabel("overall score (mean of per-tag accuracy)");
        plot.axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignBottom | Qt::AlignRight);
        add_title(plot, parser.value("title"));
        milr::apply_palette(&plot, palette);
        if (!plot.savePng(parser.value("out"), 900, 560, 1.0))
            throw std::runtime_error("cannot write " + parser.value("out").toStdString());
        std::printf("wrote %s\n", qPrintable(parser.value("out")));
    } catch (const std::exception& e) {
        std::fprintf(stderr, "milr-results-plot: %s\n", e.what());
        return 1;
    }
    return 0;
}
