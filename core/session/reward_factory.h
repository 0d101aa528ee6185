// Builds the reward a run asks for, by name: the GenEval-Shapes judge (metadata given, or parsed from the
// prompt), the model judging its own image, an external program, or a weighted sum.
#pragma once
#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/reward/reward.h"

namespace milr {

struct RewardSpec {
    std::string kind = "judge";        // "judge" (dense), "judge-binary", "self", "judge+self", "external"
    nlohmann::json metadata;           // GenEval metadata for the judge; null = parse the prompt
    std::vector<std::string> command;  // external program and arguments (no shell)
    std::chrono::milliseconds timeout{60000};
    double self_weight = 0.5;          // "judge+self": the self-judgement's share of the sum
};

struct ModelBundle;

// The reward and the metadata it judges by (null for an external reward without given metadata). "self" needs
// the run's model (it must have an understanding path). Throws milr::Error naming the words of a prompt the
// judge cannot parse, a model that cannot judge itself, or an unknown kind.
struct BuiltReward {
    std::unique_ptr<Reward> reward;
    nlohmann::json metadata;
};
// The reward kinds make_reward knows: judge, judge-binary, self, judge+self, external.
const std::vector<std::string>& reward_kinds();
// Whether the kind needs the run's model ("self", "judge+self"): such a reward is built after loading it.
bool reward_needs_model(const RewardSpec& spec);

BuiltReward make_reward(const RewardSpec& spec, const std::string& prompt, const ModelBundle* model = nullptr);

// Splits a command line into arguments the way a user types them (quotes and backslashes, no shell
// expansion); throws milr::Error on an unclosed quote.
std::vector<std::string> split_command_line(const std::string& line);

}  // namespace milr
