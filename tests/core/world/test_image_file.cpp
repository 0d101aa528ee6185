// PNG read/write: a rendered scene survives a round trip bit for bit; bad paths are errors naming the file.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "core/util/error.h"
#include "core/world/image_file.h"
#include "core/world/renderer.h"

using namespace milr::world;
namespace fs = std::filesystem;

TEST(ImageFile, PngRoundTripIsExactAndKeepsChannelOrder) {
    std::mt19937_64 rng(3);
    const milr::RgbImage image = render_scene(sample_scene(rng), 128);
    const fs::path path = fs::temp_directory_path() / "milr_world_image_file_test.png";
    write_image(path.string(), image);
    const milr::RgbImage back = read_image(path.string());
    EXPECT_TRUE(back == image);
    milr::RgbImage red;
    red.width = red.height = 2;
    red.pixels = {255, 0, 0, 255, 0, 0, 255, 0, 0, 255, 0, 0};
    write_image(path.string(), red);
    EXPECT_TRUE(read_image(path.string()) == red);
    fs::remove(path);
}

TEST(ImageFile, MissingOrBrokenFilesAreErrorsNamingTheFile) {
    const fs::path missing = fs::temp_directory_path() / "milr_world_no_such_image.png";
    try {
        read_image(missing.string());
        FAIL() << "no error for a missing file";
    } catch (const milr::Error& e) {
        EXPECT_NE(std::string(e.what()).find(missing.string()), std::string::npos);
    }
    const fs::path broken = fs::temp_directory_path() / "milr_world_broken_image.png";
    std::ofstream(broken) << "not a png";
    EXPECT_THROW(read_image(broken.string()), milr::Error);
    fs::remove(broken);
    EXPECT_THROW(write_image("/nonexistent-folder/x.png", render_scene(Scene{}, 32)), milr::Error);
}
