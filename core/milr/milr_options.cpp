// Run parameters of MILR: presets, validation, JSON.
#include "core/milr/milr_options.h"

#include <cmath>

#include "core/util/error.h"

namespace milr {

std::string mode_name(MilrMode mode) {
    switch (mode) {
        case MilrMode::text: return "text";
        case MilrMode::image: return "image";
        case MilrMode::both: return "both";
        case MilrMode::best_of_n: return "best-of-n";
    }
    return "both";
}

MilrMode mode_from_name(const std::string& name) {
    if (name == "text") return MilrMode::text;
    if (name == "image") return MilrMode::image;
    if (name == "both") return MilrMode::both;
    if (name == "best-of-n" || name == "bon") return MilrMode::best_of_n;
    throw Error("unknown mode '" + name + "' (use text, image, both or best-of-n)");
}

namespace {
int optimised_count(double lambda, int length) {
    if (lambda <= 0 || length <= 0) return 0;
    const int count = static_cast<int>(std::floor(lambda * length));
    return std::min(length, std::max(1, count));
}
}  // namespace

int MilrOptions::optimised_text_tokens(int reasoning_length) const { return optimised_count(lambda_text, reasoning_length); }
int MilrOptions::optimised_image_tokens(int image_tokens) const { return optimised_count(lambda_image, image_tokens); }

void MilrOptions::validate() const {
    auto trimmed_empty = [](const std::string& s) { return s.find_first_not_of(" \t\r\n") == std::string::npos; };
    if (trimmed_empty(prompt)) throw Error("the prompt is empty");
    if (!(lambda_text >= 0 && lambda_text <= 1)) throw Error("lambda_t must be within [0, 1]");
    if (!(lambda_image >= 0 && lambda_image <= 1)) throw Error("lambda_v must be within [0, 1]");
    if (!(learning_rate > 0 && std::isfinite(learning_rate))) throw Error("the learning rate must be a positive number");
    if (steps < 0 || steps > 10000) throw Error("steps must be within [0, 10000]");
    if (!std::isfinite(reward_threshold)) throw Error("the stop threshold must be a number");
    if (!(cfg_weight >= 0 && std::isfinite(cfg_weight))) throw Error("the CFG weight must be a number >= 0");
    if (!(temperature > 0 && std::isfinite(temperature))) throw Error("the temperature must be a positive number");
    if (max_reasoning_tokens < 1) throw Error("max_reasoning_tokens must be at least 1");
}

MilrOptions reference_preset() {
    MilrOptions options;
    apply_preset(options, "reference");
    return options;
}

MilrOptions improved_preset() { return MilrOptions{}; }

void apply_preset(MilrOptions& options, const std::string& preset) {
    if (preset == "reference") {
        options.latent_precision = LatentPrecision::bf16;
        options.returned_image = ReturnedImage::last;
        options.image_prefix_rule = ImagePrefixRule::sample;
        options.schedule = Schedule::reference;
    } else if (preset == "improved") {
        options.latent_precision = LatentPrecision::fp32;
        options.returned_image = ReturnedImage::best;
        options.image_prefix_rule = ImagePrefixRule::sample;
        options.schedule = Schedule::cached;
    } else {
        throw Error("unknown preset '" + preset + "' (use reference or improved)");
    }
    options.preset = preset;
}

nlohmann::json to_json(const MilrOptions& o) {
    return {{"prompt", o.prompt}, {"metadata", o.metadata}, {"mode", mode_name(o.mode)},
            {"lambda_text", o.lambda_text}, {"lambda_image", o.lambda_image}, {"learning_rate", o.learning_rate},
            {"steps", o.steps}, {"reward_threshold", o.reward_threshold}, {"seed", o.seed},
            {"cfg_weight", o.cfg_weight}, {"temperature", o.temperature},
            {"max_reasoning_tokens", o.max_reasoning_tokens}, {"user_role", o.user_role},
            {"assistant_role", o.assistant_role}, {"preset", o.preset},
            {"latent_precision", o.latent_precision == LatentPrecision::bf16 ? "bf16" : "fp32"},
            {"returned_image", o.returned_image == ReturnedImage::best ? "best" : "last"},
            {"image_prefix_rule", o.image_prefix_rule == ImagePrefixRule::sample ? "sample" : "argmax"},
            {"schedule", o.schedule == Schedule::cached ? "cached" : "reference"}};
}

namespace {
template <typename T>
void read(const nlohmann::json& j, const char* key, T& out) {
    auto it = j.find(key);
    if (it == j.end() || it->is_null()) return;
    try {
        out = it->get<T>();
    } catch (const nlohmann::json::exception&) {
        throw Error(std::string("run parameter '") + key + "' has the wrong type: " + it->dump());
    }
}
template <typename Enum>
void read_choice(const nlohmann::json& j, const char* key, Enum& out, const char* a, Enum va, const char* b, Enum vb) {
    std::string text;
    read(j, key, text);
    if (text.empty()) return;
    if (text == a) out = va;
    else if (text == b) out = vb;
    else throw Error(std::string("run parameter '") + key + "' must be " + a + " or " + b + ", not '" + text + "'");
}
}  // namespace

MilrOptions milr_options_from_json(const nlohmann::json& j) {
    if (!j.is_object()) throw Error("run parameters must be a JSON object");
    MilrOptions o;
    std::string preset;
    read(j, "preset", preset);
    if (!preset.empty()) apply_preset(o, preset);
    read(j, "prompt", o.prompt);
    if (j.contains("metadata")) o.metadata = j["metadata"];
    std::string mode;
    read(j, "mode", mode);
    if (!mode.empty()) o.mode = mode_from_name(mode);
    read(j, "lambda_text", o.lambda_text);
    read(j, "lambda_image", o.lambda_image);
    read(j, "learning_rate", o.learning_rate);
    read(j, "steps", o.steps);
    read(j, "reward_threshold", o.reward_threshold);
    read(j, "seed", o.seed);
    read(j, "cfg_weight", o.cfg_weight);
    read(j, "temperature", o.temperature);
    read(j, "max_reasoning_tokens", o.max_reasoning_tokens);
    read(j, "user_role", o.user_role);
    read(j, "assistant_role", o.assistant_role);
    read_choice(j, "latent_precision", o.latent_precision, "bf16", LatentPrecision::bf16, "fp32", LatentPrecision::fp32);
    read_choice(j, "returned_image", o.returned_image, "best", ReturnedImage::best, "last", ReturnedImage::last);
    read_choice(j, "image_prefix_rule", o.image_prefix_rule, "sample", ImagePrefixRule::sample, "argmax", ImagePrefixRule::argmax);
    read_choice(j, "schedule", o.schedule, "cached", Schedule::cached, "reference", Schedule::reference);
    return o;
}

}  // namespace milr
