// The real main window's conventions: every choice and the layout survive a restart, every shortcut triggers its
// action, presentation mode enters with F11 and leaves with Esc, the timeline and the compare view follow the
// steps, MILR and Best-of-N runs of one prompt are kept side by side, and the shortcuts and About texts.
#include <QApplication>
#include <QCheckBox>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QPlainTextEdit>
#include <QSignalSpy>
#include <QScreen>
#include <QSettings>
#include <QSplitter>
#include <QToolButton>
#include <QStatusBar>
#include <QStackedWidget>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QToolButton>
#include <QtTest>

#include <algorithm>
#include <array>
#include <cstdlib>
#include <utility>
#include <cctype>

#include "app/studio/engine_controller.h"
#include "app/studio/engine_session.h"
#include "app/studio/export_actions.h"
#include "app/studio/main_window.h"
#include "step_fixture.h"
#include "widgets/compare_view.h"
#include "widgets/image_view.h"
#include "widgets/parameter_panel.h"
#include "widgets/reasoning_view.h"
#include "widgets/qt_image.h"
#include "widgets/research_panel.h"
#include "widgets/reward_plot.h"
#include "widgets/shortcuts_dialog.h"
#include "widgets/step_model.h"
#include "widgets/timeline_strip.h"
#include "widgets/trajectory_player.h"

using namespace milr;

namespace {

QAction* action(const MainWindow& window, const char* name) {
    QAction* found = window.findChild<QAction*>(QString::fromLatin1(name));
    if (!found) qFatal("no action %s", name);
    return found;
}

template <typename T>
T* child(const MainWindow& window, const char* name) {
    T* found = window.findChild<T*>(QString::fromLatin1(name));
    if (!found) qFatal("no widget %s", name);
    return found;
}

// What the engine reports for a run: runStarted, then one record per step.
void play_run(MainWindow& window, const std::string& mode, double rewardOffset) {
    emit window.controller()->runStarted(false);
    for (auto record : fixture::trajectory()) {
        record.mode = mode;
        record.reward = std::min(1.0, record.reward + rewardOffset);
        emit window.controller()->recordReady(record);
    }
}

void show_active(MainWindow& window) {
    window.resize(1300, 850);
    window.show();
    window.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&window));
}

// The grey level most pixels of `image` have (the ground a view paints), and the share of pixels at least
// `contrast` grey levels away from it (text, lines and marks on that ground).
std::pair<int, double> ground_and_contrast(const QImage& image, int contrast) {
    std::array<int, 256> histogram{};
    const QImage grey = image.convertToFormat(QImage::Format_Grayscale8);
    for (int y = 0; y < grey.height(); ++y)
        for (int x = 0; x < grey.width(); ++x) ++histogram[grey.constScanLine(y)[x]];
    const int ground = static_cast<int>(std::max_element(histogram.begin(), histogram.end()) - histogram.begin());
    int far = 0;
    for (int level = 0; level < 256; ++level)
        if (std::abs(level - ground) >= contrast) far += histogram[level];
    return {ground, static_cast<double>(far) / std::max(1, grey.width() * grey.height())};
}

}  // namespace

class TestWindowConventions : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);  // QSettings go to a throw-away location
        QCoreApplication::setOrganizationName(QStringLiteral("MILR-test"));
        QCoreApplication::setApplicationName(QStringLiteral("MILR Studio conventions test"));
    }

    void everyChoiceSurvivesARestart() {
        RunDescription settings;
        settings.milr.prompt = "three green crosses";
        settings.milr.mode = MilrMode::best_of_n;
        settings.milr.steps = 5;
        settings.milr.seed = 7;
        QSize size;
        QList<int> topSizes;
        {
            MainWindow window;
            window.resize(1100, 760);
            window.show();
            QVERIFY(QTest::qWaitForWindowExposed(&window));
            window.setRunDescription(settings);
            QVERIFY(!child<QCheckBox>(window, "gridCheck")->isChecked());  // the clean picture by default
            QVERIFY(!child<QCheckBox>(window, "previousCheck")->isChecked());
            QVERIFY(!window.imageView()->isLayerVisible(ImageView::Layer::ChangedSincePrevious));
            child<QCheckBox>(window, "gridCheck")->setChecked(true);
            child<QCheckBox>(window, "prefixCheck")->setChecked(true);
            action(window, "researchAction")->setChecked(false);
            window.parameterPanel()->setAdvancedVisible(true);
            window.setCompareMode(true);
            window.compareView()->setArrangement(CompareCanvas::Arrangement::SideBySide);
            window.compareView()->canvas()->setDivider(0.3);
            window.setPresentationPace(2000);
            action(window, "autoPlayAction")->setChecked(false);
            window.rememberPrompt(QStringLiteral("a red circle"));
            window.rememberPrompt(QStringLiteral("two blue squares"));
            window.rememberModelFolder(QStringLiteral("/tmp/model-a"));
            child<QSplitter>(window, "topSplitter")->setSizes({700, 300});
            topSizes = child<QSplitter>(window, "topSplitter")->sizes();
            size = window.size();
            window.saveState();
        }
        MainWindow window;
        window.restoreState();
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(window.runDescription() == settings);
        QCOMPARE(window.size(), size);
        QCOMPARE(child<QSplitter>(window, "topSplitter")->sizes(), topSizes);
        QVERIFY(child<QCheckBox>(window, "gridCheck")->isChecked());
        QVERIFY(window.imageView()->isLayerVisible(ImageView::Layer::GridLines));
        QVERIFY(!window.imageView()->isLayerVisible(ImageView::Layer::ChangedSincePrevious));
        QVERIFY(window.imageView()->isLayerVisible(ImageView::Layer::OptimisedPrefix));
        QVERIFY(!action(window, "researchAction")->isChecked());
        QVERIFY(window.parameterPanel()->isAdvancedVisible());
        QVERIFY(window.isCompareMode());
        QCOMPARE(child<QStackedWidget>(window, "imageStack")->currentWidget(),
                 static_cast<QWidget*>(window.compareView()));
        QCOMPARE(window.compareView()->arrangement(), CompareCanvas::Arrangement::SideBySide);
        QCOMPARE(window.compareView()->canvas()->divider(), 0.3);
        QCOMPARE(window.presentationPace(), 2000);
        QVERIFY(!action(window, "autoPlayAction")->isChecked());
        QCOMPARE(window.recentPrompts(),
                 QStringList({QStringLiteral("two blue squares"), QStringLiteral("a red circle")}));
        QCOMPARE(window.recentModelFolders(), QStringList({QStringLiteral("/tmp/model-a")}));

        // The prompt box offers the recent prompts; File > Open Recent the model folders.
        QMenu* prompts = child<QToolButton>(window, "recentPromptsButton")->menu();
        QCOMPARE(static_cast<int>(prompts->actions().size()), 2);
        prompts->actions().at(1)->trigger();
        QCOMPARE(child<QPlainTextEdit>(window, "promptEdit")->toPlainText(), QStringLiteral("a red circle"));
        QCOMPARE(child<QMenu>(window, "recentModelsMenu")->actions().at(0)->toolTip(), QStringLiteral("/tmp/model-a"));
    }

    void everyShortcutTriggersItsAction() {
        MainWindow window;
        // An action another part of the application adds to the File menu (export) is covered as well.
        auto* exportAction = new QAction(QStringLiteral("Export Image…"), window.fileMenu());
        exportAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_S));
        window.fileMenu()->addAction(exportAction);
        show_active(window);
        QStringList pressed;
        for (QAction* each : window.findChildren<QAction*>()) {
            if (each->shortcuts().isEmpty()) continue;
            // Only the key to action mapping is under test: no dialog, run or full screen.
            QObject::disconnect(each, &QAction::triggered, nullptr, nullptr);
            QObject::disconnect(each, &QAction::toggled, nullptr, nullptr);
            each->setEnabled(true);
            for (const QKeySequence& key : each->shortcuts()) {
                QSignalSpy triggered(each, &QAction::triggered);
                QTest::keySequence(&window, key);
                QVERIFY2(triggered.count() == 1,
                         qPrintable(QStringLiteral("%1 did not trigger %2").arg(key.toString(), each->objectName())));
                pressed << key.toString();
            }
        }
        for (const char* expected :
             {"Ctrl+Return", "Ctrl+Enter", "Esc", "Ctrl+O", "F11", "Ctrl+S", "Ctrl+D", "F5", "Ctrl+/"})
            QVERIFY2(pressed.contains(QLatin1String(expected)), expected);
    }

    void escStopsNothingWhenIdleButLeavesPresentation() {
        MainWindow window;
        show_active(window);
        QVERIFY(!action(window, "stopAction")->isEnabled());  // idle: Esc has nothing to stop
        QTest::keyClick(&window, Qt::Key_F11);
        QVERIFY(action(window, "stopAction")->isEnabled());
        QTest::keyClick(&window, Qt::Key_Escape);
        QVERIFY(!window.isPresenting());
        QVERIFY(!action(window, "stopAction")->isEnabled());
    }

    void fitsA1280By720Screen() {
        // The normal layout on a 1280 x 720 projector or laptop: nothing is cut off at the right or the bottom.
        MainWindow window;
        show_active(window);
        window.resize(1280, 720);
        QCoreApplication::sendPostedEvents();
        QStringList sizes;
        for (QSplitter* splitter : window.findChildren<QSplitter*>())
            for (int i = 0; i < splitter->count(); ++i)
                sizes << QStringLiteral("%1[%2] %3: min %4x%5")
                             .arg(splitter->objectName())
                             .arg(i)
                             .arg(splitter->widget(i)->objectName())
                             .arg(splitter->widget(i)->minimumSizeHint().width())
                             .arg(splitter->widget(i)->minimumSizeHint().height());
        const QSize minimum = window.minimumSizeHint();
        QVERIFY2(minimum.width() <= 1280 && minimum.height() <= 720,
                 qPrintable(QStringLiteral("minimum %1x%2; ").arg(minimum.width()).arg(minimum.height()) +
                            sizes.join(QStringLiteral("; "))));
        QVERIFY2(window.size() == QSize(1280, 720),
                 qPrintable(QStringLiteral("window %1x%2").arg(window.width()).arg(window.height())));

        // The first start opens within the screen (the form's own size is 1400 x 880).
        QSettings().clear();
        MainWindow first;
        first.restoreState();
        const QSize screen = first.screen()->availableGeometry().size();
        QVERIFY2(first.width() <= std::max(screen.width(), first.minimumSizeHint().width()) &&
                     first.height() <= std::max(screen.height(), first.minimumSizeHint().height()),
                 qPrintable(QStringLiteral("window %1x%2 on a %3x%4 screen")
                                .arg(first.width())
                                .arg(first.height())
                                .arg(screen.width())
                                .arg(screen.height())));
        for (QWidget* shown :
             {static_cast<QWidget*>(window.rewardPlot()), static_cast<QWidget*>(window.reasoningView()),
              static_cast<QWidget*>(window.researchPanel()), static_cast<QWidget*>(window.timeline()),
              static_cast<QWidget*>(window.imageView()), static_cast<QWidget*>(window.statusBar())}) {
            const QRect area(shown->mapTo(&window, QPoint(0, 0)), shown->size());
            QVERIFY2(window.rect().contains(area),
                     qPrintable(QStringLiteral("%1 at %2,%3 %4x%5")
                                    .arg(shown->metaObject()->className())
                                    .arg(area.x())
                                    .arg(area.y())
                                    .arg(area.width())
                                    .arg(area.height())));
        }
    }

    void clickingAStepOfTheOtherRunShowsItAgainstTheStepOnShow() {
        MainWindow window;
        show_active(window);
        for (const auto& record : fixture::trajectory()) window.stepModel()->appendRecord(record);
        for (StepRecord record : fixture::trajectory()) {
            record.mode = "best-of-n";
            window.otherStepModel()->appendRecord(record);
        }
        window.stepModel()->selectStep(1);
        QCoreApplication::sendPostedEvents();
        TimelineStrip* other = window.otherTimeline();
        QVERIFY(other->isVisible());
        QTest::mouseClick(other->viewport(), Qt::LeftButton, {}, other->thumbnailRect(2).center());
        QVERIFY(window.isCompareMode());
        const StepRecord* left = window.compareView()->chosenRecord(0);
        const StepRecord* right = window.compareView()->chosenRecord(1);
        QVERIFY(left && right);
        QCOMPARE(left->mode, std::string("both"));
        QCOMPARE(left->step, 1);
        QCOMPARE(right->mode, std::string("best-of-n"));
        QCOMPARE(right->step, 2);
        QCOMPARE(window.rewardPlot()->otherPointCount(), 3);  // and both curves are drawn
    }

    void presentationEntersWithF11AndLeavesWithEsc() {
        MainWindow window;
        RunDescription settings = window.runDescription();
        settings.milr.prompt = "a red circle left of two blue squares";
        window.setRunDescription(settings);
        show_active(window);
        for (const auto& record : fixture::trajectory()) window.stepModel()->appendRecord(record);
        const QFont normalFont = window.rewardPlot()->font();
        child<QCheckBox>(window, "previousCheck")->setChecked(true);  // the user's choice of marks

        QTest::keyClick(&window, Qt::Key_F11);
        QVERIFY(window.isPresenting());
        QVERIFY(window.windowState() & Qt::WindowFullScreen);
        QVERIFY(!window.menuBar()->isVisible());
        QVERIFY(!child<QWidget>(window, "controlsScroll")->isVisible());
        QVERIFY(!window.researchPanel()->isVisible());
        QVERIFY(window.imageView()->isVisible());
        QVERIFY(window.rewardPlot()->isVisible());
        QVERIFY(window.timeline()->isVisible());
        QVERIFY(window.reasoningView()->isVisible());  // the reasoning with its edits, what makes MILR different
        QVERIFY(window.reasoningView()->font().pointSizeF() > normalFont.pointSizeF() * 1.4);
        QWidget* bar = child<QWidget>(window, "presentationBar");
        QVERIFY(bar->isVisible());
        QVERIFY(!child<QLabel>(window, "presentationRunning")->isVisible());  // no run going
        bool saysEsc = false;
        for (QToolButton* button : bar->findChildren<QToolButton*>()) saysEsc |= button->text().contains("Esc");
        QVERIFY2(saysEsc, "the bar says that Esc leaves");
        QVERIFY(window.rewardPlot()->font().pointSizeF() > normalFont.pointSizeF() * 1.4);
        QVERIFY(window.timeline()->thumbnailSize() > 64);
        // Everything on show fits in the window (nothing is pushed past its right edge by the large type).
        QCoreApplication::sendPostedEvents();               // the pending resize and layout requests
        QVERIFY(window.minimumSizeHint().width() <= 1024);  // fits a projector's 1024 x 768
        for (QWidget* shown :
             {static_cast<QWidget*>(window.rewardPlot()), static_cast<QWidget*>(window.timeline()),
              static_cast<QWidget*>(window.imageView()), static_cast<QWidget*>(window.reasoningView()), bar}) {
            const QRect area(shown->mapTo(&window, QPoint(0, 0)), shown->size());
            QVERIFY2(window.rect().contains(area),
                     qPrintable(QStringLiteral("%1 at %2,%3 %4x%5 in %6x%7")
                                    .arg(shown->metaObject()->className())
                                    .arg(area.x())
                                    .arg(area.y())
                                    .arg(area.width())
                                    .arg(area.height())
                                    .arg(window.width())
                                    .arg(window.height())));
        }
        for (auto layer : {ImageView::Layer::GridLines, ImageView::Layer::OptimisedPrefix,
                           ImageView::Layer::ChangedSinceInitial, ImageView::Layer::ChangedSincePrevious})
            QVERIFY(!window.imageView()->isLayerVisible(layer));  // the picture itself, without marks
        QLabel* caption = child<QLabel>(window, "presentationCaption");
        QVERIFY(caption->isVisible());
        QVERIFY2(caption->text().contains(qs(settings.milr.prompt)), qPrintable(caption->text()));
        QVERIFY2(caption->text().contains(QStringLiteral("step 2 of 2")), qPrintable(caption->text()));

        // Auto-play at the chosen pace: the last step stays one more tick, then the best step is shown and stays.
        QVERIFY(window.player()->isPlaying());
        QCOMPARE(window.player()->pace(), window.presentationPace());
        QVERIFY(window.player()->endsOnBest());
        window.player()->setPlaying(false);  // ticked by hand below: no timed assertions
        window.player()->advance();
        QCOMPARE(window.stepModel()->selectedIndex(), 2);
        window.player()->advance();
        QCOMPARE(window.stepModel()->selectedIndex(), 1);  // the best reward (0.8)
        QCOMPARE(from_qimage(window.imageView()->image()), fixture::trajectory()[1].image);
        QVERIFY2(caption->text().contains(QStringLiteral("step 1 of 2")), qPrintable(caption->text()));

        // The arrow keys step through the trajectory (the strip has the focus).
        QTest::keyClick(window.timeline(), Qt::Key_Left);
        QCOMPARE(window.stepModel()->selectedIndex(), 0);
        // And the on-screen buttons, for a presenter with a mouse or a touch screen.
        QToolButton* next = nullptr;
        for (QToolButton* button : bar->findChildren<QToolButton*>())
            if (button->text().startsWith(QStringLiteral("Next"))) next = button;
        QVERIFY(next);
        next->click();
        QCOMPARE(window.stepModel()->selectedIndex(), 1);

        QTest::keyClick(&window, Qt::Key_Escape);
        QVERIFY(!window.isPresenting());
        QVERIFY(!(window.windowState() & Qt::WindowFullScreen));
        QVERIFY(window.menuBar()->isVisible());
        QVERIFY(child<QWidget>(window, "controlsScroll")->isVisible());
        QVERIFY(window.researchPanel()->isVisible());
        QVERIFY(!caption->isVisible());
        QVERIFY(!bar->isVisible());
        QVERIFY(!window.player()->isPlaying());
        QCOMPARE(window.rewardPlot()->font().pointSizeF(), normalFont.pointSizeF());
        QCOMPARE(window.timeline()->thumbnailSize(), 64);
        QVERIFY(
            window.imageView()->isLayerVisible(ImageView::Layer::ChangedSincePrevious));  // the toggles' choice again

        // F11 toggles too.
        QTest::keyClick(&window, Qt::Key_F11);
        QVERIFY(window.isPresenting());
        QTest::keyClick(&window, Qt::Key_F11);
        QVERIFY(!window.isPresenting());
    }

    void timelineAndCompareFollowTheSteps() {
        MainWindow window;
        show_active(window);
        for (const auto& record : fixture::trajectory()) window.stepModel()->appendRecord(record);
        TimelineStrip* timeline = window.timeline();
        QCOMPARE(timeline->thumbnailCount(), 3);
        QTest::mouseClick(timeline->viewport(), Qt::LeftButton, Qt::NoModifier, timeline->thumbnailRect(0).center());
        QCOMPARE(window.stepModel()->selectedIndex(), 0);
        QCOMPARE(from_qimage(window.imageView()->image()), fixture::trajectory()[0].image);
        QCOMPARE(window.rewardPlot()->selectedStep(), 0);
        QTest::keyClick(timeline, Qt::Key_Right);
        QCOMPARE(window.stepModel()->selectedIndex(), 1);

        QTest::keySequence(&window, QKeySequence(Qt::CTRL | Qt::Key_D));  // View > Compare two steps
        QVERIFY(window.isCompareMode());
        QCOMPARE(child<QStackedWidget>(window, "imageStack")->currentWidget(),
                 static_cast<QWidget*>(window.compareView()));
        QVERIFY(!child<QWidget>(window, "gridCheck")->isVisible());
        QCOMPARE(window.compareView()->chosenRecord(0)->step, 0);
        QCOMPARE(window.compareView()->chosenRecord(1)->step, 1);
        QTest::keyClick(timeline, Qt::Key_Right);  // the step picked on the timeline becomes the second image
        QCOMPARE(window.compareView()->chosenRecord(1)->step, 2);
        QTest::keySequence(&window, QKeySequence(Qt::CTRL | Qt::Key_D));
        QVERIFY(!window.isCompareMode());
        QCOMPARE(child<QStackedWidget>(window, "imageStack")->currentWidget(),
                 static_cast<QWidget*>(window.imageView()));
        QVERIFY(child<QWidget>(window, "gridCheck")->isVisible());
    }

    void milrAndBestOfNOfOnePromptAreKeptSideBySide() {
        MainWindow window;
        RunDescription settings = window.runDescription();
        settings.milr.prompt = "two blue squares";
        window.setRunDescription(settings);
        show_active(window);
        play_run(window, "both", 0.0);
        QVERIFY(window.otherStepModel()->isEmpty());
        QVERIFY(!window.otherTimeline()->isVisible());

        play_run(window, "best-of-n", 0.1);  // the same prompt, the other kind of run
        QCOMPARE(window.stepModel()->count(), 3);
        QVERIFY(window.stepModel()->record(0).mode == "best-of-n");
        QCOMPARE(window.otherStepModel()->count(), 3);
        QVERIFY(window.otherStepModel()->record(0).mode == "both");
        QVERIFY(window.otherTimeline()->isVisible());
        QCOMPARE(window.otherTimeline()->thumbnailCount(), 3);
        QVERIFY(child<QLabel>(window, "timelineLabel")->text().startsWith(QStringLiteral("Best-of-N")));
        QVERIFY(child<QLabel>(window, "otherTimelineLabel")->text().startsWith(QStringLiteral("MILR (both)")));
        QCOMPARE(window.compareView()->entryCount(), 6);

        play_run(window, "best-of-n", 0.2);  // again Best-of-N: the MILR run stays for comparison
        QVERIFY(window.otherStepModel()->record(0).mode == "both");

        settings.milr.prompt = "a yellow star";
        window.setRunDescription(settings);
        play_run(window, "both", 0.0);  // a new prompt: nothing to compare with
        QVERIFY(window.otherStepModel()->isEmpty());
        QVERIFY(!window.otherTimeline()->isVisible());
    }

    void openedTrajectoryPairsWithTheRunOfItsPrompt() {
        QTemporaryDir dir;
        const QString folder = dir.filePath(QStringLiteral("best-of-n"));
        RunDescription settings;
        {
            MainWindow saver;
            auto* actions = new ExportActions(&saver);
            settings = saver.runDescription();
            settings.milr.prompt = "two blue squares";
            saver.setRunDescription(settings);
            play_run(saver, "best-of-n", 0.1);
            QVERIFY2(actions->saveTrajectory(folder), qPrintable(actions->lastError()));
        }
        MainWindow window;
        auto* actions = new ExportActions(&window);
        window.setRunDescription(settings);
        show_active(window);
        play_run(window, "both", 0.0);
        QVERIFY2(actions->openTrajectory(folder), qPrintable(actions->lastError()));  // Best-of-N of the same prompt
        QVERIFY(window.stepModel()->record(0).mode == "best-of-n");
        QCOMPARE(window.otherStepModel()->count(), 3);
        QVERIFY(window.otherStepModel()->record(0).mode == "both");
        QVERIFY(window.otherTimeline()->isVisible());

        play_run(window, "both", 0.2);  // a MILR run of that prompt after it pairs with the opened Best-of-N
        QVERIFY(window.otherStepModel()->record(0).mode == "best-of-n");

        settings.milr.prompt = "a yellow star";
        window.setRunDescription(settings);
        play_run(window, "both", 0.0);
        QVERIFY2(actions->openTrajectory(folder), qPrintable(actions->lastError()));  // not the prompt on show
        QVERIFY(window.otherStepModel()->isEmpty());
        QVERIFY(!window.otherTimeline()->isVisible());
    }

    void darkPaletteReachesTheViewsThatPaintThemselves() {
        // A dark desktop theme (Breeze Dark's colours) must reach the plots, the timeline and the reasoning: their
        // ground turns dark and their text and marks stay readable on it.
        const QPalette before = QApplication::palette();
        QPalette dark;
        const QColor text(239, 240, 241);
        for (auto role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText, QPalette::HighlightedText})
            dark.setColor(role, text);
        dark.setColor(QPalette::Window, QColor(35, 38, 41));
        dark.setColor(QPalette::Base, QColor(27, 30, 32));
        dark.setColor(QPalette::AlternateBase, QColor(35, 38, 41));
        dark.setColor(QPalette::Button, QColor(49, 54, 59));
        dark.setColor(QPalette::Mid, QColor(80, 85, 90));
        dark.setColor(QPalette::Highlight, QColor(61, 174, 233));
        dark.setColor(QPalette::PlaceholderText, QColor(150, 155, 160));
        QApplication::setPalette(dark);
        {
            MainWindow window;
            show_active(window);
            play_run(window, "both", 0.0);
            QApplication::processEvents();
            if (const QByteArray shots = qgetenv("MILR_SCREENSHOT_DIR"); !shots.isEmpty())
                window.grab().save(QString::fromLocal8Bit(shots) + QStringLiteral("/studio-dark.png"));
            const std::pair<const char*, QWidget*> views[] = {{"reward plot", window.rewardPlot()},
                                                              {"reasoning", window.reasoningView()},
                                                              {"timeline", window.timeline()}};
            for (const auto& [name, view] : views) {
                const auto [ground, contrast] = ground_and_contrast(view->grab().toImage(), 100);
                QVERIFY2(ground < 70,
                         qPrintable(QStringLiteral("%1: ground grey level %2").arg(QLatin1String(name)).arg(ground)));
                QVERIFY2(
                    contrast > 0.002,
                    qPrintable(QStringLiteral("%1: %2 of pixels stand out").arg(QLatin1String(name)).arg(contrast)));
            }
        }
        QApplication::setPalette(before);
    }

    void shortcutsDialogListsEveryActionWithAShortcut() {
        MainWindow window;
        auto* exportAction = new QAction(QStringLiteral("Export &Image…"), window.fileMenu());
        exportAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_S));
        window.fileMenu()->addAction(exportAction);
        ShortcutsDialog dialog(&window);
        const auto rows = ShortcutsDialog::shortcutRows(&window);
        QCOMPARE(dialog.table()->rowCount(), static_cast<int>(rows.size()));
        const auto has = [&rows](const QString& text, const QString& keys) {
            return rows.contains(qMakePair(text, keys));
        };
        QVERIFY(has(QStringLiteral("Export Image"), QStringLiteral("Ctrl+S")));
        QVERIFY(has(QStringLiteral("Run"), QStringLiteral("Ctrl+Return, Ctrl+Enter")));
        QVERIFY(has(QStringLiteral("Stop"), QStringLiteral("Esc")));
        QVERIFY(has(QStringLiteral("Open model folder"), QStringLiteral("Ctrl+O")));
        QVERIFY(has(QStringLiteral("Presentation"), QStringLiteral("F11")));
        int withShortcut = 0;
        for (QAction* each : window.findChildren<QAction*>()) withShortcut += !each->shortcuts().isEmpty();
        QCOMPARE(static_cast<int>(rows.size()), withShortcut);
    }

    void aboutNamesTheVersions() {
        MainWindow window;
        QCoreApplication::setApplicationVersion(QStringLiteral("9.8.7"));
        const QString text = window.aboutText();
        QVERIFY2(text.contains(QStringLiteral("9.8.7")), qPrintable(text));
        QVERIFY2(text.contains(QString::fromLatin1(qVersion())), qPrintable(text));
        QVERIFY2(text.contains(QString::fromStdString(libtorch_version())), qPrintable(text));
        QVERIFY(!libtorch_version().empty() && std::isdigit(static_cast<unsigned char>(libtorch_version()[0])));
        QVERIFY2(text.contains(QStringLiteral("embedded model")) && text.contains(QStringLiteral("layout:")),
                 qPrintable(text));
    }
};

QTEST_MAIN(TestWindowConventions)
#include "test_studio_window_conventions.moc"
