// Cancel storm: 100 runs cancelled at varied points (in each phase from the progress callback, inside the
// reward, and from another thread after a random delay, as the app's Stop button does) end cleanly with a
// consistent trajectory; afterwards the same engine gives exactly the run a fresh engine gives.
#include <gtest/gtest.h>

#include <chrono>
#include <map>
#include <random>
#include <thread>

#include "core/milr/engine/milr_engine.h"
#include "engine_test_support.h"
#include "tiny_model.h"

using namespace milr;
using namespace milr::testing;

namespace {

MilrOptions storm_options(MilrMode mode) {
    MilrOptions options = tiny_options(mode, 3);
    options.seed = 5;
    return options;
}

// Cancels the token at its n-th call (0 = never): a cancel that arrives while the reward is judging.
class CancellingReward : public MeanRedReward {
public:
    CancellingReward(CancelToken token, int cancel_at) : m_token(std::move(token)), m_cancel_at(cancel_at) {}
    RewardResult score(const RewardRequest& request) override {
        RewardResult result = MeanRedReward::score(request);
        if (calls == m_cancel_at) m_token.cancel();
        return result;
    }

private:
    CancelToken m_token;
    int m_cancel_at;
};

// A cancelled or finished run: steps numbered from 0 without gaps, the returned index inside the records.
void expect_consistent(const MilrRunResult& result) {
    EXPECT_TRUE(result.error.empty()) << result.error;
    for (size_t i = 0; i < result.records.size(); ++i) EXPECT_EQ(result.records[i].step, static_cast<int>(i));
    EXPECT_LT(result.returned_index, static_cast<int>(result.records.size()));
    if (!result.records.empty() && !result.cancelled) {
        EXPECT_GE(result.returned_index, 0);
    }
}

}  // namespace

TEST(CancelStorm, HundredCancelledRunsLeaveTheEngineAsFresh) {
    auto tokenizer = test_tokenizer();
    MilrEngine engine(tiny_model(tokenizer->vocab_size()), tokenizer);
    const MilrMode modes[] = {MilrMode::both, MilrMode::text, MilrMode::image, MilrMode::best_of_n};
    std::mt19937 random(2026);
    std::map<std::string, int> cancelled_in;  // phase of the last progress report before the run stopped
    int cancelled = 0;

    for (int run = 0; run < 100; ++run) {
        SCOPED_TRACE("run " + std::to_string(run));
        const MilrOptions options = storm_options(modes[run % 4]);
        CancelToken cancel;
        std::string last_phase;
        const int way = run % 3;
        const int at_report = std::uniform_int_distribution<int>(1, 120)(random);
        const int at_reward = std::uniform_int_distribution<int>(1, 4)(random);
        const int delay_us = std::uniform_int_distribution<int>(0, 20000)(random);
        int reports = 0;
        CancellingReward reward(cancel, way == 1 ? at_reward : 0);
        const auto progress = [&](const RunProgress& p) {
            last_phase = phase_name(p.phase);
            if (way == 0 && ++reports == at_report) cancel.cancel();
        };
        std::thread stopper;
        if (way == 2)
            stopper = std::thread([cancel, delay_us] {
                std::this_thread::sleep_for(std::chrono::microseconds(delay_us));
                cancel.cancel();
            });
        const MilrRunResult result = engine.run(options, reward, {}, progress, cancel);
        if (stopper.joinable()) stopper.join();
        expect_consistent(result);
        if (result.cancelled) {
            ++cancelled;
            ++cancelled_in[way == 1 ? "judging" : last_phase];
        }
    }
    for (const auto& [phase, count] : cancelled_in) std::printf("cancelled while %s: %d\n", phase.c_str(), count);
    EXPECT_GE(cancelled, 50);
    // The deterministic cancels reach every phase of a run.
    for (const char* phase : {"thinking", "drawing", "decoding", "judging"}) EXPECT_GT(cancelled_in[phase], 0) << phase;

    // After the storm: the same run as a fresh engine's, token for token.
    MeanRedReward reward_after, reward_fresh;
    const MilrRunResult after = engine.run(storm_options(MilrMode::both), reward_after);
    MilrEngine fresh(tiny_model(tokenizer->vocab_size()), tokenizer);
    const MilrRunResult expected = fresh.run(storm_options(MilrMode::both), reward_fresh);
    ASSERT_FALSE(after.cancelled);
    expect_same_trajectory(after, expected);
}
