// Image-token generation with classifier-free guidance over the [cond, uncond] row pair, recording the
// hidden-state pair behind each token (MILR's image latents), and continuation from a token prefix.
#pragma once
#include <ATen/core/Generator.h>
#include <torch/types.h>

#include <cstdint>
#include <vector>

#include "core/generate/prompt_cache.h"
#include "core/model/janus_model.h"
#include "core/util/cancel.h"

namespace milr {

struct ImageGenerationOptions {
    double cfg_weight = 5.0;
    double temperature = 1.0;  // 0 = greedy on the fused logits
    int64_t keep_hidden = -1;  // keep the hidden pairs of the first K tokens only (-1 = all)
    int64_t prefill_chunk = 256;
    ProgressCallback progress;  // fraction of tokens done; returning false cancels
    CancelToken cancel;         // checked between tokens and between prefill chunks
};

struct ImageGeneration {
    std::vector<int64_t> tokens;  // grid_size^2 codes in raster order (forced prefix included)
    int64_t forced = 0;
    torch::Tensor hidden;  // [K, 2, H]: [cond, uncond] final-normed states that predicted tokens 0..K-1
};

// Generates the codes of one image from a prefilled 2-row prompt [cond, uncond] ending in <begin_of_image>.
// The prompt is not modified (reuse it across calls). The first forced_prefix.size() codes are given and fed
// on both rows; the rest are chosen from cfg_fuse(gen_head(h_c), gen_head(h_u)) / T with `generator`.
ImageGeneration generate_image_tokens(JanusModel& model, const PrefilledPrompt& prompt,
                                      const std::vector<int64_t>& forced_prefix, const ImageGenerationOptions& options,
                                      at::Generator& generator);

// Logits of hidden-state pairs [..., 2, H] fused with CFG ([..., V], float32); differentiable (MILR's loss).
torch::Tensor fused_image_logits(JanusModel& model, const torch::Tensor& hidden_pairs, double cfg_weight);

}  // namespace milr
