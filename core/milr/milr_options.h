// Parameters of a MILR (or Best-of-N) run, with the two presets: "reference" (the authors' code) and
// "improved" (the default); every difference between them is a named option.
#pragma once
#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

namespace milr {

enum class MilrMode { text, image, both, best_of_n };
std::string mode_name(MilrMode mode);
MilrMode mode_from_name(const std::string& name);  // throws milr::Error naming the bad value

enum class LatentPrecision { bf16, fp32 };      // dtype of the optimised latents and of Adam's state
enum class ReturnedImage { last, best };        // which image of the trajectory the run returns
enum class ImagePrefixRule { sample, argmax };  // how the first m_v image tokens are re-derived from latents
enum class Schedule { cached, reference };      // cached: KV caches reused; reference: recompute as the authors do

// The latents' loss. authors: (1 - R) * sum log p(argmax) over the optimised positions, as the authors' code does
// (the weight is never negative: every step pushes the current argmax tokens down, whatever the reward).
// reinforce: the paper's estimator, -(R - b) * sum log p(token used) over the tokens the run actually used (the
// greedy text prefix, the sampled image prefix), b = the mean of the run's earlier rewards (the first step has no
// earlier reward: its advantage is 0 and it re-samples).
enum class Estimator { authors, reinforce };
std::string estimator_name(Estimator estimator);
Estimator estimator_from_name(const std::string& name);  // throws milr::Error listing the names

// A control: the latents move along the gradient, or along a seeded random direction of the gradient's norm.
enum class UpdateDirection { gradient, random };
std::string update_direction_name(UpdateDirection direction);
UpdateDirection update_direction_from_name(const std::string& name);

// What Best-of-N draws each sample from: the run's one (greedy) reasoning, a reasoning sampled anew for every
// sample after the first, or the prompt alone (no reasoning: the fair baseline of image mode).
enum class SampleSource { same_reasoning, sampled_reasoning, prompt_only };
std::string sample_source_name(SampleSource source);
SampleSource sample_source_from_name(const std::string& name);

struct MilrOptions {
    // What to draw and how to judge it.
    std::string prompt;
    nlohmann::json metadata;  // GenEval metadata for the reward, when known

    MilrMode mode = MilrMode::both;
    double lambda_text = 0.2;    // fraction of the reasoning tokens whose latents are optimised
    double lambda_image = 0.02;  // fraction of the image tokens whose latents are optimised
    double learning_rate = 0.03;
    int steps = 30;                 // optimisation steps T (Best-of-N: N = steps + 1 samples)
    double reward_threshold = 0.9;  // stop when the reward (in [0, 1]) exceeds it; the reference's -0.1
    uint64_t seed = 42;

    // Generation.
    double cfg_weight = 5.0;
    double temperature = 1.0;
    int max_reasoning_tokens = 512;
    std::string user_role = "User";  // the reference's think and image prompts use these roles
    std::string assistant_role = "Assistant";

    // The named differences between the presets.
    LatentPrecision latent_precision = LatentPrecision::fp32;
    ReturnedImage returned_image = ReturnedImage::best;
    ImagePrefixRule image_prefix_rule = ImagePrefixRule::sample;
    Schedule schedule = Schedule::cached;
    std::string preset = "improved";

    // The estimator of the latents' gradient and the study's controls (not part of the presets).
    Estimator estimator = Estimator::authors;
    UpdateDirection update_direction = UpdateDirection::gradient;
    SampleSource sample_source = SampleSource::same_reasoning;  // Best-of-N only

    int optimised_text_tokens(int reasoning_length) const;  // floor(lambda_t * T), at least 1 when lambda_t > 0
    int optimised_image_tokens(int image_tokens) const;     // floor(lambda_v * N), at least 1 when lambda_v > 0
    bool optimises_text() const { return (mode == MilrMode::text || mode == MilrMode::both) && lambda_text > 0; }
    bool optimises_image() const { return (mode == MilrMode::image || mode == MilrMode::both) && lambda_image > 0; }
    // Throws milr::Error naming the first parameter out of range (empty prompt, lambda outside [0, 1], ...).
    void validate() const;
};

// The authors' code: bf16 latents and Adam state, the last image returned, prefixes re-sampled, and
// everything recomputed as the reference does (for comparison runs; slow).
MilrOptions reference_preset();
// The default: fp32 latents, the best image of the trajectory returned, KV caches reused.
MilrOptions improved_preset();
// Applies a preset by name ("reference" or "improved") to the preset-controlled fields of `options`.
void apply_preset(MilrOptions& options, const std::string& preset);

nlohmann::json to_json(const MilrOptions& options);
MilrOptions milr_options_from_json(const nlohmann::json& json);  // missing fields keep their defaults

}  // namespace milr
