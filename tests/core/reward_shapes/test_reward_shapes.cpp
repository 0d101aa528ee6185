// The GenEval-Shapes judge as a reward: dense and binary scores on rendered scenes, and its refusals.
#include <gtest/gtest.h>

#include "core/reward/shapes/shapes_reward.h"
#include "core/world/renderer.h"

using namespace milr;
using namespace milr::world;

namespace {

Metadata two_red_circles() {
    return metadata_from_json(nlohmann::json::parse(
        R"({"tag": "counting", "include": [{"class": "circle", "count": 2, "color": "red"}],
            "exclude": [{"class": "circle", "count": 3}], "prompt": "a photo of two red circles"})"));
}

RgbImage render(std::vector<SceneObject> objects) { return render_scene(Scene{std::move(objects)}, 128); }

}  // namespace

TEST(ShapesJudgeReward, CorrectSceneScoresOne) {
    const RgbImage image =
        render({{Shape::circle, Colour::red, 0.25f, 0.5f, 0.25f}, {Shape::circle, Colour::red, 0.75f, 0.5f, 0.25f}});
    ShapesJudgeReward reward(ShapesJudgeReward::Scoring::dense, two_red_circles());
    const RewardResult result = reward.score({&image, "a photo of two red circles", nullptr, 0});
    EXPECT_DOUBLE_EQ(result.value, 1.0);
    EXPECT_TRUE(result.passed);
    EXPECT_FALSE(result.components.empty());
    EXPECT_TRUE(result.reasons.empty());
}

TEST(ShapesJudgeReward, PartlyWrongSceneIsDenseButNotBinary) {
    const RgbImage image =
        render({{Shape::circle, Colour::red, 0.25f, 0.5f, 0.25f}, {Shape::circle, Colour::blue, 0.75f, 0.5f, 0.25f}});
    ShapesJudgeReward dense(ShapesJudgeReward::Scoring::dense, two_red_circles());
    ShapesJudgeReward binary(ShapesJudgeReward::Scoring::binary, two_red_circles());
    const RewardResult d = dense.score({&image, "p", nullptr, 0});
    const RewardResult b = binary.score({&image, "p", nullptr, 0});
    EXPECT_GT(d.value, 0.0);
    EXPECT_LT(d.value, 1.0);
    EXPECT_FALSE(d.passed);
    EXPECT_FALSE(d.reasons.empty());
    EXPECT_DOUBLE_EQ(b.value, 0.0);
}

TEST(ShapesJudgeReward, MetadataFromTheRequest) {
    const RgbImage image = render({{Shape::square, Colour::blue, 0.5f, 0.5f, 0.3f}});
    ShapesJudgeReward reward;
    const nlohmann::json metadata = {{"tag", "single_object"},
                                     {"include", {{{"class", "square"}, {"count", 1}}}},
                                     {"prompt", "a photo of a square"}};
    EXPECT_DOUBLE_EQ(reward.score({&image, "a photo of a square", metadata, 0}).value, 1.0);
}

TEST(ShapesJudgeReward, RefusesWhatItCannotJudge) {
    const RgbImage image = render({{Shape::square, Colour::blue, 0.5f, 0.5f, 0.3f}});
    ShapesJudgeReward reward;
    EXPECT_THROW(reward.score({&image, "a photo of a dog", nullptr, 0}), RewardError);
    const nlohmann::json dog = {
        {"tag", "single_object"}, {"include", {{{"class", "dog"}, {"count", 1}}}}, {"prompt", "a photo of a dog"}};
    try {
        reward.score({&image, "a photo of a dog", dog, 0});
        FAIL();
    } catch (const RewardError& e) {
        EXPECT_NE(std::string(e.what()).find("dog"), std::string::npos) << e.what();
    }
}
