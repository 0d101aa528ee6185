// CompareView: the swipe shows the first chosen step left of the divider and the second right of it, pixel for
// pixel; side by side shows each in its own half; "initial vs best" and a step picked elsewhere choose the steps.
#include <QComboBox>
#include <QPushButton>
#include <QtTest>

#include <cmath>

#include "core/milr/step_record.h"
#include "step_fixture.h"
#include "widgets/compare_canvas.h"
#include "widgets/compare_view.h"
#include "widgets/step_model.h"

using namespace milr;

namespace {

QColor source_pixel(const RgbImage& image, int x, int y) {
    const uint8_t* p = image.pixels.data() + 3 * (static_cast<size_t>(y) * image.width + x);
    return QColor(p[0], p[1], p[2]);
}

// The image pixel shown at widget pixel (x, y) of `rect` (a whole-factor, nearest-neighbour drawing).
QPoint source_of(const QRectF& rect, int imageSize, int x, int y) {
    const double scale = rect.width() / imageSize;
    return QPoint(static_cast<int>((x + 0.5 - rect.left()) / scale), static_cast<int>((y + 0.5 - rect.top()) / scale));
}

}  // namespace

class TestCompareView : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        m_records = fixture::trajectory();
        for (const auto& record : m_records) m_model.appendRecord(record);
    }

    void startsWithInitialAgainstBest() {
        CompareView view;
        view.setModels(&m_model);
        QCOMPARE(view.entryCount(), 3);
        QCOMPARE(view.chosenRecord(0)->step, 0);
        QCOMPARE(view.chosenRecord(1)->step, 1);  // the fixture's best reward (0.8)
        QCOMPARE(view.canvas()->caption(0), QStringLiteral("step 0 · reward 0.250"));
        QCOMPARE(view.canvas()->caption(1), QStringLiteral("step 1 · reward 0.800"));
    }

    void swipeShowsEachStepOnItsSideOfTheDivider() {
        CompareView view;
        view.setModels(&m_model);
        view.resize(420, 360);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.choose(0, 2);
        view.canvas()->setDivider(0.4);
        QCOMPARE(view.chosenRecord(0)->step, 0);
        QCOMPARE(view.chosenRecord(1)->step, 2);
        CompareCanvas* canvas = view.canvas();
        const QImage grabbed = canvas->grab().toImage().convertToFormat(QImage::Format_RGB888);
        const QRectF rect = canvas->imageRect(0);
        QVERIFY(rect.width() >= 2 * fixture::kImageSize);  // drawn at a whole factor of at least 2
        const qreal divider = canvas->dividerX();
        int left = 0, right = 0;
        for (int y = static_cast<int>(rect.top()) + 1; y < rect.bottom() - 1; y += 3)
            for (int x = static_cast<int>(rect.left()) + 1; x < rect.right() - 1; x += 3) {
                if (std::abs(x - divider) < 16) continue;  // the divider line and its handle
                const QPoint source = source_of(rect, fixture::kImageSize, x, y);
                const auto& record = x < divider ? m_records[0] : m_records[2];
                QCOMPARE(grabbed.pixelColor(x, y), source_pixel(record.image, source.x(), source.y()));
                ++(x < divider ? left : right);
            }
        QVERIFY(left > 100 && right > 100);
        // The two steps differ in the last cell (bottom right, on the second image's side): it shows step 2's.
        const QRectF lastCell(rect.right() - rect.width() / fixture::kGrid,
                              rect.bottom() - rect.height() / fixture::kGrid, rect.width() / fixture::kGrid,
                              rect.height() / fixture::kGrid);
        QVERIFY(source_pixel(m_records[0].image, 90, 90) != source_pixel(m_records[2].image, 90, 90));
        const QPoint probe = lastCell.center().toPoint();
        const QPoint source = source_of(rect, fixture::kImageSize, probe.x(), probe.y());
        QCOMPARE(grabbed.pixelColor(probe), source_pixel(m_records[2].image, source.x(), source.y()));
    }

    void dragMovesTheDivider() {
        CompareView view;
        view.setModels(&m_model);
        view.resize(420, 360);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        CompareCanvas* canvas = view.canvas();
        const QRectF rect = canvas->imageRect(0);
        const QPoint at(static_cast<int>(rect.left() + rect.width() * 0.75), static_cast<int>(rect.center().y()));
        QTest::mousePress(canvas, Qt::LeftButton, Qt::NoModifier, at);
        QTest::mouseRelease(canvas, Qt::LeftButton, Qt::NoModifier, at);
        QVERIFY(std::abs(canvas->divider() - 0.75) < 0.02);
    }

    void sideBySideShowsEachStepInItsHalf() {
        CompareView view;
        view.setModels(&m_model);
        view.resize(640, 360);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.choose(2, 0);
        view.setArrangement(CompareCanvas::Arrangement::SideBySide);
        CompareCanvas* canvas = view.canvas();
        const QImage grabbed = canvas->grab().toImage().convertToFormat(QImage::Format_RGB888);
        QVERIFY(canvas->imageRect(0).right() < canvas->imageRect(1).left());
        for (int side = 0; side < 2; ++side) {
            const QRectF rect = canvas->imageRect(side);
            const auto& record = m_records[side == 0 ? 2 : 0];
            for (int y = static_cast<int>(rect.top()) + 1; y < rect.bottom() - 1; y += 5)
                for (int x = static_cast<int>(rect.left()) + 1; x < rect.right() - 1; x += 5) {
                    const QPoint source = source_of(rect, fixture::kImageSize, x, y);
                    QCOMPARE(grabbed.pixelColor(x, y), source_pixel(record.image, source.x(), source.y()));
                }
        }
    }

    void stepPickedElsewhereBecomesTheSecond() {
        StepModel model;
        for (const auto& record : m_records) model.appendRecord(record);
        CompareView view;
        view.setModels(&model);
        model.selectStep(0);  // e.g. clicks on the timeline: step 0, then step 2
        QCOMPARE(view.chosenRecord(1)->step, 0);
        model.selectStep(2);
        QCOMPARE(view.chosenRecord(0)->step, 0);
        QCOMPARE(view.chosenRecord(1)->step, 2);
        // The choice survives a new step; "Initial vs best" goes back to the quick choice.
        auto more = m_records[1];
        more.step = 3;
        more.reward = 0.95;
        model.appendRecord(more);
        QCOMPARE(view.chosenRecord(1)->step, 2);
        view.findChild<QPushButton*>(QStringLiteral("initialVsBestButton"))->click();
        QCOMPARE(view.chosenRecord(1)->step, 3);
    }

    void otherRunCanBeChosen() {
        StepModel other;
        for (auto record : m_records) {
            record.mode = "best-of-n";
            record.reward = 0.1;
            other.appendRecord(record);
        }
        CompareView view;
        view.setModels(&m_model, &other);
        QCOMPARE(view.entryCount(), 6);
        view.choose(1, 4);  // MILR step 1 against Best-of-N step 1
        QVERIFY(view.chosenRecord(1)->mode == "best-of-n");
        QCOMPARE(view.canvas()->caption(0), QStringLiteral("MILR (both) · step 1 · reward 0.800"));
        QCOMPARE(view.canvas()->caption(1), QStringLiteral("Best-of-N · step 1 · reward 0.100"));
    }

private:
    std::vector<StepRecord> m_records;
    StepModel m_model;

    void sideBySideUsesATallPaneByStacking() {
        // Two 128-px images side by side in a tall, narrow pane were drawn at 1x in a large empty area.
        CompareCanvas canvas;
        QImage image(128, 128, QImage::Format_RGB888);
        image.fill(Qt::red);
        canvas.setImages(image, QStringLiteral("step 0"), image, QStringLiteral("step 5"));
        canvas.setArrangement(CompareCanvas::Arrangement::SideBySide);
        canvas.resize(300, 700);
        QVERIFY(canvas.isStacked());
        QVERIFY2(canvas.imageRect(0).width() >= 256, "each image gets the pane's width");
        QVERIFY(canvas.imageRect(1).top() >= canvas.imageRect(0).bottom());
        canvas.resize(900, 400);
        QVERIFY(!canvas.isStacked());
        QVERIFY(canvas.imageRect(1).left() >= canvas.imageRect(0).right());
        canvas.setArrangement(CompareCanvas::Arrangement::Swipe);
        canvas.resize(300, 700);
        QVERIFY(!canvas.isStacked());  // a swipe lays one over the other
    }
};

QTEST_MAIN(TestCompareView)
#include "test_widgets_compare_view.moc"
