// PNG files with text chunks: exact round trips of pixels and UTF-8 texts, atomic replacement, and errors (never
// crashes) for truncated, corrupt, foreign and absurd input.
#include <gtest/gtest.h>

#include <png.h>
#include <zlib.h>

#include "core/io/atomic_file.h"
#include "core/io/png_text.h"
#include "io_test_support.h"

using namespace milr;
using namespace milr::test;

namespace {

RgbImage pattern(int width, int height) {
    RgbImage image;
    image.width = width;
    image.height = height;
    image.pixels.resize(static_cast<size_t>(width) * height * 3);
    for (size_t i = 0; i < image.pixels.size(); ++i) image.pixels[i] = static_cast<uint8_t>((i * 131 + i / 7) % 256);
    return image;
}

const std::vector<PngText> kTexts = {
    {"parameters", "一只红色的圆形在两个蓝色方块的左边\nMode: both, Steps: 8, Seed: 42"},
    {"milr", R"({"prompt":"一只红色的圆形","emoji":"🟥🔵","accents":"café naïve"})"},
    {"Comment", ""},
};

std::string encoded() { return encode_png(pattern(7, 5), kTexts, "pattern.png"); }

PngContents decode(const std::string& bytes, bool with_pixels = true) {
    return decode_png(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size(), "input.png", with_pixels);
}

void put_u32(std::string& bytes, size_t at, uint32_t value) {
    for (int i = 0; i < 4; ++i) bytes[at + static_cast<size_t>(i)] = static_cast<char>((value >> (24 - 8 * i)) & 0xff);
}

// Rewrites the IHDR's width and height and fixes its CRC, so only the sizes are wrong.
std::string with_claimed_size(std::string bytes, uint32_t width, uint32_t height) {
    put_u32(bytes, 16, width);
    put_u32(bytes, 20, height);
    const uint32_t crc = static_cast<uint32_t>(crc32(0, reinterpret_cast<const Bytef*>(bytes.data() + 12), 17));
    put_u32(bytes, 29, crc);
    return bytes;
}

// A PNG of another colour type through libpng's simplified API.
std::string simple_png(const std::vector<uint8_t>& pixels, int width, int height, png_uint_32 format) {
    png_image image{};
    image.version = PNG_IMAGE_VERSION;
    image.width = static_cast<png_uint_32>(width);
    image.height = static_cast<png_uint_32>(height);
    image.format = format;
    png_alloc_size_t size = 0;
    EXPECT_TRUE(png_image_write_to_memory(&image, nullptr, &size, 0, pixels.data(), 0, nullptr));
    std::string bytes(size, '\0');
    EXPECT_TRUE(png_image_write_to_memory(&image, bytes.data(), &size, 0, pixels.data(), 0, nullptr));
    bytes.resize(size);
    return bytes;
}

}  // namespace

TEST(PngText, RoundTripKeepsPixelsAndUtf8TextsExactly) {
    const PngContents back = decode(encoded());
    EXPECT_EQ(back.image, pattern(7, 5));
    EXPECT_EQ(back.texts, kTexts);
    ASSERT_NE(find_png_text(back.texts, "milr"), nullptr);
    EXPECT_EQ(*find_png_text(back.texts, "milr"), kTexts[1].text);
    EXPECT_EQ(find_png_text(back.texts, "absent"), nullptr);
}

TEST(PngText, TextsAreReadWithoutThePixelsToo) {
    const PngContents back = decode(encoded(), false);
    EXPECT_TRUE(back.image.empty());
    EXPECT_EQ(back.texts, kTexts);
}

TEST(PngText, FileIsReplacedAtomicallyWithNoTemporaryLeft) {
    TempFolder folder;
    write_png(folder / "a.png", pattern(3, 2), {{"milr", "first"}});
    write_png(folder / "a.png", pattern(4, 4), {{"milr", "second — 第二"}});
    const PngContents back = read_png(folder / "a.png");
    EXPECT_EQ(back.image, pattern(4, 4));
    ASSERT_EQ(back.texts.size(), 1u);
    EXPECT_EQ(back.texts[0].text, "second — 第二");
    EXPECT_EQ(folder.entries(), std::vector<std::string>{"a.png"});
}

TEST(PngText, BadKeywordOrTextIsRefusedAndThePreviousFileStays) {
    TempFolder folder;
    write_png(folder / "a.png", pattern(3, 2), {{"milr", "kept"}});
    const std::string before = read_bytes(folder / "a.png");
    for (const std::string& keyword : {std::string(), std::string(80, 'k'), std::string(" lead"),
                                       std::string("two  spaces"), std::string("非ASCII")}) {
        const std::string message = error_of([&] { write_png(folder / "a.png", pattern(3, 2), {{keyword, "x"}}); });
        EXPECT_CONTAINS(message, "a.png");
        EXPECT_CONTAINS(message, "keyword");
    }
    EXPECT_CONTAINS(error_of([&] {
                        write_png(folder / "a.png", pattern(3, 2), {{"milr", std::string("a\0b", 3)}});
                    }),
                    "NUL");
    EXPECT_CONTAINS(error_of([&] { write_png(folder / "a.png", RgbImage{}, {}); }), "empty image");
    RgbImage short_image = pattern(3, 2);
    short_image.pixels.pop_back();
    EXPECT_CONTAINS(error_of([&] { write_png(folder / "a.png", short_image, {}); }), "holds 17 bytes, not 18");
    EXPECT_EQ(read_bytes(folder / "a.png"), before);
    EXPECT_EQ(folder.entries(), std::vector<std::string>{"a.png"});
}

TEST(PngText, EveryTruncationIsAnErrorNamingTheInput) {
    const std::string bytes = encoded();
    for (size_t length = 0; length < bytes.size(); ++length) {
        const std::string message = error_of([&] { decode(bytes.substr(0, length)); });
        EXPECT_CONTAINS(message, "input.png");
    }
    EXPECT_CONTAINS(error_of([&] { decode(bytes.substr(0, bytes.size() - 20)); }), "truncated");
}

TEST(PngText, CorruptBytesGiveErrorsNeverCrashes) {
    const std::string bytes = encoded();
    for (size_t at = 0; at < bytes.size(); ++at) {
        std::string corrupt = bytes;
        corrupt[at] = static_cast<char>(corrupt[at] ^ 0x5a);
        try {
            decode(corrupt);  // a flipped byte in an ancillary chunk may only drop that chunk
        } catch (const Error& e) {
            EXPECT_CONTAINS(e.what(), "input.png");
        }
    }
    // A flipped byte of the pixel data breaks the chunk's CRC: an error, not a wrong image.
    const size_t idat = bytes.find("IDAT");
    ASSERT_NE(idat, std::string::npos);
    std::string corrupt = bytes;
    corrupt[idat + 8] = static_cast<char>(corrupt[idat + 8] ^ 0x01);
    EXPECT_CONTAINS(error_of([&] { decode(corrupt); }), "corrupt or truncated PNG");
}

TEST(PngText, NonPngInputIsNamedAsSuch) {
    EXPECT_CONTAINS(error_of([] { decode(""); }), "not a PNG file (0 bytes)");
    EXPECT_CONTAINS(error_of([] { decode("hello, world"); }), "no PNG signature");
    EXPECT_CONTAINS(error_of([] { decode(std::string("\xff\xd8\xff\xe0\x00\x10JFIF\x00", 11)); }), "not a PNG");
    TempFolder folder;
    EXPECT_CONTAINS(error_of([&] { read_png(folder / "missing.png"); }), "missing.png");
    write_bytes(folder / "text.png", "just text");
    EXPECT_CONTAINS(error_of([&] { read_png(folder / "text.png"); }), "text.png: not a PNG file");
}

TEST(PngText, AbsurdSizesAreRefusedBeforeAllocating) {
    const std::string bytes = encoded();
    // Beyond the side limit: libpng's own check.
    EXPECT_CONTAINS(error_of([&] { decode(with_claimed_size(bytes, 1000000, 1000000)); }), "input.png");
    // Within the side limit, but far more pixels than the few bytes of data could hold.
    EXPECT_CONTAINS(error_of([&] { decode(with_claimed_size(bytes, 16000, 16000)); }), "allowed");
    EXPECT_CONTAINS(error_of([&] { decode(with_claimed_size(bytes, 8000, 8000)); }), "holds only");
    EXPECT_CONTAINS(error_of([&] { decode(with_claimed_size(bytes, 0, 5)); }), "input.png");
}

TEST(PngText, OtherColourTypesAreReadAsRgb) {
    const std::vector<uint8_t> grey = {0, 64, 128, 255};
    const PngContents from_grey = decode(simple_png(grey, 2, 2, PNG_FORMAT_GRAY));
    ASSERT_EQ(from_grey.image.width, 2);
    ASSERT_EQ(from_grey.image.height, 2);
    EXPECT_EQ(from_grey.image.pixels, (std::vector<uint8_t>{0, 0, 0, 64, 64, 64, 128, 128, 128, 255, 255, 255}));
    const std::vector<uint8_t> rgba = {10, 20, 30, 0, 40, 50, 60, 255};
    const PngContents from_rgba = decode(simple_png(rgba, 2, 1, PNG_FORMAT_RGBA));
    EXPECT_EQ(from_rgba.image.pixels, (std::vector<uint8_t>{10, 20, 30, 40, 50, 60}));
    EXPECT_TRUE(from_rgba.texts.empty());
}
