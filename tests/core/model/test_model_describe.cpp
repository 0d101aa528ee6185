// describe_model: published parameter totals from config alone; the shape table equals the modules' parameters.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "core/model/describe.h"
#include "core/model/janus_model.h"
#include "core/model/parameter_specs.h"
#include "core/util/error.h"
#include "tests/core/model/tiny_model.h"

namespace milr {
namespace {

const std::filesystem::path kConfigs = std::filesystem::path(MILR_TEST_DATA) / "janus-pro-configs";

TEST(ModelDescribe, PublishedConfigsGiveThePublishedParameterCounts) {
    const ModelDescription one = describe_model(kConfigs / "1b");
    const ModelDescription seven = describe_model(kConfigs / "7b");
    EXPECT_FALSE(one.from_weights);
    EXPECT_NEAR(double(one.total_parameters), 2.089e9, 2.089e9 * 0.001);
    EXPECT_NEAR(double(seven.total_parameters), 7.420e9, 7.420e9 * 0.001);
    // Module totals of docs/design/janus-pro.md §1.6.
    for (const ModuleSize& m : one.modules) {
        if (m.module == "language_model") EXPECT_EQ(m.parameters, 1652656128);
        if (m.module == "vision_tower") EXPECT_EQ(m.parameters, 303688704);
        if (m.module == "attn_pool") EXPECT_EQ(m.parameters, 12595200);
        if (m.module == "aligner") EXPECT_EQ(m.parameters, 6295552);
        if (m.module == "gen_aligner") EXPECT_EQ(m.parameters, 4214784);
        if (m.module == "gen_head") EXPECT_EQ(m.parameters, 37767168);
    }
    for (const ModuleSize& m : seven.modules)
        if (m.module == "language_model") EXPECT_EQ(m.parameters, 6910365696);
    EXPECT_EQ(one.used_parameters + 12595200, one.total_parameters);
    EXPECT_EQ(one.bytes_per_dtype.at("BF16"), one.total_parameters * 2);
    ASSERT_EQ(one.estimates.size(), 3u);
    EXPECT_EQ(one.estimates[0].weight_bytes, one.used_parameters * 4);
    const std::string text = one.text();
    EXPECT_NE(text.find("2,089"), std::string::npos) << text;
    EXPECT_NE(text.find("hidden 2048"), std::string::npos) << text;
    std::printf("%s\n%s", text.c_str(), seven.text().c_str());
}

TEST(ModelDescribe, ShapeTableEqualsTheModulesParameters) {
    for (const JanusConfig& config : {testing::tiny_config(), testing::tiny_config(2, false)}) {
        JanusModel model(config, torch::TensorOptions());
        const auto specs = janus_parameter_specs(config, false);
        const auto params = model->named_parameters(true);
        ASSERT_EQ(specs.size(), params.size());
        for (const ParameterSpec& spec : specs) {
            const torch::Tensor* p = params.find(spec.name);
            ASSERT_NE(p, nullptr) << spec.name;
            EXPECT_EQ(std::vector<int64_t>(p->sizes().begin(), p->sizes().end()), spec.shape) << spec.name;
        }
    }
}

}  // namespace
}  // namespace milr

namespace milr {

TEST(ModelDescribe, AMistypedFolderIsSaidToBeMissing) {
    // Not "no config.json" or "no tokenizer": the folder itself is named as missing, or as a file.
    const std::filesystem::path missing = std::filesystem::temp_directory_path() / "milr-no-such-model-folder";
    std::filesystem::remove_all(missing);
    try {
        describe_model(missing);
        FAIL() << "a missing folder must be an error";
    } catch (const Error& e) {
        EXPECT_EQ(std::string(e.what()), missing.string() + ": no such folder");
    }
    const std::filesystem::path file = std::filesystem::temp_directory_path() / "milr-model-folder-is-a-file";
    std::ofstream(file) << "{}";
    try {
        describe_model(file);
        FAIL() << "a file must be an error";
    } catch (const Error& e) {
        EXPECT_NE(std::string(e.what()).find("is a file, not a model folder"), std::string::npos) << e.what();
    }
    std::filesystem::remove(file);
}

}  // namespace milr
