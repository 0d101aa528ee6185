// Integer (or smooth shrink) fitting of an image into an area, aligned to device pixels.
#include "widgets/image_fit.h"

#include <algorithm>
#include <cmath>

namespace milr {

FittedImage fit_image(const QSize& image, const QRectF& area, qreal dpr) {
    FittedImage fitted;
    if (image.isEmpty() || area.isEmpty()) return fitted;
    const int availableWidth = static_cast<int>(std::floor(area.width() * dpr));
    const int availableHeight = static_cast<int>(std::floor(area.height() * dpr));
    int drawnWidth = 0, drawnHeight = 0;
    fitted.factor = std::min(availableWidth / image.width(), availableHeight / image.height());
    if (fitted.factor >= 1) {
        drawnWidth = image.width() * fitted.factor;
        drawnHeight = image.height() * fitted.factor;
    } else {
        fitted.factor = 0;
        const qreal shrink = std::min(qreal(availableWidth) / image.width(), qreal(availableHeight) / image.height());
        drawnWidth = std::max(1, static_cast<int>(image.width() * shrink));
        drawnHeight = std::max(1, static_cast<int>(image.height() * shrink));
    }
    // Whole device pixels for the origin, so the nearest-neighbour blocks stay aligned with the screen's pixels.
    const int left = static_cast<int>(std::floor(area.left() * dpr)) + (availableWidth - drawnWidth) / 2;
    const int top = static_cast<int>(std::floor(area.top() * dpr)) + (availableHeight - drawnHeight) / 2;
    fitted.rect = QRectF(left / dpr, top / dpr, drawnWidth / dpr, drawnHeight / dpr);
    return fitted;
}

}  // namespace milr
