// The LLaMA decoder of Janus-Pro: RMSNorm, rotate-half RoPE, attention with optional grouped KV heads,
// SwiGLU MLP, final norm; parameter names as under `language_model.` in the DeepSeek checkpoints.
#pragma once
#include <torch/nn/module.h>
#include <torch/nn/modules/container/modulelist.h>
#include <torch/nn/pimpl.h>

#include "core/model/config.h"
#include "core/model/kv_cache.h"
#include "core/model/layers.h"

namespace milr {

// cos and sin tables [t, head_dim] for positions [start, start + t), computed in fp32, cast to `dtype`.
std::pair<torch::Tensor, torch::Tensor> rotary_tables(int64_t start, int64_t t, int64_t head_dim, double theta,
                                                      torch::ScalarType dtype, torch::Device device);
// x [B, heads, t, head_dim] rotated with rotate_half: x cos + [-x2, x1] sin.
torch::Tensor apply_rotary(const torch::Tensor& x, const torch::Tensor& cos, const torch::Tensor& sin);

class LlamaAttentionImpl : public torch::nn::Module {
public:
    LlamaAttentionImpl(const LanguageConfig& config, const torch::TensorOptions& options);
    // x [B, t, H]; with a cache, keys/values of earlier positions are read from it and the new ones stored.
    // key_mask [B, S] (S = past + t; nonzero = attend) is optional (left padding).
    torch::Tensor forward(const torch::Tensor& x, const torch::Tensor& cos, const torch::Tensor& sin, KVCache* cache,
                          int64_t layer, const torch::Tensor& key_mask);
    Linear q_proj{nullptr}, k_proj{nullptr}, v_proj{nullptr}, o_proj{nullptr};

private:
    int64_t m_heads, m_kv_heads, m_head_dim;
};
TORCH_MODULE(LlamaAttention);

class LlamaMlpImpl : public torch::nn::Module {
public:
    LlamaMlpImpl(const LanguageConfig& config, const torch::TensorOptions& options);
    torch::Tensor forward(const torch::Tensor& x);
    Linear gate_proj{nullptr}, up_proj{nullptr}, down_proj{nullptr};
};
TORCH_MODULE(LlamaMlp);

class LlamaDecoderLayerImpl : public torch::nn::Module {
public:
    LlamaDecoderLayerImpl(const LanguageConfig& config, const torch::TensorOptions& options);
    torch::Tensor forward(const torch::Tensor& x, const torch::Tensor& cos, const torch::Tensor& sin, KVCache* cache,
                          int64_t layer, const torch::Tensor& key_mask);
    RMSNorm input_layernorm{nullptr}, post_attention_layernorm{nullptr};
    LlamaAttention self_attn{nullptr};
    LlamaMlp mlp{nullptr};
};
TORCH_MODULE(LlamaDecoderLayer);

// `language_model.model`: embed_tokens, layers, norm.
class LlamaModelImpl : public torch::nn::Module {
public:
    LlamaModelImpl(const LanguageConfig& config, const torch::TensorOptions& options);
    // inputs_embeds [B, t, H] at positions [past, past + t) where past = cache length (0 without a cache).
    // Returns the final-normed hidden states [B, t, H] (the latents MILR optimises). Without a cache this is
    // a full causal forward and differentiable (training).
    torch::Tensor forward(const torch::Tensor& inputs_embeds, KVCache* cache = nullptr,
                          const torch::Tensor& key_mask = {});
    // The same as forward with a cache, fed in chunks of at most `chunk` positions.
    torch::Tensor forward_chunked(const torch::Tensor& inputs_embeds, KVCache& cache, int64_t chunk);
    // An empty cache for `rows` rows in this model's dtype/device.
    KVCache make_cache(int64_t rows, int64_t capacity) const;

    const LanguageConfig& config() const { return m_config; }
    Embedding embed_tokens{nullptr};
    torch::nn::ModuleList layers{nullptr};
    RMSNorm norm{nullptr};

private:
    LanguageConfig m_config;
    std::vector<LlamaDecoderLayer> m_layers;
};
TORCH_MODULE(LlamaModel);

// `language_model`: the trunk plus the text head `lm_head` (untied).
class LlamaForCausalLMImpl : public torch::nn::Module {
public:
    LlamaForCausalLMImpl(const LanguageConfig& config, const torch::TensorOptions& options);
    LlamaModel model{nullptr};
    Linear lm_head{nullptr};
};
TORCH_MODULE(LlamaForCausalLM);

}  // namespace milr
