// Scores against the step budget from one benchmark run: a MILR run of T = k steps is the first k steps of a
// longer run with the same seed (nothing in a step depends on T), so each prompt's trajectory answers "what would
// the method have returned with k steps" for every k up to its length, without running the bench again.
#pragma once
#include <filesystem>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/world/summary.h"

namespace milr {

struct BudgetScore {
    int budget = 0;          // optimisation steps (Best-of-N: samples beyond the first)
    world::Summary summary;  // GenEval's summary of the images the method would have returned
};

// For a method's folder of a bench (NNNNN/metadata.jsonl + NNNNN/trajectory/trajectory.json): at budget k the
// returned image is the one the run's options choose (the best reward, earliest on a tie, or the last) among
// the records of steps 0..k; it counts as correct when its record passed the judge. Prompts without a
// trajectory (the base method) or without a sample (failed or unfinished prompts) are left out. Throws milr::Error naming an unreadable file.
std::vector<BudgetScore> scores_by_budget(const std::filesystem::path& method_folder, const std::vector<int>& budgets);

// {"budgets": [...], "overall": [...], "tags": {tag: [...]}} for a method's scores.
nlohmann::ordered_json budget_scores_to_json(const std::vector<BudgetScore>& scores);

}  // namespace milr
