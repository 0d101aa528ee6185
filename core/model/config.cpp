// Reading, validating and writing config.json for both checkpoint layouts.
#include "core/model/config.h"

#include <cmath>
#include <fstream>
#include <sstream>

#include "core/util/error.h"

namespace milr {
namespace {

using nlohmann::json;

// A field reader that names the file and the field path in every error.
class Fields {
public:
    Fields(const json& node, std::string path, const std::string& source)
        : m_node(node), m_path(std::move(path)), m_source(source) {
        if (!m_node.is_object()) fail("", "is not a JSON object");
    }
    bool has(const char* key) const { return m_node.contains(key) && !m_node.at(key).is_null(); }
    Fields child(const char* key) const {
        if (!has(key)) fail(key, "is missing");
        return Fields(m_node.at(key), path_of(key), m_source);
    }
    int64_t integer(const char* key, int64_t fallback) const {
        if (!has(key)) return fallback;
        const json& value = m_node.at(key);
        if (!value.is_number_integer()) fail(key, "must be an integer");
        return value.get<int64_t>();
    }
    double number(const char* key, double fallback) const {
        if (!has(key)) return fallback;
        const json& value = m_node.at(key);
        if (!value.is_number()) fail(key, "must be a number");
        return value.get<double>();
    }
    // At most `max_count` entries: a longer array is refused before anything is derived from its length.
    std::vector<int64_t> integers(const char* key, const std::vector<int64_t>& fallback, size_t max_count) const {
        if (!has(key)) return fallback;
        const json& value = m_node.at(key);
        if (!value.is_array() || value.empty()) fail(key, "must be a non-empty array of integers");
        if (value.size() > max_count)
            fail(key,
                 "has " + std::to_string(value.size()) + " entries; at most " + std::to_string(max_count) +
                     " are accepted");
        std::vector<int64_t> out;
        for (const json& item : value) {
            if (!item.is_number_integer()) fail(key, "must be a non-empty array of integers");
            out.push_back(item.get<int64_t>());
        }
        return out;
    }
    const std::string& source() const { return m_source; }
    [[noreturn]] void fail(const std::string& key, const std::string& what) const {
        throw Error(m_source + ": field '" + path_of(key) + "' " + what);
    }

private:
    std::string path_of(const std::string& key) const {
        return m_path.empty() ? key : key.empty() ? m_path : m_path + "." + key;
    }
    const json& m_node;
    std::string m_path;
    const std::string& m_source;
};

// The largest value each dimension may take. Far above any published model (Janus-Pro-7B: hidden 4096,
// 30 layers, vocabulary 102,400, 384 px images), and small enough that every product the loader and the
// memory estimate form (parameter counts, cache and activation sizes, in bytes) fits in int64.
constexpr int64_t kMaxWidth = 65536;         // hidden sizes, channels, embedding dimensions
constexpr int64_t kMaxFeedForward = 262144;  // intermediate_size
constexpr int64_t kMaxLayers = 1024;
constexpr int64_t kMaxVocabulary = 1 << 24;  // vocab_size, codebook size
constexpr int64_t kMaxPositions = 1 << 24;   // max_position_embeddings
constexpr int64_t kMaxImageSize = 4096;      // pixels, both towers
constexpr int64_t kMaxProjectorDepth = 64;
constexpr int64_t kMaxResBlocks = 64;
constexpr int64_t kMaxChannelLevels = 8;  // VQ levels: downsampling up to 2^7
constexpr int64_t kMaxChannelMultiplier = 64;
constexpr double kMaxMlpRatio = 64.0;
constexpr double kMaxRopeTheta = 1e12;

// A config field as each layout spells it (the transformers layout derives some; then it names the source).
struct Field {
    const char* deepseek;
    const char* native;
};

// Checks values against their limits; each error names the file, the field in the config's own layout,
// the value and the limit.
class ConfigChecker {
public:
    ConfigChecker(CheckpointLayout layout, const std::string& source) : m_layout(layout), m_source(source) {}

    std::string name(Field field) const {
        return m_layout == CheckpointLayout::DeepSeek ? field.deepseek : field.native;
    }
    [[noreturn]] void fail(Field field, const std::string& value, const std::string& what) const {
        throw Error(m_source + ": field '" + name(field) + "' is " + value + "; " + what);
    }
    void in_range(int64_t value, Field field, int64_t low, int64_t high) const {
        if (value < low || value > high)
            fail(field, std::to_string(value),
                 "it must be between " + std::to_string(low) + " and " + std::to_string(high));
    }
    // A finite number above zero and at most `high`.
    void positive(double value, Field field, double high) const {
        if (!(std::isfinite(value) && value > 0 && value <= high))
            fail(field, number_text(value), "it must be above 0 and at most " + number_text(high));
    }
    void multiple_of(int64_t value, Field field, int64_t divisor, const std::string& divisor_name) const {
        if (value % divisor != 0)
            fail(field, std::to_string(value),
                 "it must be a multiple of " + divisor_name + " (" + std::to_string(divisor) + ")");
    }
    void equals(int64_t value, Field field, int64_t expected, const std::string& expected_name) const {
        if (value != expected)
            fail(field, std::to_string(value),
                 "it must equal " + expected_name + " (" + std::to_string(expected) + ")");
    }

private:
    static std::string number_text(double value) {
        std::ostringstream out;
        out << value;
        return out.str();
    }
    CheckpointLayout m_layout;
    const std::string& m_source;
};

constexpr Field kHidden{"language_config.hidden_size", "text_config.hidden_size"};

void validate_language(const LanguageConfig& l, const ConfigChecker& check) {
    const Field heads{"language_config.num_attention_heads", "text_config.num_attention_heads"};
    const Field kv_heads{"language_config.num_key_value_heads", "text_config.num_key_value_heads"};
    check.in_range(l.hidden_size, kHidden, 1, kMaxWidth);
    check.in_range(l.num_layers, {"language_config.num_hidden_layers", "text_config.num_hidden_layers"}, 1, kMaxLayers);
    check.in_range(l.num_heads, heads, 1, l.hidden_size);
    check.multiple_of(l.hidden_size, kHidden, l.num_heads, check.name(heads));
    check.in_range(l.num_kv_heads, kv_heads, 1, l.num_heads);
    check.in_range(l.intermediate_size, {"language_config.intermediate_size", "text_config.intermediate_size"}, 1,
                   kMaxFeedForward);
    check.in_range(l.vocab_size, {"language_config.vocab_size", "text_config.vocab_size"}, 1, kMaxVocabulary);
    check.in_range(l.max_position_embeddings,
                   {"language_config.max_position_embeddings", "text_config.max_position_embeddings"}, 1,
                   kMaxPositions);
    check.positive(l.rope_theta, {"language_config.rope_theta", "text_config.rope_theta"}, kMaxRopeTheta);
    check.positive(l.rms_norm_eps, {"language_config.rms_norm_eps", "text_config.rms_norm_eps"}, 1.0);
    if (l.head_dim() % 2 != 0)
        check.fail(heads, std::to_string(l.num_heads),
                   "the head dimension (hidden_size / heads = " + std::to_string(l.head_dim()) +
                       ") must be even for rotary embeddings");
    check.multiple_of(l.num_heads, heads, l.num_kv_heads, check.name(kv_heads));
}

void validate_projector(const ProjectorConfig& p, Field input, Field output, Field depth, const ConfigChecker& check) {
    check.in_range(p.input_dim, input, 1, kMaxWidth);
    check.in_range(p.output_dim, output, 1, kMaxWidth);
    check.in_range(p.depth, depth, 1, kMaxProjectorDepth);
}

void validate_vision(const JanusConfig& c, const ConfigChecker& check) {
    const VisionConfig& v = *c.vision;
    const Field image{"vision_config.params.image_size", "vision_config.image_size"};
    const Field patch{"vision_config.params.patch_size", "vision_config.patch_size"};
    const Field width{"vision_config.params.width", "vision_config.hidden_size"};
    const Field heads{"vision_config.params.heads", "vision_config.num_attention_heads"};
    check.in_range(v.image_size, image, 1, kMaxImageSize);
    check.in_range(v.patch_size, patch, 1, v.image_size);
    check.multiple_of(v.image_size, image, v.patch_size, check.name(patch));
    check.in_range(v.width, width, 1, kMaxWidth);
    check.in_range(v.layers, {"vision_config.params.layers", "vision_config.num_hidden_layers"}, 1, kMaxLayers);
    check.in_range(v.heads, heads, 1, v.width);
    check.multiple_of(v.width, width, v.heads, check.name(heads));
    const Field mlp_ratio{"vision_config.params.mlp_ratio", "vision_config.mlp_ratio"};
    check.positive(v.mlp_ratio, mlp_ratio, kMaxMlpRatio);
    if (v.mlp_dim() < 1) check.fail(mlp_ratio, std::to_string(v.mlp_ratio), "width x mlp_ratio must be at least 1");
    check.positive(v.layer_norm_eps, {"vision_config.params.layer_norm_eps", "vision_config.layer_norm_eps"}, 1.0);
    if (!c.aligner) check.fail({"aligner_config", "vision_config.projection_dim"}, "missing", "vision_config needs it");
    const Field input{"aligner_config.params.input_dim", "vision_config.hidden_size"};
    const Field output{"aligner_config.params.n_embed", "vision_config.projection_dim"};
    validate_projector(*c.aligner, input, output, {"aligner_config.params.depth", "vision_config.depth"}, check);
    check.equals(c.aligner->input_dim, input, v.width, "the vision width");
    check.equals(c.aligner->output_dim, output, c.language.hidden_size, check.name(kHidden));
}

void validate_gen_vision(const VQConfig& q, const ConfigChecker& check) {
    const Field base{"gen_vision_config.params.base_channels", "vq_config.base_channels"};
    const Field multipliers{"gen_vision_config.params.channel_multipliers", "vq_config.channel_multiplier"};
    const Field groups{"gen_vision_config.params.norm_groups", "vq_config.norm_groups"};
    check.in_range(q.codebook_size, {"gen_vision_config.params.image_token_size", "vq_config.num_embeddings"}, 1,
                   kMaxVocabulary);
    check.in_range(q.codebook_dim, {"gen_vision_config.params.n_embed", "vq_config.embed_dim"}, 1, kMaxWidth);
    check.in_range(q.base_channels, base, 1, kMaxWidth);
    check.in_range(static_cast<int64_t>(q.channel_multipliers.size()), multipliers, 1, kMaxChannelLevels);
    check.in_range(q.norm_groups, groups, 1, kMaxWidth);
    for (int64_t m : q.channel_multipliers) {
        check.in_range(m, multipliers, 1, kMaxChannelMultiplier);
        check.in_range(q.base_channels, base, 1, kMaxWidth / m);  // base_channels x multiplier within kMaxWidth
        check.multiple_of(q.base_channels * m,
                          {"gen_vision_config channels (base_channels x multiplier)",
                           "vq_config channels (base_channels x multiplier)"},
                          q.norm_groups, check.name(groups));
    }
    const Field z{"gen_vision_config.params.z_channels", "vq_config.latent_channels"};
    check.in_range(q.z_channels, z, 1, kMaxWidth);
    check.multiple_of(q.z_channels, z, q.norm_groups, check.name(groups));
    check.in_range(q.num_res_blocks, {"gen_vision_config.params.num_res_blocks", "vq_config.num_res_blocks"}, 1,
                   kMaxResBlocks);
    const Field image{"gen_vision_config.params.image_size",
                      "vision_config.num_image_tokens (or vq_config.num_patches): the image size it gives"};
    check.in_range(q.image_size, image, q.downsampling(), kMaxImageSize);
    check.multiple_of(q.image_size, image, q.downsampling(), "the codec's downsampling factor");
    check.positive(q.norm_eps, {"gen_vision_config.params.norm_eps", "vq_config.norm_eps"}, 1.0);
}

void validate_generation_heads(const JanusConfig& c, const ConfigChecker& check) {
    const int64_t hidden = c.language.hidden_size;
    const Field aligner_input{"gen_aligner_config.params.input_dim", "vq_config.embed_dim"};
    const Field aligner_output{"gen_aligner_config.params.n_embed", "vq_config.projection_dim"};
    validate_projector(c.gen_aligner, aligner_input, aligner_output,
                       {"gen_aligner_config.params.depth", "vq_config.num_hidden_layers"}, check);
    check.equals(c.gen_aligner.input_dim, aligner_input, c.gen_vision.codebook_dim, "the codebook dimension");
    check.equals(c.gen_aligner.output_dim, aligner_output, hidden, check.name(kHidden));
    const Field head_input{"gen_head_config.params.n_embed", "vq_config.image_token_embed_dim"};
    const Field head_size{"gen_head_config.params.image_token_size", "vq_config.num_embeddings"};
    check.equals(c.gen_head.n_embed, head_input, hidden, check.name(kHidden));
    check.in_range(c.gen_head.image_token_embed,
                   {"gen_head_config.params.image_token_embed", "vq_config.projection_dim"}, 1, kMaxWidth);
    check.equals(c.gen_head.image_token_size, head_size, c.gen_vision.codebook_size, "the codebook size");
    if (c.image_token_id != -1)
        check.in_range(c.image_token_id, {"image_token_id", "image_token_id"}, 0, c.language.vocab_size - 1);
}

LanguageConfig parse_language(const Fields& f) {
    LanguageConfig c;
    c.hidden_size = f.integer("hidden_size", c.hidden_size);
    c.num_layers = f.integer("num_hidden_layers", c.num_layers);
    c.num_heads = f.integer("num_attention_heads", c.num_heads);
    c.num_kv_heads = f.integer("num_key_value_heads", c.num_heads);
    c.intermediate_size = f.integer("intermediate_size", c.intermediate_size);
    c.vocab_size = f.integer("vocab_size", c.vocab_size);
    c.max_position_embeddings = f.integer("max_position_embeddings", c.max_position_embeddings);
    c.rope_theta = f.number("rope_theta", c.rope_theta);
    c.rms_norm_eps = f.number("rms_norm_eps", c.rms_norm_eps);
    return c;
}

JanusConfig parse_deepseek(const Fields& root) {
    JanusConfig c;
    c.layout = CheckpointLayout::DeepSeek;
    c.language = parse_language(root.child("language_config"));
    const int64_t hidden = c.language.hidden_size;
    if (root.has("vision_config")) {
        const Fields p = root.child("vision_config").child("params");
        VisionConfig v;
        v.image_size = p.integer("image_size", v.image_size);
        v.patch_size = p.integer("patch_size", v.patch_size);
        v.width = p.integer("width", v.width);
        v.layers = p.integer("layers", v.layers);
        v.heads = p.integer("heads", v.heads);
        v.mlp_ratio = p.number("mlp_ratio", v.mlp_ratio);
        c.vision = v;
        ProjectorConfig a{v.width, hidden, 2};
        if (root.has("aligner_config")) {
            const Fields ap = root.child("aligner_config").child("params");
            a.input_dim = ap.integer("input_dim", a.input_dim);
            a.output_dim = ap.integer("n_embed", a.output_dim);
            a.depth = ap.integer("depth", a.depth);
        }
        c.aligner = a;
    }
    const Fields gv = root.child("gen_vision_config").child("params");
    VQConfig& q = c.gen_vision;
    q.codebook_size = gv.integer("image_token_size", q.codebook_size);
    q.codebook_dim = gv.integer("n_embed", q.codebook_dim);
    q.base_channels = gv.integer("base_channels", q.base_channels);
    q.channel_multipliers = gv.integers("channel_multipliers", q.channel_multipliers, kMaxChannelLevels);
    q.z_channels = gv.integer("z_channels", q.z_channels);
    q.num_res_blocks = gv.integer("num_res_blocks", q.num_res_blocks);
    q.image_size = gv.integer("image_size", q.image_size);
    q.norm_groups = gv.integer("norm_groups", q.norm_groups);
    q.norm_eps = gv.number("norm_eps", q.norm_eps);
    const Fields ga = root.child("gen_aligner_config").child("params");
    c.gen_aligner = {ga.integer("input_dim", q.codebook_dim), ga.integer("n_embed", hidden), ga.integer("depth", 2)};
    const Fields gh = root.child("gen_head_config").child("params");
    c.gen_head = {gh.integer("n_embed", hidden), gh.integer("image_token_embed", hidden),
                  gh.integer("image_token_size", q.codebook_size)};
    return c;
}

JanusConfig parse_native(const Fields& root) {
    JanusConfig c;
    c.layout = CheckpointLayout::TransformersNative;
    c.language = parse_language(root.child("text_config"));
    const int64_t hidden = c.language.hidden_size;
    c.image_token_id = root.integer("image_token_id", -1);
    VQConfig& q = c.gen_vision;
    if (root.has("vision_config")) {
        const Fields p = root.child("vision_config");
        VisionConfig v;
        v.image_size = p.integer("image_size", v.image_size);
        v.patch_size = p.integer("patch_size", v.patch_size);
        v.width = p.integer("hidden_size", v.width);
        v.layers = p.integer("num_hidden_layers", v.layers);
        v.heads = p.integer("num_attention_heads", v.heads);
        v.mlp_ratio = p.number("mlp_ratio", v.mlp_ratio);
        v.layer_norm_eps = p.number("layer_norm_eps", v.layer_norm_eps);
        c.vision = v;
        c.aligner = ProjectorConfig{v.width, p.integer("projection_dim", hidden), p.integer("depth", 2)};
        validate_vision(c, ConfigChecker(c.layout, root.source()));  // its patch count is used below
    }
    const Fields vq = root.child("vq_config");
    q.codebook_size = vq.integer("num_embeddings", q.codebook_size);
    q.codebook_dim = vq.integer("embed_dim", q.codebook_dim);
    q.base_channels = vq.integer("base_channels", q.base_channels);
    q.channel_multipliers = vq.integers("channel_multiplier", q.channel_multipliers, kMaxChannelLevels);
    q.z_channels = vq.integer("latent_channels", q.z_channels);
    q.num_res_blocks = vq.integer("num_res_blocks", q.num_res_blocks);
    // The transformers port generates vision_config.num_image_tokens codes; vq_config.num_patches is the fallback.
    int64_t grid = vq.integer("num_patches", 24);
    if (grid < 1 || grid > kMaxImageSize)
        vq.fail("num_patches",
                "is " + std::to_string(grid) + "; it must be between 1 and " + std::to_string(kMaxImageSize));
    if (c.vision) {
        const Fields p = root.child("vision_config");
        const int64_t tokens = p.integer("num_image_tokens", c.vision->num_patches());
        if (tokens < 1 || tokens > kMaxImageSize * kMaxImageSize)
            p.fail("num_image_tokens",
                   "is " + std::to_string(tokens) + "; it must be between 1 and " +
                       std::to_string(kMaxImageSize * kMaxImageSize));
        grid = static_cast<int64_t>(std::lround(std::sqrt(double(tokens))));
        if (grid * grid != tokens) p.fail("num_image_tokens", "must be a square number");
    }
    q.image_size = grid * q.downsampling();
    const int64_t projection = vq.integer("projection_dim", hidden);
    c.gen_aligner = {q.codebook_dim, projection, vq.integer("num_hidden_layers", 2)};
    c.gen_head = {vq.integer("image_token_embed_dim", hidden), projection, q.codebook_size};
    return c;
}

}  // namespace

std::string layout_name(CheckpointLayout layout) {
    return layout == CheckpointLayout::DeepSeek ? "deepseek" : "transformers";
}

JanusConfig parse_janus_config(const nlohmann::json& json, const std::string& source) {
    const Fields root(json, "", source);
    JanusConfig config;
    if (root.has("language_config"))
        config = parse_deepseek(root);
    else if (root.has("text_config"))
        config = parse_native(root);
    else
        throw Error(source +
                    ": neither 'language_config' (DeepSeek layout) nor 'text_config' (transformers "
                    "layout) is present; this is not a Janus config.json");
    validate_janus_config(config, source);
    return config;
}

JanusConfig read_janus_config(const std::filesystem::path& folder_or_file) {
    const std::filesystem::path file =
        std::filesystem::is_directory(folder_or_file) ? folder_or_file / "config.json" : folder_or_file;
    std::ifstream in(file);
    if (!in) throw Error(file.string() + ": cannot open the model configuration");
    nlohmann::json json;
    try {
        in >> json;
    } catch (const nlohmann::json::exception& e) {
        throw Error(file.string() + ": invalid JSON (" + e.what() + ")");
    }
    return parse_janus_config(json, file.string());
}

void validate_janus_config(const JanusConfig& c, const std::string& source) {
    const ConfigChecker check(c.layout, source);
    validate_language(c.language, check);
    if (c.vision) validate_vision(c, check);
    validate_gen_vision(c.gen_vision, check);
    validate_generation_heads(c, check);
}

nlohmann::json to_deepseek_json(const JanusConfig& c) {
    using nlohmann::json;
    const LanguageConfig& l = c.language;
    json out;
    out["model_type"] = "multi_modality";
    out["architectures"] = json::array({"MultiModalityCausalLM"});
    out["language_config"] = {{"model_type", "llama"},
                              {"hidden_size", l.hidden_size},
                              {"num_hidden_layers", l.num_layers},
                              {"num_attention_heads", l.num_heads},
                              {"num_key_value_heads", l.num_kv_heads},
                              {"intermediate_size", l.intermediate_size},
                              {"vocab_size", l.vocab_size},
                              {"max_position_embeddings", l.max_position_embeddings},
                              {"rope_theta", l.rope_theta},
                              {"rms_norm_eps", l.rms_norm_eps}};
    if (c.vision) {
        const VisionConfig& v = *c.vision;
        out["vision_config"] = {{"cls", "CLIPVisionTower"},
                                {"model_type", "vision"},
                                {"params",
                                 {{"image_size", v.image_size},
                                  {"patch_size", v.patch_size},
                                  {"width", v.width},
                                  {"layers", v.layers},
                                  {"heads", v.heads},
                                  {"mlp_ratio", v.mlp_ratio},
                                  {"select_feature", "same"},
                                  {"select_layer", -1}}}};
        out["aligner_config"] = {{"cls", "MlpProjector"},
                                 {"model_type", "aligner"},
                                 {"params",
                                  {{"projector_type", "mlp_gelu"},
                                   {"depth", c.aligner->depth},
                                   {"input_dim", c.aligner->input_dim},
                                   {"n_embed", c.aligner->output_dim}}}};
    }
    const VQConfig& q = c.gen_vision;
    out["gen_vision_config"] = {{"cls", "VQ-16"},
                                {"model_type", "gen_vision"},
                                {"params",
                                 {{"image_token_size", q.codebook_size},
                                  {"n_embed", q.codebook_dim},
                                  {"base_channels", q.base_channels},
                                  {"channel_multipliers", q.channel_multipliers},
                                  {"z_channels", q.z_channels},
                                  {"num_res_blocks", q.num_res_blocks},
                                  {"image_size", q.image_size},
                                  {"norm_groups", q.norm_groups},
                                  {"norm_eps", q.norm_eps}}}};
    out["gen_aligner_config"] = {{"cls", "MlpProjector"},
                                 {"model_type", "gen_aligner"},
                                 {"params",
                                  {{"projector_type", "mlp_gelu"},
                                   {"depth", c.gen_aligner.depth},
                                   {"input_dim", c.gen_aligner.input_dim},
                                   {"n_embed", c.gen_aligner.output_dim}}}};
    out["gen_head_config"] = {{"cls", "vision_head"},
                              {"model_type", "gen_head"},
                              {"params",
                               {{"n_embed", c.gen_head.n_embed},
                                {"image_token_embed", c.gen_head.image_token_embed},
                                {"image_token_size", c.gen_head.image_token_size}}}};
    return out;
}

nlohmann::json to_transformers_json(const JanusConfig& c) {
    using nlohmann::json;
    const LanguageConfig& l = c.language;
    const VQConfig& q = c.gen_vision;
    json out;
    out["model_type"] = "janus";
    out["architectures"] = json::array({"JanusForConditionalGeneration"});
    out["text_config"] = {{"model_type", "llama"},
                          {"hidden_size", l.hidden_size},
                          {"num_hidden_layers", l.num_layers},
                          {"num_attention_heads", l.num_heads},
                          {"num_key_value_heads", l.num_kv_heads},
                          {"intermediate_size", l.intermediate_size},
                          {"vocab_size", l.vocab_size},
                          {"max_position_embeddings", l.max_position_embeddings},
                          {"rope_theta", l.rope_theta},
                          {"rms_norm_eps", l.rms_norm_eps}};
    if (c.vision) {
        const VisionConfig& v = *c.vision;
        out["vision_config"] = {{"model_type", "janus_vision_model"},
                                {"hidden_size", v.width},
                                {"num_hidden_layers", v.layers},
                                {"num_attention_heads", v.heads},
                                {"patch_size", v.patch_size},
                                {"image_size", v.image_size},
                                {"mlp_ratio", v.mlp_ratio},
                                {"layer_norm_eps", v.layer_norm_eps},
                                {"projection_dim", c.aligner->output_dim},
                                {"depth", c.aligner->depth},
                                {"num_image_tokens", c.image_tokens_per_image()},
                                {"select_layer", -1}};
    }
    out["vq_config"] = {{"model_type", "janus_vqgan"},
                        {"embed_dim", q.codebook_dim},
                        {"num_embeddings", q.codebook_size},
                        {"base_channels", q.base_channels},
                        {"channel_multiplier", q.channel_multipliers},
                        {"latent_channels", q.z_channels},
                        {"num_res_blocks", q.num_res_blocks},
                        {"num_patches", q.grid_size()},
                        {"projection_dim", c.gen_head.image_token_embed},
                        {"num_hidden_layers", c.gen_aligner.depth},
                        {"image_token_embed_dim", c.gen_head.n_embed}};
    if (c.image_token_id >= 0) out["image_token_id"] = c.image_token_id;
    return out;
}

void write_janus_config(const JanusConfig& config, const std::filesystem::path& file, CheckpointLayout layout) {
    validate_janus_config(config, file.string());
    const std::filesystem::path temporary = file.string() + ".tmp";
    {
        std::ofstream out(temporary);
        if (!out) throw Error(temporary.string() + ": cannot write the model configuration");
        const nlohmann::json json =
            layout == CheckpointLayout::DeepSeek ? to_deepseek_json(config) : to_transformers_json(config);
        out << json.dump(2) << "\n";
        if (!out) throw Error(temporary.string() + ": write failed");
    }
    std::filesystem::rename(temporary, file);
}

JanusConfig janus_pro_config(const std::string& size) {
    JanusConfig c;
    c.language.vocab_size = 102400;
    c.language.max_position_embeddings = 16384;
    if (size == "1B") {
        c.language.hidden_size = 2048;
        c.language.num_layers = 24;
        c.language.num_heads = c.language.num_kv_heads = 16;
        c.language.intermediate_size = 5632;
    } else if (size == "7B") {
        c.language.hidden_size = 4096;
        c.language.num_layers = 30;
        c.language.num_heads = c.language.num_kv_heads = 32;
        c.language.intermediate_size = 11008;
    } else {
        throw Error("unknown Janus-Pro size '" + size + "' (use 1B or 7B)");
    }
    const int64_t hidden = c.language.hidden_size;
    c.vision = VisionConfig{};
    c.aligner = ProjectorConfig{1024, hidden, 2};
    c.gen_aligner = {8, hidden, 2};
    c.gen_head = {hidden, hidden, 16384};
    validate_janus_config(c, "Janus-Pro-" + size);
    return c;
}

}  // namespace milr
