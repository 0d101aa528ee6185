// Matrix products for the decoder: the small-batch CPU path chosen at run time.
#include "core/model/kernels.h"

#include <atomic>

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

bool has_avx2() {
    static const bool supported = __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
    return supported;
}
#endif

// rows [r, in] fp32 contiguous (r <= 2) -> [r, out].
torch::Tensor small_batch_product(const torch::Tensor& rows, const torch::Tensor& weight) {
#if defined(__x86_64__)
    if (has_avx2() && weight.is_contiguous()) {
        const torch::Tensor x = rows.contiguous();
        const int64_t count = x.size(0), in = x.size(1), out = weight.size(0);
        torch::Tensor y = torch::empty({count, out}, x.options());
        const float* inputs[2] = {x.data_ptr<float>(), x.data_ptr<float>() + (count > 1 ? in : 0)};
        float* outputs[2] = {y.data_ptr<float>(), y.data_ptr<float>() + (count > 1 ? out : 0)};
        const float* w = weight.data_ptr<float>();
        at::parallel_for(0, out, 64, [&](int64_t begin, int64_t end) {
            gemv_rows_avx2(w, in, inputs, outputs, count, begin, end);
        });
        return y;
    }
#endif
    std::vector<torch::Tensor> outputs;
    for (int64_t r = 0; r < rows.size(0); ++r) outputs.push_back(torch::mv(weight, rows[r]));
    return torch::stack(outputs);
}
}  // namespace

void set_small_batch_kernel(SmallBatchKernel kernel) { g_kernel.store(kernel, std::memory_order_relaxed); }
SmallBatchKernel small_batch_kernel() { return g_kernel.load(std::memory_order_relaxed); }

torch::Tensor linear_forward(const torch::Tensor& x, const torch::Tensor& weight, const torch::Tensor& bias) {
    if (!use_small_batch_path(x, weight)) return torch::linear(x, weight, bias);
    torch::Tensor y = small_batch_product(x.reshape({-1, x.size(-1)}).to(torch::kFloat32), weight);
    if (bias.defined()) y.add_(bias);
    std::vector<int64_t> shape(x.sizes().begin(), x.sizes().end());
    shape.back() = weight.size(0);
    return y.reshape(shape);
}

}  // namespace milr
