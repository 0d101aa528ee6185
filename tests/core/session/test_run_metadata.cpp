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
    m.run.milr = reference_preset();
    m.run.milr.prompt = "一只红色的圆形 left of two blue squares — “quoted”";
    m.run.milr.metadata = {{"tag", "position"},
                           {"include", nlohmann::json::array({{{"class", "circle"}, {"count", 1}}})}};
    m.run.milr.mode = MilrMode::image;
    m.run.milr.lambda_text = 0.1 + 0.2;  // not exactly 0.3: the round trip must keep every bit
    m.run.milr.lambda_image = 1.0 / 3.0;
    m.run.milr.learning_rate = 0.0123456789012345;
    m.run.milr.steps = 8;
    m.run.milr.reward_threshold = 0.85;
    m.run.milr.seed = 18446744073709551557ull;  // above 2^63
    m.run.milr.cfg_weight = 3.0;
    m.run.milr.temperature = 0.7;
    m.run.milr.max_reasoning_tokens = 77;
    m.run.milr.user_role = "<|User|>";
    m.run.milr.schedule = Schedule::cached;  // a named difference from the reference preset
    m.model = "Janus-Pro-1B";
    m.reward = "GenEval-Shapes judge (dense)";
    m.step = 3;
    m.reward_value = 0.875;
    m.run.reward.kind = RewardKind::external;
    m.run.reward.command_line = "python3 judge.py --strict";
    m.run.model.device = "cuda:1";
    m.records_specs = true;
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
    EXPECT_EQ(back.run.milr.lambda_text, 0.1 + 0.2);
    EXPECT_EQ(back.run.milr.lambda_image, 1.0 / 3.0);
    EXPECT_EQ(back.run.milr.seed, 18446744073709551557ull);
    EXPECT_EQ(back.run.milr.prompt, m.run.milr.prompt);
    EXPECT_EQ(back.run.milr.latent_precision, LatentPrecision::bf16);
    EXPECT_EQ(back.run.milr.schedule, Schedule::cached);
    EXPECT_EQ(back.run.milr.metadata, m.run.milr.metadata);
    EXPECT_EQ(back.run.reward, m.run.reward);
    EXPECT_EQ(back.run.model, m.run.model);
    EXPECT_TRUE(back.records_specs);
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
    EXPECT_EQ(summary.rfind(sample().run.milr.prompt + "\nMode: image, Steps: 8, lambda_t: ", 0), 0u) << summary;
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
        {"lambda_text", 1.5, "milr.lambda_text: lambda-t must be within [0, 1], not 1.5"},
        {"lambda_image", -0.1, "milr.lambda_image: lambda-v must be within [0, 1]"},
        {"lambda_text", "0.2", "milr.lambda_text must be a number"},
        {"learning_rate", -0.5, "milr.learning_rate: lr must be within [0, 1], not -0.5"},
        {"steps", 2.5, "milr.steps must be an integer"},
        {"steps", 20000, "milr.steps: steps must be a whole number within [0, 200], not 20000"},
        {"seed", -3, "milr.seed must be a non-negative integer"},
        {"seed", "42", "milr.seed must be a non-negative integer"},
        {"cfg_weight", -1, "milr.cfg_weight: cfg must be within [0, 20]"},
        {"temperature", 0, "milr.temperature: temperature must be within [0.05, 5]"},
        {"reward_threshold", 2, "milr.reward_threshold: threshold must be within [0, 1]"},
        {"max_reasoning_tokens", 0, "milr.max_reasoning_tokens"},
        {"latent_precision", "fp16", "milr.latent_precision must be one of bf16, fp32"},
        {"returned_image", 1, "milr.returned_image must be a string"},
        {"image_prefix_rule", "greedy", "milr.image_prefix_rule"},
        {"estimator", "adam", "milr.estimator must be one of authors, reinforce, not \"adam\""},
        {"update_direction", "sideways", "milr.update_direction must be one of gradient, random"},
        {"sample_source", "dreams", "milr.sample_source must be one of"},
        {"schedule", "fast", "milr.schedule"},
        {"model", 3, "milr.model must be a string"},
        {"reward", nullptr, "milr.reward must be a string"},
        {"step", -1, "milr.step"},
        {"reward_value", 1.5, "milr.reward_value must be within [0, 1]"},
        {"studio", nlohmann::json::array(), "milr.studio must be a JSON object"},
        {"reward_spec", nlohmann::json::array(), "milr.reward_spec must be a JSON object"},
        {"reward_spec", {{"kind", "magic"}}, "milr: run parameter 'kind' has the unknown value 'magic'"},
        {"model_spec", {{"device", 3}}, "milr: run parameter 'device' is not a string"},
        {"format", "other-format", "milr.format"},
        {"format_version", 2, "milr.format_version"},
    };
    for (const auto& c : cases) EXPECT_CONTAINS(error_for(c.key, c.value), c.says);
    nlohmann::json no_prompt = valid_json();
    no_prompt.erase("prompt");
    EXPECT_CONTAINS(error_of([&] { run_metadata_from_json(no_prompt); }), "milr.prompt is missing");
    EXPECT_CONTAINS(error_of([] { run_metadata_from_json(nlohmann::json::array()); }), "must be a JSON object");
}

TEST(RunMetadata, ReadsTheStudioSettingsOfVersion010) {
    // MILR Studio 0.1.0 wrote its settings as a flat "studio" object beside the options.
    nlohmann::json j = valid_json();
    j.erase("reward_spec");
    j.erase("model_spec");
    j["app_version"] = "0.1.0";
    j["studio"] = {{"prompt", "two red circles"},
                   {"lambda_t", 0.3},
                   {"reward", "external-command"},
                   {"metadata_source", "given"},
                   {"metadata", "{\"tag\": \"counting\"}"},
                   {"external_command", "python3 judge.py"},
                   {"external_timeout_s", 12},
                   {"model_folder", "/models/j"},
                   {"device", "cuda:0"},
                   {"precision", "bf16"},
                   {"seed", "7"}};
    const RunMetadata m = run_metadata_from_json(j);
    EXPECT_TRUE(m.records_specs);
    EXPECT_EQ(m.run.milr.prompt, sample().run.milr.prompt) << "the options are the run's, not the settings'";
    EXPECT_EQ(m.run.milr.lambda_text, 0.1 + 0.2);
    EXPECT_EQ(m.run.reward.kind, RewardKind::external);
    EXPECT_TRUE(m.run.reward.metadata_given);
    EXPECT_EQ(m.run.reward.metadata_json, "{\"tag\": \"counting\"}");
    EXPECT_EQ(m.run.reward.command_line, "python3 judge.py");
    EXPECT_EQ(m.run.reward.timeout_s, 12);
    EXPECT_EQ(m.run.model.folder, "/models/j");
    EXPECT_EQ(m.run.model.device, "cuda:0");
    EXPECT_EQ(m.run.model.precision, "bf16");
    // The command line's PNGs record neither.
    nlohmann::json cli = valid_json();
    cli.erase("reward_spec");
    cli.erase("model_spec");
    EXPECT_FALSE(run_metadata_from_json(cli).records_specs);
}

TEST(RunMetadata, MissingOrBrokenChunksSayWhat) {
    EXPECT_CONTAINS(error_of([] { run_metadata_from_texts({}, "x.png"); }), "x.png: no MILR run metadata");
    EXPECT_CONTAINS(error_of([] {
                        run_metadata_from_texts({{"parameters", "a cat\nSteps: 20"}}, "x.png");
                    }),
                    "another program");
    const std::string message = error_of([] { run_metadata_from_texts({{"milr", "{\"prompt\": "}}, "x.png"); });
    EXPECT_CONTAINS(message, "x.png");
    EXPECT_CONTAINS(message, "line 1");
    EXPECT_CONTAINS(error_of([] {
                        run_metadata_from_texts({{"milr", R"({"prompt": "a", "prompt": "b"})"}}, "x.png");
                    }),
                    "twice");
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
        EXPECT_EQ(to_json(m.run.milr), to_json(t.options));
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
