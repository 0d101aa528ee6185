// The GenEval-Shapes judge as a reward: the dense score (fraction of satisfied clause checks) or GenEval's
// binary verdict, with each check as a breakdown component and the judge's reasons.
#pragma once
#include <optional>

#include "core/reward/reward.h"
#include "core/world/metadata.h"

namespace milr {

class ShapesJudgeReward : public Reward {
public:
    enum class Scoring { dense, binary };
    // `metadata`: the prompt's GenEval metadata; when absent, each request's metadata (JSON) is used.
    explicit ShapesJudgeReward(Scoring scoring = Scoring::dense,
                               std::optional<world::Metadata> metadata = std::nullopt);
    std::string name() const override;
    // Throws RewardError when there is no metadata or it names terms the shapes world cannot judge.
    RewardResult score(const RewardRequest& request) override;

private:
    Scoring m_scoring;
    std::optional<world::Metadata> m_metadata;
};

}  // namespace milr
