// A prompt run through the trunk once: its KV cache and the hidden state that predicts the next token.
// MILR reuses one across steps; generation never modifies it (it works on a snapshot).
#pragma once
#include <torch/types.h>

#include <cstdint>
#include <vector>

#include "core/model/janus_model.h"
#include "core/util/cancel.h"

namespace milr {

struct PrefilledPrompt {
    KVCache cache;              // rows x length
    torch::Tensor last_hidden;  // [rows, H]: final-normed state at the last prompt position
    int64_t length() const { return cache.length(); }
    int64_t rows() const { return cache.rows(); }
};

// Runs embeddings [rows, t, H] through the trunk into `cache` in chunks of at most `chunk` positions, checking
// `cancel` before each chunk (milr::Cancelled), so that a long prefill stops within one chunk's time.
torch::Tensor forward_in_chunks(JanusModel& model, const torch::Tensor& embeds, KVCache& cache, int64_t chunk,
                                const CancelToken& cancel);

// Runs embeddings [rows, T, H] (T >= 1) through the trunk in chunks; no autograd. `cancel` is checked before
// every chunk (milr::Cancelled).
PrefilledPrompt prefill_embeddings(JanusModel& model, const torch::Tensor& embeds, int64_t chunk = 256,
                                   const CancelToken& cancel = CancelToken());
// Token ids, one row per vector (equal lengths), embedded with the text table.
PrefilledPrompt prefill_tokens(JanusModel& model, const std::vector<std::vector<int64_t>>& rows, int64_t chunk = 256,
                               const CancelToken& cancel = CancelToken());
// Extends a copy of `prompt` with more text tokens (same tokens on every row).
PrefilledPrompt extend_with_tokens(JanusModel& model, const PrefilledPrompt& prompt, const std::vector<int64_t>& ids,
                                   int64_t chunk = 256, const CancelToken& cancel = CancelToken());

// The unconditional CFG row [BOS, PAD x (length - 2), BOI] from a prefilled [BOS, PAD, PAD, ...] prefix of at
// least length - 1 positions (computed once, reused for every prompt length): truncated copy, then BOI fed.
PrefilledPrompt unconditional_row(JanusModel& model, const PrefilledPrompt& pad_prefix, int64_t length,
                                  int64_t begin_of_image_id);
// Rows of several prompts of equal length stacked into one (e.g. [cond, uncond]).
PrefilledPrompt stack_prompts(const std::vector<PrefilledPrompt>& prompts);

}  // namespace milr
