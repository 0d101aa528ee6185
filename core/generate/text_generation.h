// Autoregressive text generation that records the hidden state behind every token (MILR's text latents).
#pragma once
#include <torch/types.h>

#include <cstdint>
#include <string>
#include <vector>

#include "core/generate/prompt_cache.h"
#include "core/model/janus_model.h"
#include "core/util/cancel.h"

namespace milr {

struct TextGenerationOptions {
    int64_t max_new_tokens = 512;   // generated tokens (forced prefix tokens not counted)
    std::vector<int64_t> stop_ids;  // ends generation; the stop token is not part of `tokens`
    double temperature = 0.0;       // 0 = greedy
    uint64_t seed = 0;              // for temperature > 0
    int64_t prefill_chunk = 256;
    CancelToken cancel;                     // checked between tokens and between prefill chunks
    std::string token_name = "text token";  // names the tokens in errors ("reasoning token 3")
};

struct TextGeneration {
    std::vector<int64_t> tokens;  // forced prefix + generated, without the stop token
    int64_t forced = 0;           // how many leading tokens were given, not chosen
    bool stopped = false;         // ended on a stop id
    int64_t stop_id = -1;
    // [tokens.size() + stopped, H]: row j is the final-normed state that predicted token j; the last row
    // predicted the stop token when stopped. In the model dtype, on the model device.
    torch::Tensor hidden;
};

// Greedy or sampled continuation of a prefilled one-row prompt. The prompt is not modified: the forced
// prefix tokens are fed (MILR re-derives them from latents), then tokens are chosen until a stop id or the limit.
TextGeneration generate_text(JanusModel& model, const PrefilledPrompt& prompt,
                             const std::vector<int64_t>& forced_prefix, const TextGenerationOptions& options);

// Convenience: prefill `prompt_ids` and generate.
TextGeneration generate_text(JanusModel& model, const std::vector<int64_t>& prompt_ids,
                             const TextGenerationOptions& options);

}  // namespace milr
