// The one table of a run's numeric parameters: the option name users type, the range every front end and the
// engine check against, and the help line. The defaults are MilrOptions{}'s and RewardSpec{}'s.
#pragma once
#include <string>
#include <vector>

namespace milr {

struct RunDescription;

enum class RunParameter {
    lambda_text,
    lambda_image,
    learning_rate,
    steps,
    reward_threshold,
    cfg_weight,
    temperature,
    max_reasoning_tokens,
    reward_timeout,
};

struct ParameterRange {
    RunParameter parameter;
    const char* option;  // the name users see: the CLI's --option, the JSON key's spelling in messages
    double min;          // inclusive
    double max;          // inclusive
    bool integer;
    const char* help;  // one line for --help and tooltips
};

// Every numeric run parameter, in the order the CLI lists them.
const std::vector<ParameterRange>& run_parameter_table();
const ParameterRange& parameter_range(RunParameter parameter);

// The parameter's value in a run description, and setting it (no range check).
double parameter_value(const RunDescription& run, RunParameter parameter);
void set_parameter_value(RunDescription& run, RunParameter parameter, double value);
// The default value (from a default-constructed RunDescription).
double parameter_default(RunParameter parameter);

// "" when `value` lies in the parameter's range (and is whole for an integer parameter); otherwise a message
// naming the option: "lambda-t must be within [0, 1], not 1.5".
std::string range_problem(RunParameter parameter, double value);
// `value` clamped into the range (NaN or infinite becomes the default; an integer parameter is rounded).
double clamp_to_range(RunParameter parameter, double value);

}  // namespace milr
