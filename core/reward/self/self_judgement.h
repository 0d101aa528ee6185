// Self-judgement: the model looks at its own image through its understanding path (SigLIP + aligner) and is
// asked whether the image matches the prompt; the reward is p(yes) / (p(yes) + p(no)) read from the answers'
// token probabilities, never from parsed generated text (the reference's JSON parse flattens its curve).
#pragma once
#include <torch/types.h>

#include <memory>
#include <string>
#include <vector>

#include "core/model/janus_model.h"
#include "core/reward/reward.h"
#include "core/text/chat_template.h"
#include "core/text/tokenizer.h"

namespace milr {

struct SelfJudgementOptions {
    // The understanding processor's default system prompt (Janus's VLChatProcessor).
    std::string system_prompt =
        "You are a helpful language and vision assistant. You are able to understand the visual content that the "
        "user provides, and assist the user with a variety of tasks using natural language.";
    // The question; "{prompt}" is replaced by the user's prompt.
    std::string question =
        "Does this image match the caption \"{prompt}\"? Check every object, its colour, its number and its "
        "position. Answer yes or no.";
    double pass_threshold = 0.5;  // passed when the reward is above this
};

// The answers' token sequences: each distinct encoding of " Yes", " yes", "Yes", "yes" (and the same for no).
// Most tokenizers spell each in one token; a longer one is scored by teacher forcing (sum of log-probs).
struct YesNoTokens {
    std::vector<std::vector<int64_t>> yes, no;
    static YesNoTokens find(const Tokenizer& tokenizer);
};

// The understanding prompt's ids for one image: BOS, system prompt, "<|User|>: " + [<begin_of_image>,
// <image_placeholder> x image_tokens, <end_of_image>] + "\n" + question, "\n\n<|Assistant|>:".
std::vector<int64_t> self_judgement_prompt_ids(const Tokenizer& tokenizer, const SelfJudgementOptions& options,
                                               const std::string& prompt, int64_t image_tokens);

// An RGB image -> [1, 3, S, S] in [-1, 1] as Janus's image processor prepares it: the longer side resized to S
// (bicubic), the shorter one padded centred with grey 127.
torch::Tensor understanding_pixels(const RgbImage& image, int64_t size);

class SelfJudgementReward : public Reward {
public:
    // The model must have its understanding path (vision tower + aligner); throws milr::Error otherwise.
    SelfJudgementReward(JanusModel model, std::shared_ptr<const Tokenizer> tokenizer,
                        SelfJudgementOptions options = {});

    std::string name() const override { return "self-judgement"; }
    RewardResult score(const RewardRequest& request) override;

private:
    // Log-probabilities of the next text token after the last position of `hidden` [1, T, H].
    torch::Tensor answer_log_probs(const torch::Tensor& hidden);

    JanusModel m_model;
    std::shared_ptr<const Tokenizer> m_tokenizer;
    SelfJudgementOptions m_options;
    YesNoTokens m_answers;
    int64_t m_placeholder = -1;
};

}  // namespace milr
