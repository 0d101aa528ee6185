// One run's parameters from the slider to the engine, the export and the CLI: MILR's options, the reward that
// judges the images and the model that draws them. The studio, `milr` and the PNG/trajectory files share it.
#pragma once
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/milr/milr_options.h"

namespace milr {

// The rewards a run can use (their names are those of `milr --reward`).
enum class RewardKind {
    judge,            // "judge": the GenEval-Shapes judge, dense (partial credit per clause)
    judge_binary,     // "judge-binary": the judge's pass/fail, as GenEval scores
    self,             // "self": the model judges its own image through its understanding tower
    judge_plus_self,  // "judge+self": a weighted sum of the two
    external,         // "external": a program the user names, over JSON lines
};
std::string reward_kind_name(RewardKind kind);
// Also reads the names MILR Studio 0.1.0 wrote ("geneval-shapes", "self-judgement", "external-command");
// throws milr::Error listing the valid names.
RewardKind reward_kind_from_name(const std::string& name);
// Whether the reward needs the run's model loaded with its understanding tower.
bool reward_needs_model(RewardKind kind);

struct RewardSpec {
    RewardKind kind = RewardKind::judge;
    bool metadata_given = false;  // false: the judge parses the prompt
    std::string metadata_json;    // GenEval metadata as JSON text (kept as typed), used when metadata_given
    std::string command_line;     // "external": the program and its arguments, split like a shell without one
    double timeout_s = 60;        // "external": seconds the program may take per image
    double self_weight = 0.5;     // "judge+self": the self-judgement's share of the sum
    bool operator==(const RewardSpec& other) const;
};

struct ModelSpec {
    std::string folder;              // empty: the embedded model
    std::string device = "cpu";      // "cpu", "cuda", "cuda:N"
    std::string precision = "fp32";  // "fp32", "bf16"
    bool operator==(const ModelSpec& other) const;
};

struct RunDescription {
    MilrOptions milr;  // prompt, mode, λt, λv, learning rate, steps, seed, generation and preset fields
    RewardSpec reward;
    ModelSpec model;
    bool operator==(const RunDescription& other) const;
    bool operator!=(const RunDescription& other) const { return !(*this == other); }
};

// Field-by-field equality of the user-visible options (the derived `metadata` is not compared).
bool same_options(const MilrOptions& a, const MilrOptions& b);
// Whether two runs make the same trajectory: equal in everything but the number of steps and the stop threshold
// (which only decide where a run ends, not what its steps are). One more step of `a` is a step of `b`.
bool same_trajectory(const RunDescription& a, const RunDescription& b);

// The same description with every number of the range table clamped into range (NaN becomes the default).
RunDescription clamped(RunDescription run);
// Throws milr::Error naming the first option out of range or the empty prompt (the engine's check).
void validate(const RunDescription& run);

// {MILR options..., "reward_spec": {...}, "model_spec": {...}}: the format of PNG text chunks and the settings.
nlohmann::json to_json(const RunDescription& run);
// Reads what to_json writes, and MILR Studio 0.1.0's flat format ("lambda_t", "stop_threshold", "reward":
// "geneval-shapes", ...). Missing keys keep their defaults. With `problems`, a key of the wrong type or an unknown
// name is skipped and described there (naming the key); without, the first such key throws milr::Error.
RunDescription run_description_from_json(const nlohmann::json& json, std::vector<std::string>* problems = nullptr);

}  // namespace milr
