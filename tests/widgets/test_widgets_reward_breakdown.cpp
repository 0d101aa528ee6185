// RewardBreakdown shows the reward of the step on show part by part (value and weight of each component, the
// judge's reasons) and follows the selection; cleared with the model.
#include <QtTest>

#include "step_fixture.h"
#include "widgets/reward_breakdown.h"
#include "widgets/step_model.h"

using namespace milr;

class TestRewardBreakdown : public QObject {
    Q_OBJECT
private slots:
    void showsEachComponentAndTheReasons() {
        RewardBreakdown panel;
        panel.showRecord(fixture::trajectory()[0]);
        QVERIFY2(panel.caption().contains(QStringLiteral("step 0")), qPrintable(panel.caption()));
        QVERIFY(panel.caption().contains(QStringLiteral("0.250")));
        QVERIFY(panel.caption().contains(QStringLiteral("not passed")));
        QCOMPARE(panel.componentCount(), 2);
        QCOMPARE(panel.componentText(0), QStringLiteral("count 0.000 0.5"));
        QCOMPARE(panel.componentText(1), QStringLiteral("colour 0.250 0.5"));
        QVERIFY2(panel.reasonsText().contains(QStringLiteral("expected 2 blue squares, found 1")),
                 qPrintable(panel.reasonsText()));
    }

    void followsTheSelectedStepAndClears() {
        StepModel model;
        RewardBreakdown panel;
        panel.setModel(&model);
        for (const StepRecord& record : fixture::trajectory()) model.appendRecord(record);
        model.selectStep(1);
        QVERIFY2(panel.caption().contains(QStringLiteral("step 1")), qPrintable(panel.caption()));
        QCOMPARE(panel.componentText(0), QStringLiteral("count 1.000 0.5"));
        QVERIFY2(panel.reasonsText().contains(QStringLiteral("Every check passed")), qPrintable(panel.reasonsText()));
        model.selectStep(2);
        QVERIFY(panel.caption().contains(QStringLiteral("step 2")));
        QVERIFY(panel.reasonsText().contains(QStringLiteral("found 3")));
        model.clear();
        QCOMPARE(panel.componentCount(), 0);
        QVERIFY(panel.reasonsText().isEmpty());
    }
};

QTEST_MAIN(TestRewardBreakdown)
#include "test_widgets_reward_breakdown.moc"
