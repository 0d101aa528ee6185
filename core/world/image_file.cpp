// PNG read/write for milr::RgbImage through OpenCV imgcodecs (BGR on disk side, RGB in memory).
#include "core/world/image_file.h"

#include <filesystem>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "core/util/error.h"
#include "core/world/cv_image.h"

namespace milr::world {

milr::RgbImage read_image(const std::string& path) {
    if (!std::filesystem::is_regular_file(path)) throw Error("image file " + path + ": no such file");
    cv::Mat bgr;
    try {
        bgr = cv::imread(path, cv::IMREAD_COLOR);
    } catch (const cv::Exception& e) {
        throw Error("image file " + path + ": cannot be decoded (" + e.what() + ")");
    }
    if (bgr.empty()) throw Error("image file " + path + ": not an image OpenCV can decode");
    cv::Mat rgb;
    cv::cvtColor(bgr, rgb, cv::COLOR_BGR2RGB);
    return from_mat(rgb);
}

void write_image(const std::string& path, const milr::RgbImage& image) {
    if (image.empty()) throw Error("image file " + path + ": refusing to write an empty image");
    cv::Mat bgr;
    cv::cvtColor(to_mat(image), bgr, cv::COLOR_RGB2BGR);
    bool ok = false;
    try {
        ok = cv::imwrite(path, bgr);
    } catch (const cv::Exception& e) {
        throw Error("image file " + path + ": cannot be written (" + e.what() + ")");
    }
    if (!ok) throw Error("image file " + path + ": cannot be written (unknown extension or unwritable folder)");
}

}  // namespace milr::world
