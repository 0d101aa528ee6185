// Reading, validating and writing config.json for both checkpoint layouts.
#include "core/model/config.h"

#include <cmath>
#include <fstream>

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
        return Fields(m_node.at(key), m_path + "." + key, m_source);
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
    std::vector<int64_t> integers(const char* key, const std::vector<int64_t>& fallback) const {
        if (!has(key)) return fallback;
        const json& value = m_node.at(key);
        if (!value.is_array() || value.empty()) fail(key, "must be a non-empty array of integers");
        std::vector<int64_t> out;
        for (const json& item : value) {
            if (!item.is_number_integer()) fail(key, "must be a non-empty array of integers");
            out.push_back(item.get<int64_t>());
        }
        return out;
    }
    [[noreturn]] void fail(const std::string& key, const std::string& what) const {
        throw Error(m_source + ": field '" + m_path + (key.empty() ? "" : "." + key) + "' " + what);
    }

private:
    const json& m_node;
    std::string m_path;
    const std::string& m_source;
};

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
    q.channel_multipliers = gv.integers("channel_multipliers", q.channel_multipliers);
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
    }
    const Fields vq = root.child("vq_config");
    q.codebook_size = vq.integer("num_embeddings", q.codebook_size);
    q.codebook_dim = vq.integer("embed_dim", q.codebook_dim);
    q.base_channels = vq.integer("base_channels", q.base_channels);
    q.channel_multipliers = vq.integers("channel_multiplier", q.channel_multipliers);
    q.z_channels = vq.integer("latent_channels", q.z_channels);
    q.num_res_blocks = vq.integer("num_res_blocks", q.num_res_blocks);
    // The transformers port generates vision_config.num_image_tokens codes; vq_config.num_patches is the fallback.
    int64_t grid = vq.integer("num_patches", 24);
    if (c.vision) {
        const int64_t tokens = root.child("vision_config").integer("num_image_tokens", c.vision->num_patches());
        grid = static_cast<int64_t>(std::lround(std::sqrt(double(tokens))));
        if (grid * grid != tokens) root.child("vision_config").fail("num_image_tokens", "must be a square number");
    }
    q.image_size = grid * q.downsampling();
    const int64_t projection = vq.integer("projection_dim", hidden);
    c.gen_aligner = {q.codebook_dim, projection, vq.integer("num_hidden_layers", 2)};
    c.gen_head = {vq.integer("image_token_embed_dim", hidden), projection, q.codebook_size};
    return c;
}

void require(bool ok, const std::string& source, const std::string& what) {
    if (!ok) throw Error(source + ": " + what);
}

}  // namespace

std::string layout_name(CheckpointLayout layout) {
    return layout == CheckpointLayout::DeepSeek ? "deepseek" : "transformers";
}

JanusConfig parse_janus_config(const nlohmann::json& json, const std::string& source) {
    const Fields root(json, "", source);
    JanusConfig config;
    if (root.has("language_config")) config = parse_deepseek(root);
    else if (root.has("text_config")) config = parse_native(root);
    else throw Error(source + ": neither 'language_config' (DeepSeek layout) nor 'text_config' (transformers "
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
    const LanguageConfig& l = c.language;
    require(l.hidden_size > 0 && l.num_layers > 0 && l.num_heads > 0 && l.num_kv_heads > 0 &&
                l.intermediate_size > 0 && l.vocab_size > 0,
            source, "language dimensions must be positive");
    require(l.hidden_size % l.num_heads == 0, source, "language hidden_size is not a multiple of num_attention_heads");
    require(l.head_dim() % 2 == 0, source, "language head dimension must be even for rotary embeddings");
    require(l.num_heads % l.num_kv_heads == 0, source,
            "language num_attention_heads is not a multiple of num_key_value_heads");
    require(l.rope_theta > 0 && l.rms_norm_eps > 0, source, "language rope_theta and rms_norm_eps must be positive");
    if (c.vision) {
        const VisionConfig& v = *c.vision;
        require(v.image_size > 0 && v.patch_size > 0 && v.image_size % v.patch_size == 0, source,
                "vision image_size must be a positive multiple of patch_size");
        require(v.width > 0 && v.layers > 0 && v.heads > 0 && v.width % v.heads == 0, source,
                "vision width must be a positive multiple of heads");
        require(v.mlp_dim() > 0, source, "vision mlp_ratio must be positive");
        require(c.aligner && c.aligner->input_dim == v.width, source, "aligner input_dim must equal the vision width");
        require(c.aligner->output_dim == l.hidden_size, source, "aligner n_embed must equal the language hidden_size");
        require(c.aligner->depth >= 1, source, "aligner depth must be at least 1");
    }
    const VQConfig& q = c.gen_vision;
    require(q.codebook_size > 0 && q.codebook_dim > 0 && q.base_channels > 0 && q.z_channels > 0 &&
                q.num_res_blocks > 0 && !q.channel_multipliers.empty(),
            source, "gen_vision dimensions must be positive");
    require(q.image_size > 0 && q.image_size % q.downsampling() == 0, source,
            "gen_vision image_size must be a multiple of the codec's downsampling factor");
    for (int64_t m : q.channel_multipliers)
        require(m > 0 && (q.base_channels * m) % q.norm_groups == 0, source,
                "gen_vision channels (base_channels x multiplier) must be positive multiples of norm_groups");
    require(q.z_channels % q.norm_groups == 0, source, "gen_vision z_channels must be a multiple of norm_groups");
    require(c.gen_aligner.input_dim == q.codebook_dim, source, "gen_aligner input_dim must equal the codebook dimension");
    require(c.gen_aligner.output_dim == l.hidden_size, source, "gen_aligner n_embed must equal the language hidden_size");
    require(c.gen_aligner.depth >= 1, source, "gen_aligner depth must be at least 1");
    require(c.gen_head.n_embed == l.hidden_size && c.gen_head.image_token_embed > 0, source,
            "gen_head n_embed must equal the language hidden_size");
    require(c.gen_head.image_token_size == q.codebook_size, source,
            "gen_head image_token_size must equal the codebook size");
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
        out["vision_config"] = {{"cls", "CLIPVisionTower"}, {"model_type", "vision"},
                                {"params", {{"image_size", v.image_size}, {"patch_size", v.patch_size},
                                            {"width", v.width}, {"layers", v.layers}, {"heads", v.heads},
                                            {"mlp_ratio", v.mlp_ratio}, {"select_feature", "same"},
                                            {"select_layer", -1}}}};
        out["aligner_config"] = {{"cls", "MlpProjector"}, {"model_type", "aligner"},
                                 {"params", {{"projector_type", "mlp_gelu"}, {"depth", c.aligner->depth},
                                             {"input_dim", c.aligner->input_dim}, {"n_embed", c.aligner->output_dim}}}};
    }
    const VQConfig& q = c.gen_vision;
    out["gen_vision_config"] = {{"cls", "VQ-16"}, {"model_type", "gen_vision"},
                                {"params", {{"image_token_size", q.codebook_size}, {"n_embed", q.codebook_dim},
                                            {"base_channels", q.base_channels},
                                            {"channel_multipliers", q.channel_multipliers},
                                            {"z_channels", q.z_channels}, {"num_res_blocks", q.num_res_blocks},
                                            {"image_size", q.image_size}, {"norm_groups", q.norm_groups},
                                            {"norm_eps", q.norm_eps}}}};
    out["gen_aligner_config"] = {{"cls", "MlpProjector"}, {"model_type", "gen_aligner"},
                                 {"params", {{"projector_type", "mlp_gelu"}, {"depth", c.gen_aligner.depth},
                                             {"input_dim", c.gen_aligner.input_dim},
                                             {"n_embed", c.gen_aligner.output_dim}}}};
    out["gen_head_config"] = {{"cls", "vision_head"}, {"model_type", "gen_head"},
                              {"params", {{"n_embed", c.gen_head.n_embed},
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
        out["vision_config"] = {{"model_type", "janus_vision_model"}, {"hidden_size", v.width},
                                {"num_hidden_layers", v.layers}, {"num_attention_heads", v.heads},
                                {"patch_size", v.patch_size}, {"image_size", v.image_size},
                                {"mlp_ratio", v.mlp_ratio}, {"layer_norm_eps", v.layer_norm_eps},
                                {"projection_dim", c.aligner->output_dim}, {"depth", c.aligner->depth},
                                {"num_image_tokens", c.image_tokens_per_image()}, {"select_layer", -1}};
    }
    out["vq_config"] = {{"model_type", "janus_vqgan"}, {"embed_dim", q.codebook_dim},
                        {"num_embeddings", q.codebook_size}, {"base_channels", q.base_channels},
                        {"channel_multiplier", q.channel_multipliers}, {"latent_channels", q.z_channels},
                        {"num_res_blocks", q.num_res_blocks}, {"num_patches", q.grid_size()},
                        {"projection_dim", c.gen_head.image_token_embed}, {"num_hidden_layers", c.gen_aligner.depth},
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
