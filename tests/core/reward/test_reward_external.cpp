// The external reward protocol with the example evaluator: answers, and every failure a user can hit.
#include <gtest/gtest.h>

#include <chrono>
#include <cmath>
#include <fstream>

#include "core/reward/external_reward.h"

using namespace milr;
using namespace std::chrono_literals;

namespace {

const std::string kEvaluator = std::string(MILR_TEST_DATA) + "/reward/example_evaluator.py";

// Writes a binary PPM (the example evaluator reads PPM and PNG).
void write_ppm(const RgbImage& image, const std::filesystem::path& path) {
    std::ofstream out(path, std::ios::binary);
    out << "P6\n" << image.width << " " << image.height << "\n255\n";
    out.write(reinterpret_cast<const char*>(image.pixels.data()), static_cast<std::streamsize>(image.pixels.size()));
}

RgbImage half_red_image() {
    RgbImage image{8, 8, std::vector<uint8_t>(8 * 8 * 3, 200)};
    for (int y = 0; y < 8; ++y)
        for (int x = 0; x < 2; ++x) {
            uint8_t* p = image.pixels.data() + 3 * (y * 8 + x);
            p[0] = 230, p[1] = 20, p[2] = 20;
        }
    return image;
}

ExternalRewardOptions options_with(const std::string& fault, std::chrono::milliseconds timeout = 20s) {
    ExternalRewardOptions options;
    options.argv = {"python3", kEvaluator};
    if (!fault.empty()) options.argv.insert(options.argv.end(), {"--fault", fault});
    options.timeout = timeout;
    options.write_image = write_ppm;
    return options;
}

void expect_reward_error(ExternalReward& reward, const std::string& fragment) {
    const RgbImage image = half_red_image();
    RewardRequest request{&image, "a photo of a red square", nullptr, 1};
    try {
        reward.score(request);
        FAIL() << "expected a RewardError containing '" << fragment << "'";
    } catch (const RewardError& e) {
        EXPECT_NE(std::string(e.what()).find(fragment), std::string::npos) << e.what();
        EXPECT_NE(std::string(e.what()).find("python3"), std::string::npos)
            << "the error names the program: " << e.what();
    }
}

}  // namespace

TEST(ExternalReward, ScoresImagesOverJsonLines) {
    ExternalReward reward(options_with(""));
    const RgbImage image = half_red_image();
    for (int step = 0; step < 3; ++step) {
        const RewardResult result = reward.score({&image, "a photo of a red square", {{"tag", "colors"}}, step});
        EXPECT_NEAR(result.value, 0.25, 1e-9);
        EXPECT_FALSE(result.passed);
        ASSERT_EQ(result.components.size(), 1u);
        EXPECT_EQ(result.components[0].name, "red pixels");
        ASSERT_EQ(result.reasons.size(), 1u);
    }
}

TEST(ExternalReward, MissingProgramIsAClearError) {
    ExternalRewardOptions options = options_with("");
    options.argv = {"/nonexistent/milr-reward-program"};
    try {
        ExternalReward reward(options);
        FAIL() << "expected an error";
    } catch (const Error& e) {
        EXPECT_NE(std::string(e.what()).find("/nonexistent/milr-reward-program"), std::string::npos) << e.what();
        EXPECT_NE(std::string(e.what()).find("cannot be started"), std::string::npos) << e.what();
    }
}

TEST(ExternalReward, CrashIsRestartedOnce) {
    ExternalReward reward(options_with("crash-once"));
    const RgbImage image = half_red_image();
    EXPECT_NEAR(reward.score({&image, "p", nullptr, 1}).value, 0.25, 1e-9);
}

TEST(ExternalReward, RepeatedCrashStops) {
    ExternalReward reward(options_with("crash"));
    expect_reward_error(reward, "also after a restart");
}

TEST(ExternalReward, CrashReportIncludesStderr) {
    ExternalReward reward(options_with("crash"));
    expect_reward_error(reward, "crashing on purpose");
}

TEST(ExternalReward, HangTimesOut) {
    ExternalReward reward(options_with("hang", 1500ms));
    const auto start = std::chrono::steady_clock::now();
    expect_reward_error(reward, "did not answer within 1500 ms");
    EXPECT_LT(std::chrono::steady_clock::now() - start, 30s) << "the timeout must stop a hung program";
}

TEST(ExternalReward, GarbageIsRejected) {
    ExternalReward reward(options_with("garbage"));
    expect_reward_error(reward, "not JSON");
}

TEST(ExternalReward, NanIsRejected) {
    ExternalReward reward(options_with("nan"));
    expect_reward_error(reward, "reward");
}

TEST(ExternalReward, OutOfRangeIsRejected) {
    ExternalReward reward(options_with("range"));
    expect_reward_error(reward, "outside [0, 1]");
}

TEST(ExternalReward, WrongIdIsRejected) {
    ExternalReward reward(options_with("wrong-id"));
    expect_reward_error(reward, "answered id");
}

TEST(ExternalReward, ProgramExitingAtStartIsReported) {
    ExternalReward reward(options_with("exit-at-start"));
    expect_reward_error(reward, "exited with status 4");
}

TEST(ExternalReward, ReplyParserNamesProblems) {
    EXPECT_THROW(ExternalReward::parse_reply("[1,2]", 1, "p"), RewardError);
    // Found by fuzzing: a "passed" that is not a boolean escaped as an nlohmann exception.
    EXPECT_THROW(ExternalReward::parse_reply("{\"id\":1,\"reward\":0.5,\"passed\":[]}", 1, "p"), RewardError);
    EXPECT_FALSE(ExternalReward::parse_reply("{\"id\":1,\"reward\":1.0,\"passed\":false}", 1, "p").passed);
    EXPECT_THROW(ExternalReward::parse_reply("{\"id\":1}", 1, "p"), RewardError);
    EXPECT_THROW(ExternalReward::parse_reply("{\"id\":1,\"reward\":\"high\"}", 1, "p"), RewardError);
    EXPECT_THROW(ExternalReward::parse_reply("{\"id\":1,\"reward\":-0.1}", 1, "p"), RewardError);
    EXPECT_THROW(ExternalReward::parse_reply("{\"id\":1,\"reward\":0.5,\"components\":[{\"name\":1}]}", 1, "p"),
                 RewardError);
    EXPECT_THROW(ExternalReward::parse_reply("{\"id\":1,\"error\":\"model not loaded\"}", 1, "p"), RewardError);
    const RewardResult ok = ExternalReward::parse_reply("{\"id\":1,\"reward\":1,\"reasons\":[\"fine\"]}", 1, "p");
    EXPECT_EQ(ok.value, 1.0);
    EXPECT_TRUE(ok.passed);
}

TEST(WeightedReward, CombinesAndValidates) {
    struct Constant : Reward {
        double v;
        explicit Constant(double value) : v(value) {}
        std::string name() const override { return "constant"; }
        RewardResult score(const RewardRequest&) override { return {v, v >= 1.0, {}, {}}; }
    };
    WeightedSumReward sum;
    sum.add(std::make_shared<Constant>(1.0), 3.0);
    sum.add(std::make_shared<Constant>(0.0), 1.0);
    const RgbImage image = half_red_image();
    const RewardResult result = sum.score({&image, "p", nullptr, 0});
    EXPECT_NEAR(result.value, 0.75, 1e-12);
    EXPECT_FALSE(result.passed);
    ASSERT_EQ(result.components.size(), 2u);
    EXPECT_NEAR(result.components[0].weight, 0.75, 1e-12);
    WeightedSumReward broken;
    broken.add(std::make_shared<Constant>(std::nan("")), 1.0);
    EXPECT_THROW(broken.score({&image, "p", nullptr, 0}), RewardError);
    EXPECT_THROW(sum.add(std::make_shared<Constant>(0.5), -1.0), Error);
}
