// View > Theme and View > Text size: a choice applies at once to the window (a dark or light palette, a larger
// font), is stored, comes back at the next start, and System at 100% restores the platform's look.
#include <QtTest>

#include <QApplication>
#include <QMenu>
#include <QSettings>
#include <QStandardPaths>

#include "app/studio/appearance.h"
#include "app/studio/main_window.h"
#include "widgets/reward_plot.h"

using namespace milr;

class TestStudioAppearance : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);  // QSettings go to a throw-away location
        QCoreApplication::setOrganizationName(QStringLiteral("MILR-test"));
        QCoreApplication::setApplicationName(QStringLiteral("MILR Studio appearance test"));
        QSettings().clear();
        applyStoredAppearance();  // records the platform's look
    }

    void themeAndTextSizeApplyAtOnceAndAreStored() {
        const QFont systemFont = QApplication::font();
        const QColor systemWindow = QApplication::palette().color(QPalette::Window);
        MainWindow window;
        QVERIFY(addAppearanceMenus(&window));
        auto* dark = window.findChild<QAction*>(QStringLiteral("theme-dark"));
        auto* larger = window.findChild<QAction*>(QStringLiteral("textSize-150"));
        QVERIFY(dark && larger);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        dark->trigger();
        QCoreApplication::sendPostedEvents();  // the palette reaches the widgets through posted events
        QVERIFY(window.palette().color(QPalette::Window).lightness() < 80);
        QVERIFY(window.palette().color(QPalette::WindowText).lightness() > 180);
        QCOMPARE(themeSetting(), Theme::Dark);
        larger->trigger();
        QCoreApplication::sendPostedEvents();
        QCOMPARE(textSizeSetting(), 150);
        QVERIFY(qAbs(QApplication::font().pointSizeF() - 1.5 * systemFont.pointSizeF()) < 0.51);
        QVERIFY(window.rewardPlot()->font().pointSizeF() > systemFont.pointSizeF() * 1.4);  // the window follows
        window.findChild<QAction*>(QStringLiteral("theme-light"))->trigger();
        QCoreApplication::sendPostedEvents();
        QVERIFY(window.palette().color(QPalette::Window).lightness() > 180);

        // The next start applies what was stored.
        applyAppearance(Theme::System, 100);
        QCOMPARE(QApplication::font().pointSizeF(), systemFont.pointSizeF());
        QCOMPARE(QApplication::palette().color(QPalette::Window), systemWindow);
        setThemeSetting(Theme::Dark);
        applyStoredAppearance();
        QVERIFY(QApplication::palette().color(QPalette::Window).lightness() < 80);
        QVERIFY(QApplication::font().pointSizeF() > systemFont.pointSizeF() * 1.4);
        MainWindow restarted;
        addAppearanceMenus(&restarted);
        QVERIFY(restarted.findChild<QAction*>(QStringLiteral("theme-dark"))->isChecked());
        QVERIFY(restarted.findChild<QAction*>(QStringLiteral("textSize-150"))->isChecked());
        applyAppearance(Theme::System, 100);
    }
};

QTEST_MAIN(TestStudioAppearance)
#include "test_studio_appearance.moc"
