// PNG files with UTF-8 text chunks (iTXt): written atomically, read back bounds-checked from a file or from bytes.
#pragma once
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "core/util/image.h"

namespace milr {

// One text chunk: a keyword (1..79 printable ASCII characters, no leading, trailing or double spaces) and its
// text in UTF-8 (no NUL byte).
struct PngText {
    std::string keyword;
    std::string text;
    bool operator==(const PngText& other) const { return keyword == other.keyword && text == other.text; }
};

struct PngContents {
    RgbImage image;              // 8-bit RGB whatever the file's colour type (alpha dropped, grey expanded)
    std::vector<PngText> texts;  // tEXt and zTXt (Latin-1, converted to UTF-8) and iTXt, in file order
};

// Limits the reader enforces before it allocates.
constexpr int kPngMaxSide = 16384;                      // pixels, width and height
constexpr size_t kPngMaxPixels = size_t{64} << 20;      // width x height
constexpr size_t kPngMaxFileBytes = size_t{512} << 20;  // a larger file is refused unread
constexpr size_t kPngMaxTextBytes = size_t{16} << 20;   // one (decompressed) text chunk

// Encodes `image` as an 8-bit RGB PNG with `texts` as uncompressed iTXt chunks before the pixels.
// Throws milr::Error naming `name` and the problem (empty image, bad keyword, encoder failure).
std::string encode_png(const RgbImage& image, const std::vector<PngText>& texts, const std::string& name = "PNG");

// Writes the PNG atomically (temporary file in the same folder, then rename): the previous file stays intact
// when anything fails. Errors name the path and say why.
void write_png(const std::filesystem::path& path, const RgbImage& image, const std::vector<PngText>& texts = {});

// Decodes PNG bytes; `name` (a file name) starts every error. A truncated or corrupt stream, a non-PNG, or
// absurd sizes throw milr::Error, never crash. With `with_pixels` false the image is left empty (the pixels are
// still checked, so text chunks after them are found).
PngContents decode_png(const uint8_t* data, size_t size, const std::string& name, bool with_pixels = true);

// Reads and decodes a PNG file. Errors name the path.
PngContents read_png(const std::filesystem::path& path, bool with_pixels = true);

// The text of the first chunk with `keyword`, or nullptr.
const std::string* find_png_text(const std::vector<PngText>& texts, const std::string& keyword);

}  // namespace milr
