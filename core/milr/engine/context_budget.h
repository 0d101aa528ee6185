// The positions a run takes in the model's context (prompt, reasoning and image tokens for the mode in use),
// checked before any work so that a prompt too long for the model is a clear error, not a slow wrong run.
#pragma once
#include <cstdint>
#include <string>

#include "core/milr/milr_options.h"
#include "core/model/config.h"
#include "core/text/chat_template.h"
#include "core/text/tokenizer.h"

namespace milr {

// The chat template of a run's think and image prompts: plain roles with the options' role names.
ChatTemplate run_chat_template(const MilrOptions& options);

// What one run needs at most, in positions of the language model's context.
struct ContextUse {
    int64_t context = 0;                    // the model's max_position_embeddings
    int64_t think_prompt = 0;               // tokens of the think prompt (system prompt and instruction included)
    int64_t reasoning = 0;                  // the longest reasoning (max_reasoning_tokens)
    int64_t image_prompt = 0;               // tokens of the image prompt around the reasoning
    bool reasoning_in_image_prompt = true;  // false in image mode: the image prompt is the prompt alone
    int64_t image_tokens = 0;               // codes of one image
    int64_t thinking() const { return think_prompt + reasoning; }
    int64_t drawing() const { return image_prompt + (reasoning_in_image_prompt ? reasoning : 0) + image_tokens; }
};

// Counts the positions of a run of `options` (tokenising the prompt; a prompt whose length in bytes alone
// rules it out is refused before tokenising).
ContextUse context_use(const Tokenizer& tokenizer, const MilrOptions& options, const JanusConfig& config);

// Throws milr::Error naming the context, the counts and what to shorten when the run cannot fit.
void require_fits_context(const Tokenizer& tokenizer, const MilrOptions& options, const JanusConfig& config);

// The same check at drawing time, for an image prompt of `image_prompt_tokens` ids (the reasoning included).
void require_image_prompt_fits(int64_t image_prompt_tokens, const JanusConfig& config);

}  // namespace milr
