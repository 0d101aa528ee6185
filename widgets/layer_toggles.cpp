// Binding the overlay check boxes to the image view's layers.
#include "widgets/layer_toggles.h"

#include <QCheckBox>
#include <QPainter>

#include "widgets/highlight_palette.h"

namespace milr {
namespace {

QIcon swatch_icon(const QColor& fill, bool outline) {
    QPixmap pixmap(14, 14);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    if (outline) {
        painter.setPen(QPen(fill, 2));
        painter.drawRect(QRectF(1, 1, 12, 12));
    } else {
        painter.fillRect(QRect(1, 1, 12, 12), QColor(fill.red(), fill.green(), fill.blue()));
    }
    return QIcon(pixmap);
}

}  // namespace

LayerToggles::LayerToggles(ImageView* view, QCheckBox* grid, QCheckBox* optimisedPrefix, QCheckBox* changedSinceInitial,
                           QCheckBox* changedSincePrevious)
    : QObject(view), m_view(view) {
    optimisedPrefix->setIcon(swatch_icon(HighlightPalette::optimisedPrefix(), true));
    changedSinceInitial->setIcon(swatch_icon(HighlightPalette::changedSinceInitial(), false));
    changedSincePrevious->setIcon(swatch_icon(HighlightPalette::changedSincePrevious(), false));
    m_toggles = {{grid, ImageView::Layer::GridLines},
                 {optimisedPrefix, ImageView::Layer::OptimisedPrefix},
                 {changedSinceInitial, ImageView::Layer::ChangedSinceInitial},
                 {changedSincePrevious, ImageView::Layer::ChangedSincePrevious}};
    for (const Toggle& toggle : m_toggles) {
        toggle.box->setChecked(m_view->isLayerVisible(toggle.layer));
        const ImageView::Layer layer = toggle.layer;
        connect(toggle.box, &QCheckBox::toggled, this,
                [this, layer](bool on) { m_view->setLayerVisible(layer, on && !m_suppressed); });
    }
}

void LayerToggles::setSuppressed(bool suppressed) {
    m_suppressed = suppressed;
    for (const Toggle& toggle : m_toggles)
        m_view->setLayerVisible(toggle.layer, !suppressed && toggle.box->isChecked());
}

}  // namespace milr
