// Self-judgement reward: the understanding prompt, the image preprocessing, and the score read from the answer
// probabilities (checked against a full recomputation without the cache).
#include <gtest/gtest.h>
#include <torch/torch.h>

#include "../model/tiny_model.h"
#include "core/reward/self/self_judgement.h"
#include "core/text/bpe_tokenizer.h"

namespace milr {
namespace {

std::shared_ptr<const Tokenizer> tokenizer() {
    static auto shared = std::shared_ptr<const Tokenizer>(
        BpeTokenizer::load_folder(std::string(MILR_TEST_DATA) + "/text/deepseek-style"));
    return shared;
}

JanusModel seeing_model(bool vision = true) {
    JanusConfig config = testing::tiny_config(4, vision);
    config.language.vocab_size = tokenizer()->vocab_size();
    return testing::tiny_model(config, 11);
}

RgbImage filled(int width, int height, uint8_t r, uint8_t g, uint8_t b) {
    RgbImage image;
    image.width = width;
    image.height = height;
    for (int i = 0; i < width * height; ++i) image.pixels.insert(image.pixels.end(), {r, g, b});
    return image;
}

double score(SelfJudgementReward& reward, const RgbImage& image, const std::string& prompt) {
    RewardRequest request;
    request.image = &image;
    request.prompt = prompt;
    return reward.score(request).value;
}

// log p(sequence | ids) by running the whole prompt and answer without a cache.
double full_log_prob(JanusModel& model, const std::vector<int64_t>& prompt, const std::vector<int64_t>& answer,
                     const torch::Tensor& features, int64_t placeholder) {
    std::vector<int64_t> ids = prompt;
    ids.insert(ids.end(), answer.begin(), answer.end());
    const torch::Tensor embeds =
        model->embed_with_image(torch::tensor(ids, torch::kLong).unsqueeze(0), features, placeholder);
    const torch::Tensor logits = model->text_logits(model->forward_hidden(embeds))[0];
    double log_p = 0;
    for (size_t i = 0; i < answer.size(); ++i) {
        const int64_t position = static_cast<int64_t>(prompt.size() + i) - 1;
        log_p +=
            torch::log_softmax(logits[position].narrow(0, 0, tokenizer()->vocab_size()), 0)[answer[i]].item<double>();
    }
    return log_p;
}

TEST(SelfJudgement, PromptHoldsTheImageBetweenItsMarkersAndAsksAboutThePrompt) {
    const SelfJudgementOptions options;
    const std::vector<int64_t> ids = self_judgement_prompt_ids(*tokenizer(), options, "a photo of a red circle", 16);
    const JanusSpecialTokens special = JanusSpecialTokens::resolve(*tokenizer());
    EXPECT_EQ(ids.front(), special.bos);
    const auto first = std::find(ids.begin(), ids.end(), special.image_placeholder);
    ASSERT_NE(first, ids.end());
    EXPECT_EQ(std::count(ids.begin(), ids.end(), special.image_placeholder), 16);
    EXPECT_EQ(*(first - 1), special.begin_of_image);
    EXPECT_EQ(*(first + 16), special.end_of_image);
    const std::string text = tokenizer()->decode(ids, false);
    EXPECT_NE(text.find("Does this image match the caption \"a photo of a red circle\""), std::string::npos) << text;
    const std::string ending = "\n\n<|Assistant|>:";
    ASSERT_GT(text.size(), ending.size());
    EXPECT_EQ(text.substr(text.size() - ending.size()), ending) << text;
}

TEST(SelfJudgement, PixelsAreResizedAndPaddedWithGrey) {
    const torch::Tensor pixels = understanding_pixels(filled(16, 8, 255, 0, 0), 32);
    ASSERT_EQ(pixels.sizes(), (std::vector<int64_t>{1, 3, 32, 32}));
    const double grey = 127.0 / 255.0 * 2.0 - 1.0;
    EXPECT_NEAR(pixels[0][0][0][0].item<double>(), grey, 1e-6);   // padding above
    EXPECT_NEAR(pixels[0][0][16][16].item<double>(), 1.0, 1e-5);  // red inside
    EXPECT_NEAR(pixels[0][1][16][16].item<double>(), -1.0, 1e-5);
    EXPECT_THROW(understanding_pixels(RgbImage{}, 32), Error);
}

TEST(SelfJudgement, ScoreIsTheYesShareOfTheAnswerProbabilities) {
    JanusModel model = seeing_model();
    SelfJudgementReward reward(model, tokenizer());
    const RgbImage image = filled(24, 24, 200, 40, 40);
    const std::string prompt = "a photo of a red circle";
    const double value = score(reward, image, prompt);

    // The same quantity computed without the cache, spelling by spelling.
    const SelfJudgementOptions options;
    const std::vector<int64_t> ids = self_judgement_prompt_ids(*tokenizer(), options, prompt, 16);
    const torch::Tensor features = model->encode_understanding_image(understanding_pixels(image, 32));
    const int64_t placeholder = tokenizer()->require_token_id(janus_tokens::kImagePlaceholder);
    const YesNoTokens answers = YesNoTokens::find(*tokenizer());
    double yes = 0, no = 0;
    for (const auto& a : answers.yes) yes += std::exp(full_log_prob(model, ids, a, features, placeholder));
    for (const auto& a : answers.no) no += std::exp(full_log_prob(model, ids, a, features, placeholder));
    EXPECT_NEAR(value, yes / (yes + no), 1e-5);
    EXPECT_GT(value, 0.0);
    EXPECT_LT(value, 1.0);
}

TEST(SelfJudgement, TheImageAndThePromptChangeTheJudgementDeterministically) {
    SelfJudgementReward reward(seeing_model(), tokenizer());
    const RgbImage red = filled(24, 24, 220, 30, 30), blue = filled(24, 24, 30, 30, 220);
    const double red_score = score(reward, red, "a photo of a red circle");
    EXPECT_EQ(red_score, score(reward, red, "a photo of a red circle"));
    EXPECT_NE(red_score, score(reward, blue, "a photo of a red circle"));
    EXPECT_NE(red_score, score(reward, red, "a photo of two blue squares"));
}

TEST(SelfJudgement, AModelWithoutAnUnderstandingPathIsRefusedByName) {
    try {
        SelfJudgementReward reward(seeing_model(false), tokenizer());
        FAIL() << "expected an error";
    } catch (const Error& e) {
        EXPECT_NE(std::string(e.what()).find("understanding path"), std::string::npos) << e.what();
    }
}

}  // namespace
}  // namespace milr
