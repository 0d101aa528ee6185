// Conversion of the engine's RGB image to a QImage (a deep copy; a malformed image becomes a null QImage).
#pragma once
#include <QImage>

#include "core/util/image.h"

namespace milr {

QImage to_qimage(const RgbImage& image);
RgbImage from_qimage(const QImage& image);

}  // namespace milr
