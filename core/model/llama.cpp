// The LLaMA decoder: attention with RoPE and a KV cache, SwiGLU MLP, causal forward and chunked prefill.
#include "core/model/llama.h"

#include <cmath>
#include <limits>

#include <torch/torch.h>

#include "core/model/kernels.h"
#include "core/util/error.h"

namespace milr {

std::pair<torch::Tensor, torch::Tensor> rotary_tables(int64_t start, int64_t t, int64_t head_dim, double theta,
                                                      torch::ScalarType dtype, torch::Device device) {
    const auto f32 = torch::TensorOptions().dtype(torch::kFloat32).device(device);
    const torch::Tensor exponents = torch::arange(0, head_dim, 2, f32) / static_cast<double>(head_dim);
    const torch::Tensor inv_freq = torch::pow(theta, exponents).reciprocal();
    const torch::Tensor positions = torch::arange(start, start + t, f32);
    const torch::Tensor angles = torch::outer(positions, inv_freq);
    const torch::Tensor full = torch::cat({angles, angles}, -1);
    return {full.cos().to(dtype), full.sin().to(dtype)};
}

torch::Tensor apply_rotary(const torch::Tensor& x, const torch::Tensor& cos, const torch::Tensor& sin) {
    const int64_t half = x.size(-1) / 2;
    const torch::Tensor rotated = torch::cat({-x.narrow(-1, half, half), x.narrow(-1, 0, half)}, -1);
    return x * cos + rotated * sin;
}

LlamaAttentionImpl::LlamaAttentionImpl(const LanguageConfig& c, const torch::TensorOptions& options)
    : m_heads(c.num_heads), m_kv_heads(c.num_kv_heads), m_head_dim(c.head_dim()) {
    q_proj = register_module("q_proj", Linear(c.hidden_size, c.num_heads * m_head_dim, false, options));
    k_proj = register_module("k_proj", Linear(c.hidden_size, c.num_kv_heads * m_head_dim, false, options));
    v_proj = register_module("v_proj", Linear(c.hidden_size, c.num_kv_heads * m_head_dim, false, options));
    o_proj = register_module("o_proj", Linear(c.num_heads * m_head_dim, c.hidden_size, false, options));
}

torch::Tensor LlamaAttentionImpl::forward(const torch::Tensor& x, const torch::Tensor& cos, const torch::Tensor& sin,
                                          KVCache* cache, int64_t layer, const torch::Tensor& key_mask) {
    const int64_t batch = x.size(0), t = x.size(1);
    const int64_t past = cache ? cache->length() : 0;
    const int64_t total = past + t;
    if (key_mask.defined() && (key_mask.dim() != 2 || key_mask.size(0) != batch || key_mask.size(1) != total))
        throw Error("attention: key mask must be [batch, past + new positions] = [" + std::to_string(batch) + ", " +
                    std::to_string(total) + "]");
    torch::Tensor q, k, v;
    const bool decode_step = t == 1 && use_decode_kernels(x, q_proj->weight);
    if (decode_step) {  // one new position: fused kernels (core/model/kernels.h)
        std::vector<torch::Tensor> qkv = decode_products(x, {q_proj->weight, k_proj->weight, v_proj->weight});
        decode_rotary_in_place(qkv[0], m_head_dim, cos, sin);
        decode_rotary_in_place(qkv[1], m_head_dim, cos, sin);
        q = qkv[0];  // [batch, 1, heads * head_dim]
        k = qkv[1].view({batch, t, m_kv_heads, m_head_dim}).transpose(1, 2);
        v = qkv[2].view({batch, t, m_kv_heads, m_head_dim}).transpose(1, 2);
    } else {
        q = apply_rotary(q_proj(x).view({batch, t, m_heads, m_head_dim}).transpose(1, 2), cos, sin);
        k = apply_rotary(k_proj(x).view({batch, t, m_kv_heads, m_head_dim}).transpose(1, 2), cos, sin);
        v = v_proj(x).view({batch, t, m_kv_heads, m_head_dim}).transpose(1, 2);
    }
    if (cache) std::tie(k, v) = cache->append(layer, k, v);
    if (decode_step && use_decode_attention(q, k) && use_decode_attention(q, v))
        return o_proj(decode_attention(q, k, v, key_mask));
    if (decode_step) q = q.view({batch, t, m_heads, m_head_dim}).transpose(1, 2);
    if (m_kv_heads != m_heads) {
        k = k.repeat_interleave(m_heads / m_kv_heads, 1);
        v = v.repeat_interleave(m_heads / m_kv_heads, 1);
    }
    // Batched products over [rows x heads]; reshape is a view for the cache's strided keys (no copy).
    const torch::Tensor q3 = q.reshape({batch * m_heads, t, m_head_dim});
    const torch::Tensor k3 = k.reshape({batch * m_heads, total, m_head_dim});
    const torch::Tensor v3 = v.reshape({batch * m_heads, total, m_head_dim});
    torch::Tensor scores = torch::bmm(q3, k3.transpose(1, 2)).view({batch, m_heads, t, total}).to(torch::kFloat32) /
        std::sqrt(double(m_head_dim));
    if (t > 1) {
        const auto bool_options = torch::TensorOptions().dtype(torch::kBool).device(x.device());
        const torch::Tensor future = torch::ones({t, total}, bool_options).triu(past + 1);
        scores = scores.masked_fill(future, std::numeric_limits<float>::lowest());
    }
    if (key_mask.defined()) {
        const torch::Tensor hidden = (key_mask == 0).view({batch, 1, 1, total});
        scores = scores.masked_fill(hidden, std::numeric_limits<float>::lowest());
    }
    const torch::Tensor weights = torch::softmax(scores, -1).to(x.scalar_type());
    const torch::Tensor out = torch::bmm(weights.view({batch * m_heads, t, total}), v3)
                                  .view({batch, m_heads, t, m_head_dim})
                                  .transpose(1, 2)
                                  .reshape({batch, t, m_heads * m_head_dim});
    return o_proj(out);
}

LlamaMlpImpl::LlamaMlpImpl(const LanguageConfig& c, const torch::TensorOptions& options) {
    gate_proj = register_module("gate_proj", Linear(c.hidden_size, c.intermediate_size, false, options));
    up_proj = register_module("up_proj", Linear(c.hidden_size, c.intermediate_size, false, options));
    down_proj = register_module("down_proj", Linear(c.intermediate_size, c.hidden_size, false, options));
}

torch::Tensor LlamaMlpImpl::forward(const torch::Tensor& x) {
    if (x.size(-2) == 1 && use_decode_kernels(x, gate_proj->weight)) {
        const std::vector<torch::Tensor> gate_up = decode_products(x, {gate_proj->weight, up_proj->weight});
        return down_proj(decode_silu_mul(gate_up[0], gate_up[1]));
    }
    return down_proj(torch::silu(gate_proj(x)) * up_proj(x));
}

LlamaDecoderLayerImpl::LlamaDecoderLayerImpl(const LanguageConfig& c, const torch::TensorOptions& options) {
    self_attn = register_module("self_attn", LlamaAttention(c, options));
    mlp = register_module("mlp", LlamaMlp(c, options));
    input_layernorm = register_module("input_layernorm", RMSNorm(c.hidden_size, c.rms_norm_eps, options));
    post_attention_layernorm =
        register_module("post_attention_layernorm", RMSNorm(c.hidden_size, c.rms_norm_eps, options));
}

torch::Tensor LlamaDecoderLayerImpl::forward(const torch::Tensor& x, const torch::Tensor& cos, const torch::Tensor& sin,
                                             KVCache* cache, int64_t layer, const torch::Tensor& key_mask) {
    const torch::Tensor h = x + self_attn(input_layernorm(x), cos, sin, cache, layer, key_mask);
    return h + mlp(post_attention_layernorm(h));
}

LlamaModelImpl::LlamaModelImpl(const LanguageConfig& c, const torch::TensorOptions& options) : m_config(c) {
    embed_tokens = register_module("embed_tokens", Embedding(c.vocab_size, c.hidden_size, options));
    layers = register_module("layers", torch::nn::ModuleList());
    for (int64_t i = 0; i < c.num_layers; ++i) {
        m_layers.push_back(LlamaDecoderLayer(c, options));
        layers->push_back(m_layers.back());
    }
    norm = register_module("norm", RMSNorm(c.hidden_size, c.rms_norm_eps, options));
}

torch::Tensor LlamaModelImpl::forward(const torch::Tensor& inputs_embeds, KVCache* cache,
                                      const torch::Tensor& key_mask) {
    if (inputs_embeds.dim() != 3 || inputs_embeds.size(2) != m_config.hidden_size)
        throw Error("language model: input embeddings must be [batch, positions, " +
                    std::to_string(m_config.hidden_size) + "]");
    if (cache && (cache->rows() != inputs_embeds.size(0) || cache->layers() != m_config.num_layers))
        throw Error("language model: the KV cache holds " + std::to_string(cache->rows()) + " rows but the input has " +
                    std::to_string(inputs_embeds.size(0)));
    const int64_t t = inputs_embeds.size(1);
    const int64_t past = cache ? cache->length() : 0;
    const torch::Tensor x0 = inputs_embeds.to(norm->weight.scalar_type());
    auto [cos, sin] = rotary_tables(past, t, m_config.head_dim(), m_config.rope_theta, x0.scalar_type(), x0.device());
    torch::Tensor x = x0;
    for (size_t i = 0; i < m_layers.size(); ++i) x = m_layers[i]->forward(x, cos, sin, cache, int64_t(i), key_mask);
    if (cache) cache->commit(t);
    return norm(x);
}

torch::Tensor LlamaModelImpl::forward_chunked(const torch::Tensor& inputs_embeds, KVCache& cache, int64_t chunk) {
    if (chunk <= 0) throw Error("language model: prefill chunk size must be positive");
    std::vector<torch::Tensor> outputs;
    for (int64_t start = 0; start < inputs_embeds.size(1); start += chunk) {
        const int64_t n = std::min(chunk, inputs_embeds.size(1) - start);
        outputs.push_back(forward(inputs_embeds.narrow(1, start, n), &cache));
    }
    if (outputs.empty()) return inputs_embeds.new_empty({inputs_embeds.size(0), 0, m_config.hidden_size});
    return torch::cat(outputs, 1);
}

KVCache LlamaModelImpl::make_cache(int64_t rows, int64_t capacity) const {
    return KVCache(m_config.num_layers, rows, m_config.num_kv_heads, m_config.head_dim(), capacity,
                   norm->weight.options().requires_grad(false));
}

LlamaForCausalLMImpl::LlamaForCausalLMImpl(const LanguageConfig& c, const torch::TensorOptions& options) {
    model = register_module("model", LlamaModel(c, options));
    lm_head = register_module("lm_head", Linear(c.hidden_size, c.vocab_size, false, options));
}

}  // namespace milr
