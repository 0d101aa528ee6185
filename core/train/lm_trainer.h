// Trains the generation side of a Janus-architecture model (trunk, lm_head, gen_embed, gen_aligner,
// gen_head) on tokenised examples: the think answer (reasoning text) and the image tokens, with CFG dropout.
#pragma once
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "core/model/janus_model.h"
#include "core/text/tokenizer.h"
#include "core/util/cancel.h"

namespace milr {

// One training example, already tokenised.
struct LmExample {
    std::vector<int64_t> think_prompt;        // BOS ... "Assistant:" (the think prompt for the user's prompt)
    std::vector<int64_t> answer;              // the reasoning text's ids followed by EOS
    std::vector<int64_t> image_prompt;        // BOS ... <begin_of_image>, content = prompt + ". " + reasoning
    std::vector<int64_t> plain_image_prompt;  // BOS ... <begin_of_image>, content = prompt alone (mode image)
    std::vector<int64_t> image_tokens;        // the scene's VQ codes, raster order
};

struct LmTrainOptions {
    uint64_t seed = 1;
    int64_t steps = 2000;    // optimiser steps (each one think batch and one draw batch)
    double max_minutes = 0;  // stop early (and save) after this wall time; 0 = no limit
    int64_t batch_size = 32;
    double learning_rate = 2e-3;
    double min_learning_rate = 1e-4;
    int64_t warmup_steps = 100;
    double weight_decay = 0.01;
    double grad_clip = 1.0;
    double cfg_dropout = 0.1;            // probability that a draw example's prompt becomes the unconditional row
    double plain_prompt_fraction = 0.3;  // draw examples conditioned on the prompt alone (MILR's image mode)
    bool bf16_autocast = true;
    int64_t checkpoint_every = 200;           // steps; 0 = never
    std::filesystem::path checkpoint_folder;  // resume from and save to (empty = no checkpoints)
    ProgressCallback progress;                // fraction of steps done, phase text with the losses
    CancelToken cancel;
};

struct LmTrainResult {
    int64_t steps_done = 0;
    double last_text_loss = 0, last_image_loss = 0;  // running means over the last steps
    double seconds = 0;
    std::vector<double> text_losses, image_losses;  // one per step
};

// Trains `model` in place (parameters of the trunk, lm_head, gen_embed, gen_aligner, gen_head; the VQ codec
// and the understanding tower are left alone). Deterministic for a seed; resumes from checkpoint_folder.
LmTrainResult train_language_model(JanusModel& model, const std::vector<LmExample>& examples,
                                   const JanusSpecialTokens& special, const LmTrainOptions& options);

// The parameters that train_language_model optimises, by name.
std::vector<std::pair<std::string, torch::Tensor>> generation_parameters(JanusModel& model);

}  // namespace milr
