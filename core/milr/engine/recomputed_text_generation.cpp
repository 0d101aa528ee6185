// Uncached greedy text generation (one full forward per token), for the reference schedule.
#include "core/milr/engine/recomputed_text_generation.h"

#include <torch/torch.h>

#include <algorithm>

#include "core/generate/sampling.h"
#include "core/util/error.h"

namespace milr {

TextGeneration generate_text_recomputed(JanusModel& model, const std::vector<int64_t>& prompt_ids,
                                        const std::vector<int64_t>& forced_prefix,
                                        const TextGenerationOptions& options) {
    if (options.temperature > 0) throw Error("the reference schedule generates text greedily only");
    torch::NoGradGuard no_grad;
    std::vector<int64_t> sequence = prompt_ids;
    TextGeneration out;
    out.forced = static_cast<int64_t>(forced_prefix.size());
    std::vector<torch::Tensor> states;
    auto last_state = [&]() {
        const torch::Tensor ids = torch::tensor(sequence, torch::kLong).unsqueeze(0);
        return model->forward_hidden(model->embed_text(ids)).select(1, static_cast<int64_t>(sequence.size()) - 1);
    };
    for (int64_t token : forced_prefix) {
        options.cancel.throw_if_cancelled("text generation");
        states.push_back(last_state());
        sequence.push_back(token);
        out.tokens.push_back(token);
    }
    for (int64_t step = 0; step < options.max_new_tokens; ++step) {
        options.cancel.throw_if_cancelled("text generation");
        const torch::Tensor h = last_state();
        states.push_back(h);
        const torch::Tensor logits = model->text_logits(h);
        require_finite_logits(logits, {options.token_name + " " + std::to_string(out.tokens.size()), "lm_head"});
        const int64_t token = logits.argmax(-1)[0].item<int64_t>();
        if (std::find(options.stop_ids.begin(), options.stop_ids.end(), token) != options.stop_ids.end()) {
            out.stopped = true;
            out.stop_id = token;
            break;
        }
        out.tokens.push_back(token);
        sequence.push_back(token);
    }
    const int64_t hidden_size = model->config().language.hidden_size;
    out.hidden = states.empty() ? torch::empty({0, hidden_size}) : torch::cat(states, 0);
    return out;
}

}  // namespace milr
