// Matrix products for the decoder: the small-batch CPU path chosen at run time.
#include "core/model/kernels.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <limits>
#include <vector>

#include <ATen/Parallel.h>
#include <torch/torch.h>

#if defined(__x86_64__)
#include <immintrin.h>
#endif

namespace milr {
namespace {
std::atomic<SmallBatchKernel> g_kernel{SmallBatchKernel::MatrixVector};

bool use_small_batch_path(const torch::Tensor& x, const torch::Tensor& weight) {
    if (g_kernel.load(std::memory_order_relaxed) != SmallBatchKernel::MatrixVector) return false;
    if (!x.device().is_cpu() || x.dim() == 0) return false;
    if (x.scalar_type() != weight.scalar_type()) return false;
    if (weight.scalar_type() != torch::kFloat32 && weight.scalar_type() != torch::kBFloat16) return false;
    if (torch::GradMode::is_enabled() && (x.requires_grad() || weight.requires_grad())) return false;
    return x.numel() / x.size(-1) <= kSmallBatchRows;
}

#if defined(__x86_64__)
float horizontal_sum(__m256 v) __attribute__((target("avx2,fma")));
float horizontal_sum(__m256 v) {
    __m128 s = _mm_add_ps(_mm256_castps256_ps128(v), _mm256_extractf128_ps(v, 1));
    s = _mm_hadd_ps(s, s);
    s = _mm_hadd_ps(s, s);
    return _mm_cvtss_f32(s);
}

// Eight weights or cache entries as fp32: float as is, bf16 widened (its bits are the top half of a float's).
inline __m256 load8(const float* p) __attribute__((target("avx2,fma")));
inline __m256 load8(const float* p) { return _mm256_loadu_ps(p); }
inline __m256 load8(const c10::BFloat16* p) __attribute__((target("avx2,fma")));
inline __m256 load8(const c10::BFloat16* p) {
    const __m128i raw = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
    return _mm256_castsi256_ps(_mm256_slli_epi32(_mm256_cvtepu16_epi32(raw), 16));
}

// y_r[o] = w[o, :] . x_r for rows r < count (1 or 2), each weight row read once for both inputs; W is float or
// bf16 (accumulated in fp32 as libtorch does).
template <class W>
__attribute__((target("avx2,fma"))) void gemv_rows_avx2(const W* w, int64_t in, const float* const* x, float* const* y,
                                                        int64_t count, int64_t begin, int64_t end) {
    for (int64_t o = begin; o < end; ++o) {
        const W* row = w + o * in;
        __m256 a0 = _mm256_setzero_ps(), a1 = _mm256_setzero_ps(), b0 = _mm256_setzero_ps(), b1 = _mm256_setzero_ps();
        int64_t i = 0;
        for (; i + 16 <= in; i += 16) {
            const __m256 w0 = load8(row + i), w1 = load8(row + i + 8);
            a0 = _mm256_fmadd_ps(w0, _mm256_loadu_ps(x[0] + i), a0);
            a1 = _mm256_fmadd_ps(w1, _mm256_loadu_ps(x[0] + i + 8), a1);
            if (count > 1) {
                b0 = _mm256_fmadd_ps(w0, _mm256_loadu_ps(x[1] + i), b0);
                b1 = _mm256_fmadd_ps(w1, _mm256_loadu_ps(x[1] + i + 8), b1);
            }
        }
        float s0 = horizontal_sum(_mm256_add_ps(a0, a1)), s1 = horizontal_sum(_mm256_add_ps(b0, b1));
        for (; i < in; ++i) {
            s0 += float(row[i]) * x[0][i];
            if (count > 1) s1 += float(row[i]) * x[1][i];
        }
        y[0][o] = s0;
        if (count > 1) y[1][o] = s1;
    }
}

// One query (fp32) against `total` cached positions of one head: softmax(q.k_j * scale, masked) . v_j into out
// (fp32). k and v rows are `stride` elements apart; mask (or null) holds 0 for hidden positions.
template <class T>
__attribute__((target("avx2,fma"))) void attend_one_head_avx2(const float* q, const T* k, const T* v, int64_t stride,
                                                              int64_t total, int64_t head_dim, float scale,
                                                              const int64_t* mask, float* scores, float* out) {
    float top = std::numeric_limits<float>::lowest();
    for (int64_t j = 0; j < total; ++j) {
        const T* key = k + j * stride;
        __m256 a0 = _mm256_setzero_ps(), a1 = _mm256_setzero_ps();
        int64_t i = 0;
        for (; i + 16 <= head_dim; i += 16) {
            a0 = _mm256_fmadd_ps(_mm256_loadu_ps(q + i), load8(key + i), a0);
            a1 = _mm256_fmadd_ps(_mm256_loadu_ps(q + i + 8), load8(key + i + 8), a1);
        }
        float dot = horizontal_sum(_mm256_add_ps(a0, a1));
        for (; i < head_dim; ++i) dot += q[i] * static_cast<float>(key[i]);
        scores[j] = (mask && mask[j] == 0) ? std::numeric_limits<float>::lowest() : dot * scale;
        top = std::max(top, scores[j]);
    }
    float sum = 0;
    for (int64_t j = 0; j < total; ++j) {
        scores[j] = std::exp(scores[j] - top);
        sum += scores[j];
    }
    std::fill(out, out + head_dim, 0.0f);
    for (int64_t j = 0; j < total; ++j) {
        const T* value = v + j * stride;
        const float weight = scores[j] / sum;
        const __m256 p = _mm256_set1_ps(weight);
        int64_t i = 0;
        for (; i + 8 <= head_dim; i += 8)
            _mm256_storeu_ps(out + i, _mm256_fmadd_ps(p, load8(value + i), _mm256_loadu_ps(out + i)));
        for (; i < head_dim; ++i) out[i] += weight * static_cast<float>(value[i]);
    }
}

bool has_avx2() {
    static const bool supported = __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
    return supported;
}
#endif

// rows [r, in] (r <= 2) -> one fp32 [r, out_i] per weight [out_i, in] (all fp32 or all bf16), in one parallel
// region: the weights' output rows are split across threads as if they were one matrix (q, k and v; gate and up).
std::vector<torch::Tensor> small_batch_products(const torch::Tensor& rows, const std::vector<torch::Tensor>& weights) {
    const torch::Tensor x = rows.to(torch::kFloat32).contiguous();
    std::vector<torch::Tensor> outputs;
    const bool bf16 = weights.front().scalar_type() == torch::kBFloat16;
#if defined(__x86_64__)
    bool fast = has_avx2();
    for (const torch::Tensor& w : weights)
        fast = fast && w.is_contiguous() && w.scalar_type() == weights.front().scalar_type();
    if (fast) {
        const int64_t count = x.size(0), in = x.size(1);
        const float* inputs[2] = {x.data_ptr<float>(), x.data_ptr<float>() + (count > 1 ? in : 0)};
        std::vector<int64_t> starts{0};  // the first output row of each weight in the joint range
        for (const torch::Tensor& w : weights) {
            outputs.push_back(torch::empty({count, w.size(0)}, x.options()));
            starts.push_back(starts.back() + w.size(0));
        }
        at::parallel_for(0, starts.back(), 64, [&](int64_t begin, int64_t end) {
            for (size_t i = 0; i < weights.size(); ++i) {
                const int64_t from = std::max(begin, starts[i]), to = std::min(end, starts[i + 1]);
                if (from >= to) continue;
                const int64_t out = weights[i].size(0);
                float* y[2] = {outputs[i].data_ptr<float>(), outputs[i].data_ptr<float>() + (count > 1 ? out : 0)};
                if (bf16)
                    gemv_rows_avx2(weights[i].data_ptr<c10::BFloat16>(), in, inputs, y, count, from - starts[i],
                                   to - starts[i]);
                else
                    gemv_rows_avx2(weights[i].data_ptr<float>(), in, inputs, y, count, from - starts[i],
                                   to - starts[i]);
            }
        });
        return outputs;
    }
#endif
    for (const torch::Tensor& w : weights) {
        if (bf16) {
            outputs.push_back(torch::linear(rows.to(torch::kBFloat16), w).to(torch::kFloat32));
            continue;
        }
        std::vector<torch::Tensor> per_row;
        for (int64_t r = 0; r < x.size(0); ++r) per_row.push_back(torch::mv(w, x[r]));
        outputs.push_back(torch::stack(per_row));
    }
    return outputs;
}
}  // namespace

void set_small_batch_kernel(SmallBatchKernel kernel) { g_kernel.store(kernel, std::memory_order_relaxed); }
SmallBatchKernel small_batch_kernel() { return g_kernel.load(std::memory_order_relaxed); }

torch::Tensor linear_forward(const torch::Tensor& x, const torch::Tensor& weight, const torch::Tensor& bias) {
    if (!use_small_batch_path(x, weight)) return torch::linear(x, weight, bias);
    torch::Tensor y = small_batch_products(x.reshape({-1, x.size(-1)}), {weight}).front().to(x.scalar_type());
    if (bias.defined()) y.add_(bias);
    std::vector<int64_t> shape(x.sizes().begin(), x.sizes().end());
    shape.back() = weight.size(0);
    return y.reshape(shape);
}

bool use_decode_kernels(const torch::Tensor& x, const torch::Tensor& weight) {
    return x.dim() >= 2 && use_small_batch_path(x, weight);
}

std::vector<torch::Tensor> decode_products(const torch::Tensor& x, const std::vector<torch::Tensor>& weights) {
    std::vector<torch::Tensor> outputs = small_batch_products(x.reshape({-1, x.size(-1)}), weights);
    for (size_t i = 0; i < outputs.size(); ++i) {
        std::vector<int64_t> shape(x.sizes().begin(), x.sizes().end());
        shape.back() = weights[i].size(0);
        outputs[i] = outputs[i].to(x.scalar_type()).view(shape);
    }
    return outputs;
}

namespace {

// The element loops below compute in fp32 and round once to T where libtorch's operations would round after
// each step in bf16; in fp32 the two agree to the last bits.
template <class T>
void rms_norm_rows(const T* src, const T* w, T* dst, int64_t rows, int64_t dim, double eps) {
    for (int64_t r = 0; r < rows; ++r) {
        const T* row = src + r * dim;
        double squares = 0;
        for (int64_t i = 0; i < dim; ++i) squares += double(row[i]) * double(row[i]);
        const float scale = static_cast<float>(1.0 / std::sqrt(squares / double(dim) + eps));
        // As RMSNormImpl: normalised in fp32, rounded to the model's dtype, then times the weight.
        for (int64_t i = 0; i < dim; ++i)
            dst[r * dim + i] = static_cast<T>(static_cast<float>(static_cast<T>(float(row[i]) * scale)) * float(w[i]));
    }
}

template <class T>
void rotary_rows(T* data, int64_t heads, int64_t head_dim, const T* c, const T* s) {
    const int64_t half = head_dim / 2;
    for (int64_t h = 0; h < heads; ++h) {
        T* v = data + h * head_dim;
        for (int64_t j = 0; j < half; ++j) {
            const float a = v[j], b = v[j + half];
            v[j] = static_cast<T>(a * float(c[j]) - b * float(s[j]));
            v[j + half] = static_cast<T>(b * float(c[j + half]) + a * float(s[j + half]));
        }
    }
}

template <class T>
void silu_mul_elements(const T* g, const T* u, T* dst, int64_t n) {
    for (int64_t i = 0; i < n; ++i) {
        const float gate = g[i];
        dst[i] = static_cast<T>(gate / (1.0f + std::exp(-gate)) * float(u[i]));
    }
}

}  // namespace

torch::Tensor decode_rms_norm(const torch::Tensor& x, const torch::Tensor& weight, double eps) {
    const torch::Tensor in = x.contiguous();
    torch::Tensor y = torch::empty_like(in);
    const int64_t dim = in.size(-1), rows = in.numel() / dim;
    if (in.scalar_type() == torch::kFloat32)
        rms_norm_rows(in.data_ptr<float>(), weight.data_ptr<float>(), y.data_ptr<float>(), rows, dim, eps);
    else
        rms_norm_rows(in.data_ptr<c10::BFloat16>(), weight.data_ptr<c10::BFloat16>(), y.data_ptr<c10::BFloat16>(), rows,
                      dim, eps);
    return y;
}

void decode_rotary_in_place(torch::Tensor& x, int64_t head_dim, const torch::Tensor& cos, const torch::Tensor& sin) {
    const int64_t heads = x.numel() / head_dim;
    if (x.scalar_type() == torch::kFloat32)
        rotary_rows(x.data_ptr<float>(), heads, head_dim, cos.data_ptr<float>(), sin.data_ptr<float>());
    else
        rotary_rows(x.data_ptr<c10::BFloat16>(), heads, head_dim, cos.data_ptr<c10::BFloat16>(),
                    sin.data_ptr<c10::BFloat16>());
}

torch::Tensor decode_silu_mul(const torch::Tensor& gate, const torch::Tensor& up) {
    const torch::Tensor g = gate.contiguous(), u = up.contiguous();
    torch::Tensor y = torch::empty_like(g);
    if (g.scalar_type() == torch::kFloat32)
        silu_mul_elements(g.data_ptr<float>(), u.data_ptr<float>(), y.data_ptr<float>(), g.numel());
    else
        silu_mul_elements(g.data_ptr<c10::BFloat16>(), u.data_ptr<c10::BFloat16>(), y.data_ptr<c10::BFloat16>(),
                          g.numel());
    return y;
}

bool use_decode_attention(const torch::Tensor& q, const torch::Tensor& keys) {
#if defined(__x86_64__)
    if (torch::GradMode::is_enabled() && (q.requires_grad() || keys.requires_grad())) return false;  // no autograd here
    const bool dtype = q.scalar_type() == keys.scalar_type() &&
        (q.scalar_type() == torch::kFloat32 || q.scalar_type() == torch::kBFloat16);
    return has_avx2() && dtype && keys.dim() == 4 && keys.stride(3) == 1 && keys.stride(2) == keys.size(3);
#else
    (void)q;
    (void)keys;
    return false;
#endif
}

torch::Tensor decode_attention(const torch::Tensor& q, const torch::Tensor& keys, const torch::Tensor& values,
                               const torch::Tensor& key_mask) {
    const int64_t rows = keys.size(0), kv_heads = keys.size(1), total = keys.size(2), head_dim = keys.size(3);
    const int64_t heads = q.numel() / (rows * head_dim), group = heads / kv_heads;
    const torch::Tensor query = q.to(torch::kFloat32).contiguous();
    const torch::Tensor mask = key_mask.defined() ? key_mask.to(torch::kLong).contiguous() : torch::Tensor();
    torch::Tensor out = torch::empty({rows, 1, heads * head_dim}, query.options());
    const float scale = static_cast<float>(1.0 / std::sqrt(double(head_dim)));
#if defined(__x86_64__)
    const float* q_data = query.data_ptr<float>();
    const int64_t* mask_data = mask.defined() ? mask.data_ptr<int64_t>() : nullptr;
    float* out_data = out.data_ptr<float>();
    auto attend = [&](auto* k_data, auto* v_data) {
        at::parallel_for(0, rows * heads, 1, [&](int64_t begin, int64_t end) {
            std::vector<float> scores(static_cast<size_t>(total));
            for (int64_t index = begin; index < end; ++index) {
                const int64_t r = index / heads, h = index % heads, kv = h / group;
                attend_one_head_avx2(q_data + index * head_dim, k_data + r * keys.stride(0) + kv * keys.stride(1),
                                     v_data + r * values.stride(0) + kv * values.stride(1), head_dim, total, head_dim,
                                     scale, mask_data ? mask_data + r * total : nullptr, scores.data(),
                                     out_data + index * head_dim);
            }
        });
    };
    if (keys.scalar_type() == torch::kFloat32)
        attend(keys.data_ptr<float>(), values.data_ptr<float>());
    else
        attend(keys.data_ptr<c10::BFloat16>(), values.data_ptr<c10::BFloat16>());
#endif
    return out.to(q.scalar_type());
}

}  // namespace milr
