// The Qt-free bridge between the GUI's worker thread and the MILR engine: plain parameters in, step records and
// progress out through callbacks. This is the file that includes the engine (and so torch, which must come before
// any Qt header: keep Qt out of engine_session.cpp).
#pragma once
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "core/milr/step_record.h"
#include "core/util/cancel.h"

namespace milr {

// Everything a run needs, in the engine's own words (mapped from the GUI's RunSettings by to_engine_parameters).
struct EngineRunParameters {
    std::string prompt;
    std::string mode;            // "text", "image", "both", "best-of-n"
    double lambda_t = 0.2;
    double lambda_v = 0.02;
    double learning_rate = 0.03;
    int steps = 30;
    uint64_t seed = 42;
    double cfg_weight = 5.0;
    double temperature = 1.0;
    std::string preset;          // "reference", "improved"
    double stop_threshold = 0.9;
    std::string reward;          // "geneval-shapes", "self-judgement", "external-command"
    std::string metadata_source; // "from-prompt", "given"
    std::string metadata_json;
    std::string external_command;
    int external_timeout_s = 60;
    std::string model_folder;    // empty = the embedded model
    std::string device;          // "cpu", "cuda", "cuda:N"
    std::string precision;       // "fp32", "bf16"
    bool step_once = false;      // one more step of the held trajectory (a fresh run of one step when none is held)
};

// The version of libtorch this build runs on ("1.13.0"), for the About dialog.
std::string libtorch_version();

struct EngineCallbacks {
    std::function<void(const StepRecord&)> on_record;  // once per step, step 0 = the initial generation
    ProgressCallback on_progress;                      // fraction of the run, phase: "thinking", "drawing", ...
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

    // Whether this build contains the MILR engine.
    static bool available();
    // Where the embedded model is ($MILR_EMBEDDED_MODEL, the install prefix, or the source tree); throws milr::Error
    // listing the places looked in when none holds one.
    static std::string embedded_model_path();
    // The describe-model report of a folder (layout, sizes, memory estimate per device), without loading weights.
    // Throws milr::Error naming the file when config.json (or the weights' index) cannot be read.
    static std::string describe_model_folder(const std::string& folder);
    // The user guide beside the installed program (or in the source tree), "" when neither has it: the file the
    // Help menu opens and `milr --help` names.
    static std::string user_guide_path();
    // Why the parameters' reward cannot run with their model ("" when it can): self-judgement needs a model with
    // an understanding (vision) tower, which the embedded model does not have.
    static std::string reward_unavailable_reason(const EngineRunParameters& parameters);
    // Loads (or keeps, when already loaded) the model the parameters name. Throws milr::Error naming what failed.
    void load_model(const EngineRunParameters& parameters, const ProgressCallback& progress, const CancelToken& cancel);
    // Runs MILR (or Best-of-N) and reports each step. Throws milr::Error or milr::Cancelled.
    void run(const EngineRunParameters& parameters, const EngineCallbacks& callbacks, const CancelToken& cancel);

private:
    struct State;  // the loaded model, the engine and the held trajectory (torch types, defined in the .cpp)
    std::unique_ptr<State> m_state;
};

}  // namespace milr
