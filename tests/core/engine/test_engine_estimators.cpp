// The estimators of the latents' gradient and the study's controls: the losses against hand-computed values, the
// sign of REINFORCE's update, the random direction's norm, learning rate 0, and the Best-of-N variants.
#include <gtest/gtest.h>

#include <torch/torch.h>

#include <cmath>

#include "core/generate/sampling.h"
#include "core/milr/engine/latent_objective.h"
#include "core/milr/engine/milr_engine.h"
#include "engine_test_support.h"
#include "tiny_model.h"

using namespace milr;
using namespace milr::testing;

namespace {

// A reward that returns the given values in turn (then the last one), whatever the image.
class ScriptedReward : public Reward {
public:
    explicit ScriptedReward(std::vector<double> values) : m_values(std::move(values)) {}
    std::string name() const override { return "scripted"; }
    RewardResult score(const RewardRequest&) override {
        const double value = m_values[std::min(m_calls++, m_values.size() - 1)];
        return {value, false, {{"scripted", value, 1.0}}, {}};
    }

private:
    std::vector<double> m_values;
    size_t m_calls = 0;
};

// One Adam step of `weight` * log-likelihood of `used` under logits = latents @ head; the log-likelihood after it.
double log_likelihood_after_one_step(double weight, const std::vector<int64_t>& used) {
    torch::manual_seed(3);
    const torch::Tensor head = torch::randn({4, 5});
    torch::Tensor latents = torch::randn({3, 4}).set_requires_grad(true);
    torch::optim::Adam adam({latents}, torch::optim::AdamOptions(0.01));
    const torch::Tensor loss = weight * used_token_log_likelihood(torch::matmul(latents, head), used, 1.0);
    loss.backward();
    adam.step();
    torch::NoGradGuard no_grad;
    return used_token_log_likelihood(torch::matmul(latents, head), used, 1.0).item<double>();
}

double log_likelihood_before(const std::vector<int64_t>& used) {
    torch::manual_seed(3);
    const torch::Tensor head = torch::randn({4, 5});
    const torch::Tensor latents = torch::randn({3, 4});
    return used_token_log_likelihood(torch::matmul(latents, head), used, 1.0).item<double>();
}

}  // namespace

TEST(Estimators, LossWeightsAreTheAuthorsAndTheAdvantage) {
    EXPECT_DOUBLE_EQ(loss_weight(Estimator::authors, 0.25, std::nullopt), 0.75);
    EXPECT_DOUBLE_EQ(loss_weight(Estimator::authors, 0.25, 0.9), 0.75) << "the authors' loss ignores any baseline";
    EXPECT_DOUBLE_EQ(loss_weight(Estimator::reinforce, 0.8, 0.5), -0.3 + 0.0) << "-(R - b)";
    EXPECT_DOUBLE_EQ(loss_weight(Estimator::reinforce, 0.2, 0.5), 0.3);
    EXPECT_DOUBLE_EQ(loss_weight(Estimator::reinforce, 0.7, std::nullopt), 0.0) << "no baseline on the first step";
    EXPECT_FALSE(reward_baseline({}).has_value());
    EXPECT_DOUBLE_EQ(*reward_baseline({0.2, 0.4, 0.9}), 0.5);
}

TEST(Estimators, LogLikelihoodsMatchHandComputedValues) {
    // Row 0: softmax([0, ln 3]) = [1/4, 3/4]; row 1: softmax([ln 2, 0]) = [2/3, 1/3].
    const torch::Tensor logits = torch::tensor({0.0, std::log(3.0), std::log(2.0), 0.0}).view({2, 2});
    EXPECT_NEAR(used_token_log_likelihood(logits, {1, 1}, 1.0).item<double>(), std::log(0.75) + std::log(1.0 / 3),
                1e-6);
    EXPECT_NEAR(used_token_log_likelihood(logits, {0, 0}, 0.0).item<double>(), std::log(0.25) + std::log(2.0 / 3), 1e-6)
        << "temperature 0 (a greedy choice) is the plain softmax";
    // Temperature 2 halves the logits: row 0 becomes softmax([0, ln 3 / 2]) = [1, sqrt 3] / (1 + sqrt 3).
    EXPECT_NEAR(used_token_log_likelihood(logits.slice(0, 0, 1), {1}, 2.0).item<double>(),
                std::log(std::sqrt(3.0) / (1 + std::sqrt(3.0))), 1e-6);
    // The authors' log-likelihood takes each row's argmax, whatever was used: log 3/4 + log 2/3.
    EXPECT_NEAR(argmax_log_likelihood(logits, 0.0).item<double>(), std::log(0.75) + std::log(2.0 / 3), 1e-6);
    EXPECT_THROW(used_token_log_likelihood(logits, {1}, 1.0), Error) << "one used token per row";
}

TEST(Estimators, ReinforceGradientIsTheAdvantageTimesTheScore) {
    // d/dlogits of w * log softmax(logits)[k] = w * (onehot(k) - softmax(logits)).
    torch::Tensor logits = torch::tensor({0.0, std::log(3.0)}).view({1, 2}).set_requires_grad(true);
    const double w = loss_weight(Estimator::reinforce, 0.9, 0.4);  // -0.5
    (w * used_token_log_likelihood(logits, {0}, 1.0)).backward();
    EXPECT_NEAR(logits.grad()[0][0].item<double>(), w * (1 - 0.25), 1e-6);
    EXPECT_NEAR(logits.grad()[0][1].item<double>(), w * (0 - 0.75), 1e-6);
}

TEST(Estimators, AboveTheBaselinePullsTheUsedTokensUpBelowPushesThemDown) {
    const std::vector<int64_t> used{1, 2, 3};
    const double before = log_likelihood_before(used);
    const double above = log_likelihood_after_one_step(loss_weight(Estimator::reinforce, 0.8, 0.2), used);
    const double below = log_likelihood_after_one_step(loss_weight(Estimator::reinforce, 0.1, 0.5), used);
    EXPECT_GT(above, before) << "a reward above the baseline makes the used tokens likelier";
    EXPECT_LT(below, before) << "a reward below the baseline makes them less likely";
    // The authors' weight is never negative: even a good reward pushes the (argmax) tokens down.
    const double authors = log_likelihood_after_one_step(loss_weight(Estimator::authors, 0.8, std::nullopt), used);
    EXPECT_LT(authors, before);
}

TEST(Estimators, RandomDirectionKeepsTheGradientsNorm) {
    torch::manual_seed(5);
    torch::Tensor latents = torch::randn({6, 4}).set_requires_grad(true);
    (latents * torch::randn({6, 4})).sum().backward();
    const torch::Tensor gradient = latents.grad().clone();
    at::Generator generator = make_generator(9);
    randomise_gradient_direction(latents, generator);
    EXPECT_NEAR(latents.grad().norm().item<double>(), gradient.norm().item<double>(), 1e-4);
    const double cosine =
        (latents.grad() * gradient).sum().item<double>() / (latents.grad().norm() * gradient.norm()).item<double>();
    EXPECT_LT(std::abs(cosine), 0.9) << "the direction is not the gradient's";
    // The same stream gives the same direction.
    torch::Tensor again = latents.detach().clone().set_requires_grad(true);
    again.mutable_grad() = gradient.clone();
    at::Generator same = make_generator(9);
    randomise_gradient_direction(again, same);
    EXPECT_TRUE(torch::equal(again.grad(), latents.grad()));
}

TEST(Estimators, TopTwoMarginIsTheGapBetweenTheTwoLikeliestTokens) {
    const torch::Tensor logits = torch::tensor({0.0, std::log(3.0), std::log(2.0), 0.0}).view({2, 2});
    EXPECT_NEAR(mean_top2_margin(logits, 1.0), ((0.75 - 0.25) + (2.0 / 3 - 1.0 / 3)) / 2, 1e-6);
    EXPECT_DOUBLE_EQ(mean_top2_margin(torch::zeros({0, 2}), 1.0), -1.0);
}

TEST(MilrEngineEstimators, ReinforceFirstStepHasNoBaselineAndLaterStepsFollowTheAdvantage) {
    TinyEngine f;
    MilrOptions options = tiny_options(MilrMode::text, 3);
    options.estimator = Estimator::reinforce;
    options.learning_rate = 0.01;
    ScriptedReward reward({0.2, 0.8, 0.5, 0.5});
    const MilrRunResult result = f.engine.run(options, reward);
    ASSERT_TRUE(result.error.empty()) << result.error;
    ASSERT_EQ(result.records.size(), 4u);
    EXPECT_EQ(result.records[1].loss_weight, 0.0);
    EXPECT_EQ(result.records[1].text_latent_distance, 0.0) << "advantage 0: the first step re-samples";
    EXPECT_NEAR(result.records[2].loss_weight, -(0.8 - 0.2), 1e-12);
    EXPECT_NEAR(result.records[3].loss_weight, -(0.5 - 0.5), 1e-12);
    EXPECT_GT(result.records[2].text_latent_distance, 0.0);
    // Step 2 pulled step 1's reasoning prefix up (its reward beat the baseline): with the prefix unchanged, its
    // log-likelihood measured at step 3 is higher than at step 2.
    const int m = result.records[2].optimised_text_tokens;
    const auto prefix = [m](const StepRecord& r) {
        return std::vector<int64_t>(r.reasoning_tokens.begin(), r.reasoning_tokens.begin() + m);
    };
    ASSERT_EQ(prefix(result.records[1]), prefix(result.records[2]));
    EXPECT_GT(result.records[3].text_logprob, result.records[2].text_logprob);
}

TEST(MilrEngineEstimators, AuthorsLossWeightIsOneMinusTheReward) {
    TinyEngine f;
    ScriptedReward reward({0.2, 0.8, 0.5});
    const MilrRunResult result = f.engine.run(tiny_options(MilrMode::both, 2), reward);
    ASSERT_TRUE(result.error.empty()) << result.error;
    EXPECT_NEAR(result.records[1].loss_weight, 0.8, 1e-12);
    EXPECT_NEAR(result.records[2].loss_weight, 0.2, 1e-12);
}

TEST(MilrEngineEstimators, LearningRateZeroLeavesTheLatentsWhereTheyWere) {
    TinyEngine f;
    MilrOptions options = tiny_options(MilrMode::both, 3);
    options.learning_rate = 0.0;
    MeanRedReward reward;
    const MilrRunResult result = f.engine.run(options, reward);
    ASSERT_TRUE(result.error.empty()) << result.error;
    const int m = result.records[0].optimised_text_tokens;
    for (const StepRecord& r : result.records) {
        EXPECT_EQ(r.text_latent_distance, 0.0) << "step " << r.step;
        EXPECT_EQ(r.image_latent_distance, 0.0) << "step " << r.step;
        EXPECT_EQ(changed_within(changed_positions(result.records[0].reasoning_tokens, r.reasoning_tokens), m), 0)
            << "the greedy prefix cannot change";
        // Every re-derivation completes the same prefix the same way. (It may differ from the first reasoning:
        // that one stopped at the reasoning limit, and the completion after a forced prefix has the whole limit
        // again, as in the authors' code.)
        if (r.step > 1) EXPECT_EQ(r.reasoning_tokens, result.records[1].reasoning_tokens);
    }
    EXPECT_GT(result.records[1].text_grad_norm, 0.0) << "the gradient is computed, only not applied";
}

TEST(MilrEngineEstimators, RandomDirectionMovesTheLatentsByTheGradientsSize) {
    TinyEngine f;
    MilrOptions gradient = tiny_options(MilrMode::both, 2);
    MilrOptions random = gradient;
    random.update_direction = UpdateDirection::random;
    MeanRedReward reward;
    const MilrRunResult a = f.engine.run(gradient, reward);
    const MilrRunResult b = f.engine.run(random, reward);
    ASSERT_TRUE(a.error.empty() && b.error.empty()) << a.error << b.error;
    // Step 1 starts from the same latents, so the same gradient norm; Adam's first step moves each coordinate by
    // about the learning rate whatever the direction, so the distances agree, and the directions do not.
    EXPECT_DOUBLE_EQ(a.records[1].text_grad_norm, b.records[1].text_grad_norm);
    EXPECT_NEAR(a.records[1].text_latent_distance, b.records[1].text_latent_distance,
                0.05 * a.records[1].text_latent_distance);
    EXPECT_GT(b.records[1].image_latent_distance, 0.0);
    const MilrRunResult again = f.engine.run(random, reward);
    expect_same_trajectory(b, again);
}

TEST(MilrEngineEstimators, BestOfNFromThePromptAloneHasNoReasoning) {
    TinyEngine f;
    MilrOptions options = tiny_options(MilrMode::best_of_n, 3);
    options.sample_source = SampleSource::prompt_only;
    MeanRedReward reward;
    const MilrRunResult result = f.engine.run(options, reward);
    ASSERT_TRUE(result.error.empty()) << result.error;
    ASSERT_EQ(result.records.size(), 4u);
    for (const StepRecord& r : result.records) {
        EXPECT_TRUE(r.reasoning_tokens.empty());
        EXPECT_TRUE(r.reasoning.empty());
    }
}

TEST(MilrEngineEstimators, BestOfNWithSampledReasoningsStartsFromTheGreedyOne) {
    TinyEngine f;
    MilrOptions same = tiny_options(MilrMode::best_of_n, 4);
    MilrOptions sampled = same;
    sampled.sample_source = SampleSource::sampled_reasoning;
    MeanRedReward reward;
    const MilrRunResult a = f.engine.run(same, reward);
    const MilrRunResult b = f.engine.run(sampled, reward);
    ASSERT_TRUE(a.error.empty() && b.error.empty()) << a.error << b.error;
    EXPECT_EQ(a.records[0].reasoning_tokens, b.records[0].reasoning_tokens);
    EXPECT_EQ(a.records[0].image_tokens, b.records[0].image_tokens);
    bool another_reasoning = false;
    for (const StepRecord& r : b.records) another_reasoning |= r.reasoning_tokens != b.records[0].reasoning_tokens;
    EXPECT_TRUE(another_reasoning) << "each later sample thinks anew";
    expect_same_trajectory(b, f.engine.run(sampled, reward));
}

TEST(MilrEngineEstimators, MarginsAreMeasuredAtTheOptimisedPositions) {
    TinyEngine f;
    MeanRedReward reward;
    const MilrRunResult milr_run = f.engine.run(tiny_options(MilrMode::both, 2), reward);
    ASSERT_TRUE(milr_run.error.empty()) << milr_run.error;
    for (const StepRecord& r : milr_run.records) {
        EXPECT_GE(r.text_margin, 0.0);
        EXPECT_LE(r.text_margin, 1.0);
        EXPECT_GE(r.image_margin, 0.0);
        EXPECT_LE(r.image_margin, 1.0);
    }
    const MilrRunResult best_of_n = f.engine.run(tiny_options(MilrMode::best_of_n, 1), reward);
    EXPECT_EQ(best_of_n.records[1].text_margin, -1.0) << "nothing optimised: no margin";
}
