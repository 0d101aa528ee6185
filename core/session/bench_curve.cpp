// Scores against the step budget, from the trajectories a bench keeps for each prompt.
#include "core/session/bench_curve.h"

#include <algorithm>

#include "core/session/trajectory.h"
#include "core/util/error.h"
#include "core/world/metadata.h"

namespace milr {

namespace {

// The index of the record the run would return with `budget` steps, or -1 when it has none.
int returned_at_budget(const Trajectory& trajectory, int budget) {
    const bool last =
        trajectory.options.returned_image == ReturnedImage::last && trajectory.options.mode != MilrMode::best_of_n;
    int chosen = -1;
    for (size_t i = 0; i < trajectory.records.size(); ++i) {
        const StepRecord& record = trajectory.records[i];
        if (record.step > budget) break;
        if (chosen < 0 || last || record.reward > trajectory.records[static_cast<size_t>(chosen)].reward)
            chosen = static_cast<int>(i);
    }
    return chosen;
}

}  // namespace

std::vector<BudgetScore> scores_by_budget(const std::filesystem::path& method_folder, const std::vector<int>& budgets) {
    if (!std::filesystem::is_directory(method_folder))
        throw Error("scores by budget: " + method_folder.string() + " is not a folder");
    std::vector<std::filesystem::path> prompt_folders;
    for (const auto& entry : std::filesystem::directory_iterator(method_folder))
        if (entry.is_directory() && std::filesystem::exists(entry.path() / "trajectory" / kTrajectoryFile) &&
            std::filesystem::exists(entry.path() / "samples" / "0000.png"))  // finished, not failed or interrupted
            prompt_folders.push_back(entry.path());
    std::sort(prompt_folders.begin(), prompt_folders.end());

    std::vector<std::vector<world::JudgedImage>> judged(budgets.size());
    for (const auto& folder : prompt_folders) {
        const std::vector<world::MetadataLine> lines = world::read_metadata_jsonl((folder / "metadata.jsonl").string());
        if (lines.empty() || !lines.front().metadata)
            throw Error("scores by budget: " + (folder / "metadata.jsonl").string() + " holds no readable metadata");
        const world::Metadata& metadata = *lines.front().metadata;
        const Trajectory trajectory = read_trajectory(folder / "trajectory");
        for (size_t b = 0; b < budgets.size(); ++b) {
            const int index = returned_at_budget(trajectory, budgets[b]);
            if (index < 0) continue;
            judged[b].push_back({metadata.tag, world::metadata_to_json(metadata).dump(),
                                 trajectory.records[static_cast<size_t>(index)].passed});
        }
    }
    std::vector<BudgetScore> scores;
    for (size_t b = 0; b < budgets.size(); ++b) scores.push_back({budgets[b], world::summarise(judged[b])});
    return scores;
}

nlohmann::ordered_json budget_scores_to_json(const std::vector<BudgetScore>& scores) {
    nlohmann::ordered_json json;
    json["budgets"] = nlohmann::json::array();
    json["overall"] = nlohmann::json::array();
    json["tags"] = nlohmann::ordered_json::object();
    for (const BudgetScore& score : scores) {
        json["budgets"].push_back(score.budget);
        json["overall"].push_back(score.summary.overall);
        for (const world::TagScore& tag : score.summary.tags) json["tags"][tag.tag].push_back(tag.accuracy());
    }
    return json;
}

}  // namespace milr
