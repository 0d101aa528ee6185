// StepModel: the selection follows the latest step until the user picks one, the best step, and the signals the
// views rely on (one per appended record, none for an unknown step).
#include <QSignalSpy>
#include <QtTest>

#include "step_fixture.h"
#include "widgets/step_model.h"

using namespace milr;

class TestStepModel : public QObject {
    Q_OBJECT
private slots:
    void followsTheLatestUntilAStepIsPicked() {
        StepModel model;
        QSignalSpy appended(&model, &StepModel::recordAppended);
        QSignalSpy selection(&model, &StepModel::selectionChanged);
        const auto records = fixture::trajectory();
        model.appendRecord(records[0]);
        model.appendRecord(records[1]);
        QCOMPARE(model.selectedIndex(), 1);
        QCOMPARE(appended.count(), 2);
        QCOMPARE(selection.count(), 0);  // appending is one signal, not two

        model.selectStep(0);
        QCOMPARE(selection.count(), 1);
        QVERIFY(!model.followsLatest());
        model.appendRecord(records[2]);
        QCOMPARE(model.selectedIndex(), 0);  // the user's pick stays on show while the run goes on
        QCOMPARE(model.selectedRecord()->step, 0);

        model.selectStep(17);  // no such step: nothing happens
        QCOMPARE(selection.count(), 1);
        QCOMPARE(model.selectedIndex(), 0);

        model.followLatest();
        QCOMPARE(model.selectedIndex(), 2);
        QCOMPARE(selection.count(), 2);
        QVERIFY(model.followsLatest());
    }

    void bestIsTheHighestRewardEarliestOnATie() {
        StepModel model;
        QCOMPARE(model.bestIndex(), -1);
        auto records = fixture::trajectory();
        records[2].reward = records[1].reward;  // a tie with step 1
        for (const auto& record : records) model.appendRecord(record);
        QCOMPARE(model.bestIndex(), 1);
    }

    void clearEmptiesAndResetsTheSelection() {
        StepModel model;
        for (const auto& record : fixture::trajectory()) model.appendRecord(record);
        model.selectStep(1);
        QSignalSpy cleared(&model, &StepModel::cleared);
        model.clear();
        QCOMPARE(cleared.count(), 1);
        QVERIFY(model.isEmpty());
        QCOMPARE(model.selectedRecord(), nullptr);
        QVERIFY(model.followsLatest());
    }
};

QTEST_MAIN(TestStepModel)
#include "test_widgets_step_model.moc"
