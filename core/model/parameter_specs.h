// The name and shape of every tensor of a Janus checkpoint, derived from the configuration alone.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "core/model/config.h"

namespace milr {

struct ParameterSpec {
    std::string name;  // DeepSeek-layout name
    std::vector<int64_t> shape;
    std::string module;  // language_model, vision_tower, aligner, gen_embed, gen_aligner, gen_head,
                         // gen_vision_model, or attn_pool (stored in DeepSeek checkpoints, never used)
    bool used = true;
    int64_t numel() const;
};

// In module order. `include_unused` adds the vision tower's attn_pool (the MAP head the reference ignores),
// which published DeepSeek-layout checkpoints carry. The model's named_parameters() equal the used entries.
std::vector<ParameterSpec> janus_parameter_specs(const JanusConfig& config, bool include_unused);

// Shape as "[a, b, c]".
std::string shape_text(const std::vector<int64_t>& shape);

}  // namespace milr
