// TrajectoryPlayer: the steps in order, the last one held a tick, then either again from the first or, ending on the
// best, the best step shown and the playing stopped (a replay starts from the first). Ticked by hand: no timing.
#include <QtTest>

#include "step_fixture.h"
#include "widgets/step_model.h"
#include "widgets/trajectory_player.h"

using namespace milr;

class TestTrajectoryPlayer : public QObject {
    Q_OBJECT
private slots:
    void loopsByDefault() {
        StepModel model;
        for (const StepRecord& record : fixture::trajectory()) model.appendRecord(record);  // rewards .25, .8, .5
        model.selectStep(0);
        TrajectoryPlayer player(&model);
        player.setPlaying(true);
        const int expected[] = {1, 2, 2, 0, 1};  // the last step held one tick
        for (int index : expected) {
            player.advance();
            QCOMPARE(model.selectedIndex(), index);
        }
        QVERIFY(player.isPlaying());
    }

    void endsOnTheBestStepAndAReplayStartsOver() {
        StepModel model;
        for (const StepRecord& record : fixture::trajectory()) model.appendRecord(record);
        model.selectStep(0);
        TrajectoryPlayer player(&model);
        player.setEndOnBest(true);
        QSignalSpy ended(&player, &TrajectoryPlayer::endedOnBest);
        player.setPlaying(true);
        for (int i = 0; i < 3; ++i) player.advance();  // to step 2, and its extra tick
        QVERIFY(player.isPlaying());
        player.advance();
        QCOMPARE(model.selectedIndex(), 1);  // the best reward, 0.8
        QVERIFY(!player.isPlaying());
        QCOMPARE(ended.count(), 1);
        player.setPlaying(true);
        QCOMPARE(model.selectedIndex(), 0);  // the replay starts from the first step
    }
};

QTEST_MAIN(TestTrajectoryPlayer)
#include "test_widgets_trajectory_player.moc"
