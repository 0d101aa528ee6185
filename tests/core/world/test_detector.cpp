// Detector on rendered scenes: 1,000 random scenes read back exactly (shape, colour, place), clear notes on blobs.
#include <gtest/gtest.h>

#include <cmath>
#include <algorithm>
#include <cstdio>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "core/world/cv_image.h"
#include "core/world/detector.h"
#include "core/world/renderer.h"

using namespace milr::world;

namespace {

// True when every drawn object is read once with its shape and colour, its box centre within 4 px (1/32 of the
// canvas: blur takes a pixel or two off a triangle's apex).
bool reads_back_exactly(const Scene& scene, const std::vector<DetectedObject>& found, int size) {
    if (found.size() != scene.objects.size()) return false;
    std::vector<bool> used(found.size(), false);
    for (const SceneObject& o : scene.objects) {
        bool matched = false;
        for (size_t i = 0; i < found.size() && !matched; ++i) {
            if (used[i] || !found[i].shape || *found[i].shape != o.shape || found[i].colour != o.colour) continue;
            if (std::abs(found[i].box.cx() - o.cx * size) > 4 || std::abs(found[i].box.cy() - o.cy * size) > 4)
                continue;
            used[i] = matched = true;
        }
        if (!matched) return false;
    }
    return true;
}

}  // namespace

TEST(Detector, ReadsBackAThousandRandomScenes) {
    std::mt19937_64 rng(2026);
    const int n = 1000, size = 128;
    int exact = 0;
    for (int i = 0; i < n; ++i) {
        const Scene scene = sample_scene(rng);
        const auto found = detect_objects(render_scene(scene, size));
        if (reads_back_exactly(scene, found, size)) {
            ++exact;
        } else if (n - exact <= 5) {
            for (const auto& o : found)
                std::printf("  miss in scene %d: %s conf %.2f sol %.2f ext %.2f %s\n", i, describe_detection(o).c_str(),
                            o.confidence, o.solidity, o.extent, o.note.c_str());
        }
    }
    const double rate = double(exact) / n;
    std::printf("detector read back %d / %d rendered scenes exactly (%.1f%%)\n", exact, n, 100 * rate);
    EXPECT_GE(rate, 0.99);
}

TEST(Detector, ReadsEveryShapeColourPairAtTheSmallestAndLargestSize) {
    for (Shape shape : all_shapes())
        for (Colour colour : all_colours())
            for (float size : {0.17f, 0.30f}) {
                Scene scene;
                scene.objects = {{shape, colour, 0.5f, 0.5f, size}};
                const auto found = detect_objects(render_scene(scene, 128));
                ASSERT_EQ(found.size(), 1u) << colour_name(colour) << " " << shape_name(shape) << " size " << size;
                ASSERT_TRUE(found[0].shape.has_value()) << found[0].note;
                EXPECT_EQ(*found[0].shape, shape) << colour_name(colour) << " size " << size << " sol "
                                                  << found[0].solidity << " ext " << found[0].extent;
                EXPECT_EQ(found[0].colour, colour) << shape_name(shape);
                EXPECT_GT(found[0].confidence, 0.3f)
                    << colour_name(colour) << " " << shape_name(shape) << " size " << size;
                EXPECT_TRUE(found[0].note.empty()) << found[0].note;
            }
}

TEST(Detector, EmptyCanvasHasNoObjects) { EXPECT_TRUE(detect_objects(render_scene(Scene{}, 128)).empty()); }

TEST(Detector, RoundedSquareIsReportedAsDoubtful) {
    // A square with strongly rounded corners sits between the square and circle prototypes.
    milr::RgbImage image = render_scene(Scene{}, 128);
    const Rgb blue = colour_rgb(Colour::blue);
    const float cx = 64, cy = 64, half = 18, radius = 14;
    for (int y = 0; y < 128; ++y)
        for (int x = 0; x < 128; ++x) {
            const float dx = std::max(0.f, std::abs(x + 0.5f - cx) - (half - radius));
            const float dy = std::max(0.f, std::abs(y + 0.5f - cy) - (half - radius));
            if (dx * dx + dy * dy <= radius * radius) {
                uint8_t* p = image.pixels.data() + 3 * (y * 128 + x);
                p[0] = blue.r, p[1] = blue.g, p[2] = blue.b;
            }
        }
    const auto found = detect_objects(image);
    ASSERT_EQ(found.size(), 1u);
    ASSERT_TRUE(found[0].shape.has_value());
    EXPECT_LT(found[0].confidence, 0.3f) << "sol " << found[0].solidity << " ext " << found[0].extent;
    EXPECT_FALSE(found[0].note.empty());
    std::printf("rounded square: read as %s, note: %s\n", shape_name(*found[0].shape).c_str(), found[0].note.c_str());
}

TEST(Detector, TouchingObjectsOfTwoColoursAreTwoObjects) {
    Scene scene;
    scene.objects = {{Shape::square, Colour::red, 0.40f, 0.5f, 0.2f}, {Shape::square, Colour::blue, 0.60f, 0.5f, 0.2f}};
    const auto found = detect_objects(render_scene(scene, 128));
    ASSERT_EQ(found.size(), 2u);
    EXPECT_NE(found[0].colour, found[1].colour);
    for (const auto& o : found) EXPECT_EQ(o.shape, Shape::square) << o.note;
}

TEST(Detector, StaysReliableOnBlurredLossyImages) {
    // A stand-in for a VQ round trip: Gaussian blur, JPEG at quality 40, and noise of +-6 per channel.
    std::mt19937_64 rng(77);
    std::uniform_int_distribution<int> noise(-6, 6);
    const int n = 500, size = 128;
    int exact = 0;
    for (int i = 0; i < n; ++i) {
        const Scene scene = sample_scene(rng);
        cv::Mat mat = to_mat(render_scene(scene, size)), blurred;
        cv::GaussianBlur(mat, blurred, {5, 5}, 1.0);
        std::vector<uint8_t> jpeg;
        cv::imencode(".jpg", blurred, jpeg, {cv::IMWRITE_JPEG_QUALITY, 40});
        cv::Mat decoded = cv::imdecode(jpeg, cv::IMREAD_COLOR);  // channel order is irrelevant: encode and decode agree
        milr::RgbImage image = from_mat(decoded);
        for (uint8_t& p : image.pixels) p = uint8_t(std::clamp(int(p) + noise(rng), 0, 255));
        exact += reads_back_exactly(scene, detect_objects(image), size);
    }
    const double rate = double(exact) / n;
    std::printf("detector read back %d / %d blurred, JPEG-compressed, noisy scenes exactly (%.1f%%)\n", exact, n,
                100 * rate);
    EXPECT_GE(rate, 0.97);
}
