// The image view's overlay layers as check boxes: each box shows or hides its layer and carries a swatch of the
// layer's colour; presentation mode suppresses every layer without touching the boxes.
#pragma once
#include <QObject>

#include <vector>

#include "widgets/image_view.h"

class QCheckBox;

namespace milr {

class LayerToggles : public QObject {
    Q_OBJECT
public:
    LayerToggles(ImageView* view, QCheckBox* grid, QCheckBox* optimisedPrefix, QCheckBox* changedSinceInitial,
                 QCheckBox* changedSincePrevious);

    // While suppressed the view shows no layer; afterwards each box's choice again.
    void setSuppressed(bool suppressed);

private:
    struct Toggle {
        QCheckBox* box;
        ImageView::Layer layer;
    };
    ImageView* m_view;
    std::vector<Toggle> m_toggles;
    bool m_suppressed = false;
};

}  // namespace milr
