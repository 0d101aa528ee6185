// Dimensions of a Janus-Pro-architecture model, read from config.json in the DeepSeek or transformers layout.
#pragma once
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "core/model/vq_config.h"

namespace milr {

// Which naming scheme a checkpoint folder uses (docs/design/janus-pro.md §2).
enum class CheckpointLayout { DeepSeek, TransformersNative };
std::string layout_name(CheckpointLayout layout);

// The LLaMA trunk (language_config / text_config). Defaults are LlamaConfig's, as the reference applies them.
struct LanguageConfig {
    int64_t hidden_size = 4096;
    int64_t num_layers = 32;
    int64_t num_heads = 32;
    int64_t num_kv_heads = 32;
    int64_t intermediate_size = 11008;
    int64_t vocab_size = 32000;
    int64_t max_position_embeddings = 2048;
    double rope_theta = 10000.0;
    double rms_norm_eps = 1e-6;
    int64_t head_dim() const { return hidden_size / num_heads; }
};

// The SigLIP understanding tower (vision_config). Absent in a config = no understanding path.
struct VisionConfig {
    int64_t image_size = 384;
    int64_t patch_size = 16;
    int64_t width = 1024;
    int64_t layers = 24;
    int64_t heads = 16;
    double mlp_ratio = 4.0;
    double layer_norm_eps = 1e-6;
    int64_t grid_size() const { return image_size / patch_size; }
    int64_t num_patches() const { return grid_size() * grid_size(); }
    int64_t mlp_dim() const { return static_cast<int64_t>(width * mlp_ratio); }
};

// An `mlp_gelu` MlpProjector: Linear(in, out), then (GELU, Linear(out, out)) x (depth - 1).
struct ProjectorConfig {
    int64_t input_dim = 0;
    int64_t output_dim = 0;  // n_embed
    int64_t depth = 2;
};

// gen_head (`vision_head`): Linear(n_embed, image_token_embed) -> GELU -> Linear(image_token_embed, image_token_size).
struct GenHeadConfig {
    int64_t n_embed = 0;
    int64_t image_token_embed = 0;
    int64_t image_token_size = 0;
};

struct JanusConfig {
    CheckpointLayout layout = CheckpointLayout::DeepSeek;
    LanguageConfig language;
    std::optional<VisionConfig> vision;  // understanding tower; aligner is present exactly when it is
    std::optional<ProjectorConfig> aligner;
    VQConfig gen_vision;
    ProjectorConfig gen_aligner;
    GenHeadConfig gen_head;
    int64_t image_token_id = -1;  // transformers layout only; ids are looked up by string elsewhere

    int64_t image_tokens_per_image() const { return gen_vision.grid_size() * gen_vision.grid_size(); }
    // Placeholder positions an understanding image fills ((image_size / patch)^2; 576 for Janus-Pro).
    int64_t understanding_tokens() const { return vision ? vision->num_patches() : 0; }
};

// Parses either layout (detected from the keys); `source` names the file in error messages. Validates.
JanusConfig parse_janus_config(const nlohmann::json& json, const std::string& source);
// Reads `config.json` from a model folder (or the given file).
JanusConfig read_janus_config(const std::filesystem::path& folder_or_file);
// The DeepSeek layout with every dimension written explicitly (the embedded model's config.json).
nlohmann::json to_deepseek_json(const JanusConfig& config);
// The transformers-native layout (text_config, vision_config, vq_config), as its converter writes it.
nlohmann::json to_transformers_json(const JanusConfig& config);
void write_janus_config(const JanusConfig& config, const std::filesystem::path& file,
                        CheckpointLayout layout = CheckpointLayout::DeepSeek);
// Throws milr::Error naming the field when a dimension is inconsistent (heads not dividing hidden, ...).
void validate_janus_config(const JanusConfig& config, const std::string& source);

// The published dimensions (docs/design/janus-pro.md §1): "1B" or "7B".
JanusConfig janus_pro_config(const std::string& size);

}  // namespace milr
