// Reward value validation and the weighted sum of rewards.
#include "core/reward/reward.h"

#include <cmath>
#include <sstream>

namespace milr {

double validated_reward_value(double value, const std::string& reward_name) {
    if (!std::isfinite(value)) {
        std::ostringstream message;
        message << "reward '" << reward_name << "' returned a non-finite value (" << value << ")";
        throw RewardError(message.str());
    }
    if (value < 0.0 || value > 1.0) {
        std::ostringstream message;
        message << "reward '" << reward_name << "' returned " << value << ", outside [0, 1]";
        throw RewardError(message.str());
    }
    return value;
}

void WeightedSumReward::add(std::shared_ptr<Reward> reward, double weight) {
    if (!reward) throw Error("weighted reward: a part is empty");
    if (!std::isfinite(weight) || weight < 0.0)
        throw Error("weighted reward: weight of '" + reward->name() + "' must be a finite number >= 0");
    m_parts.emplace_back(std::move(reward), weight);
}

std::string WeightedSumReward::name() const {
    std::string text = "weighted(";
    for (size_t i = 0; i < m_parts.size(); ++i) {
        if (i) text += ", ";
        std::ostringstream weight;
        weight << m_parts[i].second;
        text += weight.str() + " x " + m_parts[i].first->name();
    }
    return text + ")";
}

RewardResult WeightedSumReward::score(const RewardRequest& request) {
    double total_weight = 0.0;
    for (const auto& part : m_parts) total_weight += part.second;
    if (m_parts.empty() || total_weight <= 0.0) throw RewardError("weighted reward has no part with a positive weight");
    RewardResult result;
    result.passed = true;
    for (const auto& [reward, weight] : m_parts) {
        RewardResult part = reward->score(request);
        const double value = validated_reward_value(part.value, reward->name());
        result.value += value * weight / total_weight;
        result.passed = result.passed && part.passed;
        result.components.push_back({reward->name(), value, weight / total_weight});
        for (const auto& reason : part.reasons) result.reasons.push_back(reward->name() + ": " + reason);
    }
    result.value = std::min(1.0, std::max(0.0, result.value));
    return result;
}

}  // namespace milr
