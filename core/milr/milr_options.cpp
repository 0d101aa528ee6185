// Run parameters of MILR: presets, validation, JSON.
#include "core/milr/milr_options.h"

#include <cmath>

#include "core/milr/parameter_table.h"
#include "core/milr/run_description.h"
#include "core/util/error.h"

namespace milr {

std::string mode_name(MilrMode mode) {
    switch (mode) {
        case MilrMode::text:
            return "text";
        case MilrMode::image:
            return "image";
        case MilrMode::both:
            return "both";
        case MilrMode::best_of_n:
            return "best-of-n";
    }
    return "both";
}

MilrMode mode_from_name(const std::string& name) {
    if (name == "text") return MilrMode::text;
    if (name == "image") return MilrMode::image;
    if (name == "both") return MilrMode::both;
    if (name == "best-of-n" || name == "bon") return MilrMode::best_of_n;
    throw Error("unknown mode '" + name + "' (use text, image, both or best-of-n)");
}

std::string estimator_name(Estimator estimator) { return estimator == Estimator::reinforce ? "reinforce" : "authors"; }

Estimator estimator_from_name(const std::string& name) {
    if (name == "authors") return Estimator::authors;
    if (name == "reinforce") return Estimator::reinforce;
    throw Error("unknown estimator '" + name + "' (use authors or reinforce)");
}

std::string update_direction_name(UpdateDirection direction) {
    return direction == UpdateDirection::random ? "random" : "gradient";
}

UpdateDirection update_direction_from_name(const std::string& name) {
    if (name == "gradient") return UpdateDirection::gradient;
    if (name == "random") return UpdateDirection::random;
    throw Error("unknown update direction '" + name + "' (use gradient or random)");
}

std::string sample_source_name(SampleSource source) {
    switch (source) {
        case SampleSource::same_reasoning:
            return "same-reasoning";
        case SampleSource::sampled_reasoning:
            return "sampled-reasoning";
        case SampleSource::prompt_only:
            return "prompt";
    }
    return "same-reasoning";
}

SampleSource sample_source_from_name(const std::string& name) {
    if (name == "same-reasoning") return SampleSource::same_reasoning;
    if (name == "sampled-reasoning") return SampleSource::sampled_reasoning;
    if (name == "prompt") return SampleSource::prompt_only;
    throw Error("unknown Best-of-N sample source '" + name + "' (use same-reasoning, sampled-reasoning or prompt)");
}

namespace {
int optimised_count(double lambda, int length) {
    if (lambda <= 0 || length <= 0) return 0;
    const int count = static_cast<int>(std::floor(lambda * length));
    return std::min(length, std::max(1, count));
}
}  // namespace

int MilrOptions::optimised_text_tokens(int reasoning_length) const {
    return optimised_count(lambda_text, reasoning_length);
}
int MilrOptions::optimised_image_tokens(int image_tokens) const { return optimised_count(lambda_image, image_tokens); }

void MilrOptions::validate() const {
    if (prompt.find_first_not_of(" \t\r\n") == std::string::npos) throw Error("the prompt is empty");
    RunDescription run;
    run.milr = *this;
    for (const ParameterRange& row : run_parameter_table()) {
        if (row.parameter == RunParameter::reward_timeout) continue;  // the reward's, checked where it is built
        const std::string problem = range_problem(row.parameter, parameter_value(run, row.parameter));
        if (!problem.empty()) throw Error(problem);
    }
}

MilrOptions reference_preset() {
    MilrOptions options;
    apply_preset(options, "reference");
    return options;
}

MilrOptions improved_preset() { return MilrOptions{}; }

void apply_preset(MilrOptions& options, const std::string& preset) {
    if (preset == "reference") {
        options.latent_precision = LatentPrecision::bf16;
        options.returned_image = ReturnedImage::last;
        options.image_prefix_rule = ImagePrefixRule::sample;
        options.schedule = Schedule::reference;
    } else if (preset == "improved") {
        options.latent_precision = LatentPrecision::fp32;
        options.returned_image = ReturnedImage::best;
        options.image_prefix_rule = ImagePrefixRule::sample;
        options.schedule = Schedule::cached;
    } else {
        throw Error("unknown preset '" + preset + "' (use reference or improved)");
    }
    options.preset = preset;
}

nlohmann::json to_json(const MilrOptions& o) {
    return {{"prompt", o.prompt},
            {"metadata", o.metadata},
            {"mode", mode_name(o.mode)},
            {"lambda_text", o.lambda_text},
            {"lambda_image", o.lambda_image},
            {"learning_rate", o.learning_rate},
            {"steps", o.steps},
            {"reward_threshold", o.reward_threshold},
            {"seed", o.seed},
            {"cfg_weight", o.cfg_weight},
            {"temperature", o.temperature},
            {"max_reasoning_tokens", o.max_reasoning_tokens},
            {"user_role", o.user_role},
            {"assistant_role", o.assistant_role},
            {"preset", o.preset},
            {"latent_precision", o.latent_precision == LatentPrecision::bf16 ? "bf16" : "fp32"},
            {"returned_image", o.returned_image == ReturnedImage::best ? "best" : "last"},
            {"image_prefix_rule", o.image_prefix_rule == ImagePrefixRule::sample ? "sample" : "argmax"},
            {"schedule", o.schedule == Schedule::cached ? "cached" : "reference"},
            {"estimator", estimator_name(o.estimator)},
            {"update_direction", update_direction_name(o.update_direction)},
            {"sample_source", sample_source_name(o.sample_source)}};
}

MilrOptions milr_options_from_json(const nlohmann::json& j) { return run_description_from_json(j).milr; }

}  // namespace milr
