// Self-judgement reward: understanding prompt, SigLIP features at the placeholders, yes/no probabilities.
#include "core/reward/self/self_judgement.h"

#include <torch/torch.h>

#include <algorithm>
#include <cmath>

#include "core/model/image_tensor.h"
#include "core/util/error.h"

namespace milr {

namespace {

std::string replace_all(std::string text, const std::string& from, const std::string& to) {
    for (size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
        text.replace(at, from.size(), to);
    return text;
}

void add_spellings(const Tokenizer& tokenizer, const std::vector<std::string>& spellings,
                   std::vector<std::vector<int64_t>>& sequences) {
    for (const std::string& word : spellings) {
        std::vector<int64_t> encoded = tokenizer.encode(word, false);
        if (!encoded.empty() && std::find(sequences.begin(), sequences.end(), encoded) == sequences.end())
            sequences.push_back(std::move(encoded));
    }
}

int64_t longest_answer(const std::vector<std::vector<int64_t>>& sequences) {
    size_t longest = 0;
    for (const auto& sequence : sequences) longest = std::max(longest, sequence.size());
    return static_cast<int64_t>(longest);
}

}  // namespace

YesNoTokens YesNoTokens::find(const Tokenizer& tokenizer) {
    YesNoTokens tokens;
    add_spellings(tokenizer, {" Yes", "Yes", " yes", "yes"}, tokens.yes);
    add_spellings(tokenizer, {" No", "No", " no", "no"}, tokens.no);
    if (tokens.yes.empty() || tokens.no.empty())
        throw Error("self-judgement: " + tokenizer.description() + " cannot spell the answers yes and no");
    return tokens;
}

std::vector<int64_t> self_judgement_prompt_ids(const Tokenizer& tokenizer, const SelfJudgementOptions& options,
                                               const std::string& prompt, int64_t image_tokens) {
    ChatTemplate chat = ChatTemplate::janus_pro();
    chat.system_prompt = options.system_prompt;
    const std::string question = replace_all(options.question, "{prompt}", prompt);
    const std::string text = single_turn_prompt(chat, std::string(janus_tokens::kImagePlaceholder) + "\n" + question);
    const JanusSpecialTokens special = JanusSpecialTokens::resolve(tokenizer);
    std::vector<int64_t> ids;
    for (int64_t id : tokenizer.encode(text, true)) {
        if (id != special.image_placeholder) {
            ids.push_back(id);
            continue;
        }
        ids.push_back(special.begin_of_image);
        ids.insert(ids.end(), static_cast<size_t>(image_tokens), special.image_placeholder);
        ids.push_back(special.end_of_image);
    }
    return ids;
}

torch::Tensor understanding_pixels(const RgbImage& image, int64_t size) {
    if (image.width <= 0 || image.height <= 0) throw Error("self-judgement: the image is empty");
    const torch::Tensor pixels = rgb_to_tensor(image).unsqueeze(0);  // [1, 3, H, W] in [-1, 1]
    const int64_t longer = std::max(image.width, image.height);
    const auto scaled = [&](int64_t side) {
        return std::max<int64_t>(static_cast<int64_t>(std::floor(double(side) / double(longer) * double(size))), 14);
    };
    const int64_t h = scaled(image.height), w = scaled(image.width);
    namespace F = torch::nn::functional;
    torch::Tensor resized =
        F::interpolate(
            pixels,
            F::InterpolateFuncOptions().size(std::vector<int64_t>{h, w}).mode(torch::kBicubic).align_corners(false))
            .clamp(-1.0, 1.0);
    // Grey 127 in [-1, 1] units, the processor's background.
    torch::Tensor canvas = torch::full({1, 3, size, size}, 127.0 / 255.0 * 2.0 - 1.0, torch::kFloat32);
    const int64_t top = (size - h) / 2, left = (size - w) / 2;
    canvas.narrow(2, top, h).narrow(3, left, w).copy_(resized);
    return canvas;
}

SelfJudgementReward::SelfJudgementReward(JanusModel model, std::shared_ptr<const Tokenizer> tokenizer,
                                         SelfJudgementOptions options)
    : m_model(std::move(model)), m_tokenizer(std::move(tokenizer)), m_options(std::move(options)) {
    if (!m_model->has_vision())
        throw Error(
            "self-judgement needs a model with an understanding path (vision tower and aligner); this "
            "model has none (the embedded model draws but cannot see)");
    if (!m_tokenizer) throw Error("self-judgement needs the model's tokenizer");
    m_answers = YesNoTokens::find(*m_tokenizer);
    m_placeholder = m_tokenizer->require_token_id(janus_tokens::kImagePlaceholder);
    const int64_t rows = m_model->config().language.vocab_size;
    for (const auto* sequences : {&m_answers.yes, &m_answers.no})
        for (const auto& sequence : *sequences)
            for (int64_t id : sequence)
                if (id >= rows)
                    throw Error("self-judgement: answer token " + std::to_string(id) + " lies outside the model's " +
                                std::to_string(rows) + " text logits");
}

torch::Tensor SelfJudgementReward::answer_log_probs(const torch::Tensor& hidden) {
    // The last position's text logits; rows past the tokenizer's vocabulary are untrained padding of the
    // embedding table and are left out.
    const int64_t rows = std::min(m_tokenizer->vocab_size(), m_model->config().language.vocab_size);
    const torch::Tensor logits =
        m_model->text_logits(hidden.select(1, hidden.size(1) - 1))[0].narrow(0, 0, rows).to(torch::kFloat32).cpu();
    return torch::log_softmax(logits, 0);
}

RewardResult SelfJudgementReward::score(const RewardRequest& request) {
    if (!request.image) throw RewardError("self-judgement: no image to judge");
    torch::NoGradGuard no_grad;
    const VisionConfig& vision = *m_model->config().vision;
    const std::vector<int64_t> ids =
        self_judgement_prompt_ids(*m_tokenizer, m_options, request.prompt, vision.num_patches());
    const auto options = torch::TensorOptions().device(m_model->device());
    const torch::Tensor pixels =
        understanding_pixels(*request.image, vision.image_size).to(options.dtype(m_model->dtype()));
    const torch::Tensor features = m_model->encode_understanding_image(pixels);
    const torch::Tensor id_tensor = torch::tensor(ids, torch::kLong).unsqueeze(0).to(options.device());
    const torch::Tensor embeds = m_model->embed_with_image(id_tensor, features, m_placeholder);
    const int64_t longest = std::max(longest_answer(m_answers.yes), longest_answer(m_answers.no));
    KVCache cache = m_model->make_cache(1, static_cast<int64_t>(ids.size()) + longest);
    const torch::Tensor prompt_log_probs = answer_log_probs(m_model->forward_hidden(embeds, &cache));
    const int64_t prompt_length = cache.length();
    // p(answer) for each spelling: its first token from the prompt's last position, the rest teacher-forced.
    // log p(answer) summed over its spellings: the first token from the prompt's last position, the rest
    // teacher-forced from the prompt's cache.
    const auto log_mass = [&](const std::vector<std::vector<int64_t>>& sequences) {
        std::vector<double> log_ps;
        for (const auto& sequence : sequences) {
            double log_p = prompt_log_probs[sequence[0]].item<double>();
            if (sequence.size() > 1) {
                cache.truncate(prompt_length);
                const std::vector<int64_t> fed(sequence.begin(), sequence.end() - 1);
                const torch::Tensor fed_ids = torch::tensor(fed, torch::kLong).unsqueeze(0).to(options.device());
                const torch::Tensor hidden = m_model->forward_hidden(m_model->embed_text(fed_ids), &cache);
                for (size_t i = 1; i < sequence.size(); ++i)
                    log_p += answer_log_probs(hidden.narrow(1, 0, static_cast<int64_t>(i)))[sequence[i]].item<double>();
            }
            log_ps.push_back(log_p);
        }
        return torch::tensor(log_ps, torch::kFloat64).logsumexp(0).item<double>();
    };
    const double log_yes = log_mass(m_answers.yes), log_no = log_mass(m_answers.no);
    if (!std::isfinite(log_yes) || !std::isfinite(log_no))
        throw RewardError("self-judgement: the answer probabilities are not finite (log p(yes) " +
                          std::to_string(log_yes) + ", log p(no) " + std::to_string(log_no) + ")");
    const double yes = std::exp(log_yes), no = std::exp(log_no);
    RewardResult result;
    result.value = validated_reward_value(1.0 / (1.0 + std::exp(log_no - log_yes)), name());
    result.passed = result.value > m_options.pass_threshold;
    result.components = {{"p(yes | yes or no)", result.value, 1.0}, {"p(yes or no)", yes + no, 0.0}};
    if (!result.passed)
        result.reasons.push_back("the model answers no to its own image (p(yes) " + std::to_string(result.value) + ")");
    return result;
}

}  // namespace milr
