// RewardPlot with a real 3-step trajectory: one point per record, the best step marked, tooltip, click selects.
#include <QHelpEvent>
#include <QSignalSpy>
#include <QToolTip>
#include <QtTest>

#include <qcustomplot.h>

#include "step_fixture.h"
#include "widgets/reward_plot.h"
#include "widgets/step_model.h"

using namespace milr;

class TestRewardPlot : public QObject {
    Q_OBJECT
private slots:
    void onePointPerRecordAndBestMarked() {
        StepModel model;
        RewardPlot plot;
        plot.setModel(&model);
        QSignalSpy updates(&plot, &RewardPlot::viewUpdated);
        const auto records = fixture::trajectory();
        for (size_t i = 0; i < records.size(); ++i) {
            model.appendRecord(records[i]);
            QCOMPARE(plot.pointCount(), static_cast<int>(i) + 1);
        }
        QCOMPARE(updates.count(), 3);
        QCOMPARE(plot.bestStep(), 1);      // rewards 0.25, 0.8, 0.5
        QCOMPARE(plot.selectedStep(), 2);  // follows the latest step
        QCPGraph* curve = plot.plot()->graph(0);
        QCOMPARE(curve->data()->at(2)->value, 0.5);
    }

    void theOtherRunIsOverlaidAndNamedInTheLegend() {
        StepModel milr, bestOfN;
        RewardPlot plot;
        plot.setModel(&milr);
        plot.setOtherModel(&bestOfN);
        for (const StepRecord& record : fixture::trajectory()) milr.appendRecord(record);
        QCOMPARE(plot.otherPointCount(), 0);
        for (StepRecord record : fixture::trajectory()) {
            record.mode = "best-of-n";
            record.reward = 0.1 * (record.step + 1);
            bestOfN.appendRecord(record);
        }
        QCOMPARE(plot.otherPointCount(), 3);
        QCOMPARE(plot.pointCount(), 3);
        QStringList names;
        for (int i = 0; i < plot.plot()->legend->itemCount(); ++i)
            if (auto* item = qobject_cast<QCPPlottableLegendItem*>(plot.plot()->legend->item(i)))
                names << item->plottable()->name();
        QVERIFY2(names.contains(run_title("both")) && names.contains(run_title("best-of-n")),
                 qPrintable(names.join(',')));
        QCOMPARE(plot.bestStep(), 1);  // the run on show's best, not the other's
        bestOfN.clear();
        QCOMPARE(plot.otherPointCount(), 0);
    }

    void tooltipShowsBreakdownAndReasons() {
        const auto records = fixture::trajectory();
        const QString text = RewardPlot::tooltipText(records[2]);
        QVERIFY(text.contains(QStringLiteral("Step 2")));
        QVERIFY(text.contains(QStringLiteral("0.500")));
        QVERIFY(text.contains(QStringLiteral("count")));
        QVERIFY(text.contains(QStringLiteral("colour")));
        QVERIFY(text.contains(QStringLiteral("expected 2 blue squares, found 3")));
        QVERIFY(!RewardPlot::tooltipText(records[1]).contains(QStringLiteral("expected")));  // passed: no reasons
    }

    void clickSelectsTheStep() {
        StepModel model;
        RewardPlot plot;
        plot.setModel(&model);
        plot.resize(500, 300);
        plot.show();
        QVERIFY(QTest::qWaitForWindowExposed(&plot));
        for (const auto& record : fixture::trajectory()) model.appendRecord(record);
        plot.plot()->replot();
        connect(&plot, &RewardPlot::stepSelected, &model, &StepModel::selectStep);
        QSignalSpy selected(&plot, &RewardPlot::stepSelected);

        const QPoint point = plot.pointPosition(1);
        QCOMPARE(plot.stepAt(point), 1);
        QCOMPARE(plot.stepAt(point + QPoint(40, 40)), -1);
        QTest::mouseClick(plot.plot(), Qt::LeftButton, Qt::NoModifier, plot.plot()->mapFrom(&plot, point));
        QCOMPARE(selected.count(), 1);

        // Hovering the point shows its breakdown and the judge's reasons.
        QHelpEvent hover(QEvent::ToolTip, plot.plot()->mapFrom(&plot, plot.pointPosition(0)), QCursor::pos());
        QApplication::sendEvent(plot.plot(), &hover);
        QVERIFY(QToolTip::isVisible());
        QVERIFY(QToolTip::text().contains(QStringLiteral("Step 0")));
        QVERIFY(QToolTip::text().contains(QStringLiteral("expected 2 blue squares, found 1")));
        QCOMPARE(selected.at(0).at(0).toInt(), 1);
        QCOMPARE(model.selectedIndex(), 1);
        QCOMPARE(plot.selectedStep(), 1);
        QVERIFY(!model.followsLatest());
    }
};

QTEST_MAIN(TestRewardPlot)
#include "test_widgets_reward_plot.moc"
