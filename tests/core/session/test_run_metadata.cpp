// Run metadata in PNG text chunks: exact round trips, the readable summary, one error per invalid field naming it,
// and the step images of trajectory folders carrying their run.
#include <gtest/gtest.h>

#include <unistd.h>

#include <cmath>

#include "../../widgets/step_fixture.h"
#include "../io/io_test_support.h"
#include "core/io/atomic_file.h"
#include "core/io/png_text.h"
#include "core/session/run_metadata.h"
#include "core/session/trajectory.h"

using namespace milr;
using namespace milr::test;

namespace {

RunMetadata sample() {
    RunMetadata m;
    m.options = reference_preset();
    m.options.prompt = "一只红色的圆形 left of two blue squares — “quoted”";
    m.options.metadata = {{"tag", "position"}, {"include", nlohmann::json::array({{{"class", "circle"}, {"count", 1}}})}};
    m.options.mode = MilrMode::image;
    m.options.lambda_text = 0.1 + 0.2;  // not exactly 0.3: the round trip must keep every bit
    m.options.lambda_image = 1.0 / 3.0;
    m.options.learning_rate = 0.0123456789012345;
    m.options.steps = 8;
    m.options.reward_threshold = -0.1;
    m.options.seed = 18446744073709551557ull;  // above 2^63
    m.options.cfg_weight = 3.0;
    m.options.temperature = 0.7;
    m.options.max_reasoning_tokens = 77;
    m.options.user_role = "<|User|>";
    m.options.schedule = Schedule::cached;  // a named difference from the reference preset
    m.model = "Janus-Pro-1B";
    m.reward = "GenEval-Shapes judge (dense)";
    m.step = 3;
    m.reward_value = 0.875;
    m.studio = {{"device", "cuda:1"}, {"external_command", "python3 judge.py"}};
    return m;
}

nlohmann::json valid_json() { return to_json(sample()); }

std::string error_for(const std::string& key, const nlohmann::json& value) {
    nlohmann::json j = valid_json();
    j[key] = value;
    return error_of([&] { run_metadata_from_json(j); });
}

}  // namespace

TEST(RunMetadata, TextChunksRoundTripExactly) {
    const RunMetadata m = sample();
    const std::vector<PngText> texts = run_metadata_texts(m);
    ASSERT_EQ(texts.size(), 2u);
    EXPECT_EQ(texts[0].keyword, "parameters");
    EXPECT_EQ(texts[1].keyword, "milr");
    const RunMetadata back = run_metadata_from_texts(texts, "image.png");
    EXPECT_TRUE(back == m);
    EXPECT_EQ(back.options.lambda_text, 0.1 + 0.2);
    EXPECT_EQ(back.options.lambda_image, 1.0 / 3.0);
    EXPECT_EQ(back.options.seed, 18446744073709551557ull);
    EXPECT_EQ(back.options.prompt, m.options.prompt);
    EXPECT_EQ(back.options.latent_precision, LatentPrecision::bf16);
    EXPECT_EQ(back.options.schedule, Schedule::cached);
    EXPECT_EQ(back.options.metadata, m.options.metadata);
    EXPECT_EQ(back.studio, m.studio);
    EXPECT_EQ(back.app_version, milr_version());
}

TEST(RunMetadata, PngFileRoundTripKeepsPixelsAndParameters) {
    TempFolder folder;
    const RgbImage image = fixture::trajectory()[1].image;
    write_run_png(folder / "step.png", image, sample());
    RgbImage back_image;
    const RunMetadata back = read_run_png(folder / "step.png", &back_image);
    EXPECT_TRUE(back == sample());
    EXPECT_EQ(back_image, image);
}

TEST(RunMetadata, SummaryReadsLikeOtherImageTools) {
    const std::string summary = parameters_summary(sample());
    EXPECT_EQ(summary.rfind(sample().options.prompt + "\nMode: image, Steps: 8, lambda_t: ", 0), 0u) << summary;
    EXPECT_CONTAINS(summary, "Seed: 18446744073709551557");
    EXPECT_CONTAINS(summary, "Preset: reference");
    EXPECT_CONTAINS(summary, "Model: Janus-Pro-1B");
    EXPECT_CONTAINS(summary, "Reward: GenEval-Shapes judge (dense)");
    EXPECT_CONTAINS(summary, "Step: 3, Reward value: 0.875");
}

TEST(RunMetadata, EachInvalidFieldIsNamed) {
    const struct {
        const char* key;
        nlohmann::json value;
        const char* says;
    } cases[] = {
        {"prompt", "  ", "milr.prompt must not be empty"},
        {"prompt", 42, "milr.prompt must be a string"},
        {"preset", "fancy", "milr.preset must be one of reference, improved, not \"fancy\""},
        {"mode", "sideways", "milr.mode must be one of"},
        {"lambda_text", 1.5, "milr.lambda_text must be within [0, 1], not 1.5"},
        {"lambda_image", -0.1, "milr.lambda_image must be within [0, 1]"},
        {"lambda_text", "0.2", "milr.lambda_text must be a number"},
        {"learning_rate", 0, "milr.learning_rate must be > 0"},
        {"steps", 2.5, "milr.steps must be an integer"},
        {"steps", 20000, "milr.steps must be an integer within [0, 10000]"},
        {"seed", -3, "milr.seed must be a non-negative integer"},
        {"seed", "42", "milr.seed must be a non-negative integer"},
        {"cfg_weight", -1, "milr.cfg_weight must be >= 0"},
        {"temperature", 0, "milr.temperature must be > 0"},
        {"max_reasoning_tokens", 0, "milr.max_reasoning_tokens"},
        {"latent_precision", "fp16", "milr.latent_precision must be one of bf16, fp32"},
        {"returned_image", 1, "milr.returned_image must be a string"},
        {"image_prefix_rule", "greedy", "milr.image_prefix_rule"},
        {"schedule", "fast", "milr.schedule"},
        {"model", 3, "milr.model must be a string"},
        {"reward", nullptr, "milr.reward must be a string"},
        {"step", -1, "milr.step"},
        {"reward_value", 1.5, "milr.reward_value must be within [0, 1]"},
        {"studio", nlohmann::json::array(), "milr.studio must be a JSON object"},
        {"format", "other-format", "milr.format"},
        {"format_version", 2, "milr.format_version"},
    };
    for (const auto& c : cases) EXPECT_CONTAINS(error_for(c.key, c.value), c.says);
    nlohmann::json no_prompt = valid_json();
    no_prompt.erase("prompt");
    EXPECT_CONTAINS(error_of([&] { run_metadata_from_json(no_prompt); }), "milr.prompt is missing");
    EXPECT_CONTAINS(error_of([] { run_metadata_from_json(nlohmann::json::array()); }), "must be a JSON object");
}

TEST(RunMetadata, MissingOrBrokenChunksSayWhat) {
    EXPECT_CONTAINS(error_of([] { run_metadata_from_texts({}, "x.png"); }), "x.png: no MILR run metadata");
    EXPECT_CONTAINS(error_of([] { run_metadata_from_texts({{"parameters", "a cat\nSteps: 20"}}, "x.png"); }), "another program");
    const std::string message = error_of([] { run_metadata_from_texts({{"milr", "{\"prompt\": "}}, "x.png"); });
    EXPECT_CONTAINS(message, "x.png");
    EXPECT_CONTAINS(message, "line 1");
    EXPECT_CONTAINS(error_of([] { run_metadata_from_texts({{"milr", R"({"prompt": "a", "prompt": "b"})"}}, "x.png"); }), "twice");
    std::vector<PngText> bad = run_metadata_texts(sample());
    bad[1].text = R"({"prompt": "a dog", "steps": -4})";
    EXPECT_CONTAINS(error_of([&] { run_metadata_from_texts(bad, "y.png"); }), "y.png: milr.steps");
}

TEST(RunMetadata, TrajectoryStepImagesCarryTheirRun) {
    TempFolder folder;
    Trajectory t;
    t.options = improved_preset();
    t.options.prompt = "a red circle left of two blue squares";
    t.options.steps = 2;
    t.model = "embedded-model";
    t.reward = "GenEval-Shapes judge (dense)";
    t.records = fixture::trajectory();
    t.returned_index = 1;
    write_trajectory(folder.path(), t);
    for (const StepRecord& record : t.records) {
        RgbImage image;
        const RunMetadata m = read_run_png(folder / step_image_name(record.step), &image);
        EXPECT_EQ(m.step, record.step);
        EXPECT_EQ(m.reward_value, record.reward);
        EXPECT_EQ(to_json(m.options), to_json(t.options));
        EXPECT_EQ(m.model, t.model);
        EXPECT_EQ(m.reward, t.reward);
        EXPECT_EQ(image, record.image);
    }
    const RunMetadata final_image = read_run_png(folder / "final.png");
    EXPECT_EQ(final_image.step, 1);
    const Trajectory back = read_trajectory(folder.path());
    ASSERT_EQ(back.records.size(), t.records.size());
    for (size_t i = 0; i < back.records.size(); ++i) EXPECT_EQ(back.records[i].image, t.records[i].image);
    EXPECT_EQ(back.returned_index, 1);
}
