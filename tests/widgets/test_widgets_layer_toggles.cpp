// The overlay check boxes: each shows or hides its layer; suppressing hides every layer and keeps the boxes' choice.
#include <QCheckBox>
#include <QtTest>

#include "widgets/image_view.h"
#include "widgets/layer_toggles.h"

using namespace milr;

class TestLayerToggles : public QObject {
    Q_OBJECT
private slots:
    void boxesDriveLayersAndSuppressionKeepsTheirChoice() {
        ImageView view;
        QCheckBox grid, prefix, initial, previous;
        view.setLayerVisible(ImageView::Layer::GridLines, true);
        LayerToggles toggles(&view, &grid, &prefix, &initial, &previous);
        QVERIFY(grid.isChecked());  // the boxes start from what the view shows
        QVERIFY(!prefix.isChecked());
        QVERIFY(!prefix.icon().isNull());  // a swatch of the layer's colour

        prefix.setChecked(true);
        QVERIFY(view.isLayerVisible(ImageView::Layer::OptimisedPrefix));
        grid.setChecked(false);
        QVERIFY(!view.isLayerVisible(ImageView::Layer::GridLines));

        toggles.setSuppressed(true);
        QVERIFY(!view.isLayerVisible(ImageView::Layer::OptimisedPrefix));
        initial.setChecked(true);  // chosen while suppressed: shown only afterwards
        QVERIFY(!view.isLayerVisible(ImageView::Layer::ChangedSinceInitial));
        QVERIFY(prefix.isChecked());

        toggles.setSuppressed(false);
        QVERIFY(view.isLayerVisible(ImageView::Layer::OptimisedPrefix));
        QVERIFY(view.isLayerVisible(ImageView::Layer::ChangedSinceInitial));
        QVERIFY(!view.isLayerVisible(ImageView::Layer::GridLines));
    }
};

QTEST_MAIN(TestLayerToggles)
#include "test_widgets_layer_toggles.moc"
