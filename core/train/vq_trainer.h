// Trains the VQ codec of the embedded model on rendered GenEval-Shapes scenes: reproducible, resumable.
#pragma once
#include <cstdint>
#include <filesystem>
#include <functional>
#include <vector>

#include "core/model/vq.h"
#include "core/util/cancel.h"

namespace milr {

// The embedded model's codec: 128 px, 16x downsampling (8 x 8 codes), 512 codes of dimension 8.
VQConfig embedded_vq_config();

// Training images for a step: [batch, 3, S, S] float32 in [-1,1]; must depend only on its arguments.
using VQImageSource = std::function<torch::Tensor(uint64_t seed, int64_t step, int64_t batch_size, int64_t image_size)>;

// Random world scenes (1 to 4 objects) rendered at image_size, drawn from (seed, step).
torch::Tensor world_scene_batch(uint64_t seed, int64_t step, int64_t batch_size, int64_t image_size);

struct VQTrainOptions {
    uint64_t seed = 1;        // model initialisation, data, codebook initialisation and restarts
    int64_t steps = 0;        // optimiser steps; 0 = as many as fit in max_minutes. On resume, a count
                              // above the checkpoint's extends the run (its schedule stretches)
    double max_minutes = 10;  // used when steps == 0: the count is fixed after timing the first steps
    int64_t batch_size = 8;
    double learning_rate = 2e-3;
    double min_learning_rate = 1e-4;  // cosine decay ends here
    int64_t warmup_steps = 30;        // linear learning-rate warm-up
    int64_t plain_steps = 100;        // first steps decode the L2-normalised latent without quantisation
    int64_t init_batches = 4;         // batches of encoder outputs that seed the codebook (k-means)
    double commitment_beta = 0.25;
    int64_t restart_every = 50;      // steps between restarts of codes unused since the previous restart
    bool bf16_autocast = true;       // faster than fp32 where the CPU has bf16 instructions (docs/BENCHMARKS.md)
    double edge_weight = 0;          // weight of an L1 loss on horizontal and vertical pixel differences
                                     // (sharp edges and corners; 0 = mean squared error alone)
    bool decoder_only = false;       // fine-tune post_quant_conv and the decoder of a trained codec on its frozen
                                     // codes: encoder and codebook stay, so tokens encoded before stay valid.
                                     // The model is used as given (no seeded initialisation, no code restarts)
    int64_t checkpoint_every = 200;  // steps; 0 = only at the end and on cancel
    std::filesystem::path checkpoint_folder;  // resume from and save to; empty = no checkpoints
    VQImageSource images;                     // empty = world_scene_batch
    ProgressCallback progress;  // fraction of steps done; phase "step i/n: ..." with losses and code usage
    CancelToken cancel;         // on cancel a checkpoint is written (when a folder is set), then Cancelled
};

struct VQStepLosses {
    double reconstruction = 0;  // mean squared error in [-1,1] units
    double codebook = 0;        // 0 during the plain steps
    double commitment = 0;
};

struct VQTrainResult {
    int64_t steps_done = 0;  // including steps done before a resume
    int64_t total_steps = 0;
    double seconds = 0;                // wall time of this call
    std::vector<VQStepLosses> losses;  // one per step from step 0 (restored on resume)
    int64_t codes_used_last = 0;       // distinct codes in the last restart window
};

// Trains `model` in place (its config must equal checkpoint's on resume; a decoder fine-tune needs its own
// checkpoint folder). Deterministic for a seed and a step
// count on a given thread count; a resumed run continues exactly as an uninterrupted one.
VQTrainResult train_vq(VQModel& model, const VQTrainOptions& options);

}  // namespace milr
