// Conversion between milr::RgbImage and QImage.
#include "widgets/qt_image.h"

#include <cstring>

namespace milr {

QImage to_qimage(const RgbImage& image) {
    if (image.empty() || image.width < 0 || image.height < 0) return {};
    const size_t row_bytes = static_cast<size_t>(image.width) * 3;
    if (image.pixels.size() != row_bytes * static_cast<size_t>(image.height)) return {};
    QImage result(image.width, image.height, QImage::Format_RGB888);
    for (int y = 0; y < image.height; ++y)
        std::memcpy(result.scanLine(y), image.pixels.data() + row_bytes * y, row_bytes);
    return result;
}

RgbImage from_qimage(const QImage& image) {
    RgbImage result;
    if (image.isNull()) return result;
    const QImage rgb = image.convertToFormat(QImage::Format_RGB888);
    result.width = rgb.width();
    result.height = rgb.height();
    const size_t row_bytes = static_cast<size_t>(result.width) * 3;
    result.pixels.resize(row_bytes * result.height);
    for (int y = 0; y < result.height; ++y)
        std::memcpy(result.pixels.data() + row_bytes * y, rgb.constScanLine(y), row_bytes);
    return result;
}

}  // namespace milr
