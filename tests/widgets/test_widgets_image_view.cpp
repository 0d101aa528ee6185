// ImageView: integer nearest-neighbour scaling, and an overlay that marks the prefix and the changed cells.
#include <QSignalSpy>
#include <QtTest>

#include "step_fixture.h"
#include "widgets/image_view.h"
#include "widgets/qt_image.h"
#include "widgets/step_model.h"

using namespace milr;
using Layer = ImageView::Layer;

namespace {

void set_all_layers(ImageView& view, bool on) {
    for (Layer layer :
         {Layer::GridLines, Layer::OptimisedPrefix, Layer::ChangedSinceInitial, Layer::ChangedSincePrevious})
        view.setLayerVisible(layer, on);
}

QRgb centre_pixel(ImageView& view, int cell) {
    const QImage grabbed = view.grab().toImage();
    const QPoint centre = view.cellRect(cell).center().toPoint();
    return grabbed.pixel(centre);
}

}  // namespace

class TestImageView : public QObject {
    Q_OBJECT
private slots:
    void integerScaleIsCrisp() {
        ImageView view;
        view.resize(200, 200);
        view.showRecord(fixture::trajectory()[0]);
        QCOMPARE(view.integerScale(), 2);  // 96 px at 2x in 200 px
        QCOMPARE(view.imageRect(), QRectF(4, 4, 192, 192));
        set_all_layers(view, false);
        const QImage grabbed = view.grab().toImage().convertToFormat(QImage::Format_RGB888);
        const QImage source = view.image();
        // Every image pixel becomes a 2x2 block of exactly its colour.
        for (int y = 0; y < 12; ++y)
            for (int x = 0; x < 12; ++x)
                for (int d = 0; d < 4; ++d)
                    QCOMPARE(grabbed.pixel(4 + 2 * x + d % 2, 4 + 2 * y + d / 2), source.pixel(x, y));
    }

    void shrinksWhenTooSmall() {
        ImageView view;
        view.resize(60, 60);
        view.showRecord(fixture::trajectory()[0]);
        QCOMPARE(view.integerScale(), 0);
        QVERIFY(view.imageRect().width() <= 60.0);
    }

    void overlayMarksPrefixAndChangedCells() {
        ImageView view;
        view.resize(200, 200);
        const auto records = fixture::trajectory();
        view.showRecord(records[2]);
        for (Layer layer :
             {Layer::GridLines, Layer::OptimisedPrefix, Layer::ChangedSinceInitial, Layer::ChangedSincePrevious}) {
            QVERIFY(!view.isLayerVisible(layer));  // the clean picture by default
            QVERIFY(view.overlayCells(layer).empty());
            view.setLayerVisible(layer, true);
        }
        QCOMPARE(view.overlayCells(Layer::OptimisedPrefix), (std::vector<int>{0, 1, 2}));
        QCOMPARE(view.overlayCells(Layer::ChangedSincePrevious), (std::vector<int>{14, 35}));
        QCOMPARE(view.overlayCells(Layer::ChangedSinceInitial), (std::vector<int>{1, 14, 35}));
        QCOMPARE(view.cellRect(14), QRectF(4 + 2 * 32, 4 + 2 * 32, 32, 32));  // row 2, column 2
        view.setLayerVisible(Layer::ChangedSincePrevious, false);
        QVERIFY(view.overlayCells(Layer::ChangedSincePrevious).empty());
    }

    void overlayPixelsChangeOnlyWhereMarked() {
        ImageView view;
        view.resize(200, 200);
        view.showRecord(fixture::trajectory()[2]);
        set_all_layers(view, false);
        QRgb plain[36];
        for (int cell = 0; cell < 36; ++cell) plain[cell] = centre_pixel(view, cell);

        view.setLayerVisible(Layer::ChangedSincePrevious, true);
        for (int cell = 0; cell < 36; ++cell) {
            const bool marked = cell == 14 || cell == 35;
            QCOMPARE(centre_pixel(view, cell) != plain[cell], marked);
        }
        view.setLayerVisible(Layer::ChangedSincePrevious, false);
        view.setLayerVisible(Layer::ChangedSinceInitial, true);
        for (int cell = 0; cell < 36; ++cell)
            QCOMPARE(centre_pixel(view, cell) != plain[cell], cell == 1 || cell == 14 || cell == 35);

        // The prefix is an outline: the left edge of cells 0..2 changes, their centres and the other cells do not.
        view.setLayerVisible(Layer::ChangedSinceInitial, false);
        set_all_layers(view, false);
        const QImage without = view.grab().toImage();
        view.setLayerVisible(Layer::OptimisedPrefix, true);
        const QImage with = view.grab().toImage();
        for (int cell = 0; cell < 6; ++cell) {
            const QRectF rect = view.cellRect(cell);
            const QPoint edge(static_cast<int>(rect.left()) + 1, static_cast<int>(rect.center().y()));
            QCOMPARE(with.pixel(edge) != without.pixel(edge), cell < fixture::kOptimisedCells);
            QCOMPARE(with.pixel(rect.center().toPoint()), without.pixel(rect.center().toPoint()));
        }
    }

    void updatesOncePerAppendedRecord() {
        StepModel model;
        ImageView view;
        view.setModel(&model);
        QSignalSpy updates(&view, &ImageView::viewUpdated);
        const auto records = fixture::trajectory();
        for (const auto& record : records) model.appendRecord(record);
        QCOMPARE(updates.count(), 3);
        QCOMPARE(from_qimage(view.image()), records[2].image);
        model.selectStep(0);
        QCOMPARE(from_qimage(view.image()), records[0].image);
    }
};

QTEST_MAIN(TestImageView)
#include "test_widgets_image_view.moc"
