// ResearchPanel plots only values a step has: no gradient norm or loss at step 0, nothing of a stream the mode
// does not optimise, and "n/a" instead of flat zero lines for Best-of-N.
#include <QtTest>

#include <qcustomplot.h>

#include "step_fixture.h"
#include "widgets/research_panel.h"
#include "widgets/step_model.h"

using namespace milr;
using Metric = ResearchPanel::Metric;
using Stream = ResearchPanel::Stream;

namespace {

QVector<double> plotted_steps(const ResearchPanel& panel, Metric metric, Stream stream) {
    QVector<double> steps;
    for (const auto& point : *panel.graph(metric, stream)->data()) steps << point.key;
    return steps;
}

QVector<double> plotted_values(const ResearchPanel& panel, Metric metric, Stream stream) {
    QVector<double> values;
    for (const auto& point : *panel.graph(metric, stream)->data()) values << point.value;
    return values;
}

}  // namespace

class TestResearchPanel : public QObject {
    Q_OBJECT
private slots:
    void stepZeroHasNoGradientAndNoLoss() {
        StepModel model;
        ResearchPanel panel;
        panel.setModel(&model);
        for (const StepRecord& record : fixture::trajectory()) model.appendRecord(record);  // steps 0..2, mode both
        for (Stream stream : {Stream::Text, Stream::Image}) {
            QCOMPARE(plotted_steps(panel, Metric::LatentDistance, stream), (QVector<double>{0, 1, 2}));
            QCOMPARE(plotted_steps(panel, Metric::GradientNorm, stream), (QVector<double>{1, 2}));
            QCOMPARE(plotted_steps(panel, Metric::LogProb, stream), (QVector<double>{1, 2}));
        }
        QVERIFY(!panel.isNotApplicable(Metric::GradientNorm));
    }

    // Step 1 changes the second reasoning token (inside the optimised m_t = 2) and image cells 1 and 14 (one inside
    // m_v = 3); step 2 changes only positions past the optimised prefixes: 0 changes, the step only re-sampled.
    void changedTokensCountOnlyTheOptimisedPositions() {
        StepModel model;
        ResearchPanel panel;
        panel.setModel(&model);
        for (const StepRecord& record : fixture::trajectory()) model.appendRecord(record);
        QCOMPARE(plotted_steps(panel, Metric::ChangedTokens, Stream::Text), (QVector<double>{1, 2}));
        QCOMPARE(plotted_values(panel, Metric::ChangedTokens, Stream::Text), (QVector<double>{1, 0}));
        QCOMPARE(plotted_values(panel, Metric::ChangedTokens, Stream::Image), (QVector<double>{1, 0}));
    }

    void marginsArePlottedWhereTheyWereMeasured() {
        StepModel model;
        ResearchPanel panel;
        panel.setModel(&model);
        QVERIFY(!panel.isNotApplicable(Metric::Margin));
        std::vector<StepRecord> records = fixture::trajectory();
        records[0].text_margin = 0.9;  // step 0 has a margin (the initial latents), unlike a gradient
        records[2].text_margin = 0.4;  // step 1 was not measured (-1, as a file of an older version reads)
        for (const StepRecord& record : records) model.appendRecord(record);
        QCOMPARE(plotted_steps(panel, Metric::Margin, Stream::Text), (QVector<double>{0, 2}));
        QCOMPARE(plotted_values(panel, Metric::Margin, Stream::Text), (QVector<double>{0.9, 0.4}));
        QVERIFY(plotted_steps(panel, Metric::Margin, Stream::Image).isEmpty());
    }

    void hoveringAPointGivesTheStepsValues() {
        StepModel model;
        ResearchPanel panel;
        panel.resize(1200, 220);
        panel.setModel(&model);
        for (const StepRecord& record : fixture::trajectory()) model.appendRecord(record);
        panel.plot()->replot();
        QCPGraph* distance = panel.graph(Metric::LatentDistance, Stream::Text);
        const QPoint at(static_cast<int>(distance->keyAxis()->coordToPixel(2)),
                        static_cast<int>(distance->valueAxis()->coordToPixel(1.0)));
        const QString text = panel.valuesAt(at);
        // Step 2 of the fixture: text distance 1.0, image distance 0.5.
        QVERIFY2(text.contains(QStringLiteral("step 2")) && text.contains(QStringLiteral("text 1")) &&
                     text.contains(QStringLiteral("image 0.5")),
                 qPrintable(text));
        QVERIFY(panel.valuesAt(QPoint(-5, -5)).isEmpty());
    }

    void logScaleLeavesOutZerosOfTheDistanceAndTheNorm() {
        StepModel model;
        ResearchPanel panel;
        panel.setModel(&model);
        for (const StepRecord& record : fixture::trajectory()) model.appendRecord(record);
        panel.setLogScale(true);
        QCOMPARE(panel.graph(Metric::GradientNorm, Stream::Text)->valueAxis()->scaleType(), QCPAxis::stLogarithmic);
        QCOMPARE(panel.graph(Metric::LogProb, Stream::Text)->valueAxis()->scaleType(), QCPAxis::stLinear);
        // Step 0's distance is 0: no place on a log axis.
        QCOMPARE(plotted_steps(panel, Metric::LatentDistance, Stream::Text), (QVector<double>{1, 2}));
        panel.setLogScale(false);
        QCOMPARE(plotted_steps(panel, Metric::LatentDistance, Stream::Text), (QVector<double>{0, 1, 2}));
        QCOMPARE(panel.graph(Metric::GradientNorm, Stream::Text)->valueAxis()->scaleType(), QCPAxis::stLinear);
    }

    void aModePlotsOnlyTheStreamItOptimises() {
        StepModel model;
        ResearchPanel panel;
        panel.setModel(&model);
        for (StepRecord record : fixture::trajectory()) {
            record.mode = "text";
            model.appendRecord(record);
        }
        QCOMPARE(plotted_steps(panel, Metric::GradientNorm, Stream::Text), (QVector<double>{1, 2}));
        QVERIFY(plotted_steps(panel, Metric::GradientNorm, Stream::Image).isEmpty());
        QVERIFY(plotted_steps(panel, Metric::LatentDistance, Stream::Image).isEmpty());
    }

    void bestOfNSaysNotApplicable() {
        StepModel model;
        ResearchPanel panel;
        panel.setModel(&model);
        QVERIFY(!panel.isNotApplicable(Metric::LatentDistance));  // nothing on show yet: an empty plot
        for (StepRecord record : fixture::trajectory()) {
            record.mode = "best-of-n";
            model.appendRecord(record);
        }
        for (Metric metric :
             {Metric::LatentDistance, Metric::GradientNorm, Metric::LogProb, Metric::ChangedTokens, Metric::Margin}) {
            QVERIFY(panel.isNotApplicable(metric));
            QVERIFY(plotted_steps(panel, metric, Stream::Text).isEmpty());
        }
        model.clear();
        QVERIFY(!panel.isNotApplicable(Metric::LogProb));
    }
};

QTEST_MAIN(TestResearchPanel)
#include "test_widgets_research_panel.moc"
