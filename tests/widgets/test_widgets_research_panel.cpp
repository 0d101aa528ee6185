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
        for (Metric metric : {Metric::LatentDistance, Metric::GradientNorm, Metric::LogProb}) {
            QVERIFY(panel.isNotApplicable(metric));
            QVERIFY(plotted_steps(panel, metric, Stream::Text).isEmpty());
        }
        model.clear();
        QVERIFY(!panel.isNotApplicable(Metric::LogProb));
    }
};

QTEST_MAIN(TestResearchPanel)
#include "test_widgets_research_panel.moc"
