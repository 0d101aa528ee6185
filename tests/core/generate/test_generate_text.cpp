// Text generation: greedy equals recomputation, hidden states behind every token (stop token included),
// forced-prefix continuation from a reused prompt cache, seeded sampling.
#include <gtest/gtest.h>

#include "core/generate/text_generation.h"
#include "tests/core/model/tiny_model.h"

namespace milr {
namespace {

using testing::relative_error;

const std::vector<int64_t> kPrompt = {1, 17, 4, 33, 8, 21};

// Greedy tokens by full recomputation of the whole sequence at every step (no cache).
std::vector<int64_t> greedy_without_cache(JanusModel& model, std::vector<int64_t> ids, int64_t n) {
    torch::NoGradGuard no_grad;
    std::vector<int64_t> out;
    for (int64_t i = 0; i < n; ++i) {
        const torch::Tensor hidden = model->forward_hidden(model->embed_text(torch::tensor(ids).view({1, -1})));
        const int64_t token = model->text_logits(hidden.select(1, hidden.size(1) - 1)).argmax(-1).item<int64_t>();
        out.push_back(token);
        ids.push_back(token);
    }
    return out;
}

TEST(GenerateText, GreedyEqualsFullRecomputationAndRecordsTheStates) {
    JanusModel model = testing::tiny_model();
    TextGenerationOptions options;
    options.max_new_tokens = 10;
    const TextGeneration g = generate_text(model, kPrompt, options);
    ASSERT_EQ(g.tokens.size(), 10u);
    EXPECT_FALSE(g.stopped);
    EXPECT_EQ(g.tokens, greedy_without_cache(model, kPrompt, 10));
    ASSERT_EQ(g.hidden.sizes(), torch::IntArrayRef({10, 64}));
    torch::NoGradGuard no_grad;
    for (int64_t j = 0; j < 10; ++j)  // each state predicts its token under lm_head
        EXPECT_EQ(model->text_logits(g.hidden[j]).argmax().item<int64_t>(), g.tokens[size_t(j)]);
}

TEST(GenerateText, StopTokenEndsGenerationAndKeepsItsState) {
    JanusModel model = testing::tiny_model();
    TextGenerationOptions options;
    options.max_new_tokens = 10;
    const TextGeneration free_run = generate_text(model, kPrompt, options);
    options.stop_ids = {free_run.tokens[3]};
    const TextGeneration g = generate_text(model, kPrompt, options);
    const size_t first_stop =
        size_t(std::find(free_run.tokens.begin(), free_run.tokens.end(), free_run.tokens[3]) - free_run.tokens.begin());
    EXPECT_TRUE(g.stopped);
    EXPECT_EQ(g.stop_id, free_run.tokens[3]);
    EXPECT_EQ(g.tokens, std::vector<int64_t>(free_run.tokens.begin(), free_run.tokens.begin() + long(first_stop)));
    EXPECT_EQ(g.hidden.size(0), int64_t(first_stop) + 1);  // the state that predicted the stop token is kept
    EXPECT_LT(relative_error(g.hidden, free_run.hidden.narrow(0, 0, int64_t(first_stop) + 1)), 1e-5);
}

TEST(GenerateText, ForcedPrefixContinuesFromAReusedPromptCache) {
    JanusModel model = testing::tiny_model();
    TextGenerationOptions options;
    options.max_new_tokens = 8;
    const PrefilledPrompt prompt = prefill_tokens(model, {kPrompt});
    const TextGeneration free_run = generate_text(model, prompt, {}, options);
    const std::vector<int64_t> prefix(free_run.tokens.begin(), free_run.tokens.begin() + 3);
    options.max_new_tokens = 5;
    const TextGeneration continued = generate_text(model, prompt, prefix, options);
    EXPECT_EQ(continued.forced, 3);
    EXPECT_EQ(continued.tokens, free_run.tokens);  // greedy continuation of its own prefix
    EXPECT_LT(relative_error(continued.hidden, free_run.hidden), 1e-5);
    // A different prefix changes what follows; the prompt cache is unchanged and reusable.
    const TextGeneration other = generate_text(model, prompt, {2, 2, 2}, options);
    EXPECT_EQ(std::vector<int64_t>(other.tokens.begin(), other.tokens.begin() + 3), (std::vector<int64_t>{2, 2, 2}));
    EXPECT_EQ(prompt.length(), int64_t(kPrompt.size()));
    options.max_new_tokens = 8;
    EXPECT_EQ(generate_text(model, prompt, {}, options).tokens, free_run.tokens);
}

TEST(GenerateText, SamplingIsDeterministicForASeed) {
    JanusModel model = testing::tiny_model();
    TextGenerationOptions options;
    options.max_new_tokens = 12;
    options.temperature = 1.5;
    options.seed = 5;
    const TextGeneration a = generate_text(model, kPrompt, options), b = generate_text(model, kPrompt, options);
    EXPECT_EQ(a.tokens, b.tokens);
    bool any_differs = false;
    for (uint64_t seed = 6; seed < 10 && !any_differs; ++seed) {
        options.seed = seed;
        any_differs = generate_text(model, kPrompt, options).tokens != a.tokens;
    }
    EXPECT_TRUE(any_differs);
}

TEST(GenerateText, CancelStopsGeneration) {
    JanusModel model = testing::tiny_model();
    TextGenerationOptions options;
    options.cancel.cancel();
    EXPECT_THROW(generate_text(model, kPrompt, options), Cancelled);
}

TEST(GenerateText, CancelStopsAPrefillBeforeItsNextChunk) {
    JanusModel model = testing::tiny_model();
    torch::NoGradGuard no_grad;
    const torch::Tensor embeds = model->embed_text(torch::tensor(kPrompt).view({1, -1}));
    KVCache cache = model->make_cache(1);
    CancelToken cancel;
    cancel.cancel();
    EXPECT_THROW(forward_in_chunks(model, embeds, cache, 2, cancel), Cancelled);
    EXPECT_EQ(cache.length(), 0) << "no chunk ran after the cancel";
    EXPECT_THROW(prefill_tokens(model, {kPrompt}, 2, cancel), Cancelled);
    cancel.reset();
    EXPECT_EQ(prefill_tokens(model, {kPrompt}, 2, cancel).length(), int64_t(kPrompt.size()));
}

TEST(GenerateText, NonFiniteLogitsAreAnErrorNamingTheTokenAndTheHead) {
    JanusModel model = testing::tiny_model();
    {
        torch::NoGradGuard no_grad;
        model->language_model->lm_head->weight[3].fill_(std::nan(""));
    }
    TextGenerationOptions options;
    options.max_new_tokens = 10;
    options.token_name = "reasoning token";
    for (double temperature : {0.0, 1.0}) {  // the greedy and the sampled path
        options.temperature = temperature;
        try {
            generate_text(model, kPrompt, options);
            ADD_FAILURE() << "no error at temperature " << temperature;
        } catch (const Error& e) {
            EXPECT_STREQ(e.what(),
                         "the model's logits for reasoning token 0 are not finite (NaN/Inf): the weights of "
                         "lm_head or an earlier layer hold NaN or Inf");
        }
    }
}

}  // namespace
}  // namespace milr
