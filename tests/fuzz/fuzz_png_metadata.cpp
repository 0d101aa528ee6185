// Fuzz target: a PNG dropped on the app: pixels, text chunks (tEXt, zTXt, iTXt) and the run settings they carry.
#include "core/io/png_text.h"
#include "core/session/run_metadata.h"
#include "tests/fuzz/fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    using namespace milr::fuzz;
    expect_clean([&] {
        const milr::PngContents png = milr::decode_png(data, size, "dropped.png");
        require(
            png.image.pixels.size() == static_cast<size_t>(png.image.width) * static_cast<size_t>(png.image.height) * 3,
            "the pixels fill the image exactly");
        milr::run_metadata_from_texts(png.texts, "dropped.png");
    });
    return 0;
}
