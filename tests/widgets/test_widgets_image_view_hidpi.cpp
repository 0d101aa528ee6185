// ImageView at a fractional device-pixel ratio (1.5): the integer factor is counted in device pixels, so the image
// stays crisp (every image pixel a 3x3 block of screen pixels) and the overlay cells line up with it.
#include <QtTest>

#include "step_fixture.h"
#include "widgets/image_view.h"

using namespace milr;

class TestImageViewHiDpi : public QObject {
    Q_OBJECT
private slots:
    void crispAtOneAndAHalf() {
        ImageView view;
        view.resize(200, 200);  // 300 x 300 device pixels
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QCOMPARE(view.devicePixelRatioF(), 1.5);
        view.showRecord(fixture::trajectory()[0]);
        for (auto layer : {ImageView::Layer::GridLines, ImageView::Layer::OptimisedPrefix})
            view.setLayerVisible(layer, false);
        QCOMPARE(view.integerScale(), 3);                    // 96 px x 3 = 288 device pixels
        QCOMPARE(view.imageRect(), QRectF(4, 4, 192, 192));  // origin at device pixel 6
        QCOMPARE(view.cellRect(7), QRectF(4 + 32, 4 + 32, 32, 32));

        const QImage grabbed = view.grab().toImage().convertToFormat(QImage::Format_RGB888);
        QCOMPARE(grabbed.size(), QSize(300, 300));
        const QImage& source = view.image();
        for (int y = 0; y < 10; ++y)
            for (int x = 0; x < 10; ++x)
                for (int d = 0; d < 9; ++d)
                    QCOMPARE(grabbed.pixel(6 + 3 * x + d % 3, 6 + 3 * y + d / 3), source.pixel(x, y));
    }
};

int main(int argc, char* argv[]) {
    qputenv("QT_SCALE_FACTOR", "1.5");
    QApplication app(argc, argv);
    TestImageViewHiDpi test;
    return QTest::qExec(&test, argc, argv);
}

#include "test_widgets_image_view_hidpi.moc"
