// TimelineStrip: a thumbnail per appended record, live; a click or the arrow keys show a step; the captions carry
// each step's reward.
#include <QScrollBar>
#include <QSignalSpy>
#include <QtTest>

#include "step_fixture.h"
#include "widgets/step_model.h"
#include "widgets/timeline_strip.h"

using namespace milr;

class TestTimelineStrip : public QObject {
    Q_OBJECT
private slots:
    void thumbnailsAppearAsRecordsArrive() {
        StepModel model;
        TimelineStrip strip;
        strip.setModel(&model);
        strip.resize(600, strip.sizeHint().height());
        QCOMPARE(strip.thumbnailCount(), 0);
        const auto records = fixture::trajectory();
        for (size_t i = 0; i < records.size(); ++i) {
            model.appendRecord(records[i]);
            QCOMPARE(strip.thumbnailCount(), static_cast<int>(i) + 1);
        }
        QCOMPARE(strip.caption(1), QStringLiteral("1 · 0.800"));
        QVERIFY(strip.thumbnailRect(1).left() > strip.thumbnailRect(0).right());
        model.clear();
        QCOMPARE(strip.thumbnailCount(), 0);
    }

    void captionsFitTheirThumbnail() {
        // A short strip (small thumbnails) drew "12 · 0.889" across its neighbours' captions.
        StepModel model;
        TimelineStrip strip;
        strip.setModel(&model);
        for (const auto& record : fixture::trajectory()) model.appendRecord(record);
        strip.setThumbnailSize(64);
        QCOMPARE(strip.shownCaption(1), strip.caption(1));  // room for both
        for (int size : {40, 32, 24, 16}) {
            strip.setThumbnailSize(size);
            const QString shown = strip.shownCaption(1);
            QVERIFY2(strip.fontMetrics().horizontalAdvance(shown) <= size + 8 || shown.size() <= 3, qPrintable(shown));
            QVERIFY2(shown.startsWith(QStringLiteral("0.8")) || shown == strip.caption(1), qPrintable(shown));
        }
        strip.setThumbnailSize(24);
        QVERIFY(strip.shownCaption(1) != strip.caption(1));
    }

    void thumbnailShowsTheStepsImage() {
        StepModel model;
        TimelineStrip strip;
        strip.setModel(&model);
        strip.setThumbnailSize(96);  // the fixture's own size: drawn 1:1
        strip.resize(600, strip.sizeHint().height());
        strip.show();
        QVERIFY(QTest::qWaitForWindowExposed(&strip));
        const auto records = fixture::trajectory();
        for (const auto& record : records) model.appendRecord(record);
        const QImage grabbed = strip.viewport()->grab().toImage().convertToFormat(QImage::Format_RGB888);
        // Cell 1 (x 16..31, y 0..15) differs between step 0 and step 1: each thumbnail shows its own.
        for (int index : {0, 1}) {
            const QPoint origin = strip.thumbnailRect(index).topLeft();
            const auto& image = records[static_cast<size_t>(index)].image;
            const uint8_t* p = image.pixels.data() + 3 * (static_cast<size_t>(8) * image.width + 20);
            QCOMPARE(grabbed.pixelColor(origin + QPoint(20, 8)), QColor(p[0], p[1], p[2]));
        }
    }

    void clickAndArrowsSelectSteps() {
        StepModel model;
        TimelineStrip strip;
        strip.setModel(&model);
        strip.resize(600, strip.sizeHint().height());
        strip.show();
        QVERIFY(QTest::qWaitForWindowExposed(&strip));
        for (const auto& record : fixture::trajectory()) model.appendRecord(record);
        QCOMPARE(model.selectedIndex(), 2);

        QTest::mouseClick(strip.viewport(), Qt::LeftButton, Qt::NoModifier, strip.thumbnailRect(0).center());
        QCOMPARE(model.selectedIndex(), 0);
        QVERIFY(!model.followsLatest());
        QTest::keyClick(&strip, Qt::Key_Right);
        QCOMPARE(model.selectedIndex(), 1);
        QTest::keyClick(&strip, Qt::Key_Right);
        QTest::keyClick(&strip, Qt::Key_Right);  // stays on the last
        QCOMPARE(model.selectedIndex(), 2);
        QTest::keyClick(&strip, Qt::Key_Left);
        QCOMPARE(model.selectedIndex(), 1);
        QTest::keyClick(&strip, Qt::Key_Home);
        QCOMPARE(model.selectedIndex(), 0);
        QTest::keyClick(&strip, Qt::Key_End);
        QCOMPARE(model.selectedIndex(), 2);
        QVERIFY(model.followsLatest());
        // A click between thumbnails selects nothing.
        const QPoint gap((strip.thumbnailRect(0).right() + strip.thumbnailRect(1).left()) / 2,
                         strip.thumbnailRect(0).center().y());
        QCOMPARE(strip.indexAt(gap), -1);
    }

    void selectedStepIsScrolledIntoView() {
        StepModel model;
        TimelineStrip strip;
        strip.setModel(&model);
        strip.resize(150, strip.sizeHint().height());  // room for about two thumbnails
        strip.show();
        QVERIFY(QTest::qWaitForWindowExposed(&strip));
        auto records = fixture::trajectory();
        for (int i = 0; i < 12; ++i) {
            auto record = records[static_cast<size_t>(i % 3)];
            record.step = i;
            model.appendRecord(record);
        }
        const QRect last = strip.thumbnailRect(11);
        QVERIFY2(last.left() >= 0 && last.right() <= strip.viewport()->width(),
                 "the latest step is in view while following");
        model.selectStep(0);
        QVERIFY(strip.thumbnailRect(0).left() >= 0);
    }
};

QTEST_MAIN(TestTimelineStrip)
#include "test_widgets_timeline_strip.moc"
