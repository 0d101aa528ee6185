// The MILR engine wired for the worker thread: model loading (kept between runs), run parameters mapped to the
// engine's options and reward, step records and progress out, and Step once as a deterministic replay. No Qt here;
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

// Stop thresholds above any reward in [0, 1]: Step once always takes its step.
constexpr double kNeverStop = 2.0;

std::filesystem::path model_folder_of(const EngineRunParameters& p) {
    return p.model_folder.empty() ? embedded_model_folder() : std::filesystem::path(p.model_folder);
}

std::string model_key(const EngineRunParameters& p) {
    return (p.model_folder.empty() ? std::string("<embedded>") : p.model_folder) + "|" + p.device + "|" + p.precision;
}

RewardSpec reward_spec_of(const EngineRunParameters& p) {
    RewardSpec spec;
    if (p.reward == "geneval-shapes") {
        spec.kind = "judge";
    } else if (p.reward == "external-command") {
        spec.kind = "external";
        spec.command = split_command_line(p.external_command);
        if (spec.command.empty()) throw Error("the external reward needs a command: fill in the reward's command line");
        spec.timeout = std::chrono::milliseconds(static_cast<int64_t>(p.external_timeout_s) * 1000);
    } else if (p.reward == "self-judgement") {
        spec.kind = "self";
    } else {
        throw Error("unknown reward '" + p.reward + "' (use geneval-shapes, self-judgement or external-command)");
    }
    if (p.metadata_source == "given") {
        try {
            spec.metadata = nlohmann::json::parse(p.metadata_json);
        } catch (const std::exception& e) {
            throw Error(std::string("the given prompt metadata is not valid JSON: ") + e.what());
        }
        if (!spec.metadata.is_object()) throw Error("the given prompt metadata must be a JSON object");
    } else if (p.metadata_source != "from-prompt") {
        throw Error("unknown metadata source '" + p.metadata_source + "' (use from-prompt or given)");
    }
    return spec;
}

MilrOptions milr_options_of(const EngineRunParameters& p) {
    MilrOptions o;
    apply_preset(o, p.preset);
    o.prompt = p.prompt;
    o.mode = mode_from_name(p.mode);
    o.lambda_text = p.lambda_t;
    o.lambda_image = p.lambda_v;
    o.learning_rate = p.learning_rate;
    o.steps = p.steps;
    o.seed = p.seed;
    o.cfg_weight = p.cfg_weight;
    o.temperature = p.temperature;
    o.reward_threshold = p.stop_threshold;
    return o;
}

// What makes two runs the same trajectory: everything but the number of steps and the stop threshold (which only
// decide where a run ends, not what its steps are).
std::string trajectory_key(const EngineRunParameters& p) {
    MilrOptions o = milr_options_of(p);
    o.steps = 0;
    o.reward_threshold = 0;
    return to_json(o).dump() + "|" + p.reward + "|" + p.metadata_source + "|" + p.metadata_json + "|" +
           p.external_command + "|" + model_key(p);
}

}  // namespace

struct EngineSession::State {
    std::string model_key;
    ModelBundle bundle;
    std::optional<MilrEngine> engine;
    // The trajectory of the last run, for Step once: its key and the last step it reported (-1: none).
    std::string held_key;
    int held_last_step = -1;
};

EngineSession::EngineSession() : m_state(std::make_unique<State>()) {}
EngineSession::~EngineSession() = default;

bool EngineSession::available() { return true; }

std::string libtorch_version() { return TORCH_VERSION; }

std::string EngineSession::user_guide_path() {
    try {
        return find_documentation("user-guide.md").string();
    } catch (const std::exception&) {
        return {};
    }
}

std::string EngineSession::embedded_model_path() { return embedded_model_folder().string(); }

std::string EngineSession::describe_model_folder(const std::string& folder) { return describe_model(folder).text(); }

std::string EngineSession::reward_unavailable_reason(const EngineRunParameters& p) {
    if (p.reward != "self-judgement") return {};
    if (p.model_folder.empty())
        return "Self-judgement is not available for the embedded model: it has no understanding (vision) tower to "
               "look at its own images. Choose the GenEval-Shapes judge or an external command.";
    // A folder whose config has no understanding tower cannot judge its own images; an unreadable config is
    // reported when the model loads.
    try {
        if (!read_janus_config(p.model_folder).vision)
            return "Self-judgement needs a model with an understanding (vision) tower, and " + p.model_folder +
                   " has none. Choose the GenEval-Shapes judge or an external command.";
    } catch (const std::exception&) {
    }
    return {};
}

void EngineSession::load_model(const EngineRunParameters& parameters, const ProgressCallback& progress, const CancelToken& cancel) {
    const std::string reason = reward_unavailable_reason(parameters);
    if (!reason.empty()) throw Error(reason);
    const std::string key = model_key(parameters);
    if (m_state->engine && m_state->model_key == key) return;
    // The worker thread runs torch: give it the machine's cores (the thread count is per thread with OpenMP).
    configure_torch_threads();
    const std::filesystem::path folder = model_folder_of(parameters);
    LoadOptions options;
    options.target = parse_compute_target(parameters.device, parameters.precision);
    options.parts.vision = false;  // no reward in this build looks through the understanding tower
    options.cancel = cancel;
    options.progress = [&](double fraction, const std::string&) { return !progress || progress(fraction, "loading"); };
    m_state->engine.reset();
    m_state->bundle = ModelBundle{};
    m_state->model_key.clear();
    m_state->held_key.clear();
    m_state->held_last_step = -1;
    m_state->bundle = load_model_bundle(folder, options);
    m_state->engine.emplace(m_state->bundle.model, m_state->bundle.tokenizer);
    m_state->model_key = key;
}

void EngineSession::run(const EngineRunParameters& parameters, const EngineCallbacks& callbacks, const CancelToken& cancel) {
    if (!m_state->engine) throw Error("no model is loaded: load_model comes before run");
    MilrOptions options = milr_options_of(parameters);
    const std::string key = trajectory_key(parameters);
    // Step once continues the held trajectory when it is this one; otherwise it starts one with step 0.
    int report_after = -1;
    if (parameters.step_once) {
        const bool continues = m_state->held_key == key && m_state->held_last_step >= 0;
        report_after = continues ? m_state->held_last_step : -1;
        options.steps = continues ? m_state->held_last_step + 1 : 0;
        options.reward_threshold = kNeverStop;
    }
    options.validate();
    BuiltReward reward = make_reward(reward_spec_of(parameters), options.prompt, &m_state->bundle);
    options.metadata = reward.metadata;

    m_state->held_key = key;
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
    if (!result.error.empty()) throw Error(result.error);
}

}  // namespace milr
