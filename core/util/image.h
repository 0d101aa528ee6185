// A plain 8-bit RGB image, the engine's picture type (Qt-free; the GUI wraps it in a QImage).
#pragma once
#include <cstddef>
#include <cstdint>
#include <vector>

namespace milr {

struct RgbImage {
    int width = 0;
    int height = 0;
    std::vector<uint8_t> pixels;  // row-major, 3 bytes a pixel, no padding

    bool empty() const { return width == 0 || height == 0; }
    const uint8_t* pixel(int x, int y) const { return pixels.data() + 3 * (static_cast<size_t>(y) * width + x); }
    bool operator==(const RgbImage& other) const {
        return width == other.width && height == other.height && pixels == other.pixels;
    }
};

}  // namespace milr
