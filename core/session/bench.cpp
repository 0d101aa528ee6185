// The benchmark loop: prompts x methods into GenEval's layout, resumable and shardable, judged per method.
#include "core/session/bench.h"

#include <chrono>
#include <cstdio>
#include <map>

#include "core/io/folder_lock.h"
#include "core/milr/engine/milr_engine.h"
#include "core/session/bench_method.h"
#include "core/session/bench_manifest.h"
#include "core/session/run_metadata.h"
#include "core/session/trajectory.h"
#include "core/util/error.h"
#include "core/world/description_check.h"
#include "core/world/metadata.h"

namespace milr {

namespace {

constexpr const char* kBenchLockFile = "bench.lock";

std::string prompt_folder_name(int index) {
    char name[16];
    std::snprintf(name, sizeof name, "%05d", index);
    return name;
}

struct Prompt {
    int index = 0;        // order among the file's non-empty lines (the folder number)
    int line_number = 0;  // 1-based line in the file
    world::Metadata metadata;
};

// Streams the prompt file, keeping only the prompts this shard runs, and stops reading once `prompt_limit`
// of them are found.
std::vector<Prompt> select_prompts(const BenchOptions& options) {
    std::vector<Prompt> prompts;
    std::map<std::string, int> per_tag;
    int index = 0;
    world::for_each_metadata_line(options.prompts.string(), [&](const world::MetadataLine& line) {
        const int this_index = index++;
        if (!line.metadata) return true;  // a broken line is reported by the judge of the folder, not run
        if (options.per_tag_limit > 0 && per_tag[line.metadata->tag]++ >= options.per_tag_limit) return true;
        if (this_index % options.shard_count != options.shard_index) return true;
        prompts.push_back({this_index, line.line_number, *line.metadata});
        return options.prompt_limit <= 0 || static_cast<int>(prompts.size()) < options.prompt_limit;
    });
    return prompts;
}

// A finished prompt's folder must hold the prompt of its line: otherwise the prompt file is not the one the
// folder was run with, and skipping the prompt would mix two prompt sets.
void check_finished_prompt(const std::filesystem::path& folder, const Prompt& prompt, const BenchOptions& options) {
    const std::filesystem::path path = folder / "metadata.jsonl";
    std::vector<world::MetadataLine> lines;
    if (std::filesystem::exists(path)) lines = world::read_metadata_jsonl(path.string());
    if (!lines.empty() && lines.front().metadata && *lines.front().metadata == prompt.metadata) return;
    throw Error(folder.string() + " was run for another prompt than line " + std::to_string(prompt.line_number) +
                " of " + options.prompts.string() + " ('" + prompt.metadata.prompt +
                "'): the prompt file is not the one " + options.out.string() +
                " was run with; use another --out folder");
}

// What running one prompt gave: the engine's result, or the failure that stopped it before or during the run.
struct PromptRun {
    MilrRunResult outcome;
    std::string reward_name;  // none for the base image
    std::string failure;
};

class Bench {
public:
    Bench(ModelBundle& model, const BenchOptions& options)
        : m_model(model), m_options(options), m_engine(model.model, model.tokenizer) {}

    std::vector<BenchMethodResult> run(const std::vector<Prompt>& prompts) {
        std::vector<BenchMethodResult> results;
        m_progress.total = static_cast<int>(prompts.size() * m_options.methods.size());
        for (const std::string& method : m_options.methods) results.push_back(run_method(method, prompts));
        return results;
    }

private:
    BenchMethodResult run_method(const std::string& method, const std::vector<Prompt>& prompts) {
        BenchMethodResult result;
        result.method = method;
        m_progress.method = method;
        const auto started = std::chrono::steady_clock::now();
        const std::filesystem::path method_folder = m_options.out / method;
        int reward_calls = 0;
        for (const Prompt& prompt : prompts) {
            m_options.cancel.throw_if_cancelled("the benchmark");
            const std::filesystem::path folder = method_folder / prompt_folder_name(prompt.index);
            if (std::filesystem::exists(folder / "samples" / "0000.png")) {
                check_finished_prompt(folder, prompt, m_options);
                ++result.resumed;
                ++m_progress.done;
                continue;
            }
            const PromptRun run = run_prompt(method, prompt, folder);
            if (!run.failure.empty()) {
                report_failure(result, method, prompt, run.failure);
            } else {
                reward_calls += bench_method(method).generates_only ? 0 : static_cast<int>(run.outcome.records.size());
                record_finished(result, method, folder, prompt, run);
            }
            ++m_progress.done;
        }
        result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        result.mean_reward_calls = result.ran > 0 ? static_cast<double>(reward_calls) / result.ran : 0.0;
        if (std::filesystem::exists(method_folder)) {
            world::FolderEvaluationOptions judge;
            judge.progress = [this](int, int) { m_options.cancel.throw_if_cancelled("judging the benchmark"); };
            result.evaluation = world::evaluate_folder(method_folder.string(), judge);
        }
        return result;
    }

    // The run's options for a prompt under a method (the method's changes applied: what the sample's metadata says).
    MilrOptions run_options(const Prompt& prompt, const std::string& method) const {
        MilrOptions run = m_options.run;
        bench_method(method).apply(run);
        run.prompt = prompt.metadata.prompt;
        run.metadata = world::metadata_to_json(prompt.metadata);
        run.seed = m_options.run.seed + static_cast<uint64_t>(prompt.index);
        return run;
    }

    // Runs the prompt; the engine sees the cancel flag between tokens and reports progress many times a step.
    // Throws Cancelled when cancelled (nothing of the prompt is written then) and milr::Error when its
    // trajectory cannot be written.
    PromptRun run_prompt(const std::string& method, const Prompt& prompt, const std::filesystem::path& folder) {
        m_progress.phase = prompt.metadata.prompt;
        m_progress.step_phase.clear();
        m_progress.step = 0;
        m_progress.prompt_fraction = 0;
        if (m_options.progress) m_options.progress(m_progress);
        const RunProgressCallback engine_progress = [this](const RunProgress& p) {
            m_progress.step_phase = phase_name(p.phase);
            m_progress.step = p.step;
            m_progress.prompt_fraction = p.fraction;
            if (m_options.progress) m_options.progress(m_progress);
        };
        PromptRun run;
        MilrOptions options = run_options(prompt, method);
        const BenchMethod& kind = bench_method(method);
        try {
            if (kind.generates_only) {
                run.outcome = m_engine.generate(options, engine_progress, m_options.cancel);
            } else {
                const std::vector<std::string> unsupported = world::unsupported_terms(prompt.metadata);
                if (!unsupported.empty() &&
                    (m_options.reward.kind == RewardKind::judge || m_options.reward.kind == RewardKind::judge_binary))
                    throw Error("the judge cannot score it: " + unsupported.front());
                RewardSpec spec = m_options.reward;
                spec.metadata_given = !options.metadata.is_null();
                spec.metadata_json = options.metadata.dump();
                BuiltReward reward = make_reward(spec, options.prompt, &m_model);
                StepObserver observer;
                if (m_options.step)
                    observer = [&](const StepRecord& record) {
                        m_options.step(method, prompt_folder_name(prompt.index), record);
                    };
                run.outcome = m_engine.run(options, *reward.reward, observer, engine_progress, m_options.cancel);
                run.reward_name = reward.reward->name();
            }
        } catch (const Cancelled&) {
            throw;
        } catch (const std::exception& e) {
            run.failure = e.what();
        }
        // An error while the flag is set (e.g. a reward program stopped by the same Ctrl+C) is the cancellation.
        const bool failed = !run.failure.empty() || !run.outcome.error.empty();
        if (run.outcome.cancelled || (failed && m_options.cancel.cancelled()))
            throw Cancelled("the benchmark was cancelled during " + prompt_folder_name(prompt.index) + " ('" +
                            prompt.metadata.prompt + "'), which a resume runs again");
        if (!run.failure.empty()) return run;
        if (!kind.generates_only) {
            // Kept for a failed run too: its steps show where it went wrong.
            Trajectory trajectory{options,
                                  m_model.name(),
                                  run.reward_name,
                                  run.outcome.records,
                                  run.outcome.returned_index,
                                  run.outcome.reached_threshold,
                                  run.outcome.cancelled,
                                  run.outcome.error};
            written(folder, [&] { write_trajectory(folder / "trajectory", trajectory); });
        }
        if (!run.outcome.error.empty())
            run.failure = run.outcome.error;
        else if (!run.outcome.returned())
            run.failure = "the run returned no image";
        return run;
    }

    // The metadata, then the sample (whose presence marks the prompt as finished), both written atomically.
    void record_finished(BenchMethodResult& result, const std::string& method, const std::filesystem::path& folder,
                         const Prompt& prompt, const PromptRun& run) {
        const StepRecord& returned = *run.outcome.returned();
        written(folder, [&] {
            std::filesystem::create_directories(folder / "samples");
            world::write_metadata_jsonl((folder / "metadata.jsonl").string(), {prompt.metadata});
            // The sample carries its run's parameters like every PNG the app writes (it opens in the studio with them).
            write_run_png(folder / "samples" / "0000.png", returned.image,
                          run_metadata_of(run_options(prompt, method), m_model.name(), run.reward_name, returned));
        });
        ++result.ran;
        const world::DescriptionCheck check =
            world::check_image_against_description(returned.reasoning, returned.image);
        ++result.descriptions;
        result.well_formed_descriptions += check.well_formed;
        result.images_following_description += check.followed;
    }

    void report_failure(BenchMethodResult& result, const std::string& method, const Prompt& prompt,
                        const std::string& cause) {
        const BenchFailure failure{method, prompt.line_number, prompt_folder_name(prompt.index), prompt.metadata.prompt,
                                   cause};
        result.failures.push_back(failure.folder + " (" + failure.prompt + "): " + cause);
        if (m_options.failure) m_options.failure(failure);
    }

    // A write that fails (a full disk, a missing permission) stops the bench: the following prompts would fail alike.
    template <typename Write>
    void written(const std::filesystem::path& folder, const Write& write) const {
        try {
            write();
        } catch (const std::exception& e) {
            throw Error("the benchmark stopped because " + folder.string() + " could not be written: " + e.what() +
                        " (the prompts finished before are kept; a rerun resumes)");
        }
    }

    ModelBundle& m_model;
    const BenchOptions& m_options;
    MilrEngine m_engine;
    BenchProgress m_progress;
};

}  // namespace

std::string BenchFailure::to_text() const {
    return method + ": line " + std::to_string(line_number) + " (" + folder + ", '" + prompt + "'): " + cause;
}

std::pair<int, int> parse_shard(const std::string& text) {
    int index = -1, count = 0;
    char tail = 0;
    if (std::sscanf(text.c_str(), "%d/%d%c", &index, &count, &tail) != 2 || count < 1 || index < 0 || index >= count)
        throw Error("bad shard '" + text + "' (use i/n with 0 <= i < n, e.g. 0/4)");
    return {index, count};
}

std::vector<BenchMethodResult> run_bench(ModelBundle& model, const BenchOptions& options) {
    for (const auto& method : options.methods) bench_method(method);  // throws naming an unknown method
    const FolderLock lock(options.out, kBenchLockFile, "milr bench");
    check_or_write_bench_manifest(options.out, bench_settings(options.run, options.reward, model), options.prompts);
    const std::vector<Prompt> prompts = select_prompts(options);
    return Bench(model, options).run(prompts);
}

}  // namespace milr
