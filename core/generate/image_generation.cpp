// The CFG image-token loop: both rows advance together with the same chosen code.
#include "core/generate/image_generation.h"

#include <torch/torch.h>

#include "core/generate/sampling.h"
#include "core/util/error.h"

namespace milr {

torch::Tensor fused_image_logits(JanusModel& model, const torch::Tensor& hidden_pairs, double cfg_weight) {
    if (hidden_pairs.dim() < 2 || hidden_pairs.size(-2) != 2)
        throw Error("fused_image_logits: hidden states must be [..., 2, H] ([cond, uncond] pairs)");
    const torch::Tensor logits = model->image_logits(hidden_pairs);
    return cfg_fuse(logits.select(-2, 0), logits.select(-2, 1), cfg_weight);
}

ImageGeneration generate_image_tokens(JanusModel& model, const PrefilledPrompt& prompt,
                                      const std::vector<int64_t>& forced_prefix, const ImageGenerationOptions& options,
                                      at::Generator& generator) {
    const int64_t total = model->config().image_tokens_per_image();
    const int64_t codes = model->config().gen_vision.codebook_size;
    if (prompt.rows() != 2) throw Error("image generation: the prompt must have the two rows [cond, uncond]");
    if (static_cast<int64_t>(forced_prefix.size()) > total)
        throw Error("image generation: the forced prefix has more than " + std::to_string(total) + " tokens");
    for (int64_t id : forced_prefix)
        if (id < 0 || id >= codes) throw Error("image generation: forced code " + std::to_string(id) + " out of range");
    torch::NoGradGuard no_grad;
    const int64_t keep = options.keep_hidden < 0 ? total : std::min(options.keep_hidden, total);
    KVCache cache = prompt.cache.snapshot();
    cache.reserve(prompt.length() + total);
    std::vector<torch::Tensor> states;
    torch::Tensor h = prompt.last_hidden;  // [2, H]
    ImageGeneration out;
    out.forced = static_cast<int64_t>(forced_prefix.size());
    out.tokens = forced_prefix;
    const auto record = [&](int64_t index, const torch::Tensor& state) {
        if (index < keep) states.push_back(state.unsqueeze(0));
    };
    if (!forced_prefix.empty()) {
        // Feed every forced code that has a successor; the state after the last one predicts the next code.
        const int64_t fed = std::min<int64_t>(out.forced, total - 1);
        record(0, h);
        if (fed > 0) {
            const std::vector<int64_t> feed(forced_prefix.begin(), forced_prefix.begin() + fed);
            const torch::Tensor ids = torch::tensor(feed, torch::kLong).unsqueeze(0).expand({2, fed});
            const torch::Tensor hidden =
                forward_in_chunks(model, model->embed_image_tokens(ids), cache, options.prefill_chunk, options.cancel);
            for (int64_t j = 0; j + 1 < out.forced && j < fed; ++j) record(j + 1, hidden.select(1, j));
            h = hidden.select(1, fed - 1);
        }
    }
    for (int64_t i = out.forced; i < total; ++i) {
        options.cancel.throw_if_cancelled("image generation");
        const torch::Tensor fused = fused_image_logits(model, h, options.cfg_weight).unsqueeze(0);
        const LogitsSource source{"image token " + std::to_string(i), "gen_head"};
        const int64_t token = choose_tokens(fused, options.temperature, generator, source)[0].item<int64_t>();
        record(i, h);
        out.tokens.push_back(token);
        if (i + 1 < total) {
            const torch::Tensor next = model->embed_image_tokens(torch::full({2, 1}, token, torch::kLong));
            h = model->forward_hidden(next, &cache).select(1, 0);
        }
        report_progress(options.progress, double(i + 1) / double(total), "image tokens");
    }
    out.hidden = states.empty() ? h.new_empty({0, 2, h.size(-1)}) : torch::cat(states, 0);
    return out;
}

}  // namespace milr
