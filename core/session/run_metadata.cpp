// Run metadata <-> PNG text chunks: the readable summary, the JSON, and the field-by-field validation of the JSON.
#include "core/session/run_metadata.h"

#include <cmath>
#include <initializer_list>

#include "core/io/json_file.h"
#include "core/milr/parameter_table.h"
#include "core/util/error.h"

#ifndef MILR_VERSION
#define MILR_VERSION "unknown"
#endif

namespace milr {
namespace {

constexpr const char* kFormat = "milr-run";
constexpr int kFormatVersion = 1;

// The shortest text that reads back as the same double ("3", "0.2", "0.30000000000000004").
std::string number_text(double x) {
    if (std::isinf(x)) return x < 0 ? "-inf" : "inf";
    if (x == std::floor(x) && std::fabs(x) < 1e15) return std::to_string(static_cast<long long>(x));
    return nlohmann::json(x).dump();
}

// Checks one field at a time of the "milr" JSON; every error names the field as "milr.<key>". Missing fields are
// left to their defaults (except where `required`).
class FieldCheck {
public:
    explicit FieldCheck(const nlohmann::json& json) : m_json(json) {}

    void text(const char* key, std::initializer_list<const char*> choices = {}, bool required = false) {
        const nlohmann::json* value = find(key, required);
        if (!value) return;
        if (!value->is_string()) fail(key, "must be a string", *value);
        if (choices.size() == 0) return;
        std::string allowed;
        for (const char* choice : choices) {
            if (value->get<std::string>() == choice) return;
            allowed += (allowed.empty() ? "" : ", ") + std::string(choice);
        }
        fail(key, "must be one of " + allowed, *value);
    }
    void non_blank_text(const char* key) {
        text(key, {}, true);
        if (m_json.at(key).get<std::string>().find_first_not_of(" \t\r\n") == std::string::npos)
            fail(key, "must not be empty", m_json.at(key));
    }
    // A finite number within [low, high] (or (low, high] when `open_low`).
    void number(const char* key, double low, double high, bool open_low = false) {
        const nlohmann::json* value = find(key, false);
        if (!value) return;
        if (!value->is_number()) fail(key, "must be a number", *value);
        const double x = value->get<double>();
        if (!std::isfinite(x) || x < low || x > high || (open_low && x == low))
            fail(key, "must be " + range(low, high, open_low), *value);
    }
    void integer(const char* key, double low, double high) {
        const nlohmann::json* value = find(key, false);
        if (!value) return;
        if (!value->is_number_integer()) fail(key, "must be an integer", *value);
        const double x = value->get<double>();
        if (x < low || x > high) fail(key, "must be an integer " + range(low, high, false), *value);
    }
    void unsigned_integer(const char* key) {
        const nlohmann::json* value = find(key, false);
        if (value && !value->is_number_unsigned()) fail(key, "must be a non-negative integer", *value);
    }
    // A number in the run parameters' range table.
    void parameter(const char* key, RunParameter parameter) {
        const nlohmann::json* value = find(key, false);
        if (!value) return;
        if (!value->is_number()) fail(key, "must be a number", *value);
        const std::string problem = range_problem(parameter, value->get<double>());
        if (!problem.empty()) throw Error(std::string("milr.") + key + ": " + problem);
    }
    void object_or_null(const char* key) {
        const nlohmann::json* value = find(key, false);
        if (value && !value->is_null() && !value->is_object()) fail(key, "must be a JSON object", *value);
    }

private:
    const nlohmann::json* find(const char* key, bool required) const {
        const auto it = m_json.find(key);
        if (it == m_json.end()) {
            if (required) throw Error(std::string("milr.") + key + " is missing");
            return nullptr;
        }
        return &*it;
    }
    static std::string range(double low, double high, bool open_low) {
        if (std::isinf(high)) return std::string(open_low ? "> " : ">= ") + number_text(low);
        return "within " + std::string(open_low ? "(" : "[") + number_text(low) + ", " + number_text(high) + "]";
    }
    [[noreturn]] static void fail(const char* key, const std::string& what, const nlohmann::json& value) {
        throw Error(std::string("milr.") + key + " " + what + ", not " + value.dump());
    }

    const nlohmann::json& m_json;
};

void validate_fields(const nlohmann::json& j) {
    FieldCheck check(j);
    check.text("format", {kFormat});
    check.integer("format_version", 1, kFormatVersion);
    check.non_blank_text("prompt");
    check.text("mode", {"text", "image", "both", "best-of-n"});
    check.parameter("lambda_text", RunParameter::lambda_text);
    check.parameter("lambda_image", RunParameter::lambda_image);
    check.parameter("learning_rate", RunParameter::learning_rate);
    check.integer("steps", 0, 1e9);
    check.parameter("steps", RunParameter::steps);
    check.parameter("reward_threshold", RunParameter::reward_threshold);
    check.unsigned_integer("seed");
    check.parameter("cfg_weight", RunParameter::cfg_weight);
    check.parameter("temperature", RunParameter::temperature);
    check.integer("max_reasoning_tokens", 1, 1e9);
    check.parameter("max_reasoning_tokens", RunParameter::max_reasoning_tokens);
    check.text("user_role");
    check.text("assistant_role");
    check.text("preset", {"reference", "improved"});
    check.text("latent_precision", {"bf16", "fp32"});
    check.text("returned_image", {"best", "last"});
    check.text("image_prefix_rule", {"sample", "argmax"});
    check.text("schedule", {"cached", "reference"});
    check.text("estimator", {"authors", "reinforce"});
    check.text("update_direction", {"gradient", "random"});
    check.text("sample_source", {"same-reasoning", "sampled-reasoning", "prompt"});
    check.text("model");
    check.text("reward");
    check.integer("step", 0, 1e9);
    check.number("reward_value", 0, 1);
    check.text("app_version");
    check.object_or_null("studio");
    check.object_or_null("reward_spec");
    check.object_or_null("model_spec");
}

}  // namespace

std::string milr_version() { return MILR_VERSION; }

bool RunMetadata::operator==(const RunMetadata& other) const { return to_json(*this) == to_json(other); }

RunMetadata run_metadata_of(const MilrOptions& options, const std::string& model, const std::string& reward,
                            const StepRecord& record) {
    RunMetadata metadata;
    metadata.run.milr = options;
    metadata.model = model;
    metadata.reward = reward;
    metadata.step = record.step;
    metadata.reward_value = record.reward;
    return metadata;
}

std::string parameters_summary(const RunMetadata& m) {
    const MilrOptions& o = m.run.milr;
    return o.prompt + "\nMode: " + mode_name(o.mode) + ", Steps: " + std::to_string(o.steps) +
        ", lambda_t: " + number_text(o.lambda_text) + ", lambda_v: " + number_text(o.lambda_image) +
        ", Learning rate: " + number_text(o.learning_rate) + ", Seed: " + std::to_string(o.seed) +
        ", CFG scale: " + number_text(o.cfg_weight) + ", Temperature: " + number_text(o.temperature) +
        ", Preset: " + o.preset + ", Stop threshold: " + number_text(o.reward_threshold) + ", Model: " + m.model +
        ", Reward: " + m.reward + ", Step: " + std::to_string(m.step) +
        ", Reward value: " + number_text(m.reward_value) + ", Version: MILR Studio " + m.app_version;
}

nlohmann::json to_json(const RunMetadata& m) {
    nlohmann::json j = to_json(m.run);
    if (!m.records_specs) {
        j.erase("reward_spec");
        j.erase("model_spec");
    }
    j["format"] = kFormat;
    j["format_version"] = kFormatVersion;
    j["model"] = m.model;
    j["reward"] = m.reward;
    j["step"] = m.step;
    j["reward_value"] = m.reward_value;
    j["app_version"] = m.app_version;
    return j;
}

RunMetadata run_metadata_from_json(const nlohmann::json& j) {
    if (!j.is_object()) throw Error("milr: the run metadata must be a JSON object, not " + std::string(j.type_name()));
    validate_fields(j);
    RunMetadata m;
    try {
        m.run = run_description_from_json(j);
    } catch (const Error& e) {
        throw Error(std::string("milr: ") + e.what());
    }
    m.records_specs = j.contains("reward_spec") || j.contains("model_spec");
    if (const auto studio = j.find("studio"); studio != j.end() && studio->is_object()) {
        // 0.1.0: the studio's settings in their flat format; only the reward and the model are taken from it
        // (the options above are the ones the run used). Unknown values there are skipped, as 0.1.0 did.
        std::vector<std::string> skipped;
        nlohmann::json old = *studio;
        old["lambda_t"] = m.run.milr.lambda_text;  // marks the old format
        const RunDescription settings = run_description_from_json(old, &skipped);
        m.run.reward = settings.reward;
        m.run.model = settings.model;
        m.records_specs = true;
    }
    m.model = j.value("model", "");
    m.reward = j.value("reward", "");
    m.step = j.value("step", 0);
    m.reward_value = j.value("reward_value", 0.0);
    m.app_version = j.value("app_version", "");
    return m;
}

std::vector<PngText> run_metadata_texts(const RunMetadata& metadata) {
    return {{kParametersKeyword, parameters_summary(metadata)}, {kMilrKeyword, to_json(metadata).dump()}};
}

RunMetadata run_metadata_from_texts(const std::vector<PngText>& texts, const std::string& where) {
    const std::string* json = find_png_text(texts, kMilrKeyword);
    if (!json) {
        if (find_png_text(texts, kParametersKeyword))
            throw Error(where + ": no MILR run metadata (the image's \"parameters\" text comes from another program)");
        throw Error(where + ": no MILR run metadata (the image has no \"milr\" text chunk)");
    }
    try {
        return run_metadata_from_json(parse_json_strict(*json, "the \"milr\" text chunk"));
    } catch (const Error& e) {
        throw Error(where + ": " + e.what());
    }
}

void write_run_png(const std::filesystem::path& path, const RgbImage& image, const RunMetadata& metadata) {
    write_png(path, image, run_metadata_texts(metadata));
}

RunMetadata read_run_png(const std::filesystem::path& path, RgbImage* image) {
    PngContents contents = read_png(path, image != nullptr);
    RunMetadata metadata = run_metadata_from_texts(contents.texts, path.string());
    if (image) *image = std::move(contents.image);
    return metadata;
}

}  // namespace milr
