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
    if (weight.scalar_type() != torch::kFloat32) return false;  // bf16 mv is slower than linear here
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

// y_r[o] = w[o, :] . x_r for rows r < count (1 or 2), each weight row read once for both inputs.
void gemv_rows_avx2(const float* w, int64_t in, const float* const* x, float* const* y, int64_t count, int64_t begin,
                    int64_t end) __attribute__((target("avx2,fma")));
void gemv_rows_avx2(const float* w, int64_t in, const float* const* x, float* const* y, int64_t count, int64_t begin,
                    int64_t end) {
    for (int64_t o = begin; o < end; ++o) {
        const float* row = w + o * in;
        __m256 a0 = _mm256_setzero_ps(), a1 = _mm256_setzero_ps(), b0 = _mm256_setzero_ps(), b1 = _mm256_setzero_ps();
        int64_t i = 0;
        for (; i + 16 <= in; i += 16) {
            const __m256 w0 = _mm256_loadu_ps(row + i), w1 = _mm256_loadu_ps(row + i + 8);
            a0 = _mm256_fmadd_ps(w0, _mm256_loadu_ps(x[0] + i), a0);
            a1 = _mm256_fmadd_ps(w1, _mm256_loadu_ps(x[0] + i + 8), a1);
            if (count > 1) {
                b0 = _mm256_fmadd_ps(w0, _mm256_loadu_ps(x[1] + i), b0);
                b1 = _mm256_fmadd_ps(w1, _mm256_loadu_ps(x[1] + i + 8), b1);
            }
        }
        float s0 = horizontal_sum(_mm256_add_ps(a0, a1)), s1 = horizontal_sum(_mm256_add_ps(b0, b1));
        for (; i < in; ++i) {
            s0 += row[i] * x[0][i];
            if (count > 1) s1 += row[i] * x[1][i];
        }
        y[0][o] = s0;
        if (count > 1) y[1][o] = s1;
    }
}

// One query against `total` cached positions of one head: softmax(q.k_j * scale, masked) . v_j into out.
// k and v rows are head_dim floats apart by `stride`; mask (or null) holds 0 for hidden positions.
void attend_one_head_avx2(const float* q, const float* k, const float* v, int64_t stride, int64_t total,
                          int64_t head_dim, float scale, const int64_t* mask, float* scores, float* out)
    __attribute__((target("avx2,fma")));
void attend_one_head_avx2(const float* q, const float* k, const float* v, int64_t stride, int64_t total,
                          int64_t head_dim, float scale, const int64_t* mask, float* scores, float* out) {
    float top = std::numeric_limits<float>::lowest();
    for (int64_t j = 0; j < total; ++j) {
        const float* key = k + j * stride;
        __m256 a0 = _mm256_setzero_ps(), a1 = _mm256_setzero_ps();
        int64_t i = 0;
        for (; i + 16 <= head_dim; i += 16) {
            a0 = _mm256_fmadd_ps(_mm256_loadu_ps(q + i), _mm256_loadu_ps(key + i), a0);
            a1 = _mm256_fmadd_ps(_mm256_loadu_ps(q + i + 8), _mm256_loadu_ps(key + i + 8), a1);
        }
        float dot = horizontal_sum(_mm256_add_ps(a0, a1));
        for (; i < head_dim; ++i) dot += q[i] * key[i];
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
        const float* value = v + j * stride;
        const __m256 p = _mm256_set1_ps(scores[j] / sum);
        int64_t i = 0;
        for (; i + 8 <= head_dim; i += 8)
            _mm256_storeu_ps(out + i, _mm256_fmadd_ps(p, _mm256_loadu_ps(value + i), _mm256_loadu_ps(out + i)));
        for (; i < head_dim; ++i) out[i] += scores[j] / sum * value[i];
    }
}

bool has_avx2() {
    static const bool supported = __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
    return supported;
}
#endif

// rows [r, in] fp32 (r <= 2) -> one [r, out_i] per weight [out_i, in], all in one parallel region: the
// weights' output rows are split across threads as if they were one matrix (q, k and v; gate and up).
std::vector<torch::Tensor> small_batch_products(const torch::Tensor& rows, const std::vector<torch::Tensor>& weights) {
    const torch::Tensor x = rows.contiguous();
    std::vector<torch::Tensor> outputs;
#if defined(__x86_64__)
    bool fast = has_avx2();
    for (const torch::Tensor& w : weights) fast = fast && w.is_contiguous();
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
                gemv_rows_avx2(weights[i].data_ptr<float>(), in, inputs, y, count, from - starts[i], to - starts[i]);
            }
        });
        return outputs;
    }
#endif
    for (const torch::Tensor& w : weights) {
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
    torch::Tensor y = small_batch_products(x.reshape({-1, x.size(-1)}), {weight}).front();
    if (bias.defined()) y.add_(bias);
    std::vector<int64_t> shape(x.sizes().begin(), x.sizes().end());
    shape.back() = weight.size(0);
    return y.reshape(shape);
}

bool use_decode_kernels(const torch::Tensor& x, const torch::Tensor& weight) {
    return x.scalar_type() == torch::kFloat32 && use_small_batch_path(x, weight);
}

std::vector<torch::Tensor> decode_products(const torch::Tensor& x, const std::vector<torch::Tensor>& weights) {
    std::vector<torch::Tensor> outputs = small_batch_products(x.reshape({-1, x.size(-1)}), weights);
    for (size_t i = 0; i < outputs.size(); ++i) {
        std::vector<int64_t> shape(x.sizes().begin(), x.sizes().end());
        shape.back() = weights[i].size(0);
        outputs[i] = outputs[i].view(shape);
    }
    return outputs;
}

torch::Tensor decode_rms_norm(const torch::Tensor& x, const torch::Tensor& weight, double eps) {
    const torch::Tensor in = x.contiguous();
    torch::Tensor y = torch::empty_like(in);
    const int64_t dim = in.size(-1), rows = in.numel() / dim;
    const float* src = in.data_ptr<float>();
    const float* w = weight.data_ptr<float>();
    float* dst = y.data_ptr<float>();
    for (int64_t r = 0; r < rows; ++r) {
        const float* row = src + r * dim;
        double squares = 0;
        for (int64_t i = 0; i < dim; ++i) squares += double(row[i]) * double(row[i]);
        const float scale = static_cast<float>(1.0 / std::sqrt(squares / double(dim) + eps));
        for (int64_t i = 0; i < dim; ++i) dst[r * dim + i] = row[i] * scale * w[i];
    }
    return y;
}

void decode_rotary_in_place(torch::Tensor& x, int64_t head_dim, const torch::Tensor& cos, const torch::Tensor& sin) {
    const int64_t half = head_dim / 2, heads = x.numel() / head_dim;
    const float* c = cos.data_ptr<float>();
    const float* s = sin.data_ptr<float>();
    float* data = x.data_ptr<float>();
    for (int64_t h = 0; h < heads; ++h) {
        float* v = data + h * head_dim;
        for (int64_t j = 0; j < half; ++j) {
            const float a = v[j], b = v[j + half];
            v[j] = a * c[j] - b * s[j];
            v[j + half] = b * c[j + half] + a * s[j + half];
        }
    }
}

torch::Tensor decode_silu_mul(const torch::Tensor& gate, const torch::Tensor& up) {
    torch::Tensor y = torch::empty_like(gate);
    const float* g = gate.data_ptr<float>();
    const float* u = up.data_ptr<float>();
    float* dst = y.data_ptr<float>();
    for (int64_t i = 0, n = gate.numel(); i < n; ++i) dst[i] = g[i] / (1.0f + std::exp(-g[i])) * u[i];
    return y;
}

bool use_decode_attention(const torch::Tensor& q, const torch::Tensor& keys) {
#if defined(__x86_64__)
    if (torch::GradMode::is_enabled() && (q.requires_grad() || keys.requires_grad())) return false;  // no autograd here
    return has_avx2() && q.scalar_type() == torch::kFloat32 && keys.scalar_type() == torch::kFloat32 &&
           keys.dim() == 4 && keys.stride(3) == 1 && keys.stride(2) == keys.size(3);
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
    const torch::Tensor query = q.contiguous();
    const torch::Tensor mask = key_mask.defined() ? key_mask.to(torch::kLong).contiguous() : torch::Tensor();
    torch::Tensor out = torch::empty({rows, 1, heads * head_dim}, query.options());
    const float scale = static_cast<float>(1.0 / std::sqrt(double(head_dim)));
#if defined(__x86_64__)
    const float* q_data = query.data_ptr<float>();
    const float* k_data = keys.data_ptr<float>();
    const float* v_data = values.data_ptr<float>();
    const int64_t* mask_data = mask.defined() ? mask.data_ptr<int64_t>() : nullptr;
    float* out_data = out.data_ptr<float>();
    at::parallel_for(0, rows * heads, 1, [&](int64_t begin, int64_t end) {
        std::vector<float> scores(static_cast<size_t>(total));
        for (int64_t index = begin; index < end; ++index) {
            const int64_t r = index / heads, h = index % heads, kv = h / group;
            attend_one_head_avx2(q_data + index * head_dim, k_data + r * keys.stride(0) + kv * keys.stride(1),
                                 v_data + r * values.stride(0) + kv * values.stride(1), head_dim, total, head_dim, scale,
                                 mask_data ? mask_data + r * total : nullptr, scores.data(), out_data + index * head_dim);
        }
    });
#endif
    return out;
}

}  // namespace milr
