// The MILR engine on a tiny random model: schedules agree, runs are deterministic, the stop rule, lambdas,
// frozen weights, cancel, and errors that keep the trajectory.
#include <gtest/gtest.h>

#include "core/milr/engine/milr_engine.h"
#include "engine_test_support.h"
#include "tiny_model.h"

using namespace milr;
using namespace milr::testing;

TEST(MilrEngine, BothModeRecordsEveryStep) {
    TinyEngine f;
    MeanRedReward reward;
    int observed = 0;
    const MilrRunResult result = f.engine.run(tiny_options(MilrMode::both, 3), reward, [&](const StepRecord& r) {
        EXPECT_EQ(r.step, observed);
        ++observed;
    });
    ASSERT_TRUE(result.error.empty()) << result.error;
    ASSERT_EQ(result.records.size(), 4u);
    EXPECT_EQ(observed, 4);
    EXPECT_EQ(reward.calls, 4);
    for (const StepRecord& r : result.records) {
        EXPECT_EQ(r.image.width, 8);
        EXPECT_EQ(r.image_tokens.size(), 16u);
        EXPECT_EQ(r.grid_width, 4);
        EXPECT_EQ(r.mode, "both");
        EXPECT_GE(r.optimised_text_tokens, 1);
        EXPECT_EQ(r.optimised_image_tokens, 4);  // floor(0.25 * 16)
        EXPECT_EQ(r.reasoning_pieces.size(), r.reasoning_tokens.size());
    }
    EXPECT_GT(result.records.back().text_latent_distance, 0.0) << "the text latents moved";
    EXPECT_GT(result.records.back().image_latent_distance, 0.0) << "the image latents moved";
    EXPECT_GT(result.records[1].text_grad_norm, 0.0);
    EXPECT_LT(result.records[1].text_logprob, 0.0);
    // Improved preset: the best image of the trajectory is returned.
    for (const StepRecord& r : result.records) EXPECT_LE(r.reward, result.returned()->reward);
}

TEST(MilrEngine, CachedAndReferenceSchedulesGiveTheSameTokens) {
    for (MilrMode mode : {MilrMode::text, MilrMode::image, MilrMode::both}) {
        TinyEngine f;
        MeanRedReward reward;
        MilrOptions cached = tiny_options(mode, 3);
        MilrOptions reference = cached;
        reference.schedule = Schedule::reference;
        const MilrRunResult a = f.engine.run(cached, reward);
        const MilrRunResult b = f.engine.run(reference, reward);
        ASSERT_TRUE(a.error.empty() && b.error.empty()) << a.error << b.error;
        SCOPED_TRACE(mode_name(mode));
        expect_same_trajectory(a, b);
    }
}

TEST(MilrEngine, SameSeedSameRun) {
    TinyEngine f;
    MeanRedReward reward;
    const MilrRunResult a = f.engine.run(tiny_options(MilrMode::both, 3), reward);
    const MilrRunResult b = f.engine.run(tiny_options(MilrMode::both, 3), reward);
    expect_same_trajectory(a, b);
    MilrOptions other = tiny_options(MilrMode::both, 3);
    other.seed = 12;
    const MilrRunResult c = f.engine.run(other, reward);
    EXPECT_NE(a.records[0].image_tokens, c.records[0].image_tokens) << "another seed draws another image";
}

TEST(MilrEngine, StopsWhenTheRewardPassesTheThreshold) {
    TinyEngine f;
    MeanRedReward reward;
    MilrOptions options = tiny_options(MilrMode::both, 5);
    options.reward_threshold = 0.0;  // any reward above 0 passes (the tiny model draws some red)
    const MilrRunResult result = f.engine.run(options, reward);
    EXPECT_TRUE(result.reached_threshold);
    EXPECT_EQ(result.records.size(), 1u);
    EXPECT_EQ(reward.calls, 1);
}

TEST(MilrEngine, LambdaZeroFreezesThatModality) {
    TinyEngine f;
    MeanRedReward reward;
    MilrOptions options = tiny_options(MilrMode::both, 3);
    options.lambda_text = 0.0;
    const MilrRunResult result = f.engine.run(options, reward);
    ASSERT_TRUE(result.error.empty()) << result.error;
    for (const StepRecord& r : result.records) {
        EXPECT_EQ(r.optimised_text_tokens, 0);
        EXPECT_EQ(r.reasoning_tokens, result.records[0].reasoning_tokens) << "reasoning is never edited";
    }
}

TEST(MilrEngine, LambdaOneOptimisesEveryReasoningState) {
    TinyEngine f;
    MeanRedReward reward;
    MilrOptions options = tiny_options(MilrMode::text, 1);
    options.lambda_text = 1.0;
    const MilrRunResult result = f.engine.run(options, reward);
    ASSERT_TRUE(result.error.empty()) << result.error;
    const StepRecord& first = result.records[0];
    // Every recorded state: one per token, plus the one that predicted the stop token if there was one.
    EXPECT_GE(first.optimised_text_tokens, static_cast<int>(first.reasoning_tokens.size()));
}

TEST(MilrEngine, WeightsStayFrozen) {
    TinyEngine f;
    std::vector<torch::Tensor> before;
    for (const auto& p : f.engine.model()->parameters()) before.push_back(p.detach().clone());
    MeanRedReward reward;
    const MilrRunResult result = f.engine.run(tiny_options(MilrMode::both, 2), reward);
    ASSERT_TRUE(result.error.empty()) << result.error;
    const auto after = f.engine.model()->parameters();
    ASSERT_EQ(before.size(), after.size());
    for (size_t i = 0; i < before.size(); ++i) {
        EXPECT_TRUE(torch::equal(before[i], after[i])) << "parameter " << i << " changed";
        EXPECT_FALSE(after[i].requires_grad());
    }
}

TEST(MilrEngine, CancelKeepsTheStepsSoFar) {
    TinyEngine f;
    MeanRedReward reward;
    CancelToken cancel;
    const MilrRunResult result = f.engine.run(
        tiny_options(MilrMode::both, 5), reward,
        [&](const StepRecord& r) {
            if (r.step == 1) cancel.cancel();
        },
        {}, cancel);
    EXPECT_TRUE(result.cancelled);
    EXPECT_TRUE(result.error.empty());
    EXPECT_EQ(result.records.size(), 2u);
    // The engine is usable again, and gives the same run as before for the same seed.
    const MilrRunResult again = f.engine.run(tiny_options(MilrMode::both, 1), reward);
    ASSERT_EQ(again.records.size(), 2u);
    EXPECT_EQ(again.records[1].image_tokens, result.records[1].image_tokens);
}

TEST(MilrEngine, CancelDuringDrawingStopsWithinATokenStep) {
    TinyEngine f;
    MeanRedReward reward;
    CancelToken cancel;
    int drawing_reports = 0;
    const MilrRunResult result = f.engine.run(
        tiny_options(MilrMode::both, 5), reward, {},
        [&](const RunProgress& p) {
            if (p.phase == RunPhase::drawing && p.step == 1 && ++drawing_reports == 3) cancel.cancel();
        },
        cancel);
    EXPECT_TRUE(result.cancelled);
    EXPECT_EQ(result.records.size(), 1u);
}

TEST(MilrEngine, RewardFailureEndsTheRunWithItsTrajectory) {
    struct FailsOnSecondCall : MeanRedReward {
        RewardResult score(const RewardRequest& request) override {
            if (calls == 1) throw RewardError("external reward 'judge' ended without answering");
            return MeanRedReward::score(request);
        }
    } reward;
    TinyEngine f;
    const MilrRunResult result = f.engine.run(tiny_options(MilrMode::both, 3), reward);
    EXPECT_NE(result.error.find("ended without answering"), std::string::npos) << result.error;
    EXPECT_EQ(result.failure, FailureKind::reward);
    EXPECT_THROW(throw_run_failure(result), RewardError);
    EXPECT_EQ(result.records.size(), 1u);
    EXPECT_EQ(result.returned_index, 0);
}

TEST(MilrEngine, NanRewardIsRejected) {
    struct NanReward : MeanRedReward {
        RewardResult score(const RewardRequest&) override { return {std::nan(""), false, {}, {}}; }
    } reward;
    TinyEngine f;
    const MilrRunResult result = f.engine.run(tiny_options(MilrMode::both, 2), reward);
    EXPECT_NE(result.error.find("non-finite"), std::string::npos) << result.error;
    EXPECT_EQ(result.failure, FailureKind::reward) << "a reward that answers NaN is the reward's failure";
    EXPECT_TRUE(result.records.empty());
}

TEST(MilrEngine, NanLatentIsRejected) {
    TinyEngine f;
    {
        torch::NoGradGuard no_grad;
        f.engine.model()->trunk()->norm->weight.fill_(std::nan(""));
    }
    MeanRedReward reward;
    const MilrRunResult result = f.engine.run(tiny_options(MilrMode::both, 2), reward);
    EXPECT_NE(result.error.find("NaN"), std::string::npos) << result.error;
    EXPECT_EQ(result.failure, FailureKind::numerical);
    EXPECT_THROW(throw_run_failure(result), NumericalError);
}

TEST(MilrEngine, BestOfNUsesTheSameRewardBudget) {
    TinyEngine f;
    MeanRedReward reward;
    const MilrRunResult result = f.engine.run(tiny_options(MilrMode::best_of_n, 4), reward);
    ASSERT_TRUE(result.error.empty()) << result.error;
    EXPECT_EQ(result.records.size(), 5u);
    EXPECT_EQ(reward.calls, 5);
    for (const StepRecord& r : result.records) {
        EXPECT_EQ(r.mode, "best-of-n");
        EXPECT_EQ(r.reasoning_tokens, result.records[0].reasoning_tokens);
        EXPECT_LE(r.reward, result.returned()->reward);
    }
    EXPECT_NE(result.records[0].image_tokens, result.records[1].image_tokens) << "independent samples";
}

TEST(MilrEngine, EmptyPromptIsRefused) {
    TinyEngine f;
    MeanRedReward reward;
    MilrOptions options = tiny_options(MilrMode::both, 1);
    options.prompt = "  ";
    EXPECT_THROW(f.engine.run(options, reward), Error);
}
