// Dimensions of the VQ image codec (LlamaGen VQ-16 as used by Janus-Pro; smaller for the embedded model).
#pragma once
#include <cstdint>
#include <vector>

namespace milr {

struct VQConfig {
    int64_t codebook_size = 16384;                               // gen_vision_config.params.image_token_size
    int64_t codebook_dim = 8;                                    // gen_vision_config.params.n_embed
    int64_t base_channels = 128;                                 // ch
    std::vector<int64_t> channel_multipliers = {1, 1, 2, 2, 4};  // ch_mult; downsampling = 2^(levels-1)
    int64_t z_channels = 256;
    int64_t num_res_blocks = 2;  // encoder; the decoder uses num_res_blocks + 1
    int64_t norm_groups = 32;
    double norm_eps = 1e-6;
    bool codebook_l2_norm = true;
    int64_t image_size = 384;  // pixels; grid = image_size / downsampling

    int64_t downsampling() const { return int64_t(1) << (channel_multipliers.size() - 1); }
    int64_t grid_size() const { return image_size / downsampling(); }
};

}  // namespace milr
