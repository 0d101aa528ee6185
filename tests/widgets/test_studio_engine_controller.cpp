// The engine thread's plumbing: a worker on its own thread, step records as queued value types, restart semantics,
// and the progress helpers.
#include <QSignalSpy>
#include <QtTest>

#include "app/studio/engine_controller.h"
#include "app/studio/run_progress.h"
#include "step_fixture.h"

using namespace milr;

class Emitter : public QObject {
    Q_OBJECT
signals:
    void record(const milr::StepRecord& record);
};

class Receiver : public QObject {
    Q_OBJECT
public:
    std::vector<StepRecord> received;
    QThread* thread = nullptr;
public slots:
    void take(const milr::StepRecord& record) {
        received.push_back(record);
        thread = QThread::currentThread();
    }
};

class TestEngineController : public QObject {
    Q_OBJECT
private slots:
    void stepRecordsCrossThreadsIntact() {
        register_engine_metatypes();
        QVERIFY(QMetaType::fromName("milr::StepRecord").isValid());
        QThread thread;
        Emitter emitter;
        Receiver receiver;
        emitter.moveToThread(&thread);
        connect(&emitter, &Emitter::record, &receiver, &Receiver::take, Qt::QueuedConnection);
        thread.start();
        const auto records = fixture::trajectory();
        QMetaObject::invokeMethod(
            &emitter,
            [&] {
                for (const auto& r : records) emit emitter.record(r);
            },
            Qt::QueuedConnection);
        QTRY_COMPARE(receiver.received.size(), records.size());
        thread.quit();
        thread.wait();
        QCOMPARE(receiver.thread, QThread::currentThread());
        for (size_t i = 0; i < records.size(); ++i) {
            QCOMPARE(receiver.received[i].image, records[i].image);
            QCOMPARE(receiver.received[i].reasoning_changed_since_initial, records[i].reasoning_changed_since_initial);
        }
    }

    void outcomesComeBackFromTheWorker() {
        EngineController controller;
        QSignalSpy finished(&controller, &EngineController::runFinished);
        QSignalSpy busy(&controller, &EngineController::busyChanged);
        QSignalSpy records(&controller, &EngineController::recordReady);
        RunDescription settings;
        settings.milr.prompt = "one red square";
        settings.milr.steps = 1;
        apply_preset(settings.milr, "improved");
        settings.milr.reward_threshold = 1.0;
        controller.run(settings);
        QVERIFY(controller.isBusy());
        QVERIFY(finished.wait(600000));
        QCOMPARE(finished.at(0).at(0).value<RunOutcome>(), RunOutcome::Completed);
        QCOMPARE(records.count(), 2);
        QVERIFY(!controller.isBusy());
        QCOMPARE(busy.count(), 2);

        // A bad setting fails on the worker with the engine's message naming it.
        settings.reward.metadata_given = true;
        settings.reward.metadata_json = "{not json";
        controller.run(settings);
        QVERIFY(finished.wait(600000));
        QCOMPARE(finished.at(1).at(0).value<RunOutcome>(), RunOutcome::Failed);
        QVERIFY2(finished.at(1).at(1).toString().contains(QStringLiteral("metadata is not valid JSON")),
                 qPrintable(finished.at(1).at(1).toString()));
    }

    void runWhileBusyRestartsAndReportsOnce() {
        EngineController controller;
        QSignalSpy started(&controller, &EngineController::runStarted);
        QSignalSpy finished(&controller, &EngineController::runFinished);
        QSignalSpy records(&controller, &EngineController::recordReady);
        RunDescription first, second;
        first.milr.prompt = "two red circles";
        first.milr.steps = 16;
        apply_preset(first.milr, "improved");
        second = first;
        second.milr.steps = 1;
        second.milr.seed = 5;
        controller.run(first);
        controller.run(second);  // before the first one's report is handled: a restart
        QVERIFY(finished.wait(600000));
        QTest::qWait(50);
        QCOMPARE(started.count(), 2);
        QCOMPARE(finished.count(), 1);  // the abandoned run reports nothing
        QCOMPARE(finished.at(0).at(0).value<RunOutcome>(), RunOutcome::Completed);
        QVERIFY(records.count() >= 1 && records.count() <= 2);  // only the restarted run's steps (it may pass early)
        for (const auto& args : records) QCOMPARE(args.at(0).value<StepRecord>().seed, quint64(5));
        QVERIFY(!controller.isBusy());
    }

    void stopWhenIdleIsHarmless() {
        EngineController controller;
        controller.stop();
        QVERIFY(!controller.isBusy());
    }

    void etaAndPhases() {
        QCOMPARE(eta_seconds(0.25, 10.0), 30.0);
        QCOMPARE(eta_seconds(0.005, 10.0), -1.0);
        QCOMPARE(eta_seconds(1.0, 10.0), 0.0);
        QCOMPARE(format_eta(65.2), QStringLiteral("1 min 05 s"));
        QCOMPARE(format_eta(12), QStringLiteral("12 s"));
        QCOMPARE(format_eta(-1), QString());
        QCOMPARE(phase_title(RunPhase::drawing), QStringLiteral("Drawing"));
        QCOMPARE(phase_title(RunPhase::optimising), QStringLiteral("Optimising"));
        QCOMPARE(phase_title(RunPhase::loading), QStringLiteral("Loading the model"));
    }
};

QTEST_MAIN(TestEngineController)
#include "test_studio_engine_controller.moc"
