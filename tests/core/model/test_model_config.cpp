// config.json parsing in both layouts, defaults, round trips and errors that name the field.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "core/model/config.h"
#include "core/util/error.h"
#include "tests/core/model/tiny_model.h"

namespace milr {
namespace {

const std::filesystem::path kConfigs = std::filesystem::path(MILR_TEST_DATA) / "janus-pro-configs";

void expect_same(const JanusConfig& a, const JanusConfig& b) {
    EXPECT_EQ(a.language.hidden_size, b.language.hidden_size);
    EXPECT_EQ(a.language.num_layers, b.language.num_layers);
    EXPECT_EQ(a.language.num_heads, b.language.num_heads);
    EXPECT_EQ(a.language.num_kv_heads, b.language.num_kv_heads);
    EXPECT_EQ(a.language.intermediate_size, b.language.intermediate_size);
    EXPECT_EQ(a.language.vocab_size, b.language.vocab_size);
    EXPECT_DOUBLE_EQ(a.language.rope_theta, b.language.rope_theta);
    EXPECT_DOUBLE_EQ(a.language.rms_norm_eps, b.language.rms_norm_eps);
    ASSERT_EQ(a.vision.has_value(), b.vision.has_value());
    if (a.vision) {
        EXPECT_EQ(a.vision->image_size, b.vision->image_size);
        EXPECT_EQ(a.vision->patch_size, b.vision->patch_size);
        EXPECT_EQ(a.vision->width, b.vision->width);
        EXPECT_EQ(a.vision->layers, b.vision->layers);
        EXPECT_EQ(a.vision->heads, b.vision->heads);
        EXPECT_DOUBLE_EQ(a.vision->mlp_ratio, b.vision->mlp_ratio);
        EXPECT_EQ(a.aligner->depth, b.aligner->depth);
    }
    EXPECT_EQ(a.gen_vision.codebook_size, b.gen_vision.codebook_size);
    EXPECT_EQ(a.gen_vision.codebook_dim, b.gen_vision.codebook_dim);
    EXPECT_EQ(a.gen_vision.base_channels, b.gen_vision.base_channels);
    EXPECT_EQ(a.gen_vision.channel_multipliers, b.gen_vision.channel_multipliers);
    EXPECT_EQ(a.gen_vision.z_channels, b.gen_vision.z_channels);
    EXPECT_EQ(a.gen_vision.num_res_blocks, b.gen_vision.num_res_blocks);
    EXPECT_EQ(a.gen_vision.image_size, b.gen_vision.image_size);
    EXPECT_EQ(a.gen_aligner.output_dim, b.gen_aligner.output_dim);
    EXPECT_EQ(a.gen_aligner.depth, b.gen_aligner.depth);
    EXPECT_EQ(a.gen_head.image_token_embed, b.gen_head.image_token_embed);
    EXPECT_EQ(a.gen_head.image_token_size, b.gen_head.image_token_size);
}

TEST(ModelConfig, PublishedOneBConfigGivesPaperDimensionsAndLlamaDefaults) {
    const JanusConfig c = read_janus_config(kConfigs / "1b");
    EXPECT_EQ(c.layout, CheckpointLayout::DeepSeek);
    EXPECT_EQ(c.language.hidden_size, 2048);
    EXPECT_EQ(c.language.num_layers, 24);
    EXPECT_EQ(c.language.num_heads, 16);
    EXPECT_EQ(c.language.num_kv_heads, 16);  // absent: equals the head count
    EXPECT_EQ(c.language.head_dim(), 128);
    EXPECT_DOUBLE_EQ(c.language.rope_theta, 10000.0);
    EXPECT_DOUBLE_EQ(c.language.rms_norm_eps, 1e-6);
    ASSERT_TRUE(c.vision.has_value());
    EXPECT_EQ(c.vision->width, 1024);
    EXPECT_EQ(c.understanding_tokens(), 576);
    EXPECT_EQ(c.image_tokens_per_image(), 576);
    EXPECT_EQ(c.gen_head.image_token_size, 16384);
    expect_same(c, janus_pro_config("1B"));
    expect_same(read_janus_config(kConfigs / "7b"), janus_pro_config("7B"));
}

TEST(ModelConfig, BothLayoutsRoundTripToTheSameConfig) {
    for (const JanusConfig& original : {testing::tiny_config(), testing::tiny_config(2, false), janus_pro_config("7B")}) {
        const JanusConfig deepseek = parse_janus_config(to_deepseek_json(original), "deepseek");
        const JanusConfig native = parse_janus_config(to_transformers_json(original), "native");
        EXPECT_EQ(deepseek.layout, CheckpointLayout::DeepSeek);
        EXPECT_EQ(native.layout, CheckpointLayout::TransformersNative);
        expect_same(deepseek, original);
        expect_same(native, original);
    }
}

TEST(ModelConfig, WriterProducesAFileTheReaderAccepts) {
    const auto folder = std::filesystem::temp_directory_path() / "milr_test_model_config";
    std::filesystem::create_directories(folder);
    write_janus_config(testing::tiny_config(), folder / "config.json");
    expect_same(read_janus_config(folder), testing::tiny_config());
    std::filesystem::remove_all(folder);
}

TEST(ModelConfig, ErrorsNameTheField) {
    nlohmann::json json = to_deepseek_json(janus_pro_config("1B"));
    json["language_config"]["num_attention_heads"] = "sixteen";
    try {
        parse_janus_config(json, "cfg.json");
        FAIL() << "a string head count was accepted";
    } catch (const Error& e) {
        EXPECT_NE(std::string(e.what()).find("cfg.json"), std::string::npos);
        EXPECT_NE(std::string(e.what()).find("language_config.num_attention_heads"), std::string::npos);
    }
    json["language_config"]["num_attention_heads"] = 15;  // does not divide 2048
    EXPECT_THROW(parse_janus_config(json, "cfg.json"), Error);
    EXPECT_THROW(parse_janus_config(nlohmann::json::object(), "cfg.json"), Error);
    nlohmann::json no_vq = to_deepseek_json(janus_pro_config("1B"));
    no_vq.erase("gen_vision_config");
    try {
        parse_janus_config(no_vq, "cfg.json");
        FAIL() << "a config without gen_vision_config was accepted";
    } catch (const Error& e) {
        EXPECT_NE(std::string(e.what()).find("gen_vision_config"), std::string::npos);
    }
    EXPECT_THROW(read_janus_config("/nonexistent/folder"), Error);
}

}  // namespace
}  // namespace milr
