// Scene sampler and renderer: scenes respect the sampler's promises and render the colours where the objects are.
#include <gtest/gtest.h>

#include "core/util/error.h"
#include "core/world/renderer.h"
#include "core/world/scene.h"

using namespace milr::world;

TEST(Scene, SampledScenesHaveOneToFourObjectsInsideMarginsWithoutOverlap) {
    std::mt19937_64 rng(7);
    SceneOptions options;
    std::vector<int> seen_counts(5, 0);
    for (int i = 0; i < 500; ++i) {
        Scene scene = sample_scene(rng, options);
        ASSERT_GE(scene.objects.size(), 1u);
        ASSERT_LE(scene.objects.size(), 4u);
        ++seen_counts[scene.objects.size()];
        for (size_t k = 0; k < scene.objects.size(); ++k) {
            Scene others;
            for (size_t j = 0; j < scene.objects.size(); ++j)
                if (j != k) others.objects.push_back(scene.objects[j]);
            EXPECT_TRUE(fits(others, scene.objects[k], options)) << "object " << k << " of scene " << i;
            EXPECT_GE(scene.objects[k].size, options.min_size);
            EXPECT_LE(scene.objects[k].size, options.max_size);
        }
    }
    for (int n = 1; n <= 4; ++n) EXPECT_GT(seen_counts[n], 50) << n << " objects";
}

TEST(Scene, SamplerIsDeterministicForASeed) {
    std::mt19937_64 a(42), b(42);
    for (int i = 0; i < 20; ++i) {
        Scene x = sample_scene(a), y = sample_scene(b);
        ASSERT_EQ(x.objects.size(), y.objects.size());
        EXPECT_TRUE(render_scene(x) == render_scene(y));
    }
}

TEST(Scene, NamesRoundTripAndAreDistinct) {
    for (Shape s : all_shapes()) EXPECT_EQ(shape_from_name(shape_name(s)), s);
    for (Colour c : all_colours()) EXPECT_EQ(colour_from_name(colour_name(c)), c);
    EXPECT_FALSE(shape_from_name("dog").has_value());
    EXPECT_FALSE(colour_from_name("teal").has_value());
    EXPECT_EQ(shape_plural(Shape::cross), "crosses");
    EXPECT_GE(all_colours().size(), 6u);
    EXPECT_GE(all_shapes().size(), 4u);
}

TEST(Scene, ImpossibleOptionsAreAnErrorNotAHang) {
    std::mt19937_64 rng(1);
    SceneOptions options;
    options.min_objects = options.max_objects = 4;
    options.min_size = options.max_size = 0.45f;
    EXPECT_THROW(sample_scene(rng, options), milr::Error);
}

TEST(Renderer, DrawsEachObjectInItsColourOnTheBackground) {
    Scene scene;
    scene.objects = {{Shape::circle, Colour::red, 0.25f, 0.25f, 0.25f},
                     {Shape::square, Colour::blue, 0.75f, 0.25f, 0.2f},
                     {Shape::triangle, Colour::green, 0.25f, 0.75f, 0.3f},
                     {Shape::cross, Colour::black, 0.75f, 0.75f, 0.3f}};
    const milr::RgbImage image = render_scene(scene, 128);
    ASSERT_EQ(image.width, 128);
    ASSERT_EQ(image.height, 128);
    ASSERT_EQ(image.pixels.size(), 128u * 128u * 3u);
    auto expect_rgb = [&](int x, int y, Rgb rgb) {
        const uint8_t* p = image.pixel(x, y);
        EXPECT_EQ(p[0], rgb.r) << x << "," << y;
        EXPECT_EQ(p[1], rgb.g) << x << "," << y;
        EXPECT_EQ(p[2], rgb.b) << x << "," << y;
    };
    expect_rgb(0, 0, background_rgb());
    expect_rgb(64, 64, background_rgb());
    for (const SceneObject& o : scene.objects) expect_rgb(int(o.cx * 128), int(o.cy * 128), colour_rgb(o.colour));
    // The cross leaves its box corners empty; the square fills them.
    expect_rgb(int((0.75f - 0.13f) * 128), int((0.75f - 0.13f) * 128), background_rgb());
    expect_rgb(int((0.75f - 0.09f) * 128), int((0.25f - 0.09f) * 128), colour_rgb(Colour::blue));
    // The triangle's top corners are empty, its base corners filled.
    expect_rgb(int((0.25f - 0.13f) * 128), int((0.75f - 0.13f) * 128), background_rgb());
    expect_rgb(int((0.25f - 0.13f) * 128), int((0.75f + 0.13f) * 128), colour_rgb(Colour::green));
}

TEST(Renderer, RejectsAnAbsurdCanvasSize) { EXPECT_THROW(render_scene(Scene{}, 0), milr::Error); }
