// Conversions between milr::RgbImage and OpenCV matrices (RGB order kept; OpenCV's BGR only at file boundaries).
#pragma once
#include <opencv2/core.hpp>

#include "core/util/image.h"

namespace milr::world {

cv::Mat to_mat(const milr::RgbImage& image);  // CV_8UC3 in RGB order, a copy
milr::RgbImage from_mat(const cv::Mat& rgb);  // CV_8UC3 in RGB order

}  // namespace milr::world
