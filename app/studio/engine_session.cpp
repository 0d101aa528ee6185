// The MILR engine wired for the worker thread: model loading (kept between runs), the run description's reward
// built, step records and progress out, and Step once as a deterministic replay. No Qt here;
// engine headers, which bring torch, go first.
#include "core/milr/engine/milr_engine.h"
#include "core/model/describe.h"
#include "core/model/config.h"
#include "core/session/model_bundle.h"
#include "core/session/reward_factory.h"
#include "core/util/device.h"
#include "core/util/threads.h"

#include <torch/version.h>

#include "app/studio/engine_session.h"

#include <optional>

#include "core/util/error.h"

namespace milr {
namespace {

// The engine stops when a reward exceeds the threshold; no reward in [0, 1] exceeds 1: Step once takes its step.
constexpr double kNeverStop = 1.0;

std::filesystem::path model_folder_of(const ModelSpec& m) {
    return m.folder.empty() ? embedded_model_folder() : std::filesystem::path(m.folder);
}

std::string model_key(const ModelSpec& m) {
    return (m.folder.empty() ? std::string("<embedded>") : m.folder) + "|" + m.device + "|" + m.precision;
}

}  // namespace

struct EngineSession::State {
    std::string model_key;
    ModelBundle bundle;
    std::optional<MilrEngine> engine;
    // The trajectory of the last run, for Step once: its run and the last step it reported (-1: none).
    std::optional<RunDescription> held;
    int held_last_step = -1;
};

EngineSession::EngineSession() : m_state(std::make_unique<State>()) {}
EngineSession::~EngineSession() = default;

std::string libtorch_version() { return TORCH_VERSION; }

std::string EngineSession::user_guide_path() {
    try {
        return find_documentation("user-guide.md").string();
    } catch (const std::exception&) {
        return {};
    }
}

std::string EngineSession::examples_path() {
    try {
        return find_resource("geneval-shapes/examples.json").string();
    } catch (const std::exception&) {
        return {};
    }
}

std::string EngineSession::embedded_model_path() { return embedded_model_folder().string(); }

namespace {
ModelFolderSummary summary_of(const ModelDescription& description) {
    ModelFolderSummary summary;
    summary.report = description.text();
    summary.layout = layout_name(description.layout) +
        (description.from_weights ? " (" + description.weight_format + " weights)" : " (config only)");
    summary.stored_parameters = description.total_parameters;
    summary.has_vision = description.config.vision.has_value();
    for (const MemoryEstimate& estimate : description.estimates)
        summary.memory.push_back({estimate.target, estimate.total()});
    return summary;
}
}  // namespace

ModelFolderSummary EngineSession::describe_model_folder(const std::string& folder) {
    return summary_of(describe_model(folder));
}

ModelFolderSummary EngineSession::describe_published_model(const std::string& size) {
    return summary_of(describe_config(janus_pro_config(size)));
}

std::string EngineSession::reward_unavailable_reason(const RunDescription& run, bool model_has_vision) {
    if (!reward_needs_model(run.reward.kind) || model_has_vision) return {};
    const std::string& folder = run.model.folder;
    if (folder.empty())
        return "Self-judgement is not available for the embedded model: it has no understanding (vision) tower to "
               "look at its own images. Choose the GenEval-Shapes judge or an external command.";
    return "Self-judgement needs a model with an understanding (vision) tower, and " + folder +
        " has none. Choose the GenEval-Shapes judge or an external command.";
}

void EngineSession::load_model(const RunDescription& run, const ProgressCallback& progress, const CancelToken& cancel) {
    const ModelSpec& model = run.model;
    // The worker thread reads the folder's config (the window asks without reading files).
    bool has_vision = false;
    if (!model.folder.empty()) {
        try {
            has_vision = read_janus_config(model.folder).vision.has_value();
        } catch (const std::exception&) {  // an unreadable config is reported by the load below
        }
    }
    const std::string reason = reward_unavailable_reason(run, has_vision);
    if (!reason.empty()) throw Error(reason);
    const std::string key = model_key(model);
    if (m_state->engine && m_state->model_key == key) return;
    // The worker thread runs torch: give it the machine's cores (the thread count is per thread with OpenMP).
    configure_torch_threads();
    const std::filesystem::path folder = model_folder_of(model);
    LoadOptions options;
    options.target = parse_compute_target(model.device, model.precision);
    options.parts.vision = false;  // no reward in this build looks through the understanding tower
    options.cancel = cancel;
    options.progress = [&](double fraction, const std::string&) { return !progress || progress(fraction, "loading"); };
    m_state->engine.reset();
    m_state->bundle = ModelBundle{};
    m_state->model_key.clear();
    m_state->held.reset();
    m_state->held_last_step = -1;
    m_state->bundle = load_model_bundle(folder, options);
    m_state->engine.emplace(m_state->bundle.model, m_state->bundle.tokenizer);
    m_state->model_key = key;
}

void EngineSession::run(const RunDescription& run, bool step_once, const EngineCallbacks& callbacks,
                        const CancelToken& cancel) {
    if (!m_state->engine) throw Error("no model is loaded: load_model comes before run");
    validate(run);
    MilrOptions options = run.milr;
    // Step once continues the held trajectory when it is this one; otherwise it starts one with step 0.
    int report_after = -1;
    if (step_once) {
        const bool continues = m_state->held && same_trajectory(*m_state->held, run) && m_state->held_last_step >= 0;
        report_after = continues ? m_state->held_last_step : -1;
        options.steps = continues ? m_state->held_last_step + 1 : 0;
        options.reward_threshold = kNeverStop;
    }
    BuiltReward reward = make_reward(run.reward, options.prompt, &m_state->bundle);
    options.metadata = reward.metadata;

    m_state->held = run;
    m_state->held_last_step = report_after;
    const MilrRunResult result = m_state->engine->run(
        options, *reward.reward,
        [&](const StepRecord& record) {
            if (record.step <= report_after) return;  // replayed steps are already on show
            m_state->held_last_step = record.step;
            if (callbacks.on_record) callbacks.on_record(record);
        },
        [&](const RunProgress& p) {
            if (callbacks.on_progress && !callbacks.on_progress(p.fraction, p.phase)) cancel.cancel();
        },
        cancel);
    if (result.cancelled) throw Cancelled("stopped by request");
    throw_run_failure(result);
}

}  // namespace milr
