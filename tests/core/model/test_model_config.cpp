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
    for (const JanusConfig& original :
         {testing::tiny_config(), testing::tiny_config(2, false), janus_pro_config("7B")}) {
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

// Each case: a field set to a value past its limit; the error must name the file, the field and the limit.
struct BadField {
    const char* pointer;  // JSON pointer into the config
    nlohmann::json value;
    const char* field;  // as the error names it
    const char* limit;
};

std::string parse_error(const nlohmann::json& json) {
    try {
        parse_janus_config(json, "cfg.json");
    } catch (const Error& e) {
        return e.what();
    }
    return "(accepted)";
}

void expect_refused(const nlohmann::json& valid, const BadField& bad) {
    nlohmann::json json = valid;
    json[nlohmann::json::json_pointer(bad.pointer)] = bad.value;
    const std::string message = parse_error(json);
    EXPECT_NE(message.find("cfg.json"), std::string::npos) << bad.pointer << ": " << message;
    EXPECT_NE(message.find(std::string("'") + bad.field + "'"), std::string::npos) << bad.pointer << ": " << message;
    EXPECT_NE(message.find(bad.limit), std::string::npos) << bad.pointer << ": " << message;
}

TEST(ModelConfig, EveryDimensionIsBoundedAndItsErrorNamesTheFieldAndTheLimit) {
    const nlohmann::json deepseek = to_deepseek_json(janus_pro_config("1B"));
    const nlohmann::json multipliers_65 = std::vector<int64_t>(65, 1);
    const std::vector<BadField> deepseek_cases = {
        // The three from the issue: a zero divisor, an image larger than any allocation, an undefined shift.
        {"/gen_vision_config/params/norm_groups", 0, "gen_vision_config.params.norm_groups", "between 1 and 65536"},
        {"/gen_vision_config/params/image_size", int64_t(1) << 20, "gen_vision_config.params.image_size", "and 4096"},
        {"/gen_vision_config/params/channel_multipliers", multipliers_65,
         "gen_vision_config.params.channel_multipliers", "at most 8"},
        {"/language_config/hidden_size", 0, "language_config.hidden_size", "between 1 and 65536"},
        {"/language_config/num_hidden_layers", 100000, "language_config.num_hidden_layers", "between 1 and 1024"},
        {"/language_config/num_attention_heads", 0, "language_config.num_attention_heads", "between 1 and 2048"},
        {"/language_config/num_attention_heads", 15, "language_config.hidden_size", "multiple of"},
        {"/language_config/num_key_value_heads", 32, "language_config.num_key_value_heads", "between 1 and 16"},
        {"/language_config/intermediate_size", -1, "language_config.intermediate_size", "between 1 and 262144"},
        {"/language_config/vocab_size", int64_t(1) << 40, "language_config.vocab_size", "between 1 and 16777216"},
        {"/language_config/max_position_embeddings", 0, "language_config.max_position_embeddings", "between 1 and"},
        {"/language_config/rope_theta", 0.0, "language_config.rope_theta", "above 0"},
        {"/language_config/rms_norm_eps", 1e300, "language_config.rms_norm_eps", "at most 1"},
        {"/vision_config/params/image_size", 0, "vision_config.params.image_size", "between 1 and 4096"},
        {"/vision_config/params/patch_size", 0, "vision_config.params.patch_size", "between 1 and 384"},
        {"/vision_config/params/patch_size", 7, "vision_config.params.image_size", "multiple of"},
        {"/vision_config/params/width", int64_t(1) << 62, "vision_config.params.width", "between 1 and 65536"},
        {"/vision_config/params/layers", 0, "vision_config.params.layers", "between 1 and 1024"},
        {"/vision_config/params/heads", 0, "vision_config.params.heads", "between 1 and 1024"},
        {"/vision_config/params/mlp_ratio", 1e30, "vision_config.params.mlp_ratio", "at most 64"},
        {"/aligner_config/params/depth", 0, "aligner_config.params.depth", "between 1 and 64"},
        {"/aligner_config/params/input_dim", 512, "aligner_config.params.input_dim", "vision width (1024)"},
        {"/gen_vision_config/params/image_token_size", 0, "gen_vision_config.params.image_token_size", "between 1"},
        {"/gen_vision_config/params/n_embed", -8, "gen_vision_config.params.n_embed", "between 1 and 65536"},
        {"/gen_vision_config/params/base_channels", 20000, "gen_vision_config.params.base_channels",
         "between 1 and 16384"},
        {"/gen_vision_config/params/channel_multipliers",
         {1, 0},
         "gen_vision_config.params.channel_multipliers",
         "between 1 and 64"},
        {"/gen_vision_config/params/z_channels", 0, "gen_vision_config.params.z_channels", "between 1 and 65536"},
        {"/gen_vision_config/params/z_channels", 48, "gen_vision_config.params.z_channels", "multiple of"},
        {"/gen_vision_config/params/num_res_blocks", 1000, "gen_vision_config.params.num_res_blocks",
         "between 1 and 64"},
        {"/gen_vision_config/params/norm_eps", -1.0, "gen_vision_config.params.norm_eps", "above 0"},
        {"/gen_aligner_config/params/depth", 1 << 20, "gen_aligner_config.params.depth", "between 1 and 64"},
        {"/gen_head_config/params/image_token_embed", 0, "gen_head_config.params.image_token_embed", "between 1"},
        {"/gen_head_config/params/image_token_size", 100, "gen_head_config.params.image_token_size", "codebook size"},
    };
    for (const BadField& bad : deepseek_cases) expect_refused(deepseek, bad);

    const nlohmann::json native = to_transformers_json(janus_pro_config("1B"));
    const std::vector<BadField> native_cases = {
        {"/vq_config/channel_multiplier", multipliers_65, "vq_config.channel_multiplier", "at most 8"},
        {"/vq_config/num_patches", 0, "vq_config.num_patches", "between 1 and 4096"},
        {"/vision_config/num_image_tokens", int64_t(1) << 62, "vision_config.num_image_tokens", "between 1 and"},
        {"/vision_config/patch_size", 0, "vision_config.patch_size", "between 1 and 384"},
        {"/vision_config/layer_norm_eps", 0.0, "vision_config.layer_norm_eps", "above 0"},
        {"/text_config/num_attention_heads", 0, "text_config.num_attention_heads", "between 1 and 2048"},
        {"/vq_config/latent_channels", 0, "vq_config.latent_channels", "between 1 and 65536"},
        {"/image_token_id", 102400, "image_token_id", "between 0 and 102399"},
    };
    for (const BadField& bad : native_cases) expect_refused(native, bad);
}

}  // namespace
}  // namespace milr
