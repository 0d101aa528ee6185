// The reward interface: every judge of an image (GenEval-Shapes, self-judgement, an external program,
// a weighted sum) answers a request with a value in [0, 1] (1 = best), a breakdown and reasons.
#pragma once
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/milr/step_record.h"
#include "core/util/cancel.h"
#include "core/util/error.h"
#include "core/util/image.h"

namespace milr {

struct RewardRequest {
    RewardRequest(const RgbImage* image_ = nullptr, std::string prompt_ = {}, nlohmann::json metadata_ = nullptr,
                  int step_ = 0, CancelToken cancel_ = {})
        : image(image_),
          prompt(std::move(prompt_)),
          metadata(std::move(metadata_)),
          step(step_),
          cancel(std::move(cancel_)) {}
    const RgbImage* image = nullptr;
    std::string prompt;       // the user's prompt (not the reasoning-extended image prompt)
    nlohmann::json metadata;  // GenEval metadata for the prompt when known, else null
    int step = 0;             // which step of the run is being judged (for logs and file names)
    CancelToken cancel;       // the run's: a reward that waits (an external program) stops when it is set
};

struct RewardResult {
    double value = 0.0;                       // in [0, 1]
    bool passed = false;                      // binary verdict where the reward has one
    std::vector<RewardComponent> components;  // breakdown (name, value, weight)
    std::vector<std::string> reasons;         // readable, one per failed check
};

// RewardError (core/util/error.h): a reward that could not be computed; the engine stops the run cleanly.

class Reward {
public:
    virtual ~Reward() = default;
    virtual std::string name() const = 0;
    // Throws RewardError on failure; never returns a value outside [0, 1] or NaN.
    virtual RewardResult score(const RewardRequest& request) = 0;
};

// Checks a reward value: finite and inside [0, 1]; throws RewardError naming the reward otherwise.
double validated_reward_value(double value, const std::string& reward_name);

// Weighted sum of rewards (weights >= 0, normalised to sum 1); passed when every part passed.
class WeightedSumReward : public Reward {
public:
    void add(std::shared_ptr<Reward> reward, double weight);
    std::string name() const override;
    RewardResult score(const RewardRequest& request) override;

private:
    std::vector<std::pair<std::shared_ptr<Reward>, double>> m_parts;
};

}  // namespace milr
