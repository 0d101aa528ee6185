// The multimodal Janus model: LLaMA trunk + text head, SigLIP understanding path, image-generation
// embedding/aligner/head and the VQ codec, with named_parameters() equal to the DeepSeek checkpoint names.
#pragma once
#include <torch/nn/module.h>
#include <torch/nn/pimpl.h>

#include "core/model/config.h"
#include "core/model/kv_cache.h"
#include "core/model/layers.h"
#include "core/model/llama.h"
#include "core/model/siglip.h"
#include "core/model/vq.h"

namespace milr {

// Which parts to build; a part left out is neither allocated nor loaded.
struct ModelParts {
    bool vision = true;  // SigLIP tower + aligner (only when the config has them)
    bool vq = true;      // gen_vision_model (the image codec)
};

class JanusModelImpl : public torch::nn::Module {
public:
    // Parameters are allocated uninitialised in `options` (dtype/device); load them or call init_parameters().
    JanusModelImpl(const JanusConfig& config, const torch::TensorOptions& options, ModelParts parts = {});

    const JanusConfig& config() const { return m_config; }
    torch::ScalarType dtype() const;
    torch::Device device() const;
    bool has_vision() const { return !vision_tower.is_empty(); }
    bool has_vq() const { return !gen_vision_model.is_empty(); }
    LlamaModel& trunk() { return language_model->model; }

    // Token ids [B, T] (int64) -> text embeddings [B, T, H].
    torch::Tensor embed_text(const torch::Tensor& ids);
    // Image-token ids [B, T] -> gen_aligner(gen_embed(ids)) [B, T, H].
    torch::Tensor embed_image_tokens(const torch::Tensor& ids);
    // Final-normed hidden states -> logits. Separate so MILR can differentiate through a head alone.
    torch::Tensor text_logits(const torch::Tensor& hidden);   // lm_head
    torch::Tensor image_logits(const torch::Tensor& hidden);  // gen_head
    // The trunk: inputs_embeds [B, T, H] -> final-normed hidden states (see LlamaModelImpl::forward).
    torch::Tensor forward_hidden(const torch::Tensor& inputs_embeds, KVCache* cache = nullptr,
                                 const torch::Tensor& key_mask = {});
    KVCache make_cache(int64_t rows, int64_t capacity = 0);

    // Understanding: pixels [B, 3, S, S] in [-1, 1] -> aligner(SigLIP(pixels)) [B, N, H].
    torch::Tensor encode_understanding_image(const torch::Tensor& pixels);
    // Text embeddings of ids [B, T] with the rows' placeholder positions (id == placeholder_id) replaced, in
    // order, by image_features [B, N, H]. Each row must hold exactly N placeholders.
    torch::Tensor embed_with_image(const torch::Tensor& ids, const torch::Tensor& image_features,
                                   int64_t placeholder_id);

    LlamaForCausalLM language_model{nullptr};
    SiglipTower vision_tower{nullptr};  // registered as vision_model.vision_tower
    MlpProjector aligner{nullptr};
    Embedding gen_embed{nullptr};
    MlpProjector gen_aligner{nullptr};
    VisionHead gen_head{nullptr};
    VQModel gen_vision_model{nullptr};

private:
    JanusConfig m_config;
};
TORCH_MODULE(JanusModel);

// Sets requires_grad on every parameter (false = frozen for inference).
void set_trainable(torch::nn::Module& module, bool trainable);

}  // namespace milr
