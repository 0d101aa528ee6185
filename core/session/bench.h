// Benchmarks of the method on a prompt set in GenEval's layout: for each method (bench_method.h: base, text, image,
// both, the estimators, the controls, the Best-of-N variants) and each prompt, the returned image in OUT/<method>/NNNNN/samples/0000.png with its metadata and
// (for the optimising methods) its trajectory, then the GenEval-Shapes judge's results and summary per method.
// Resumable (finished prompts are skipped; the folder's settings are checked first, see bench_manifest.h) and
// shardable (--shard i/n takes every n-th prompt). One process at a time per output folder (OUT/bench.lock).
#pragma once
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "core/milr/milr_options.h"
#include "core/milr/step_record.h"
#include "core/session/model_bundle.h"
#include "core/session/reward_factory.h"
#include "core/util/cancel.h"
#include "core/world/folder_eval.h"

namespace milr {

struct BenchProgress {
    std::string method;
    int done = 0, total = 0;  // prompt runs over all methods of this shard (skipped ones count as done)
    std::string phase;        // the prompt being run
    // Within that prompt (reported while it runs, many times a step): the engine's phase, its step, and the
    // fraction of the prompt done.
    std::string step_phase;
    int step = 0;
    double prompt_fraction = 0;
};

// A prompt that failed (the bench goes on with the next one).
struct BenchFailure {
    std::string method;
    int line_number = 0;  // in the prompt file, 1-based
    std::string folder;   // NNNNN
    std::string prompt;
    std::string cause;
    std::string to_text() const;  // "both: line 3 (00002, 'a photo of two stars'): the judge cannot score it: ..."
};

struct BenchOptions {
    std::filesystem::path prompts;  // GenEval-format jsonl
    std::filesystem::path out;
    std::vector<std::string> methods = {"base", "text", "image", "both", "best-of-n"};
    MilrOptions run;    // steps, lambdas, lr, seed (prompt i uses seed + i), ...
    RewardSpec reward;  // kind; metadata comes from each line
    int shard_index = 0, shard_count = 1;
    int per_tag_limit = 0;  // keep only the first N lines of each tag (0 = all)
    int prompt_limit = 0;   // run only the first N prompts selected; the rest of the file is not read
    // Called before each prompt and many times while it runs (so a cancel set from here is seen within the prompt).
    std::function<void(const BenchProgress&)> progress;
    std::function<void(const BenchFailure&)> failure;  // called as each failure happens
    // Called after each step of an optimising method's run, with the method and the prompt's folder (NNNNN).
    std::function<void(const std::string& method, const std::string& folder, const StepRecord&)> step;
    CancelToken cancel;  // checked between prompts and by the engine between tokens
};

struct BenchMethodResult {
    std::string method;
    int ran = 0, resumed = 0;
    std::vector<std::string> failures;  // prompt index and cause
    double seconds = 0;
    double mean_reward_calls = 0;  // over the prompts run now
    // The returned image against its own reasoning text (over the prompts run now): the text parses in the
    // description grammar, and the image shows exactly the described objects in their places.
    int descriptions = 0, well_formed_descriptions = 0, images_following_description = 0;
    world::FolderEvaluation evaluation;
};

// Throws milr::Error for an unreadable prompt file (or a line longer than world::kMaxMetadataLineBytes), an
// unknown method, an output folder that another process holds, a folder run with other settings (naming them)
// or whose finished prompt is not its line's prompt, and a file that cannot be written (e.g. a full disk: the
// bench stops, every file on disk complete). A prompt that fails otherwise is reported to `failure`, listed in
// `failures`, and the bench goes on. Cancelled stops it within the running prompt, which is not recorded as
// finished (a resume runs it again); what was finished stays on disk.
std::vector<BenchMethodResult> run_bench(ModelBundle& model, const BenchOptions& options);

// "i/n" -> (i, n), 0 <= i < n; throws milr::Error naming the text.
std::pair<int, int> parse_shard(const std::string& text);

}  // namespace milr
