// Builds the reward a run asks for, by name: the GenEval-Shapes judge (metadata given, or parsed from the
// prompt), an external program, or a weighted sum of them.
#pragma once
#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/reward/reward.h"

namespace milr {

struct RewardSpec {
    std::string kind = "judge";        // "judge" (dense), "judge-binary", "external"
    nlohmann::json metadata;           // GenEval metadata for the judge; null = parse the prompt
    std::vector<std::string> command;  // external program and arguments (no shell)
    std::chrono::milliseconds timeout{60000};
};

// The reward and the metadata it judges by (null for an external reward without given metadata). Throws
// milr::Error naming the words of a prompt the judge cannot parse, or an unknown kind.
struct BuiltReward {
    std::unique_ptr<Reward> reward;
    nlohmann::json metadata;
};
BuiltReward make_reward(const RewardSpec& spec, const std::string& prompt);

// Splits a command line into arguments the way a user types them (quotes and backslashes, no shell
// expansion); throws milr::Error on an unclosed quote.
std::vector<std::string> split_command_line(const std::string& line);

}  // namespace milr
