// milr-results-plot: draws the overall score against the step budget for every method of a bench (from
// `milr bench --budgets`' scores-by-budget.json, with the base method's summary as a flat line) into a PNG,
// offscreen with QCustomPlot, for docs/RESULTS.md.
#include <QApplication>
#include <QCommandLineParser>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

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

}  // namespace

int main(int argc, char** argv) {
    if (!qEnvironmentVariableIsSet("QT_QPA_PLATFORM")) qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription("Plots the overall score against the step budget of a `milr bench` run.");
    parser.addHelpOption();
    parser.addOptions({
        {"scores", "scores-by-budget.json written by `milr bench --budgets`.", "file"},
        {"base", "summary.json of the base method (drawn as a flat line).", "file"},
        {"out", "PNG to write.", "file", "scores-by-budget.png"},
        {"title", "Plot title.", "text", "GenEval-Shapes overall score against MILR steps"},
    });
    parser.process(app);
    try {
        if (!parser.isSet("scores")) throw std::runtime_error("--scores is required");
        const QJsonObject scores = read_json(parser.value("scores"));
        QCustomPlot plot;
        plot.resize(900, 560);
        QPalette palette = app.palette();
        palette.setColor(QPalette::Window, Qt::white);
        palette.setColor(QPalette::Base, Qt::white);
        palette.setColor(QPalette::WindowText, Qt::black);
        palette.setColor(QPalette::Text, Qt::black);
        int colour = 0;
        double last_budget = 1;
        for (auto it = scores.begin(); it != scores.end(); ++it) {
            const QJsonArray budgets = it.value().toObject().value("budgets").toArray();
            const QJsonArray overall = it.value().toObject().value("overall").toArray();
            QCPGraph* graph = plot.addGraph();
            graph->setName(it.key());
            graph->setPen(QPen(kColours[colour++ % 6], 2.5));
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
        plot.legend->setVisible(true);
        plot.axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignBottom | Qt::AlignRight);
        plot.plotLayout()->insertRow(0);
        plot.plotLayout()->addElement(0, 0,
                                      new QCPTextElement(&plot, parser.value("title"), QFont("sans", 12, QFont::Bold)));
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
