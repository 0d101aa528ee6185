// Prefilling prompts into KV caches, and composing the CFG pair from a cached unconditional prefix.
#include "core/generate/prompt_cache.h"

#include <torch/torch.h>

#include "core/util/error.h"

namespace milr {

torch::Tensor forward_in_chunks(JanusModel& model, const torch::Tensor& embeds, KVCache& cache, int64_t chunk,
                                const CancelToken& cancel) {
    if (chunk <= 0) throw Error("prefill: the chunk size must be positive");
    std::vector<torch::Tensor> outputs;
    for (int64_t start = 0; start < embeds.size(1); start += chunk) {
        cancel.throw_if_cancelled("the prompt's prefill");
        outputs.push_back(
            model->forward_hidden(embeds.narrow(1, start, std::min(chunk, embeds.size(1) - start)), &cache));
    }
    if (outputs.empty()) return embeds.new_empty({embeds.size(0), 0, embeds.size(2)});
    return torch::cat(outputs, 1);
}

PrefilledPrompt prefill_embeddings(JanusModel& model, const torch::Tensor& embeds, int64_t chunk,
                                   const CancelToken& cancel) {
    if (embeds.dim() != 3 || embeds.size(1) == 0) throw Error("prefill: embeddings must be [rows, T >= 1, H]");
    torch::NoGradGuard no_grad;
    PrefilledPrompt out;
    out.cache = model->make_cache(embeds.size(0), embeds.size(1));
    const torch::Tensor hidden = forward_in_chunks(model, embeds, out.cache, chunk, cancel);
    out.last_hidden = hidden.select(1, hidden.size(1) - 1);
    return out;
}

namespace {
torch::Tensor id_tensor(const std::vector<std::vector<int64_t>>& rows) {
    if (rows.empty() || rows[0].empty()) throw Error("prefill: the prompt has no tokens");
    std::vector<int64_t> flat;
    for (const auto& row : rows) {
        if (row.size() != rows[0].size()) throw Error("prefill: prompt rows must have equal lengths");
        flat.insert(flat.end(), row.begin(), row.end());
    }
    return torch::tensor(flat, torch::kLong).view({int64_t(rows.size()), int64_t(rows[0].size())});
}
}  // namespace

PrefilledPrompt prefill_tokens(JanusModel& model, const std::vector<std::vector<int64_t>>& rows, int64_t chunk,
                               const CancelToken& cancel) {
    torch::NoGradGuard no_grad;
    return prefill_embeddings(model, model->embed_text(id_tensor(rows)), chunk, cancel);
}

PrefilledPrompt extend_with_tokens(JanusModel& model, const PrefilledPrompt& prompt, const std::vector<int64_t>& ids,
                                   int64_t chunk, const CancelToken& cancel) {
    torch::NoGradGuard no_grad;
    PrefilledPrompt out{prompt.cache.snapshot(), prompt.last_hidden};
    if (ids.empty()) return out;
    const torch::Tensor embeds =
        model->embed_text(id_tensor({ids})).expand({prompt.rows(), int64_t(ids.size()), -1}).contiguous();
    const torch::Tensor hidden = forward_in_chunks(model, embeds, out.cache, chunk, cancel);
    out.last_hidden = hidden.select(1, hidden.size(1) - 1);
    return out;
}

PrefilledPrompt unconditional_row(JanusModel& model, const PrefilledPrompt& pad_prefix, int64_t length,
                                  int64_t begin_of_image_id) {
    if (pad_prefix.rows() != 1) throw Error("unconditional row: the pad prefix must have one row");
    if (length < 2 || length - 1 > pad_prefix.length())
        throw Error("unconditional row: length " + std::to_string(length) + " needs a pad prefix of " +
                    std::to_string(length - 1) + " positions, it has " + std::to_string(pad_prefix.length()));
    torch::NoGradGuard no_grad;
    PrefilledPrompt out{pad_prefix.cache.snapshot(), {}};
    out.cache.truncate(length - 1);
    const torch::Tensor boi = model->embed_text(torch::full({1, 1}, begin_of_image_id, torch::kLong));
    out.last_hidden = model->forward_hidden(boi, &out.cache).select(1, 0);
    return out;
}

PrefilledPrompt stack_prompts(const std::vector<PrefilledPrompt>& prompts) {
    if (prompts.empty()) throw Error("stack_prompts: nothing to stack");
    std::vector<KVCache> caches;
    std::vector<torch::Tensor> hidden;
    for (const PrefilledPrompt& p : prompts) {
        caches.push_back(p.cache);
        hidden.push_back(p.last_hidden);
    }
    return {KVCache::stack_rows(caches), torch::cat(hidden, 0)};
}

}  // namespace milr
