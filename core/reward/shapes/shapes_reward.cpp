// The GenEval-Shapes judge behind the reward interface.
#include "core/reward/shapes/shapes_reward.h"

#include "core/world/judge.h"

namespace milr {

ShapesJudgeReward::ShapesJudgeReward(Scoring scoring, std::optional<world::Metadata> metadata)
    : m_scoring(scoring), m_metadata(std::move(metadata)) {}

std::string ShapesJudgeReward::name() const {
    return m_scoring == Scoring::dense ? "GenEval-Shapes judge (dense)" : "GenEval-Shapes judge (binary)";
}

RewardResult ShapesJudgeReward::score(const RewardRequest& request) {
    if (!request.image || request.image->empty()) throw RewardError(name() + ": no image to judge");
    world::Metadata metadata;
    if (m_metadata) {
        metadata = *m_metadata;
    } else if (!request.metadata.is_null()) {
        try {
            metadata = world::metadata_from_json(request.metadata, "the prompt's metadata");
        } catch (const Error& e) {
            throw RewardError(name() + ": " + e.what());
        }
    } else {
        throw RewardError(name() + ": the prompt has no GenEval metadata, so the judge cannot score it");
    }
    const world::Judgement judgement = world::judge_image(metadata, *request.image);
    if (!judgement.supported) {
        std::string terms;
        for (const auto& term : judgement.unsupported) terms += (terms.empty() ? "" : ", ") + term;
        throw RewardError(name() + " cannot judge this prompt: it names " + terms);
    }
    RewardResult result;
    result.passed = judgement.correct;
    result.value = m_scoring == Scoring::dense ? judgement.score : (judgement.correct ? 1.0 : 0.0);
    result.value = validated_reward_value(result.value, name());
    for (const auto& check : judgement.checks) result.components.push_back({check.name, check.value, 1.0});
    result.reasons = judgement.reasons;
    return result;
}

}  // namespace milr
