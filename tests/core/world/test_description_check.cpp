// The image against its description: a rendered scene follows its own description; a missing, extra, misplaced
// or recoloured object does not; text outside the grammar is not well-formed.
#include <gtest/gtest.h>

#include <random>

#include "core/world/description_check.h"
#include "core/world/renderer.h"

using namespace milr::world;

namespace {

Scene scene_of(std::vector<SceneObject> objects) {
    Scene scene;
    scene.objects = std::move(objects);
    return scene;
}

SceneObject object(Shape shape, Colour colour, float cx, float cy) {
    SceneObject o;
    o.shape = shape;
    o.colour = colour;
    o.cx = cx;
    o.cy = cy;
    o.size = 0.22f;
    return o;
}

}  // namespace

TEST(DescriptionCheck, RenderedScenesFollowTheirOwnDescription) {
    const Scene scene =
        scene_of({object(Shape::circle, Colour::red, 0.17f, 0.17f), object(Shape::square, Colour::blue, 0.83f, 0.83f)});
    const std::string text = describe_scene(scene);
    const DescriptionCheck check = check_image_against_description(text, render_scene(scene, 128));
    EXPECT_TRUE(check.well_formed);
    EXPECT_TRUE(check.followed) << text << ": " << check.reason;
}

TEST(DescriptionCheck, AMisplacedMissingOrRecolouredObjectIsNotFollowed) {
    const std::string text = "one red circle at the top left, one blue square at the bottom right";
    const auto check = [&](const Scene& scene) {
        return check_image_against_description(text, render_scene(scene, 128));
    };
    EXPECT_TRUE(check(scene_of({object(Shape::circle, Colour::red, 0.17f, 0.17f),
                                object(Shape::square, Colour::blue, 0.83f, 0.83f)}))
                    .followed);
    EXPECT_FALSE(check(scene_of({object(Shape::circle, Colour::red, 0.83f, 0.17f),
                                 object(Shape::square, Colour::blue, 0.83f, 0.83f)}))
                     .followed);                                                                 // moved
    EXPECT_FALSE(check(scene_of({object(Shape::circle, Colour::red, 0.17f, 0.17f)})).followed);  // missing
    EXPECT_FALSE(check(scene_of({object(Shape::circle, Colour::green, 0.17f, 0.17f),
                                 object(Shape::square, Colour::blue, 0.83f, 0.83f)}))
                     .followed);  // recoloured
    EXPECT_FALSE(check(scene_of({object(Shape::circle, Colour::red, 0.17f, 0.17f),
                                 object(Shape::square, Colour::blue, 0.83f, 0.83f),
                                 object(Shape::cross, Colour::yellow, 0.5f, 0.5f)}))
                     .followed);  // extra
}

TEST(DescriptionCheck, TextOutsideTheGrammarIsNotWellFormed) {
    const DescriptionCheck check =
        check_image_against_description("a red circle somewhere", render_scene(Scene{}, 128));
    EXPECT_FALSE(check.well_formed);
    EXPECT_FALSE(check.followed);
    EXPECT_FALSE(check.reason.empty());
}
