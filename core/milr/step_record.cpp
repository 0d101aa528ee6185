// JSON round trip of the step record and the token-diff helper.
#include "core/milr/step_record.h"

#include <nlohmann/json.hpp>

#include <algorithm>

#include "core/util/error.h"

namespace milr {

nlohmann::json to_json(const StepRecord& r) {
    nlohmann::json breakdown = nlohmann::json::array();
    for (const auto& c : r.reward_breakdown)
        breakdown.push_back({{"name", c.name}, {"value", c.value}, {"weight", c.weight}});
    return {
        {"step", r.step},
        {"mode", r.mode},
        {"seed", r.seed},
        {"image_width", r.image.width},
        {"image_height", r.image.height},
        {"reward", r.reward},
        {"passed", r.passed},
        {"reward_breakdown", breakdown},
        {"reward_reasons", r.reward_reasons},
        {"reasoning", r.reasoning},
        {"reasoning_tokens", r.reasoning_tokens},
        {"reasoning_pieces", r.reasoning_pieces},
        {"reasoning_changed_since_previous", r.reasoning_changed_since_previous},
        {"reasoning_changed_since_initial", r.reasoning_changed_since_initial},
        {"optimised_text_tokens", r.optimised_text_tokens},
        {"image_tokens", r.image_tokens},
        {"grid_width", r.grid_width},
        {"grid_height", r.grid_height},
        {"image_changed_since_previous", r.image_changed_since_previous},
        {"image_changed_since_initial", r.image_changed_since_initial},
        {"optimised_image_tokens", r.optimised_image_tokens},
        {"text_latent_distance", r.text_latent_distance},
        {"image_latent_distance", r.image_latent_distance},
        {"text_grad_norm", r.text_grad_norm},
        {"image_grad_norm", r.image_grad_norm},
        {"text_logprob", r.text_logprob},
        {"image_logprob", r.image_logprob},
        {"loss_weight", r.loss_weight},
        {"text_margin", r.text_margin},
        {"image_margin", r.image_margin},
        {"timings_ms",
         {{"think", r.timings.think_ms},
          {"draw", r.timings.draw_ms},
          {"decode", r.timings.decode_ms},
          {"judge", r.timings.judge_ms},
          {"optimise", r.timings.optimise_ms}}},
    };
}

namespace {
template <typename T>
void read_field(const nlohmann::json& j, const char* key, T& out) {
    auto it = j.find(key);
    if (it == j.end()) return;  // optional: older files may lack newer fields
    try {
        out = it->get<T>();
    } catch (const nlohmann::json::exception& e) {
        throw Error(std::string("step record field '") + key + "' has the wrong type: " + e.what());
    }
}
}  // namespace

StepRecord step_record_from_json(const nlohmann::json& j) {
    if (!j.is_object()) throw Error("step record is not a JSON object");
    if (!j.contains("step")) throw Error("step record has no 'step' field");
    StepRecord r;
    read_field(j, "step", r.step);
    read_field(j, "mode", r.mode);
    read_field(j, "seed", r.seed);
    read_field(j, "image_width", r.image.width);
    read_field(j, "image_height", r.image.height);
    read_field(j, "reward", r.reward);
    read_field(j, "passed", r.passed);
    if (auto it = j.find("reward_breakdown"); it != j.end()) {
        if (!it->is_array()) throw Error("step record field 'reward_breakdown' is not an array");
        for (const auto& c : *it) {
            RewardComponent component;
            read_field(c, "name", component.name);
            read_field(c, "value", component.value);
            read_field(c, "weight", component.weight);
            r.reward_breakdown.push_back(component);
        }
    }
    read_field(j, "reward_reasons", r.reward_reasons);
    read_field(j, "reasoning", r.reasoning);
    read_field(j, "reasoning_tokens", r.reasoning_tokens);
    read_field(j, "reasoning_pieces", r.reasoning_pieces);
    read_field(j, "reasoning_changed_since_previous", r.reasoning_changed_since_previous);
    read_field(j, "reasoning_changed_since_initial", r.reasoning_changed_since_initial);
    read_field(j, "optimised_text_tokens", r.optimised_text_tokens);
    read_field(j, "image_tokens", r.image_tokens);
    read_field(j, "grid_width", r.grid_width);
    read_field(j, "grid_height", r.grid_height);
    read_field(j, "image_changed_since_previous", r.image_changed_since_previous);
    read_field(j, "image_changed_since_initial", r.image_changed_since_initial);
    read_field(j, "optimised_image_tokens", r.optimised_image_tokens);
    read_field(j, "text_latent_distance", r.text_latent_distance);
    read_field(j, "image_latent_distance", r.image_latent_distance);
    read_field(j, "text_grad_norm", r.text_grad_norm);
    read_field(j, "image_grad_norm", r.image_grad_norm);
    read_field(j, "text_logprob", r.text_logprob);
    read_field(j, "image_logprob", r.image_logprob);
    read_field(j, "loss_weight", r.loss_weight);
    read_field(j, "text_margin", r.text_margin);
    read_field(j, "image_margin", r.image_margin);
    if (auto it = j.find("timings_ms"); it != j.end()) {
        read_field(*it, "think", r.timings.think_ms);
        read_field(*it, "draw", r.timings.draw_ms);
        read_field(*it, "decode", r.timings.decode_ms);
        read_field(*it, "judge", r.timings.judge_ms);
        read_field(*it, "optimise", r.timings.optimise_ms);
    }
    return r;
}

std::vector<int> changed_positions(const std::vector<int64_t>& before, const std::vector<int64_t>& after) {
    std::vector<int> changed;
    const size_t longest = std::max(before.size(), after.size());
    for (size_t i = 0; i < longest; ++i) {
        if (i >= before.size() || i >= after.size() || before[i] != after[i]) changed.push_back(static_cast<int>(i));
    }
    return changed;
}

int changed_within(const std::vector<int>& changed_positions, int optimised) {
    return static_cast<int>(std::count_if(changed_positions.begin(), changed_positions.end(),
                                          [optimised](int position) { return position < optimised; }));
}

}  // namespace milr
