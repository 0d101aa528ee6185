// Text generation with a KV cache: forced prefix fed in one chunk, then greedy or sampled tokens.
#include "core/generate/text_generation.h"

#include <algorithm>

#include <torch/torch.h>

#include "core/generate/sampling.h"
#include "core/util/error.h"

namespace milr {

TextGeneration generate_text(JanusModel& model, const PrefilledPrompt& prompt,
                             const std::vector<int64_t>& forced_prefix, const TextGenerationOptions& options) {
    if (prompt.rows() != 1) throw Error("text generation: the prompt must have one row");
    torch::NoGradGuard no_grad;
    at::Generator generator = make_generator(options.seed);
    KVCache cache = prompt.cache.snapshot();
    cache.reserve(prompt.length() + static_cast<int64_t>(forced_prefix.size()) + options.max_new_tokens);
    std::vector<torch::Tensor> states;
    torch::Tensor h = prompt.last_hidden;  // [1, H]
    TextGeneration out;
    out.forced = static_cast<int64_t>(forced_prefix.size());
    if (!forced_prefix.empty()) {
        const torch::Tensor ids = torch::tensor(forced_prefix, torch::kLong).unsqueeze(0);
        const torch::Tensor hidden =
            forward_in_chunks(model, model->embed_text(ids), cache, options.prefill_chunk, options.cancel);
        states.push_back(h);
        for (int64_t j = 0; j + 1 < hidden.size(1); ++j) states.push_back(hidden.select(1, j));
        h = hidden.select(1, hidden.size(1) - 1);
        out.tokens = forced_prefix;
    }
    for (int64_t step = 0; step < options.max_new_tokens; ++step) {
        options.cancel.throw_if_cancelled("text generation");
        const LogitsSource source{options.token_name + " " + std::to_string(out.tokens.size()), "lm_head"};
        const int64_t token =
            choose_tokens(model->text_logits(h), options.temperature, generator, source)[0].item<int64_t>();
        states.push_back(h);
        if (std::find(options.stop_ids.begin(), options.stop_ids.end(), token) != options.stop_ids.end()) {
            out.stopped = true;
            out.stop_id = token;
            break;
        }
        out.tokens.push_back(token);
        if (step + 1 == options.max_new_tokens) break;
        const torch::Tensor next = model->embed_text(torch::full({1, 1}, token, torch::kLong));
        h = model->forward_hidden(next, &cache).select(1, 0);
    }
    out.hidden = states.empty() ? h.new_empty({0, h.size(-1)}) : torch::cat(states, 0);
    return out;
}

TextGeneration generate_text(JanusModel& model, const std::vector<int64_t>& prompt_ids,
                             const TextGenerationOptions& options) {
    return generate_text(model, prefill_tokens(model, {prompt_ids}, options.prefill_chunk, options.cancel), {},
                         options);
}

}  // namespace milr
