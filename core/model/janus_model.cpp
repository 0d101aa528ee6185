// The multimodal Janus model: construction of the parts and the embedding/head entry points.
#include "core/model/janus_model.h"

#include <torch/torch.h>

#include "core/util/error.h"

namespace milr {

JanusModelImpl::JanusModelImpl(const JanusConfig& config, const torch::TensorOptions& options, ModelParts parts)
    : m_config(config) {
    validate_janus_config(config, "model configuration");
    language_model = register_module("language_model", LlamaForCausalLM(config.language, options));
    if (config.vision && parts.vision) {
        auto vision_model = register_module("vision_model", std::make_shared<torch::nn::Module>());
        vision_tower = vision_model->register_module("vision_tower", SiglipTower(*config.vision, options));
        aligner = register_module("aligner", MlpProjector(*config.aligner, options));
    }
    gen_embed = register_module("gen_embed",
                                Embedding(config.gen_vision.codebook_size, config.gen_vision.codebook_dim, options));
    gen_aligner = register_module("gen_aligner", MlpProjector(config.gen_aligner, options));
    gen_head = register_module("gen_head", VisionHead(config.gen_head, options));
    if (parts.vq) {
        gen_vision_model = register_module("gen_vision_model", VQModel(config.gen_vision));
        gen_vision_model->to(options.device(), options.dtype().toScalarType());
    }
}

torch::ScalarType JanusModelImpl::dtype() const { return language_model->model->norm->weight.scalar_type(); }
torch::Device JanusModelImpl::device() const { return language_model->model->norm->weight.device(); }

torch::Tensor JanusModelImpl::embed_text(const torch::Tensor& ids) {
    return language_model->model->embed_tokens(ids.to(device()));
}

torch::Tensor JanusModelImpl::embed_image_tokens(const torch::Tensor& ids) {
    return gen_aligner(gen_embed(ids.to(device())));
}

torch::Tensor JanusModelImpl::text_logits(const torch::Tensor& hidden) { return language_model->lm_head(hidden); }
torch::Tensor JanusModelImpl::image_logits(const torch::Tensor& hidden) { return gen_head(hidden); }

torch::Tensor JanusModelImpl::forward_hidden(const torch::Tensor& inputs_embeds, KVCache* cache,
                                             const torch::Tensor& key_mask) {
    return trunk()->forward(inputs_embeds, cache, key_mask);
}

KVCache JanusModelImpl::make_cache(int64_t rows, int64_t capacity) { return trunk()->make_cache(rows, capacity); }

torch::Tensor JanusModelImpl::encode_understanding_image(const torch::Tensor& pixels) {
    if (!has_vision()) throw Error("this model has no understanding path (no vision tower in its configuration)");
    return aligner(vision_tower(pixels.to(device())));
}

torch::Tensor JanusModelImpl::embed_with_image(const torch::Tensor& ids, const torch::Tensor& image_features,
                                               int64_t placeholder_id) {
    if (ids.dim() != 2 || image_features.dim() != 3 || image_features.size(0) != ids.size(0))
        throw Error("embed_with_image: ids must be [B, T] and image features [B, N, H] with the same B");
    torch::Tensor embeds = embed_text(ids);
    const torch::Tensor is_placeholder = (ids == placeholder_id).to(device());
    const int64_t n = image_features.size(1);
    for (int64_t row = 0; row < ids.size(0); ++row) {
        const int64_t count = is_placeholder[row].sum().item<int64_t>();
        if (count != n)
            throw Error("embed_with_image: row " + std::to_string(row) + " has " + std::to_string(count) +
                        " image placeholders but the image gives " + std::to_string(n) + " embeddings");
    }
    const torch::Tensor mask = is_placeholder.unsqueeze(-1).expand_as(embeds);
    return embeds.masked_scatter(mask, image_features.to(embeds.options()));
}

void set_trainable(torch::nn::Module& module, bool trainable) {
    for (auto& p : module.parameters(true)) p.set_requires_grad(trainable);
}

}  // namespace milr
