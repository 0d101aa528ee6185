// The real main window: it constructs, every view updates once per appended step, a click on the curve shows that
// step everywhere, and a run whose reward cannot start reports (through the worker thread) the engine's message while
// the steps on show stay.
#include <QLabel>
#include <QSignalSpy>
#include <QtTest>

#include "app/studio/engine_controller.h"
#include "app/studio/main_window.h"
#include "step_fixture.h"
#include "widgets/image_view.h"
#include "widgets/parameter_panel.h"
#include "widgets/qt_image.h"
#include "widgets/reasoning_view.h"
#include "widgets/research_panel.h"
#include "widgets/reward_plot.h"
#include "widgets/step_model.h"

#include <qcustomplot.h>

using namespace milr;

class TestMainWindow : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);  // QSettings go to a throw-away location
        QCoreApplication::setOrganizationName(QStringLiteral("MILR-test"));
        QCoreApplication::setApplicationName(QStringLiteral("MILR Studio test"));
    }

    void everyViewUpdatesOncePerStep() {
        MainWindow window;
        window.resize(1400, 880);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QSignalSpy image(window.imageView(), &ImageView::viewUpdated);
        QSignalSpy curve(window.rewardPlot(), &RewardPlot::viewUpdated);
        QSignalSpy text(window.reasoningView(), &ReasoningView::viewUpdated);
        QSignalSpy research(window.researchPanel(), &ResearchPanel::viewUpdated);
        const auto records = fixture::trajectory();
        for (size_t i = 0; i < records.size(); ++i) {
            window.stepModel()->appendRecord(records[i]);
            const int expected = static_cast<int>(i) + 1;
            QCOMPARE(image.count(), expected);
            QCOMPARE(curve.count(), expected);
            QCOMPARE(text.count(), expected);
            QCOMPARE(research.count(), expected);
            QCOMPARE(image.last().at(0).toInt(), records[i].step);
        }
        QCOMPARE(window.rewardPlot()->pointCount(), 3);
        QCOMPARE(window.researchPanel()
                     ->graph(ResearchPanel::Metric::GradientNorm, ResearchPanel::Stream::Image)
                     ->dataCount(),
                 2);  // steps 1 and 2
        QCOMPARE(from_qimage(window.imageView()->image()), records[2].image);

        // A click on the curve's point of step 1 shows step 1 in the image and the text.
        window.rewardPlot()->plot()->replot();
        const QPoint point = window.rewardPlot()->pointPosition(1);
        QTest::mouseClick(window.rewardPlot()->plot(), Qt::LeftButton, Qt::NoModifier,
                          window.rewardPlot()->plot()->mapFrom(window.rewardPlot(), point));
        QCOMPARE(window.stepModel()->selectedIndex(), 1);
        QCOMPARE(from_qimage(window.imageView()->image()), records[1].image);
        QCOMPARE(window.reasoningView()->text(), QString::fromStdString(records[1].reasoning));
    }

    void runWithoutPromptAsksForOne() {
        MainWindow window;
        window.show();
        RunDescription settings = window.runDescription();
        settings.milr.prompt.clear();
        window.setRunDescription(settings);
        window.startRun();
        QCOMPARE(window.message(), QStringLiteral("Write a prompt first."));
        QVERIFY(!window.isRunning());
    }

    void engineErrorIsShownAndStepsAreKept() {
        MainWindow window;
        window.show();
        for (const auto& record : fixture::trajectory()) window.stepModel()->appendRecord(record);
        RunDescription settings = window.runDescription();
        settings.milr.prompt = "a red circle left of two blue squares";
        settings.reward.kind = RewardKind::external;
        settings.reward.command_line.clear();  // an external reward without a command
        window.setRunDescription(settings);
        QSignalSpy finished(window.controller(), &EngineController::runFinished);
        window.startRun();
        QVERIFY(finished.wait(600000));
        QCOMPARE(finished.at(0).at(0).value<RunOutcome>(), RunOutcome::Failed);
        QVERIFY2(window.message().contains(QStringLiteral("needs a command")), qPrintable(window.message()));
        QCOMPARE(window.stepModel()->count(), 3);
        QVERIFY(!window.isRunning());

        // The window stays usable: a second request (Step once) goes through the worker again.
        window.stepOnce();
        QVERIFY(finished.wait(600000));
        QCOMPARE(finished.count(), 2);
        QCOMPARE(window.stepModel()->count(), 3);
    }

    void settingsPersistAcrossWindows() {
        RunDescription settings;
        settings.milr.prompt = "two yellow stars";
        settings.milr.lambda_image = 0.05;
        settings.milr.steps = 9;
        {
            MainWindow window;
            window.setRunDescription(settings);
            window.saveState();
        }
        MainWindow window;
        window.restoreState();
        QVERIFY(window.runDescription() == settings);
    }
    void twoWindowsKeepEachOthersChanges() {
        // Two studios open on one settings file, closed one after the other: the recent prompts of both stay, and a
        // setting changed in the first is not overwritten by the second, which left it alone.
        {
            MainWindow start;
            RunDescription settings;
            settings.milr.learning_rate = 0.03;
            start.setRunDescription(settings);
            start.saveState();
        }
        MainWindow first, second;
        first.restoreState();
        second.restoreState();
        first.rememberPrompt(QStringLiteral("a red circle"));
        RunDescription changed = first.runDescription();
        changed.milr.learning_rate = 0.05;
        first.setRunDescription(changed);
        second.rememberPrompt(QStringLiteral("two blue squares"));
        first.saveState();
        second.saveState();

        MainWindow later;
        later.restoreState();
        QVERIFY2(later.recentPrompts().contains(QStringLiteral("a red circle")),
                 qPrintable(later.recentPrompts().join(", ")));
        QVERIFY2(later.recentPrompts().contains(QStringLiteral("two blue squares")),
                 qPrintable(later.recentPrompts().join(", ")));
        QCOMPARE(later.recentPrompts().front(), QStringLiteral("two blue squares"));  // the last window's first
        QCOMPARE(later.runDescription().milr.learning_rate, 0.05);
    }
};

QTEST_MAIN(TestMainWindow)
#include "test_studio_main_window.moc"
