// The benchmark loop: prompts x methods into GenEval's layout, resumable and shardable, judged per method.
#include "core/session/bench.h"

#include <chrono>
#include <cstdio>
#include <map>

#include "core/milr/engine/milr_engine.h"
#include "core/session/run_metadata.h"
#include "core/session/trajectory.h"
#include "core/util/error.h"
#include "core/world/description_check.h"
#include "core/world/metadata.h"

namespace milr {

namespace {

std::string prompt_folder_name(int index) {
    char name[16];
    std::snprintf(name, sizeof name, "%05d", index);
    return name;
}

struct Prompt {
    int index = 0;  // line order in the file (the folder number)
    world::Metadata metadata;
};

std::vector<Prompt> select_prompts(const BenchOptions& options) {
    std::vector<Prompt> prompts;
    std::map<std::string, int> per_tag;
    int index = 0;
    for (const world::MetadataLine& line : world::read_metadata_jsonl(options.prompts.string())) {
        const int this_index = index++;
        if (!line.metadata) continue;  // a broken line is reported by the judge of the folder, not run
        if (options.per_tag_limit > 0 && per_tag[line.metadata->tag]++ >= options.per_tag_limit) continue;
        if (this_index % options.shard_count != options.shard_index) continue;
        prompts.push_back({this_index, *line.metadata});
    }
    return prompts;
}

void write_metadata_line(const std::filesystem::path& folder, const world::Metadata& metadata) {
    std::filesystem::create_directories(folder / "samples");
    world::write_metadata_jsonl((folder / "metadata.jsonl").string(), {metadata});
}

// The sample carries its run's parameters like every PNG the app writes (it opens in the studio with them);
// written atomically, because its presence marks a finished prompt.
void write_sample(const std::filesystem::path& folder, const RgbImage& image, const RunMetadata& metadata) {
    write_run_png(folder / "samples" / "0000.png", image, metadata);
}

}  // namespace

std::pair<int, int> parse_shard(const std::string& text) {
    int index = -1, count = 0;
    char tail = 0;
    if (std::sscanf(text.c_str(), "%d/%d%c", &index, &count, &tail) != 2 || count < 1 || index < 0 || index >= count)
        throw Error("bad shard '" + text + "' (use i/n with 0 <= i < n, e.g. 0/4)");
    return {index, count};
}

std::vector<BenchMethodResult> run_bench(ModelBundle& model, const BenchOptions& options) {
    for (const auto& method : options.methods)
        if (method != "base") mode_from_name(method);  // throws naming an unknown method
    const std::vector<Prompt> prompts = select_prompts(options);
    MilrEngine engine(model.model, model.tokenizer);
    std::vector<BenchMethodResult> results;
    BenchProgress progress;
    progress.total = static_cast<int>(prompts.size() * options.methods.size());
    for (const std::string& method : options.methods) {
        BenchMethodResult result;
        result.method = method;
        progress.method = method;
        const auto started = std::chrono::steady_clock::now();
        const std::filesystem::path method_folder = options.out / method;
        int reward_calls = 0;
        for (const Prompt& prompt : prompts) {
            options.cancel.throw_if_cancelled("the benchmark");
            const std::filesystem::path folder = method_folder / prompt_folder_name(prompt.index);
            if (std::filesystem::exists(folder / "samples" / "0000.png")) {
                ++result.resumed;
                ++progress.done;
                continue;
            }
            MilrOptions run = options.run;
            run.prompt = prompt.metadata.prompt;
            run.metadata = world::metadata_to_json(prompt.metadata);
            run.seed = options.run.seed + static_cast<uint64_t>(prompt.index);
            progress.phase = prompt.metadata.prompt;
            if (options.progress) options.progress(progress);
            try {
                MilrRunResult outcome;
                std::string reward_name;  // none for the base image
                if (method == "base") {
                    outcome = engine.generate(run, {}, options.cancel);
                } else {
                    const std::vector<std::string> unsupported = world::unsupported_terms(prompt.metadata);
                    if (!unsupported.empty() && options.reward.kind.rfind("judge", 0) == 0)
                        throw Error("the judge cannot score it: " + unsupported.front());
                    run.mode = mode_from_name(method);
                    RewardSpec spec = options.reward;
                    spec.metadata = run.metadata;
                    BuiltReward reward = make_reward(spec, run.prompt, &model);
                    outcome = engine.run(run, *reward.reward, {}, {}, options.cancel);
                    reward_name = reward.reward->name();
                    reward_calls += static_cast<int>(outcome.records.size());
                    Trajectory trajectory{run, model.name(), reward.reward->name(), outcome.records, outcome.returned_index,
                                          outcome.reached_threshold, outcome.cancelled, outcome.error};
                    write_trajectory(folder / "trajectory", trajectory);
                }
                if (outcome.cancelled) throw Cancelled("the benchmark was cancelled");
                if (!outcome.error.empty()) throw Error(outcome.error);
                write_metadata_line(folder, prompt.metadata);
                write_sample(folder, outcome.returned()->image, run_metadata_of(run, model.name(), reward_name, *outcome.returned()));
                ++result.ran;
                const world::DescriptionCheck check =
                    world::check_image_against_description(outcome.returned()->reasoning, outcome.returned()->image);
                ++result.descriptions;
                result.well_formed_descriptions += check.well_formed;
                result.images_following_description += check.followed;
            } catch (const Cancelled&) {
                throw;
            } catch (const std::exception& e) {
                result.failures.push_back(prompt_folder_name(prompt.index) + " (" + prompt.metadata.prompt + "): " + e.what());
            }
            ++progress.done;
        }
        result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        result.mean_reward_calls = result.ran > 0 ? static_cast<double>(reward_calls) / result.ran : 0.0;
        if (std::filesystem::exists(method_folder)) result.evaluation = world::evaluate_folder(method_folder.string());
        results.push_back(std::move(result));
    }
    return results;
}

}  // namespace milr
