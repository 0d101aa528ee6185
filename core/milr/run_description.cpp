// RunDescription: reward names, equality, clamping, validation and the JSON round trip (with 0.1.0's format).
#include "core/milr/run_description.h"

#include <cmath>

#include "core/milr/parameter_table.h"
#include "core/util/error.h"

namespace milr {

namespace {
struct RewardName {
    RewardKind kind;
    const char* name;
    const char* old_name;  // MILR Studio 0.1.0's settings and PNGs
};
const RewardName kRewardNames[] = {
    {RewardKind::judge, "judge", "geneval-shapes"},         {RewardKind::judge_binary, "judge-binary", nullptr},
    {RewardKind::self, "self", "self-judgement"},           {RewardKind::judge_plus_self, "judge+self", nullptr},
    {RewardKind::external, "external", "external-command"},
};
}  // namespace

std::string reward_kind_name(RewardKind kind) {
    for (const RewardName& r : kRewardNames)
        if (r.kind == kind) return r.name;
    return "judge";
}

RewardKind reward_kind_from_name(const std::string& name) {
    for (const RewardName& r : kRewardNames)
        if (name == r.name || (r.old_name && name == r.old_name)) return r.kind;
    throw Error("unknown reward '" + name + "' (use judge, judge-binary, self, judge+self or external)");
}

bool reward_needs_model(RewardKind kind) { return kind == RewardKind::self || kind == RewardKind::judge_plus_self; }

bool RewardSpec::operator==(const RewardSpec& o) const {
    return kind == o.kind && metadata_given == o.metadata_given && metadata_json == o.metadata_json &&
        command_line == o.command_line && timeout_s == o.timeout_s && self_weight == o.self_weight;
}

bool ModelSpec::operator==(const ModelSpec& o) const {
    return folder == o.folder && device == o.device && precision == o.precision;
}

bool same_options(const MilrOptions& a, const MilrOptions& b) {
    return a.prompt == b.prompt && a.mode == b.mode && a.lambda_text == b.lambda_text &&
        a.lambda_image == b.lambda_image && a.learning_rate == b.learning_rate && a.steps == b.steps &&
        a.reward_threshold == b.reward_threshold && a.seed == b.seed && a.cfg_weight == b.cfg_weight &&
        a.temperature == b.temperature && a.max_reasoning_tokens == b.max_reasoning_tokens &&
        a.user_role == b.user_role && a.assistant_role == b.assistant_role &&
        a.latent_precision == b.latent_precision && a.returned_image == b.returned_image &&
        a.image_prefix_rule == b.image_prefix_rule && a.schedule == b.schedule && a.preset == b.preset &&
        a.estimator == b.estimator && a.update_direction == b.update_direction && a.sample_source == b.sample_source;
}

bool RunDescription::operator==(const RunDescription& o) const {
    return same_options(milr, o.milr) && reward == o.reward && model == o.model;
}

bool same_trajectory(const RunDescription& a, const RunDescription& b) {
    RunDescription x = a, y = b;
    x.milr.steps = y.milr.steps = 0;
    x.milr.reward_threshold = y.milr.reward_threshold = 0;
    return x == y;
}

RunDescription clamped(RunDescription run) {
    for (const ParameterRange& row : run_parameter_table())
        set_parameter_value(run, row.parameter, clamp_to_range(row.parameter, parameter_value(run, row.parameter)));
    if (!(run.reward.self_weight >= 0 && run.reward.self_weight <= 1))
        run.reward.self_weight = RewardSpec{}.self_weight;
    return run;
}

void validate(const RunDescription& run) {
    run.milr.validate();
    const std::string problem = range_problem(RunParameter::reward_timeout, run.reward.timeout_s);
    if (!problem.empty()) throw Error(problem);
    if (!(run.reward.self_weight >= 0 && run.reward.self_weight <= 1))
        throw Error("the self-judgement weight must lie in [0, 1], not " + std::to_string(run.reward.self_weight));
}

nlohmann::json to_json(const RunDescription& run) {
    nlohmann::json j = to_json(run.milr);
    const RewardSpec& r = run.reward;
    j["reward_spec"] = {{"kind", reward_kind_name(r.kind)}, {"metadata_given", r.metadata_given},
                        {"metadata_json", r.metadata_json}, {"command", r.command_line},
                        {"timeout_s", r.timeout_s},         {"self_weight", r.self_weight}};
    j["model_spec"] = {{"folder", run.model.folder}, {"device", run.model.device}, {"precision", run.model.precision}};
    return j;
}

namespace {

// Reads keys of one JSON object into fields; a bad key is noted (or thrown, without a problem list).
class FieldReader {
public:
    FieldReader(const nlohmann::json& json, std::vector<std::string>* problems) : m_json(json), m_problems(problems) {}

    const nlohmann::json* find(const char* key) const {
        auto it = m_json.find(key);
        return it == m_json.end() || it->is_null() ? nullptr : &*it;
    }
    void number(const char* key, double& out) {
        if (const nlohmann::json* v = find(key)) {
            if (v->is_number())
                out = v->get<double>();
            else
                problem(key, "is not a number: " + v->dump());
        }
    }
    void integer(const char* key, int& out) {
        double value = out;
        number(key, value);
        if (std::isfinite(value)) out = static_cast<int>(std::clamp(value, -1e9, 1e9));
    }
    void text(const char* key, std::string& out) {
        if (const nlohmann::json* v = find(key)) {
            if (v->is_string())
                out = v->get<std::string>();
            else
                problem(key, "is not a string: " + v->dump());
        }
    }
    void flag(const char* key, bool& out) {
        if (const nlohmann::json* v = find(key)) {
            if (v->is_boolean())
                out = v->get<bool>();
            else
                problem(key, "is not true or false: " + v->dump());
        }
    }
    void seed(const char* key, uint64_t& out) {
        const nlohmann::json* v = find(key);
        if (!v) return;
        if (v->is_number_unsigned()) {
            out = v->get<uint64_t>();
        } else if (v->is_string()) {  // 0.1.0 wrote seeds as strings (JSON numbers lose 64-bit integers)
            const std::string s = v->get<std::string>();
            size_t used = 0;
            try {
                const unsigned long long parsed =
                    s.empty() || s[0] == '-' ? throw std::invalid_argument(s) : std::stoull(s, &used);
                if (used != s.size()) throw std::invalid_argument(s);
                out = parsed;
            } catch (const std::exception&) {
                problem(key, "is not a non-negative integer: " + v->dump());
            }
        } else {
            problem(key, "is not a non-negative integer: " + v->dump());
        }
    }
    // Reads a name and converts it with `parse`, which throws milr::Error for an unknown name.
    template <typename Value, typename Parse>
    void name(const char* key, Value& out, Parse parse) {
        std::string text_value;
        text(key, text_value);
        if (text_value.empty()) return;
        try {
            out = parse(text_value);
        } catch (const Error& e) {
            problem(key, std::string("has the unknown value '") + text_value + "'");
        }
    }
    void problem(const char* key, const std::string& what) {
        const std::string message = std::string("run parameter '") + key + "' " + what;
        if (!m_problems) throw Error(message);
        m_problems->push_back(message);
    }

private:
    const nlohmann::json& m_json;
    std::vector<std::string>* m_problems;
};

template <typename Enum>
Enum choice(const std::string& text, const char* a, Enum va, const char* b, Enum vb) {
    if (text == a) return va;
    if (text == b) return vb;
    throw Error(text);
}

void read_options(FieldReader& r, MilrOptions& o, bool old_format) {
    std::string preset;
    r.text("preset", preset);
    if (!preset.empty()) {
        try {
            apply_preset(o, preset);
        } catch (const Error&) {
            r.problem("preset", "has the unknown value '" + preset + "'");
        }
    }
    r.text("prompt", o.prompt);
    if (!old_format)
        if (const nlohmann::json* metadata = r.find("metadata")) o.metadata = *metadata;
    r.name("mode", o.mode, mode_from_name);
    r.number(old_format ? "lambda_t" : "lambda_text", o.lambda_text);
    r.number(old_format ? "lambda_v" : "lambda_image", o.lambda_image);
    r.number("learning_rate", o.learning_rate);
    r.integer("steps", o.steps);
    r.number(old_format ? "stop_threshold" : "reward_threshold", o.reward_threshold);
    r.seed("seed", o.seed);
    r.number("cfg_weight", o.cfg_weight);
    r.number("temperature", o.temperature);
    r.integer("max_reasoning_tokens", o.max_reasoning_tokens);
    r.text("user_role", o.user_role);
    r.text("assistant_role", o.assistant_role);
    using P = LatentPrecision;
    using R = ReturnedImage;
    using I = ImagePrefixRule;
    using S = Schedule;
    r.name("latent_precision", o.latent_precision,
           [](const std::string& t) { return choice(t, "bf16", P::bf16, "fp32", P::fp32); });
    r.name("returned_image", o.returned_image,
           [](const std::string& t) { return choice(t, "best", R::best, "last", R::last); });
    r.name("image_prefix_rule", o.image_prefix_rule,
           [](const std::string& t) { return choice(t, "sample", I::sample, "argmax", I::argmax); });
    r.name("schedule", o.schedule,
           [](const std::string& t) { return choice(t, "cached", S::cached, "reference", S::reference); });
    r.name("estimator", o.estimator, estimator_from_name);
    r.name("update_direction", o.update_direction, update_direction_from_name);
    r.name("sample_source", o.sample_source, sample_source_from_name);
}

// MILR Studio 0.1.0 wrote the reward and the model as flat keys beside the options.
void read_old_reward_and_model(FieldReader& r, RunDescription& run) {
    r.name("reward", run.reward.kind, reward_kind_from_name);
    std::string source;
    r.text("metadata_source", source);
    run.reward.metadata_given = source == "given";
    if (!source.empty() && source != "given" && source != "from-prompt")
        r.problem("metadata_source", "has the unknown value '" + source + "'");
    r.text("metadata", run.reward.metadata_json);
    r.text("external_command", run.reward.command_line);
    r.number("external_timeout_s", run.reward.timeout_s);
    r.text("model_folder", run.model.folder);
    r.text("device", run.model.device);
    r.text("precision", run.model.precision);
}

}  // namespace

RunDescription run_description_from_json(const nlohmann::json& json, std::vector<std::string>* problems) {
    if (!json.is_object()) throw Error("run parameters must be a JSON object");
    RunDescription run;
    FieldReader top(json, problems);
    // 0.1.0's flat keys, unless today's are there too (a settings file keeps the old keys beside the new ones).
    const bool old_format = !json.contains("lambda_text") &&
        (json.contains("lambda_t") || json.contains("stop_threshold") || json.contains("metadata_source"));
    read_options(top, run.milr, old_format);
    if (old_format) {
        read_old_reward_and_model(top, run);
        return run;
    }
    if (const nlohmann::json* reward = top.find("reward_spec")) {
        if (!reward->is_object()) {
            top.problem("reward_spec", "is not an object: " + reward->dump());
        } else {
            FieldReader r(*reward, problems);
            r.name("kind", run.reward.kind, reward_kind_from_name);
            r.flag("metadata_given", run.reward.metadata_given);
            r.text("metadata_json", run.reward.metadata_json);
            r.text("command", run.reward.command_line);
            r.number("timeout_s", run.reward.timeout_s);
            r.number("self_weight", run.reward.self_weight);
        }
    }
    if (const nlohmann::json* model = top.find("model_spec")) {
        if (!model->is_object()) {
            top.problem("model_spec", "is not an object: " + model->dump());
        } else {
            FieldReader m(*model, problems);
            m.text("folder", run.model.folder);
            m.text("device", run.model.device);
            m.text("precision", run.model.precision);
        }
    }
    return run;
}

}  // namespace milr
