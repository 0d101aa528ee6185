// Builds the reward a run asks for, by name: the GenEval-Shapes judge (metadata given, or parsed from the
// prompt), the model judging its own image, an external program, or a weighted sum.
#pragma once
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/milr/run_description.h"
#include "core/reward/reward.h"

namespace milr {

struct ModelBundle;

// The reward and the metadata it judges by (null for an external reward without given metadata). "self" needs
// the run's model (it must have an understanding path; reward_needs_model says which kinds do). Throws
// milr::Error naming the words of a prompt the judge cannot parse, metadata that is not valid JSON, an empty or
// badly quoted command, a timeout out of range, or a model that cannot judge itself.
struct BuiltReward {
    std::unique_ptr<Reward> reward;
    nlohmann::json metadata;
};

BuiltReward make_reward(const RewardSpec& spec, const std::string& prompt, const ModelBundle* model = nullptr);

// Splits a command line into arguments the way a user types them (quotes and backslashes, no shell
// expansion); throws milr::Error on an unclosed quote.
std::vector<std::string> split_command_line(const std::string& line);

}  // namespace milr
