// The MILR engine: think, draw, judge, then optimise the latents of the first reasoning and image tokens
// with REINFORCE for up to T steps (modes text, image, both), or the Best-of-N baseline with the same number
// of reward calls. Emits one StepRecord per image; cancellable between tokens; deterministic for a seed.
#pragma once
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "core/milr/milr_options.h"
#include "core/milr/step_record.h"
#include "core/model/janus_model.h"
#include "core/reward/reward.h"
#include "core/text/tokenizer.h"
#include "core/milr/run_phase.h"
#include "core/util/cancel.h"

namespace milr {

// Throws the error a failed run stopped on, as its own type (RewardError, NumericalError or Error), with `context`
// appended to the message; does nothing for a run without an error.
void throw_run_failure(const struct MilrRunResult& result, const std::string& context = {});

// Called with each record as soon as its image is judged (on the engine's thread).
using StepObserver = std::function<void(const StepRecord&)>;

// Coarse progress of a run: the phase, the step it belongs to and the fraction of the whole run done (for an ETA).
struct RunProgress {
    RunPhase phase = RunPhase::thinking;
    int step = 0;
    double fraction = 0.0;
};
using RunProgressCallback = std::function<void(const RunProgress&)>;

struct MilrRunResult {
    std::vector<StepRecord> records;  // step 0 (the initial image) first; kept on error or cancel
    int returned_index = -1;          // which record the run returns (best or last, per the options)
    bool reached_threshold = false;   // stopped because the reward passed the threshold
    bool cancelled = false;
    std::string error;                        // set when the run stopped on an error (reward failure, NaN, ...)
    FailureKind failure = FailureKind::none;  // what kind of error that was
    const StepRecord* returned() const {
        return returned_index >= 0 ? &records[static_cast<size_t>(returned_index)] : nullptr;
    }
};

class MilrEngine {
public:
    // The model must be loaded with its codec; it is used without gradients except through the heads.
    MilrEngine(JanusModel model, std::shared_ptr<const Tokenizer> tokenizer);

    // Runs MILR (modes text, image, both) or Best-of-N (mode best_of_n). Errors and cancellation do not throw:
    // they end the run, reported with the records so far. Invalid options or a prompt past the context throw.
    MilrRunResult run(const MilrOptions& options, Reward& reward, const StepObserver& observer = {},
                      const RunProgressCallback& progress = {}, const CancelToken& cancel = {});

    // Think and draw once (step 0 only), without a reward: what `milr generate` does.
    MilrRunResult generate(const MilrOptions& options, const RunProgressCallback& progress = {},
                           const CancelToken& cancel = {});

    JanusModel& model() { return m_model; }
    const Tokenizer& tokenizer() const { return *m_tokenizer; }

private:
    JanusModel m_model;
    std::shared_ptr<const Tokenizer> m_tokenizer;
};

}  // namespace milr
