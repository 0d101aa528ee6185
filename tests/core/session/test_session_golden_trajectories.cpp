// Same seed, same trajectory, before and after a change: runs of every mode on the embedded model compared with
// trajectories committed in tests/data/golden/ (tokens, rewards, latent statistics, a hash of every image).
// Bit-identity is a property of one machine (BLAS and libtorch pick kernels by CPU), so the comparison runs where
// the committed file was written: same CPU model and flags, same libtorch; elsewhere the test says so and skips.
// Rewrite the file on purpose with MILR_WRITE_GOLDEN=1 (and say why in the commit).
#include <gtest/gtest.h>

#include <torch/version.h>

#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <sstream>
#include <string>

#include <nlohmann/json.hpp>

#include "core/milr/engine/milr_engine.h"
#include "core/session/model_bundle.h"
#include "core/session/reward_factory.h"

using namespace milr;

namespace {

const char* const kGoldenFile = MILR_TEST_DATA "/golden/trajectories.json";

struct GoldenCase {
    std::string name;
    MilrMode mode;
    std::string preset;
    int steps;
};

const GoldenCase kCases[] = {
    {"both-improved", MilrMode::both, "improved", 3},   {"text-improved", MilrMode::text, "improved", 3},
    {"image-improved", MilrMode::image, "improved", 3}, {"best-of-n", MilrMode::best_of_n, "improved", 3},
    {"both-reference", MilrMode::both, "reference", 2},
};

// FNV-1a over the pixels: a short, stable fingerprint of an image.
std::string image_fingerprint(const RgbImage& image) {
    uint64_t hash = 1469598103934665603ull;
    for (uint8_t byte : image.pixels) hash = (hash ^ byte) * 1099511628211ull;
    std::ostringstream text;
    text << image.width << "x" << image.height << ":" << std::hex << hash;
    return text.str();
}

// What must not change: everything a record says but its wall times.
nlohmann::json comparable(const StepRecord& record) {
    nlohmann::json json = to_json(record);
    json.erase("timings_ms");
    json["image"] = image_fingerprint(record.image);
    return json;
}

std::string cpuinfo_field(const std::string& field) {
    std::ifstream cpuinfo("/proc/cpuinfo");
    for (std::string line; std::getline(cpuinfo, line);)
        if (line.rfind(field, 0) == 0) return line.substr(line.find(':') + 1);
    return "unknown";
}

// The machine the trajectories are bit-identical on.
nlohmann::json machine() {
    return {{"cpu", cpuinfo_field("model name")},
            {"cpu_flags_hash", std::to_string(std::hash<std::string>{}(cpuinfo_field("flags")))},
            {"libtorch", TORCH_VERSION}};
}

nlohmann::json run_case(MilrEngine& engine, const GoldenCase& c) {
    MilrOptions options;
    apply_preset(options, c.preset);
    options.prompt = "a photo of two red circles";
    options.mode = c.mode;
    options.steps = c.steps;
    options.seed = 7;
    options.cfg_weight = 3.0;
    options.lambda_image = 0.05;
    options.reward_threshold = 1.0;  // never stops early: every step is compared
    BuiltReward reward = make_reward(RewardSpec{}, options.prompt);
    options.metadata = reward.metadata;
    const MilrRunResult result = engine.run(options, *reward.reward);
    EXPECT_TRUE(result.error.empty()) << c.name << ": " << result.error;
    nlohmann::json records = nlohmann::json::array();
    for (const StepRecord& record : result.records) records.push_back(comparable(record));
    return {{"records", records}, {"returned_index", result.returned_index}};
}

}  // namespace

TEST(GoldenTrajectories, SameSeedGivesTheCommittedTrajectories) {
    ModelBundle bundle = load_model_bundle(embedded_model_folder());
    MilrEngine engine(bundle.model, bundle.tokenizer);
    nlohmann::json now = {{"machine", machine()}, {"cases", nlohmann::json::object()}};
    for (const GoldenCase& c : kCases) now["cases"][c.name] = run_case(engine, c);

    if (std::getenv("MILR_WRITE_GOLDEN")) {
        std::ofstream(kGoldenFile) << now.dump(1) << "\n";
        GTEST_SKIP() << "wrote " << kGoldenFile;
    }
    std::ifstream file(kGoldenFile);
    ASSERT_TRUE(file) << "no " << kGoldenFile << " (write it with MILR_WRITE_GOLDEN=1)";
    const nlohmann::json golden = nlohmann::json::parse(file);
    if (golden["machine"] != now["machine"])
        GTEST_SKIP() << "the committed trajectories come from another machine (" << golden["machine"].dump()
                     << "; this one is " << now["machine"].dump() << "): bit-identity is only defined on one machine";
    for (const GoldenCase& c : kCases) {
        SCOPED_TRACE(c.name);
        const nlohmann::json& expected = golden["cases"][c.name];
        const nlohmann::json& actual = now["cases"][c.name];
        EXPECT_EQ(actual["returned_index"], expected["returned_index"]);
        ASSERT_EQ(actual["records"].size(), expected["records"].size());
        for (size_t i = 0; i < expected["records"].size(); ++i)
            for (const auto& [field, value] : expected["records"][i].items())
                EXPECT_EQ(actual["records"][i][field], value) << "step " << i << ", field " << field;
    }
}

TEST(GoldenTrajectories, TwoRunsInOneProcessAreIdentical) {
    // The part of the guarantee that holds on any machine.
    ModelBundle bundle = load_model_bundle(embedded_model_folder());
    MilrEngine engine(bundle.model, bundle.tokenizer);
    const GoldenCase& c = kCases[0];
    EXPECT_EQ(run_case(engine, c), run_case(engine, c));
}
