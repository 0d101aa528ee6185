// The Qt-free bridge between the GUI's worker thread and the MILR engine: plain parameters in, step records and
// progress out through callbacks. This is the file that includes the engine (and so torch, which must come before
// any Qt header: keep Qt out of engine_session.cpp).
#pragma once
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "core/milr/run_description.h"
#include "core/milr/run_phase.h"
#include "core/milr/step_record.h"
#include "core/util/cancel.h"

namespace milr {

// What the window shows of a model folder before it is used (from describe-model: no weight is loaded).
struct ModelFolderSummary {
    std::string report;  // the full describe-model report, for the details
    std::string layout;  // "deepseek (safetensors weights)", ...
    int64_t stored_parameters = 0;
    bool has_vision = false;  // an understanding tower: the model can judge its own images
    struct Memory {
        std::string target;  // "cpu fp32", "cpu bf16", "cuda bf16"
        int64_t bytes = 0;   // weights, KV cache of the CFG pair, and working memory
    };
    std::vector<Memory> memory;
};

// The version of libtorch this build runs on ("1.13.0"), for the About dialog.
std::string libtorch_version();

struct EngineCallbacks {
    std::function<void(const StepRecord&)> on_record;   // once per step, step 0 = the initial generation
    std::function<bool(double, RunPhase)> on_progress;  // fraction of the run and its phase; false cancels
};

// Lives on the worker thread and owns the model between runs. Every call blocks; cancellation is `cancel`,
// checked by the engine between tokens (milr::Cancelled is thrown then).
//
// Step once: the engine runs whole runs, so one more step is a deterministic replay. The session remembers the
// trajectory of its last run (settings, reward and model, and how many steps it reached); step_once with the same
// settings reruns it with one more step, reports only the new step, and ignores the stop threshold (the user asked
// for that step). The same seed and settings give the same records, so the replayed steps equal those on show.
// With no held trajectory, or with changed settings, step_once starts afresh with step 0 (the initial image).
// A replay to step n costs n steps of compute.
class EngineSession {
public:
    EngineSession();
    ~EngineSession();
    EngineSession(const EngineSession&) = delete;
    EngineSession& operator=(const EngineSession&) = delete;

    // Where the embedded model is ($MILR_EMBEDDED_MODEL, the install prefix, or the source tree); throws milr::Error
    // listing the places looked in when none holds one.
    static std::string embedded_model_path();
    // The describe-model summary of a folder (layout, sizes, memory estimate per device), without loading weights.
    // Throws milr::Error naming the file when config.json (or the weights' index) cannot be read.
    static ModelFolderSummary describe_model_folder(const std::string& folder);
    // The same for a published Janus-Pro ("1B" or "7B") from its dimensions alone: what it needs before it is here.
    static ModelFolderSummary describe_published_model(const std::string& size);
    // The user guide beside the installed program (or in the source tree), "" when neither has it: the file the
    // Help menu opens and `milr --help` names.
    static std::string user_guide_path();
    // The study's example prompts (resources/geneval-shapes/examples.json); "" when not shipped.
    static std::string examples_path();
    // Why the run's reward cannot run with its model ("" when it can): self-judgement needs a model with an
    // understanding (vision) tower, which the embedded model does not have. Reads no file: the caller knows
    // whether the chosen folder has one (describe_model_folder says).
    static std::string reward_unavailable_reason(const RunDescription& run, bool model_has_vision);
    // Loads (or keeps, when already loaded) the model the run names, after checking that its reward can run with
    // it. Throws milr::Error naming what failed.
    void load_model(const RunDescription& run, const ProgressCallback& progress, const CancelToken& cancel);
    // Runs MILR (or Best-of-N) and reports each step; `step_once` continues the held trajectory by one step (see
    // above). Throws milr::RewardError, milr::NumericalError, milr::Error or milr::Cancelled.
    void run(const RunDescription& run, bool step_once, const EngineCallbacks& callbacks, const CancelToken& cancel);

private:
    struct State;  // the loaded model, the engine and the held trajectory (torch types, defined in the .cpp)
    std::unique_ptr<State> m_state;
};

}  // namespace milr
