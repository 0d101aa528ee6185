// Prompts against the model's context: a run whose prompt, reasoning and image tokens cannot fit is refused
// before any work with the limit and the counts, however long the prompt; one that fits runs.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>

#include "core/milr/engine/context_budget.h"
#include "core/milr/engine/milr_engine.h"
#include "engine_test_support.h"
#include "tiny_model.h"

using namespace milr;
using namespace milr::testing;

namespace {

int64_t context_of(TinyEngine& f) { return f.engine.model()->config().language.max_position_embeddings; }

std::string error_of_generate(TinyEngine& f, const MilrOptions& options) {
    try {
        const MilrRunResult result = f.engine.generate(options);
        return result.error.empty() ? "(no error)" : result.error;
    } catch (const Error& e) {
        return e.what();
    }
}

// "word word word ..." of `chars` characters.
std::string long_prompt(size_t chars) {
    std::string text;
    while (text.size() + 5 <= chars) text += "word ";
    return text + "red";
}

}  // namespace

TEST(EngineContext, AFarTooLongPromptIsRefusedQuicklyWithTheLimitAndTheCounts) {
    TinyEngine f;
    MilrOptions options = tiny_options(MilrMode::both, 0);
    options.prompt = long_prompt(100000);
    const auto start = std::chrono::steady_clock::now();
    const std::string error = error_of_generate(f, options);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    EXPECT_NE(error.find("does not fit the model's context of " + std::to_string(context_of(f)) + " positions"),
              std::string::npos)
        << error;
    EXPECT_NE(error.find("image-prompt tokens + up to 10 reasoning tokens + 16 image tokens"), std::string::npos)
        << error;
    EXPECT_LT(seconds, 10.0) << "a guard against running the prompt through the model";
}

TEST(EngineContext, TheCountsFollowTheModeAndTheLimitIsExact) {
    TinyEngine f;
    MilrOptions options = tiny_options(MilrMode::both, 0);
    const ContextUse both = context_use(*f.tokenizer, options, f.engine.model()->config());
    EXPECT_EQ(both.drawing(), both.image_prompt + 10 + 16);
    options.mode = MilrMode::image;  // the image prompt is the prompt alone
    const ContextUse image = context_use(*f.tokenizer, options, f.engine.model()->config());
    EXPECT_EQ(image.drawing(), image.image_prompt + 16);
    EXPECT_EQ(image.thinking(), both.thinking());

    // Raise the reasoning budget until the longer of thinking and drawing needs exactly the context, then one more.
    options.mode = MilrMode::both;
    const int64_t fixed = std::max(both.image_prompt + 16, both.think_prompt);
    options.max_reasoning_tokens = static_cast<int>(context_of(f) - fixed);
    EXPECT_NO_THROW(require_fits_context(*f.tokenizer, options, f.engine.model()->config()));
    ++options.max_reasoning_tokens;
    EXPECT_THROW(require_fits_context(*f.tokenizer, options, f.engine.model()->config()), Error);
}

TEST(EngineContext, APromptThatFitsRuns) {
    TinyEngine f;
    MilrOptions options = tiny_options(MilrMode::both, 0);
    options.prompt = long_prompt(200);
    const MilrRunResult result = f.engine.generate(options);
    EXPECT_TRUE(result.error.empty()) << result.error;
    ASSERT_EQ(result.records.size(), 1u);
}
