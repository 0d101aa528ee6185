// Shared by the model and generation tests: a tiny Janus configuration and a randomly filled model of it.
#pragma once
#include <torch/torch.h>

#include "core/model/janus_model.h"

namespace milr::testing {

// Every part present, all dimensions small: 2-layer LLaMA (hidden 64), 2-block SigLIP on 32 px (16 tokens),
// a two-level VQ on 8 px (4x4 = 16 image tokens, 24 codes).
inline JanusConfig tiny_config(int64_t kv_heads = 4, bool vision = true) {
    JanusConfig c;
    c.language.hidden_size = 64;
    c.language.num_layers = 2;
    c.language.num_heads = 4;
    c.language.num_kv_heads = kv_heads;
    c.language.intermediate_size = 96;
    c.language.vocab_size = 50;
    c.language.max_position_embeddings = 512;
    if (vision) {
        VisionConfig v;
        v.image_size = 32;
        v.patch_size = 8;
        v.width = 32;
        v.layers = 2;
        v.heads = 2;
        v.mlp_ratio = 2.0;
        c.vision = v;
        c.aligner = ProjectorConfig{32, 64, 2};
    }
    c.gen_vision.codebook_size = 24;
    c.gen_vision.codebook_dim = 8;
    c.gen_vision.base_channels = 32;
    c.gen_vision.channel_multipliers = {1, 2};
    c.gen_vision.z_channels = 32;
    c.gen_vision.num_res_blocks = 1;
    c.gen_vision.image_size = 8;
    c.gen_aligner = {8, 64, 2};
    c.gen_head = {64, 64, 24};
    return c;
}

// Parameters drawn from N(0, 0.3) (norm scales 1 + N(0, 0.1)), so that every bias and scale matters.
inline void randomize(torch::nn::Module& module, uint64_t seed) {
    torch::NoGradGuard no_grad;
    torch::manual_seed(seed);
    for (auto& item : module.named_parameters(true)) {
        torch::Tensor& p = item.value();
        const torch::Tensor noise = torch::randn(p.sizes(), torch::kFloat32);
        const bool scale = p.dim() == 1 && item.key().find("weight") != std::string::npos;
        p.copy_(scale ? 1.0 + 0.1 * noise : 0.3 * noise);
    }
}

inline JanusModel tiny_model(const JanusConfig& config = tiny_config(), uint64_t seed = 7,
                             torch::ScalarType dtype = torch::kFloat32) {
    JanusModel model(config, torch::TensorOptions().dtype(dtype));
    randomize(*model, seed);
    set_trainable(*model, false);
    return model;
}

// Largest |a - b| / max(|b|, 1e-6) over the tensors, in float64.
inline double relative_error(const torch::Tensor& a, const torch::Tensor& b) {
    const torch::Tensor x = a.to(torch::kFloat64), y = b.to(torch::kFloat64);
    return ((x - y).abs().max() / y.abs().max().clamp_min(1e-6)).item<double>();
}

}  // namespace milr::testing
