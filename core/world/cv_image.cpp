// Conversions between milr::RgbImage and OpenCV matrices.
#include "core/world/cv_image.h"

#include <cstring>

#include "core/util/error.h"

namespace milr::world {

cv::Mat to_mat(const milr::RgbImage& image) {
    if (image.pixels.size() != static_cast<size_t>(image.width) * image.height * 3)
        throw Error("image: " + std::to_string(image.pixels.size()) + " bytes for " + std::to_string(image.width) +
                    " x " + std::to_string(image.height) + " RGB pixels");
    cv::Mat mat(image.height, image.width, CV_8UC3);
    if (!image.pixels.empty()) std::memcpy(mat.data, image.pixels.data(), image.pixels.size());
    return mat;
}

milr::RgbImage from_mat(const cv::Mat& rgb) {
    if (rgb.type() != CV_8UC3)
        throw Error("image: expected an 8-bit 3-channel matrix, got OpenCV type " + std::to_string(rgb.type()));
    cv::Mat packed = rgb.isContinuous() ? rgb : rgb.clone();
    milr::RgbImage image;
    image.width = packed.cols;
    image.height = packed.rows;
    image.pixels.assign(packed.data, packed.data + packed.total() * 3);
    return image;
}

}  // namespace milr::world
