// The real main window driving the real engine on the embedded model ($MILR_EMBEDDED_MODEL or resources/): every view
// updates once per step, Stop leaves a usable window, Step once replays deterministically, errors are shown, the
// model-folder check, and the longest GUI event-loop stall during a 16-step run.
#include <QCheckBox>
#include <QElapsedTimer>
#include <QLabel>
#include <QMessageBox>
#include <QJsonDocument>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include <time.h>

#include <cmath>

#include "app/studio/engine_controller.h"
#include "app/studio/engine_session.h"
#include "app/studio/export_actions.h"
#include "app/studio/main_window.h"
#include "modal_answer.h"
#include "core/session/run_metadata.h"
#include "widgets/image_view.h"
#include "widgets/parameter_panel.h"
#include "widgets/qt_image.h"
#include "widgets/reasoning_view.h"
#include "widgets/research_panel.h"
#include "widgets/reward_plot.h"
#include "widgets/step_model.h"

using namespace milr;

namespace {

constexpr int kRunTimeoutMs = 15 * 60 * 1000;

// CPU time of the calling thread, in nanoseconds (tells work in the event loop from waiting for a core).
qint64 thread_cpu_ns() {
    timespec t{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return qint64(t.tv_sec) * 1000000000 + t.tv_nsec;
}

// A run of `steps` steps that never stops early (the threshold is above every reward), with the cached schedule.
RunDescription run_settings(int steps) {
    RunDescription settings;
    settings.milr.prompt = "a photo of two red circles";
    settings.milr.steps = steps;
    apply_preset(settings.milr, "improved");
    settings.milr.reward_threshold = 1.0;
    return settings;
}

}  // namespace

class TestEngineRun : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("MILR-test"));
        QCoreApplication::setApplicationName(QStringLiteral("MILR Studio engine test"));
        qInfo("embedded model: %s", EngineSession::embedded_model_path().c_str());
    }

    void threeStepRunUpdatesEveryViewOncePerStep() {
        MainWindow window;
        window.resize(1400, 880);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.setRunDescription(run_settings(3));
        QSignalSpy image(window.imageView(), &ImageView::viewUpdated);
        QSignalSpy curve(window.rewardPlot(), &RewardPlot::viewUpdated);
        QSignalSpy text(window.reasoningView(), &ReasoningView::viewUpdated);
        QSignalSpy research(window.researchPanel(), &ResearchPanel::viewUpdated);
        QSignalSpy records(window.controller(), &EngineController::recordReady);
        QSignalSpy finished(window.controller(), &EngineController::runFinished);
        // The grid overlay is read each time the image view takes a step (with the marks the user turned on).
        window.findChild<QCheckBox*>(QStringLiteral("prefixCheck"))->setChecked(true);
        window.findChild<QCheckBox*>(QStringLiteral("previousCheck"))->setChecked(true);
        std::vector<std::vector<int>> prefixCells, changedCells;
        connect(window.imageView(), &ImageView::viewUpdated, this, [&] {
            prefixCells.push_back(window.imageView()->overlayCells(ImageView::Layer::OptimisedPrefix));
            changedCells.push_back(window.imageView()->overlayCells(ImageView::Layer::ChangedSincePrevious));
        });
        window.startRun();
        QVERIFY(window.isRunning());
        QVERIFY(finished.wait(kRunTimeoutMs));
        QCOMPARE(finished.at(0).at(0).value<RunOutcome>(), RunOutcome::Completed);
        QCOMPARE(records.count(), 4);  // step 0 (the initial image) and three optimisation steps
        for (QSignalSpy* spy : {&image, &curve, &text, &research}) QCOMPARE(spy->count(), 4);
        for (int i = 0; i < 4; ++i) {
            const auto record = records.at(i).at(0).value<StepRecord>();
            QCOMPARE(record.step, i);
            QCOMPARE(image.at(i).at(0).toInt(), i);
            QVERIFY(!record.image.empty());
            QVERIFY(record.grid_width > 0 && record.grid_height > 0);
            QCOMPARE(static_cast<int>(prefixCells[size_t(i)].size()), record.optimised_image_tokens);
            QCOMPARE(changedCells[size_t(i)], record.image_changed_since_previous);
        }
        QCOMPARE(window.findChild<QLabel*>(QStringLiteral("phaseLabel"))->text(), QStringLiteral("Done: 3 steps"));
        QCOMPARE(window.stepModel()->count(), 4);
        QCOMPARE(window.rewardPlot()->pointCount(), 4);
        const auto last = records.at(3).at(0).value<StepRecord>();
        QCOMPARE(from_qimage(window.imageView()->image()), last.image);
        QCOMPARE(window.reasoningView()->text(), QString::fromStdString(last.reasoning));
        QVERIFY(!window.isRunning());
    }

    void presentationCaptionCountsTheRunsSteps() {
        // During a run the caption says "step k of T" with T the run's steps, not the last step so far.
        MainWindow window;
        window.show();
        window.setRunDescription(run_settings(2));
        QStringList captions;
        auto* caption = window.findChild<QLabel*>(QStringLiteral("presentationCaption"));
        connect(window.stepModel(), &StepModel::recordAppended, this, [&] { captions << caption->text(); });
        QSignalSpy finished(window.controller(), &EngineController::runFinished);
        window.startRun();
        window.setPresentation(true);
        QVERIFY(finished.wait(kRunTimeoutMs));
        window.setPresentation(false);
        QCOMPARE(captions.size(), 3);
        for (int i = 0; i < 3; ++i)
            QVERIFY2(captions[i].contains(QStringLiteral("step %1 of 2").arg(i)), qPrintable(captions[i]));
    }

    void stopDuringRunLeavesAUsableWindow() {
        MainWindow window;
        window.show();
        window.setRunDescription(run_settings(16));
        QSignalSpy records(window.controller(), &EngineController::recordReady);
        QSignalSpy finished(window.controller(), &EngineController::runFinished);
        window.startRun();
        QVERIFY(records.wait(kRunTimeoutMs));
        window.stopRun();
        QVERIFY(finished.wait(kRunTimeoutMs));
        QCOMPARE(finished.at(0).at(0).value<RunOutcome>(), RunOutcome::Stopped);
        QVERIFY(records.count() < 17);
        QCOMPARE(window.stepModel()->count(), records.count());  // the steps so far stay on show
        QVERIFY2(window.message().contains(QStringLiteral("Stopped")), qPrintable(window.message()));
        QVERIFY(!window.isRunning());

        // A second run goes through from the start.
        records.clear();
        window.setRunDescription(run_settings(2));
        window.startRun();
        QVERIFY(finished.wait(kRunTimeoutMs));
        QCOMPARE(finished.at(1).at(0).value<RunOutcome>(), RunOutcome::Completed);
        QCOMPARE(records.count(), 3);
        QCOMPARE(window.stepModel()->count(), 3);
        QCOMPARE(window.message(), QString());
    }

    void stepOnceReplaysTheSameTrajectory() {
        MainWindow window;
        window.show();
        window.setRunDescription(run_settings(2));
        QSignalSpy finished(window.controller(), &EngineController::runFinished);
        window.startRun();
        QVERIFY(finished.wait(kRunTimeoutMs));
        std::vector<StepRecord> full;
        for (int i = 0; i < window.stepModel()->count(); ++i) full.push_back(window.stepModel()->record(i));
        QCOMPARE(full.size(), size_t(3));

        // Step once from a changed seed cannot continue the steps on show: it asks, and declined, nothing changes.
        RunDescription other = run_settings(2);
        other.milr.seed = 7;
        window.setRunDescription(other);
        ModalAnswer keep;
        keep.arm(QMessageBox::Cancel);
        window.stepOnce();
        QVERIFY(keep.answeredAll());
        QCOMPARE(keep.seen[0].objectName, QStringLiteral("stepAnewBox"));
        QVERIFY(!window.isRunning());
        QCOMPARE(window.stepModel()->count(), 3);
        // Confirmed, it starts afresh with step 0; then each press adds exactly one step.
        ModalAnswer anew;
        anew.arm(QMessageBox::Yes);
        window.stepOnce();
        QVERIFY(anew.answeredAll());
        QVERIFY(finished.wait(kRunTimeoutMs));
        QCOMPARE(window.stepModel()->count(), 1);
        QCOMPARE(window.stepModel()->record(0).step, 0);

        // Back to the first settings: fresh step 0 (asked again), then steps 1 and 2 equal those of the full run.
        window.setRunDescription(run_settings(2));
        for (int press = 0; press < 3; ++press) {
            ModalAnswer again;
            if (press == 0) again.arm(QMessageBox::Yes);
            window.stepOnce();
            QCOMPARE(again.seen.size(), size_t(press == 0 ? 1 : 0));  // continuing asks nothing
            QVERIFY(finished.wait(kRunTimeoutMs));
            QCOMPARE(finished.last().at(0).value<RunOutcome>(), RunOutcome::Completed);
            QCOMPARE(window.stepModel()->count(), press + 1);
        }
        for (size_t i = 0; i < full.size(); ++i) {
            const StepRecord& stepped = window.stepModel()->record(int(i));
            QCOMPARE(stepped.step, full[i].step);
            QCOMPARE(stepped.reward, full[i].reward);
            QCOMPARE(stepped.image_tokens, full[i].image_tokens);
            QCOMPARE(stepped.reasoning_tokens, full[i].reasoning_tokens);
        }
    }

    void engineErrorIsShownNotSwallowed() {
        MainWindow window;
        window.show();
        RunDescription settings = run_settings(2);
        settings.reward.kind = RewardKind::external;
        settings.reward.command_line = "/nonexistent/milr-reward-missing --json";
        window.setRunDescription(settings);
        QSignalSpy finished(window.controller(), &EngineController::runFinished);
        window.startRun();
        QVERIFY(finished.wait(kRunTimeoutMs));
        QCOMPARE(finished.at(0).at(0).value<RunOutcome>(), RunOutcome::Failed);
        const QString reported = finished.at(0).at(1).toString();
        QVERIFY2(!reported.isEmpty(), "the failure carries the engine's message");
        QVERIFY2(window.message().contains(reported), qPrintable(window.message()));
        QVERIFY2(reported.contains(QStringLiteral("milr-reward-missing")), qPrintable(reported));
        QVERIFY(!window.isRunning());
    }

    void rewardCrashingMidRunKeepsTheStepsSoFar() {
        // The reward program answers steps 0 and 1, then crashes on step 2 (and again after its restart).
        MainWindow window;
        window.show();
        RunDescription settings = run_settings(4);
        settings.reward.kind = RewardKind::external;
        settings.reward.metadata_given = false;
        settings.reward.command_line = "python3 " MILR_TEST_DATA "/reward/example_evaluator.py --fault crash-at-step-2";
        settings.reward.timeout_s = 60;
        window.setRunDescription(settings);
        QSignalSpy finished(window.controller(), &EngineController::runFinished);
        window.startRun();
        QVERIFY(finished.wait(kRunTimeoutMs));
        // The reward's failure reaches the window as such (not as a generic error matched by its words).
        QCOMPARE(finished.at(0).at(0).value<RunOutcome>(), RunOutcome::RewardFailed);
        QVERIFY2(window.message().contains(QStringLiteral("The reward could not score the image")),
                 qPrintable(window.message()));
        QVERIFY2(window.message().contains(QStringLiteral("example_evaluator.py")), qPrintable(window.message()));
        QVERIFY2(window.message().contains(QStringLiteral("crashing on purpose at step 2")),
                 qPrintable(window.message()));
        QCOMPARE(window.stepModel()->count(), 2);  // steps 0 and 1, judged before the crash, stay on show
        QCOMPARE(window.stepModel()->record(1).step, 1);
        QVERIFY(!window.isRunning());

        // The window stays usable: the same prompt with the built-in judge runs to the end.
        window.setRunDescription(run_settings(2));
        window.startRun();
        QVERIFY(finished.wait(kRunTimeoutMs));
        QCOMPARE(finished.at(1).at(0).value<RunOutcome>(), RunOutcome::Completed);
        QCOMPARE(window.stepModel()->count(), 3);
    }

    void unparsablePromptForTheJudgeIsShown() {
        MainWindow window;
        window.show();
        RunDescription settings = run_settings(2);
        settings.milr.prompt = "a quantum teapot";
        window.setRunDescription(settings);
        QSignalSpy finished(window.controller(), &EngineController::runFinished);
        window.startRun();
        QVERIFY(finished.wait(kRunTimeoutMs));
        QCOMPARE(finished.at(0).at(0).value<RunOutcome>(), RunOutcome::Failed);
        QVERIFY2(window.message().contains(QStringLiteral("teapot")), qPrintable(window.message()));
        QCOMPARE(window.stepModel()->count(), 0);
    }

    void badCheckpointIsShownWithItsFile() {
        // The embedded model's config and tokenizer beside a weights file that is not a checkpoint.
        QTemporaryDir folder;
        QVERIFY(folder.isValid());
        const QDir embedded(QString::fromStdString(EngineSession::embedded_model_path()));
        for (const QString& name : embedded.entryList(QDir::Files))
            if (!name.endsWith(QStringLiteral(".safetensors")) && !name.endsWith(QStringLiteral(".bin")))
                QVERIFY(QFile::copy(embedded.filePath(name), folder.filePath(name)));
        QFile weights(folder.filePath(QStringLiteral("model.safetensors")));
        QVERIFY(weights.open(QIODevice::WriteOnly));
        weights.write("this is not a safetensors file");
        weights.close();

        MainWindow window;
        window.show();
        RunDescription settings = run_settings(2);
        settings.model.folder = folder.path().toStdString();
        window.setRunDescription(settings);
        QSignalSpy finished(window.controller(), &EngineController::runFinished);
        window.startRun();
        QVERIFY(finished.wait(kRunTimeoutMs));
        QCOMPARE(finished.at(0).at(0).value<RunOutcome>(), RunOutcome::Failed);
        QVERIFY2(window.message().contains(QStringLiteral("model.safetensors")), qPrintable(window.message()));
        QCOMPARE(window.stepModel()->count(), 0);

        // The window recovers: the embedded model runs next.
        settings.model.folder.clear();
        window.setRunDescription(settings);
        window.startRun();
        QVERIFY(finished.wait(kRunTimeoutMs));
        QCOMPARE(finished.at(1).at(0).value<RunOutcome>(), RunOutcome::Completed);
        QCOMPARE(window.stepModel()->count(), 3);
    }

    void selfJudgementIsRefusedForTheEmbeddedModel() {
        MainWindow window;
        window.show();
        RunDescription settings = run_settings(2);
        settings.reward.kind = RewardKind::self;
        window.setRunDescription(settings);
        window.startRun();
        QVERIFY(!window.isRunning());
        QVERIFY2(window.message().contains(QStringLiteral("not available for the embedded model")),
                 qPrintable(window.message()));
        QVERIFY(window.message().contains(QStringLiteral("vision")));
    }

    void craftedImageRunsNothingAndSavesNothing() {
        // A PNG whose studio settings name a reward program (one that leaves a marker file) and a model folder
        // written as a path relative to the PNG ("../../..."). Declined, nothing of either is used, run or written to
        // the settings file.
        QTemporaryDir dir;
        QDir(dir.path()).mkpath(QStringLiteral("a/b"));
        const QString embedded =
            QFileInfo(QString::fromStdString(EngineSession::embedded_model_path())).canonicalFilePath();
        const QString relativeModel = QDir(dir.filePath(QStringLiteral("a/b"))).relativeFilePath(embedded);
        QVERIFY(relativeModel.startsWith(QLatin1String("../..")));
        const QString marker = dir.filePath(QStringLiteral("marker"));
        RunDescription crafted = run_settings(1);
        crafted.milr.prompt = "a photo of a blue square";
        crafted.reward.kind = RewardKind::external;
        crafted.reward.command_line = "touch " + marker.toStdString();
        crafted.model.folder = relativeModel.toStdString();
        RunMetadata metadata;
        metadata.run = crafted;  // the reward and model specs as the studio writes them
        metadata.records_specs = true;
        metadata.reward = "external: touch " + marker.toStdString();
        metadata.model = relativeModel.toStdString();
        const QString png = dir.filePath(QStringLiteral("a/b/evil.png"));
        RgbImage image;
        image.width = image.height = 8;
        image.pixels.assign(8 * 8 * 3, 128);
        write_run_png(png.toStdString(), image, metadata);

        MainWindow window;
        auto* actions = new ExportActions(&window);
        window.show();
        window.setRunDescription(run_settings(1));
        ModalAnswer decline;  // the reward program, then the model folder
        decline.armAll({QMessageBox::No, QMessageBox::Cancel});
        QVERIFY2(actions->openPath(png), qPrintable(actions->lastError()));
        QVERIFY(decline.answeredAll());
        QCOMPARE(decline.seen[0].objectName, QStringLiteral("carriedCommandBox"));
        QVERIFY2(decline.seen[0].informative.contains(qs(crafted.reward.command_line)),
                 qPrintable(decline.seen[0].informative));
        QCOMPARE(decline.seen[1].objectName, QStringLiteral("modelReportBox"));
        QVERIFY2(decline.seen[1].text.contains(embedded), qPrintable(decline.seen[1].text));
        QVERIFY2(decline.seen[1].informative.contains(QStringLiteral("evil.png")),
                 qPrintable(decline.seen[1].informative));
        QCOMPARE(window.runDescription().milr.prompt, crafted.milr.prompt);  // the run parameters are taken
        QCOMPARE(window.runDescription().reward.kind, RewardKind::judge);
        QVERIFY(window.runDescription().reward.command_line.empty());
        QVERIFY(window.runDescription().model.folder.empty());

        QSignalSpy finished(window.controller(), &EngineController::runFinished);
        window.startRun();
        QVERIFY(finished.wait(kRunTimeoutMs));
        QCOMPARE(finished.at(0).at(0).value<RunOutcome>(), RunOutcome::Completed);
        QVERIFY(!QFileInfo::exists(marker));
        window.saveState();
        QSettings settings;
        settings.sync();
        for (const QString& key : settings.allKeys()) {
            const QString value = settings.value(key).toString();
            QVERIFY2(!value.contains(marker) && !value.contains(relativeModel),
                     qPrintable(key + QLatin1String(": ") + value));
        }

        // Confirmed, the program becomes the reward (and so runs at the next Run).
        ModalAnswer accept;
        accept.armAll({QMessageBox::Yes, QMessageBox::Cancel});
        QVERIFY(actions->openPath(png));
        QCOMPARE(window.runDescription().reward.kind, RewardKind::external);
        QCOMPARE(window.runDescription().reward.command_line, crafted.reward.command_line);
        QVERIFY(window.runDescription().model.folder.empty());
    }

    void modelFolderIsDescribedBeforeUse() {
        MainWindow window;
        window.show();
        ModalAnswer refused;
        refused.arm(QMessageBox::Ok);
        QVERIFY(!window.chooseModelFolder(QStringLiteral("/nonexistent/model-folder")));
        QVERIFY2(refused.text.contains(QStringLiteral("cannot be used")), qPrintable(refused.text));
        QVERIFY2(refused.text.contains(QStringLiteral("/nonexistent/model-folder")), qPrintable(refused.text));
        QCOMPARE(window.runDescription().model.folder, std::string());

        const QString embedded = QString::fromStdString(EngineSession::embedded_model_path());
        ModalAnswer declined;
        declined.arm(QMessageBox::Cancel);
        QVERIFY(!window.chooseModelFolder(embedded));
        QVERIFY2(declined.informative.startsWith(QStringLiteral("Memory a run needs:")),
                 qPrintable(declined.informative));
        QVERIFY(declined.detailed.contains(QStringLiteral("parameters per module")));
        QCOMPARE(window.runDescription().model.folder, std::string());

        ModalAnswer accepted;
        accepted.arm(QMessageBox::Ok);
        QVERIFY(window.chooseModelFolder(embedded));
        QCOMPARE(qs(window.runDescription().model.folder), embedded);
    }

    void guiStallDuringASixteenStepRun() {
        MainWindow window;
        window.resize(1400, 880);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.setRunDescription(run_settings(16));
        QSignalSpy records(window.controller(), &EngineController::recordReady);
        QSignalSpy finished(window.controller(), &EngineController::runFinished);
        // The probe: a 1 ms timer; the longest gap between its ticks is the longest the event loop did not answer
        // (work on the GUI thread, or waiting for a core on a busy machine: the thread's CPU time tells which).
        QElapsedTimer clock;
        qint64 previous = -1, longest = 0, previousCpu = 0, longestCpu = 0, cpuOfLongest = 0;
        QTimer probe;
        probe.setInterval(1);
        connect(&probe, &QTimer::timeout, this, [&] {
            const qint64 now = clock.nsecsElapsed(), cpu = thread_cpu_ns();
            if (previous >= 0) {
                if (now - previous > longest) {
                    longest = now - previous;
                    cpuOfLongest = cpu - previousCpu;
                }
                longestCpu = std::max(longestCpu, cpu - previousCpu);
            }
            previous = now;
            previousCpu = cpu;
        });
        clock.start();
        probe.start();
        window.startRun();
        QVERIFY(finished.wait(kRunTimeoutMs));
        probe.stop();
        QCOMPARE(finished.at(0).at(0).value<RunOutcome>(), RunOutcome::Completed);
        QCOMPARE(records.count(), 17);
        const double longest_ms = double(longest) / 1e6;
        qInfo(
            "longest GUI event-loop stall during a 16-step run: %.1f ms wall (GUI-thread CPU in it %.1f ms); longest "
            "GUI-thread CPU between two ticks %.1f ms (%lld records, %.1f s)",
            longest_ms, double(cpuOfLongest) / 1e6, double(longestCpu) / 1e6, static_cast<long long>(records.count()),
            double(clock.elapsed()) / 1000.0);
        QVERIFY(std::isfinite(longest_ms));
        QVERIFY(longest > 0);
    }
};

QTEST_MAIN(TestEngineRun)
#include "test_studio_engine_run.moc"
