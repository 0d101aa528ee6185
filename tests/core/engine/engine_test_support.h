// Shared by the engine tests: the engine on the tiny model, the options of a short run, and the check that two runs
// agree.
#pragma once
#include <gtest/gtest.h>

#include "core/milr/engine/milr_engine.h"
#include "tiny_model.h"

namespace milr::testing {

// The engine on the tiny random model with the test tokenizer.
struct TinyEngine {
    std::shared_ptr<const Tokenizer> tokenizer = test_tokenizer();
    MilrEngine engine{tiny_model(tokenizer->vocab_size()), tokenizer};
};

// A short run on the tiny model that never stops early unless a test asks.
inline MilrOptions tiny_options(MilrMode mode, int steps) {
    MilrOptions options;
    options.prompt = "a photo of two red circles";
    options.mode = mode;
    options.steps = steps;
    options.max_reasoning_tokens = 10;
    options.lambda_text = 0.5;
    options.lambda_image = 0.25;
    options.learning_rate = 0.5;     // large, so a random tiny model changes its tokens within a few steps
    options.reward_threshold = 1.0;  // no reward in [0, 1] exceeds 1: never stops early unless a test asks
    options.cfg_weight = 3.0;
    options.seed = 11;
    return options;
}

// The same steps: reasoning tokens, image tokens, reward and pixels.
inline void expect_same_trajectory(const MilrRunResult& a, const MilrRunResult& b) {
    ASSERT_EQ(a.records.size(), b.records.size());
    for (size_t i = 0; i < a.records.size(); ++i) {
        EXPECT_EQ(a.records[i].reasoning_tokens, b.records[i].reasoning_tokens) << "step " << i;
        EXPECT_EQ(a.records[i].image_tokens, b.records[i].image_tokens) << "step " << i;
        EXPECT_EQ(a.records[i].reward, b.records[i].reward) << "step " << i;
        EXPECT_EQ(a.records[i].image, b.records[i].image) << "step " << i;
    }
}

}  // namespace milr::testing
