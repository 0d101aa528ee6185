// PNG (and other OpenCV-readable formats) read/write for milr::RgbImage.
#pragma once
#include <string>

#include "core/util/image.h"

namespace milr::world {

// Reads an image file (PNG, JPEG, ... as OpenCV decodes it) as 8-bit RGB; alpha is dropped, grey expanded.
// Throws milr::Error naming the file when it is missing or not an image.
milr::RgbImage read_image(const std::string& path);

// Writes an image; the format follows the extension (".png" recommended). Throws milr::Error naming the file.
void write_image(const std::string& path, const milr::RgbImage& image);

}  // namespace milr::world
