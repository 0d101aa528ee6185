// Step records and run parameters: what the CLI writes to trajectory.json and the app reopens.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "core/milr/milr_options.h"
#include "core/milr/step_record.h"
#include "core/util/error.h"

using namespace milr;

namespace {
StepRecord sample_record() {
    StepRecord r;
    r.step = 3;
    r.mode = "both";
    r.seed = 42;
    r.image = RgbImage{2, 1, {1, 2, 3, 4, 5, 6}};
    r.reward = 0.75;
    r.passed = false;
    r.reward_breakdown = {{"count circle", 1.0, 0.5}, {"colour red", 0.5, 0.5}};
    r.reward_reasons = {"one circle is blue, not red"};
    r.reasoning = "two red circles";
    r.reasoning_tokens = {5, 6, 7};
    r.reasoning_pieces = {"two", " red", " circles"};
    r.reasoning_changed_since_previous = {1};
    r.reasoning_changed_since_initial = {1, 2};
    r.optimised_text_tokens = 1;
    r.image_tokens = {10, 11, 12, 13};
    r.grid_width = 2;
    r.grid_height = 2;
    r.image_changed_since_previous = {0, 3};
    r.image_changed_since_initial = {0};
    r.optimised_image_tokens = 1;
    r.text_latent_distance = 0.5;
    r.image_latent_distance = 0.25;
    r.text_grad_norm = 2.0;
    r.image_grad_norm = 3.0;
    r.text_logprob = -0.1;
    r.image_logprob = -0.2;
    r.timings = {1, 2, 3, 4, 5};
    return r;
}
}  // namespace

TEST(StepRecord, JsonRoundTripKeepsEverythingButPixels) {
    const StepRecord original = sample_record();
    const nlohmann::json json = to_json(original);
    EXPECT_FALSE(json.contains("pixels"));
    const StepRecord back = step_record_from_json(nlohmann::json::parse(json.dump()));
    EXPECT_EQ(to_json(back), json);
    EXPECT_EQ(back.image.width, 2);
    EXPECT_TRUE(back.image.pixels.empty());
    EXPECT_DOUBLE_EQ(back.timings.total_ms(), 15.0);
}

TEST(StepRecord, BadJsonNamesTheField) {
    nlohmann::json json = to_json(sample_record());
    json["reward"] = "high";
    try {
        step_record_from_json(json);
        FAIL();
    } catch (const Error& e) {
        EXPECT_NE(std::string(e.what()).find("'reward'"), std::string::npos) << e.what();
    }
    EXPECT_THROW(step_record_from_json(nlohmann::json::array()), Error);
    EXPECT_THROW(step_record_from_json(nlohmann::json::object()), Error);
}

TEST(StepRecord, ChangedPositions) {
    EXPECT_EQ(changed_positions({1, 2, 3}, {1, 9, 3}), (std::vector<int>{1}));
    EXPECT_EQ(changed_positions({1, 2}, {1, 2, 3, 4}), (std::vector<int>{2, 3}));
    EXPECT_EQ(changed_positions({1, 2, 3}, {1}), (std::vector<int>{1, 2}));
    EXPECT_TRUE(changed_positions({}, {}).empty());
}

TEST(MilrOptions, PresetsDifferOnlyInNamedOptions) {
    const MilrOptions reference = reference_preset();
    const MilrOptions improved = improved_preset();
    EXPECT_EQ(reference.latent_precision, LatentPrecision::bf16);
    EXPECT_EQ(improved.latent_precision, LatentPrecision::fp32);
    EXPECT_EQ(reference.returned_image, ReturnedImage::last);
    EXPECT_EQ(improved.returned_image, ReturnedImage::best);
    EXPECT_EQ(reference.schedule, Schedule::reference);
    EXPECT_EQ(improved.schedule, Schedule::cached);
    // The paper's hyperparameters are the same in both.
    EXPECT_DOUBLE_EQ(reference.lambda_text, 0.2);
    EXPECT_DOUBLE_EQ(improved.lambda_image, 0.02);
    EXPECT_DOUBLE_EQ(reference.learning_rate, improved.learning_rate);
    EXPECT_THROW(apply_preset(const_cast<MilrOptions&>(improved), "fast"), Error);
}

TEST(MilrOptions, OptimisedTokenCounts) {
    MilrOptions o;
    EXPECT_EQ(o.optimised_image_tokens(576), 11);  // floor(0.02 * 576), as in the reference
    EXPECT_EQ(o.optimised_image_tokens(64), 1);    // floor(1.28) = 1
    o.lambda_image = 0.001;
    EXPECT_EQ(o.optimised_image_tokens(64), 1);  // at least one latent when lambda > 0
    o.lambda_image = 0;
    EXPECT_EQ(o.optimised_image_tokens(64), 0);
    o.lambda_text = 1.0;
    EXPECT_EQ(o.optimised_text_tokens(17), 17);
    o.lambda_text = 0.2;
    EXPECT_EQ(o.optimised_text_tokens(12), 2);
}

TEST(MilrOptions, ValidationNamesTheParameter) {
    MilrOptions o;
    o.prompt = "   ";
    EXPECT_THROW(o.validate(), Error);
    o.prompt = "a photo of a red circle";
    EXPECT_NO_THROW(o.validate());
    o.lambda_text = 1.5;
    try {
        o.validate();
        FAIL();
    } catch (const Error& e) {
        EXPECT_EQ(std::string(e.what()), "lambda-t must be within [0, 1], not 1.5") << "named as users write it";
    }
}

TEST(MilrOptions, JsonRoundTrip) {
    MilrOptions o = reference_preset();
    o.prompt = "a photo of two stars";
    o.mode = MilrMode::image;
    o.steps = 7;
    o.seed = 9;
    const MilrOptions back = milr_options_from_json(nlohmann::json::parse(to_json(o).dump()));
    EXPECT_EQ(to_json(back), to_json(o));
    EXPECT_THROW(milr_options_from_json({{"mode", "sideways"}}), Error);
    EXPECT_THROW(milr_options_from_json({{"schedule", "fast"}}), Error);
    EXPECT_THROW(milr_options_from_json({{"steps", "many"}}), Error);
}
