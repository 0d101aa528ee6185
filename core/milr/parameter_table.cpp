// The range table of the run parameters and the accessors that tie each row to its field.
#include "core/milr/parameter_table.h"

#include <algorithm>
#include <cmath>
#include <sstream>

#include "core/milr/run_description.h"
#include "core/util/error.h"

namespace milr {

const std::vector<ParameterRange>& run_parameter_table() {
    // Steps: 0 is the initial image alone; 200 is far past where the embedded model's reward stops rising (the
    // paper uses 20 to 50). The learning rate spans the decades either side of the paper's 0.03.
    static const std::vector<ParameterRange> table{
        {RunParameter::lambda_text, "lambda-t", 0.0, 1.0, false,
         "Share of the reasoning tokens whose latents are optimised."},
        {RunParameter::lambda_image, "lambda-v", 0.0, 1.0, false,
         "Share of the image tokens whose latents are optimised."},
        {RunParameter::learning_rate, "lr", 0.0, 1.0, false,
         "Learning rate (Adam) of the latents; 0 re-derives and re-samples without moving them (a control)."},
        {RunParameter::steps, "steps", 0, 200, true, "Optimisation steps (Best-of-N: steps + 1 samples)."},
        {RunParameter::reward_threshold, "threshold", 0.0, 1.0, false, "Stop once the reward (0..1) exceeds this."},
        {RunParameter::cfg_weight, "cfg", 0.0, 20.0, false, "Classifier-free guidance weight of the image tokens."},
        {RunParameter::temperature, "temperature", 0.05, 5.0, false, "Sampling temperature of the image tokens."},
        {RunParameter::max_reasoning_tokens, "max-reasoning-tokens", 1, 4096, true,
         "Longest reasoning text, in tokens."},
        {RunParameter::reward_timeout, "reward-timeout", 0.1, 86400, false,
         "Seconds the external reward may take per image."},
    };
    return table;
}

const ParameterRange& parameter_range(RunParameter parameter) {
    for (const ParameterRange& row : run_parameter_table())
        if (row.parameter == parameter) return row;
    throw Error("no range for run parameter " + std::to_string(static_cast<int>(parameter)));
}

double parameter_value(const RunDescription& run, RunParameter parameter) {
    const MilrOptions& o = run.milr;
    switch (parameter) {
        case RunParameter::lambda_text:
            return o.lambda_text;
        case RunParameter::lambda_image:
            return o.lambda_image;
        case RunParameter::learning_rate:
            return o.learning_rate;
        case RunParameter::steps:
            return o.steps;
        case RunParameter::reward_threshold:
            return o.reward_threshold;
        case RunParameter::cfg_weight:
            return o.cfg_weight;
        case RunParameter::temperature:
            return o.temperature;
        case RunParameter::max_reasoning_tokens:
            return o.max_reasoning_tokens;
        case RunParameter::reward_timeout:
            return run.reward.timeout_s;
    }
    return 0.0;
}

void set_parameter_value(RunDescription& run, RunParameter parameter, double value) {
    MilrOptions& o = run.milr;
    switch (parameter) {
        case RunParameter::lambda_text:
            o.lambda_text = value;
            return;
        case RunParameter::lambda_image:
            o.lambda_image = value;
            return;
        case RunParameter::learning_rate:
            o.learning_rate = value;
            return;
        case RunParameter::steps:
            o.steps = static_cast<int>(std::clamp(value, -1e9, 1e9));
            return;
        case RunParameter::reward_threshold:
            o.reward_threshold = value;
            return;
        case RunParameter::cfg_weight:
            o.cfg_weight = value;
            return;
        case RunParameter::temperature:
            o.temperature = value;
            return;
        case RunParameter::max_reasoning_tokens:
            o.max_reasoning_tokens = static_cast<int>(std::clamp(value, -1e9, 1e9));
            return;
        case RunParameter::reward_timeout:
            run.reward.timeout_s = value;
            return;
    }
}

double parameter_default(RunParameter parameter) { return parameter_value(RunDescription{}, parameter); }

namespace {
std::string number_text(double value) {
    std::ostringstream out;
    out << value;
    return out.str();
}
}  // namespace

std::string range_problem(RunParameter parameter, double value) {
    const ParameterRange& row = parameter_range(parameter);
    const bool in_range = value >= row.min && value <= row.max;  // false for NaN
    const bool whole = !row.integer || std::floor(value) == value;
    if (in_range && whole) return {};
    std::string message = std::string(row.option) + " must be " + (row.integer ? "a whole number " : "") + "within [" +
        number_text(row.min) + ", " + number_text(row.max) + "], not " + number_text(value);
    return message;
}

double clamp_to_range(RunParameter parameter, double value) {
    const ParameterRange& row = parameter_range(parameter);
    if (!std::isfinite(value)) return parameter_default(parameter);
    const double clamped = std::clamp(value, row.min, row.max);
    return row.integer ? std::round(clamped) : clamped;
}

}  // namespace milr
