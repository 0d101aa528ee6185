// The colours that mark the optimised prefix and the changed tokens/cells, shared by every view and its legend.
#pragma once
#include <QColor>

namespace milr {

struct HighlightPalette {
    // A token or cell that differs from the previous step (the optimiser's latest edit): strong.
    static QColor changedSincePrevious() { return QColor(255, 120, 0, 170); }
    // A token or cell that differs from the initial generation but not from the previous step: soft.
    static QColor changedSinceInitial() { return QColor(255, 210, 0, 90); }
    // The optimised prefix (the first m_t text tokens / m_v image tokens come from the latents).
    static QColor optimisedPrefix() { return QColor(40, 130, 255, 220); }
    // Token-grid lines over the image.
    static QColor gridLine() { return QColor(255, 255, 255, 70); }
};

}  // namespace milr
