// The step record: one immutable snapshot of a MILR (or Best-of-N) iteration, the currency between engine,
// UI, CLI, exporters and tests.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "core/util/image.h"

namespace milr {

// One named part of a reward (a clause check of the judge, a weighted term of a sum, ...).
struct RewardComponent {
    std::string name;
    double value = 0.0;  // in [0, 1]
    double weight = 1.0;
};

// Wall time of each phase of a step, in milliseconds.
struct PhaseTimings {
    double think_ms = 0.0;     // reasoning text (re-)derivation
    double draw_ms = 0.0;      // image tokens
    double decode_ms = 0.0;    // VQ decode
    double judge_ms = 0.0;     // reward
    double optimise_ms = 0.0;  // loss, backward, Adam
    double total_ms() const { return think_ms + draw_ms + decode_ms + judge_ms + optimise_ms; }
};

struct StepRecord {
    int step = 0;      // 0 = the initial generation, 1..T = optimisation steps
    std::string mode;  // "text", "image", "both", "best-of-n"
    uint64_t seed = 0;

    RgbImage image;  // pixels are not serialised to JSON (written as PNG beside it)

    double reward = 0.0;  // in [0, 1], 1 = best
    bool passed = false;  // the reward's binary verdict (or reward > threshold)
    std::vector<RewardComponent> reward_breakdown;
    std::vector<std::string> reward_reasons;  // human-readable, one per failed check

    std::string reasoning;  // decoded reasoning text
    std::vector<int64_t> reasoning_tokens;
    std::vector<std::string> reasoning_pieces;          // decoded text of each token, for highlighting
    std::vector<int> reasoning_changed_since_previous;  // token indices
    std::vector<int> reasoning_changed_since_initial;
    int optimised_text_tokens = 0;  // m_t: the first m_t tokens come from latents

    std::vector<int64_t> image_tokens;  // raster order
    int grid_width = 0, grid_height = 0;
    std::vector<int> image_changed_since_previous;  // cell indices
    std::vector<int> image_changed_since_initial;
    int optimised_image_tokens = 0;  // m_v

    double text_latent_distance = 0.0;  // ||z_t - z_t(initial)||, over the optimised latents
    double image_latent_distance = 0.0;
    double text_grad_norm = 0.0;
    double image_grad_norm = 0.0;
    double text_logprob = 0.0;  // the estimator's log-likelihood over the optimised text latents (before the update)
    double image_logprob = 0.0;
    // The weight of that log-likelihood in the step's loss: 1 - R (authors' loss) or -(R - b) (REINFORCE, b the
    // mean of the earlier rewards). 0 at step 0 and for Best-of-N.
    double loss_weight = 0.0;
    // Mean over the optimised positions of p(top token) - p(second token) under the latents this step's prefix
    // came from: how far the prefix is from flipping. Negative = none (no optimised positions, Best-of-N).
    double text_margin = -1.0;
    double image_margin = -1.0;

    PhaseTimings timings;
};

// JSON round trip of everything but the pixels (trajectory.json, PNG metadata, GUI reopen).
nlohmann::json to_json(const StepRecord& record);
StepRecord step_record_from_json(const nlohmann::json& json);  // throws milr::Error naming the bad field

// How many of the first `optimised` positions changed their token since the previous step.
int changed_within(const std::vector<int>& changed_positions, int optimised);

// Indices at which two token sequences differ (positions beyond the shorter one count as changed).
std::vector<int> changed_positions(const std::vector<int64_t>& before, const std::vector<int64_t>& after);

}  // namespace milr
