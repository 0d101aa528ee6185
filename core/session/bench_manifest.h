// The settings a benchmark folder was run with (OUT/bench-manifest.json): written by the first run, checked by
// every later one, so that a resume with other settings is refused instead of mixing results.
#pragma once
#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/milr/milr_options.h"
#include "core/session/model_bundle.h"
#include "core/session/reward_factory.h"

namespace milr {

constexpr const char* kBenchManifestFile = "bench-manifest.json";

// Every setting that changes a prompt's result: the run parameters (steps, seed, lambdas, learning rate,
// threshold, CFG, temperature, preset and its options, reasoning length; not the prompt, which each line gives,
// nor the mode, which each method folder fixes), the reward (kind, program, weight) and the model (folder name,
// size of each weight, config and tokenizer file, device and dtype of its weights). Which prompts are run
// (--per-tag, --shard, --limit, --methods) is not a setting: those add prompt folders without changing any.
nlohmann::ordered_json bench_settings(const MilrOptions& run, const RewardSpec& reward, const ModelBundle& model);

// "steps: 1 in the folder, 8 now" for each setting (a dotted path) whose value differs; empty when equal.
std::vector<std::string> differing_settings(const nlohmann::json& folder, const nlohmann::json& now);

// Writes OUT/bench-manifest.json (atomically) when the folder has none and no results; checks it otherwise.
// Throws milr::Error naming the differing settings and what to do (another --out folder) when they differ,
// when the folder holds results but no manifest (their settings are unknown), or when the manifest is broken.
void check_or_write_bench_manifest(const std::filesystem::path& out, const nlohmann::ordered_json& settings,
                                   const std::filesystem::path& prompts);

}  // namespace milr
