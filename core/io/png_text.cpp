// PNG encode/decode with libpng: 8-bit RGB pixels and text chunks. libpng reports errors by longjmp, so every
// frame it can jump over (the encode_with_libpng / decode_with_libpng functions and the I/O callbacks) holds only
// trivially destructible locals; C++ containers live in the callers' frames and are reached through pointers.
#include "core/io/png_text.h"

#include <png.h>

#include <csetjmp>
#include <cstdio>
#include <cstring>

#include "core/io/atomic_file.h"
#include "core/io/json_file.h"
#include "core/util/error.h"

namespace milr {
namespace {

constexpr size_t kMessageSize = 256;
// Deflate cannot expand data by more than about 1032:1, so a stream of N bytes cannot hold more pixel rows.
constexpr size_t kDeflateMaxRatio = 1032;

// Where libpng's error message goes (the error pointer of both the reader and the writer).
struct ErrorSink {
    char message[kMessageSize] = {0};
};

void set_message(ErrorSink* sink, const char* message) {
    std::snprintf(sink->message, kMessageSize, "%s", message ? message : "unknown libpng error");
}

void on_png_error(png_structp png, png_const_charp message) {
    if (auto* sink = static_cast<ErrorSink*>(png_get_error_ptr(png))) set_message(sink, message);
    png_longjmp(png, 1);
}

void on_png_warning(png_structp, png_const_charp) {}

// ---- encoding ----

struct WriteState {
    ErrorSink sink;
    std::string* bytes = nullptr;
};

void on_png_write(png_structp png, png_bytep data, size_t length) {
    auto* state = static_cast<WriteState*>(png_get_io_ptr(png));
    bool out_of_memory = false;
    try {
        state->bytes->append(reinterpret_cast<const char*>(data), length);
    } catch (...) {
        out_of_memory = true;
    }
    if (out_of_memory) png_error(png, "out of memory while encoding");
}

void on_png_flush(png_structp) {}

// True on success; on failure state->sink says why.
bool encode_with_libpng(WriteState* state, int width, int height, png_bytep* rows, png_text* texts, int text_count) {
    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, &state->sink, on_png_error, on_png_warning);
    if (!png) {
        set_message(&state->sink, "cannot create the PNG encoder");
        return false;
    }
    png_infop info = png_create_info_struct(png);
    if (!info) {
        png_destroy_write_struct(&png, nullptr);
        set_message(&state->sink, "cannot create the PNG encoder");
        return false;
    }
    if (setjmp(png_jmpbuf(png))) {
        png_destroy_write_struct(&png, &info);
        return false;
    }
    png_set_write_fn(png, state, on_png_write, on_png_flush);
    png_set_IHDR(png, info, static_cast<png_uint_32>(width), static_cast<png_uint_32>(height), 8, PNG_COLOR_TYPE_RGB,
                 PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
    if (text_count > 0) png_set_text(png, info, texts, text_count);
    png_write_info(png, info);
    png_write_image(png, rows);
    png_write_end(png, info);
    png_destroy_write_struct(&png, &info);
    return true;
}

void check_keyword(const std::string& keyword, const std::string& name) {
    bool ok = !keyword.empty() && keyword.size() <= 79 && keyword.front() != ' ' && keyword.back() != ' ' &&
        keyword.find("  ") == std::string::npos;
    for (const char c : keyword) ok = ok && c >= 32 && c <= 126;
    if (!ok)
        throw Error(name + ": the text keyword '" + keyword +
                    "' must be 1 to 79 printable ASCII characters without leading, trailing or double spaces");
}

// ---- decoding ----

struct ReadState {
    ErrorSink sink;
    const uint8_t* data = nullptr;
    size_t size = 0;
    size_t position = 0;
};

void on_png_read(png_structp png, png_bytep out, size_t length) {
    auto* state = static_cast<ReadState*>(png_get_io_ptr(png));
    if (length > state->size - state->position) png_error(png, "the data ends early (truncated file)");
    std::memcpy(out, state->data + state->position, length);
    state->position += length;
}

// Latin-1 (tEXt, zTXt) to UTF-8.
std::string latin1_to_utf8(const char* text, size_t length) {
    std::string out;
    out.reserve(length);
    for (size_t i = 0; i < length; ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c < 0x80) {
            out += static_cast<char>(c);
        } else {
            out += static_cast<char>(0xC0 | (c >> 6));
            out += static_cast<char>(0x80 | (c & 0x3F));
        }
    }
    return out;
}

// The C++ side of decoding (allocations that may throw), called from decode_with_libpng between libpng calls.
// Each returns false with the reason in the sink instead of throwing through libpng's frames.
bool allocate_pixels(ReadState* state, PngContents* out, std::vector<png_bytep>* rows, png_uint_32 width,
                     png_uint_32 height, bool with_pixels) {
    try {
        const size_t row_bytes = static_cast<size_t>(width) * 3;
        if (with_pixels) {
            out->image.width = static_cast<int>(width);
            out->image.height = static_cast<int>(height);
            out->image.pixels.assign(row_bytes * height, 0);
            rows->resize(height);
            for (png_uint_32 y = 0; y < height; ++y) (*rows)[y] = out->image.pixels.data() + row_bytes * y;
        } else {
            out->image.pixels.assign(row_bytes, 0);  // one row, reused
            rows->assign(1, out->image.pixels.data());
        }
        return true;
    } catch (...) {
        set_message(&state->sink, "out of memory for the pixels");
        return false;
    }
}

bool collect_texts(ReadState* state, PngContents* out, const png_text* texts, int count) {
    try {
        for (int i = 0; i < count; ++i) {
            const png_text& t = texts[i];
            const bool international =
                t.compression == PNG_ITXT_COMPRESSION_NONE || t.compression == PNG_ITXT_COMPRESSION_zTXt;
            const size_t length = international ? t.itxt_length : t.text_length;
            const char* text = t.text ? t.text : "";
            out->texts.push_back(
                {t.key ? t.key : "",
                 international ? std::string(text, t.text ? length : 0) : latin1_to_utf8(text, t.text ? length : 0)});
        }
        return true;
    } catch (...) {
        set_message(&state->sink, "out of memory for the text chunks");
        return false;
    }
}

void check_dimensions(png_structp png, png_uint_32 width, png_uint_32 height, int bits_per_pixel, size_t stream_size) {
    char message[kMessageSize];
    const size_t pixels = static_cast<size_t>(width) * height;
    if (pixels > kPngMaxPixels) {
        std::snprintf(message, sizeof message, "%u x %u pixels is more than the %zu allowed", width, height,
                      kPngMaxPixels);
        png_error(png, message);
    }
    // Even a maximally compressible image needs its filter byte and samples a row, deflated.
    const size_t raw = ((static_cast<size_t>(width) * static_cast<size_t>(bits_per_pixel) + 7) / 8 + 1) * height;
    if (raw / kDeflateMaxRatio > stream_size) {
        std::snprintf(message, sizeof message, "claims %u x %u pixels but holds only %zu bytes", width, height,
                      stream_size);
        png_error(png, message);
    }
}

// True on success; on failure state->sink says why.
bool decode_with_libpng(ReadState* state, PngContents* out, std::vector<png_bytep>* rows, bool with_pixels) {
    png_structp png = png_create_read_struct(PNG_LIBPNG_VER_STRING, &state->sink, on_png_error, on_png_warning);
    if (!png) {
        set_message(&state->sink, "cannot create the PNG decoder");
        return false;
    }
    png_infop info = png_create_info_struct(png);
    if (!info) {
        png_destroy_read_struct(&png, nullptr, nullptr);
        set_message(&state->sink, "cannot create the PNG decoder");
        return false;
    }
    if (setjmp(png_jmpbuf(png))) {
        png_destroy_read_struct(&png, &info, nullptr);
        return false;
    }
    png_set_read_fn(png, state, on_png_read);
    png_set_user_limits(png, kPngMaxSide, kPngMaxSide);
    png_set_chunk_malloc_max(png, kPngMaxTextBytes);
    png_read_info(png, info);
    png_uint_32 width = 0, height = 0;
    int depth = 0;
    png_get_IHDR(png, info, &width, &height, &depth, nullptr, nullptr, nullptr, nullptr);
    check_dimensions(png, width, height, png_get_channels(png, info) * depth, state->size);
    png_set_expand(png);
    png_set_strip_16(png);
    png_set_strip_alpha(png);
    png_set_gray_to_rgb(png);
    const int passes = png_set_interlace_handling(png);
    png_read_update_info(png, info);
    if (png_get_rowbytes(png, info) != static_cast<size_t>(width) * 3)
        png_error(png, "unexpected row layout after conversion to RGB");
    if (!allocate_pixels(state, out, rows, width, height, with_pixels)) {
        png_destroy_read_struct(&png, &info, nullptr);
        return false;
    }
    if (with_pixels) {
        png_read_image(png, rows->data());
    } else {
        for (int pass = 0; pass < passes; ++pass)
            for (png_uint_32 y = 0; y < height; ++y) png_read_row(png, (*rows)[0], nullptr);
    }
    png_read_end(png, info);
    png_textp texts = nullptr;
    const int count = png_get_text(png, info, &texts, nullptr);
    const bool collected = collect_texts(state, out, texts, count);
    png_destroy_read_struct(&png, &info, nullptr);
    return collected;
}

uint32_t read_u32(const uint8_t* p) {
    return (uint32_t{p[0]} << 24) | (uint32_t{p[1]} << 16) | (uint32_t{p[2]} << 8) | uint32_t{p[3]};
}

// Walks the chunk list before libpng sees it: every chunk must fit in the bytes there are, up to IEND. So a corrupt
// length never makes libpng allocate for data that is not there, and a truncated file is named as such.
void check_chunk_layout(const uint8_t* data, size_t size, const std::string& name) {
    size_t at = 8;
    while (true) {
        if (size - at < 12)
            throw Error(name + ": truncated PNG (it ends at byte " + std::to_string(size) + " without an IEND chunk)");
        const uint32_t length = read_u32(data + at);
        const std::string type(reinterpret_cast<const char*>(data + at + 4), 4);
        if (length > 0x7fffffffu || length > size - at - 12) {
            std::string printable;
            for (const char c : type) printable += (c >= 32 && c <= 126) ? c : '?';
            throw Error(name + ": truncated or corrupt PNG (the " + printable + " chunk at byte " + std::to_string(at) +
                        " claims " + std::to_string(length) + " bytes, " + std::to_string(size - at - 12) +
                        " are left)");
        }
        at += 12 + length;
        if (type == "IEND") return;
    }
}

}  // namespace

std::string encode_png(const RgbImage& image, const std::vector<PngText>& texts, const std::string& name) {
    if (image.empty()) throw Error(name + ": refusing to write an empty image");
    if (image.width > kPngMaxSide || image.height > kPngMaxSide || image.width < 0 || image.height < 0)
        throw Error(name + ": the image (" + std::to_string(image.width) + " x " + std::to_string(image.height) +
                    ") is larger than " + std::to_string(kPngMaxSide) + " pixels a side");
    const size_t row_bytes = static_cast<size_t>(image.width) * 3;
    if (image.pixels.size() != row_bytes * static_cast<size_t>(image.height))
        throw Error(name + ": the image holds " + std::to_string(image.pixels.size()) + " bytes, not " +
                    std::to_string(row_bytes * static_cast<size_t>(image.height)) + " for " +
                    std::to_string(image.width) + " x " + std::to_string(image.height) + " RGB pixels");
    std::vector<png_text> chunks(texts.size());
    for (size_t i = 0; i < texts.size(); ++i) {
        check_keyword(texts[i].keyword, name);
        if (texts[i].text.find('\0') != std::string::npos)
            throw Error(name + ": the text of '" + texts[i].keyword + "' contains a NUL byte");
        if (texts[i].text.size() > kPngMaxTextBytes)
            throw Error(name + ": the text of '" + texts[i].keyword + "' is longer than " +
                        std::to_string(kPngMaxTextBytes) + " bytes");
        png_text& chunk = chunks[i];
        std::memset(&chunk, 0, sizeof chunk);
        chunk.compression = PNG_ITXT_COMPRESSION_NONE;
        chunk.key = const_cast<char*>(texts[i].keyword.c_str());
        chunk.text = const_cast<char*>(texts[i].text.c_str());
        chunk.itxt_length = texts[i].text.size();
        chunk.lang = nullptr;
        chunk.lang_key = nullptr;
    }
    std::vector<png_bytep> rows(static_cast<size_t>(image.height));
    auto* pixels = const_cast<uint8_t*>(image.pixels.data());  // libpng's row type is not const; it only reads
    for (size_t y = 0; y < rows.size(); ++y) rows[y] = pixels + row_bytes * y;
    std::string bytes;
    WriteState state;
    state.bytes = &bytes;
    if (!encode_with_libpng(&state, image.width, image.height, rows.data(), chunks.data(),
                            static_cast<int>(chunks.size())))
        throw Error(name + ": cannot encode the PNG (" + state.sink.message + ")");
    return bytes;
}

void write_png(const std::filesystem::path& path, const RgbImage& image, const std::vector<PngText>& texts) {
    write_file_atomic(path, encode_png(image, texts, path.string()));
}

PngContents decode_png(const uint8_t* data, size_t size, const std::string& name, bool with_pixels) {
    if (size < 8 || png_sig_cmp(data, 0, 8) != 0)
        throw Error(name + ": not a PNG file (" +
                    (size < 8 ? std::to_string(size) + " bytes" : std::string("no PNG signature")) + ")");
    check_chunk_layout(data, size, name);
    ReadState state;
    state.data = data;
    state.size = size;
    PngContents contents;
    std::vector<png_bytep> rows;
    if (!decode_with_libpng(&state, &contents, &rows, with_pixels))
        throw Error(name + ": corrupt or truncated PNG (" + state.sink.message + ")");
    if (!with_pixels) contents.image = RgbImage{};
    return contents;
}

PngContents read_png(const std::filesystem::path& path, bool with_pixels) {
    std::error_code error;
    const auto size = std::filesystem::file_size(path, error);
    if (error) throw Error(path.string() + ": cannot read the image (" + error.message() + ")");
    if (size > kPngMaxFileBytes)
        throw Error(path.string() + ": " + std::to_string(size) + " bytes is larger than any image this program reads");
    const std::string bytes = read_file_bytes(path);
    return decode_png(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size(), path.string(), with_pixels);
}

const std::string* find_png_text(const std::vector<PngText>& texts, const std::string& keyword) {
    for (const PngText& t : texts)
        if (t.keyword == keyword) return &t.text;
    return nullptr;
}

}  // namespace milr
