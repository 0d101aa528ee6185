// Where an image is drawn in an area: the largest whole factor in device pixels (crisp nearest-neighbour blocks), or
// a smooth shrink when it does not fit once; centred, with the origin on whole device pixels.
#pragma once
#include <QRectF>
#include <QSize>

namespace milr {

struct FittedImage {
    QRectF rect;     // in logical coordinates of the area's widget; empty for an empty image or area
    int factor = 0;  // the whole scale factor in device pixels, 0 when the image is shrunk smoothly
};

FittedImage fit_image(const QSize& image, const QRectF& area, qreal devicePixelRatio);

}  // namespace milr
