// Kernels of the decoder: torch::linear in general; matrix-vector products and fused decode-step kernels on the CPU.
#pragma once
#include <vector>

#include <torch/types.h>

namespace milr {

// How the decoder runs few rows (batch-1/2 decoding) on the CPU without autograd.
enum class SmallBatchKernel {
    Linear,        // libtorch's operations as for any batch (torch::linear, softmax, ...)
    MatrixVector,  // fp32 and bf16: each weight row read once for all rows (AVX2, fp32 accumulation; libtorch's
                   // products without it), and for one new position the fused decode kernels below
};

// Process-wide choice (bench/bench_decode_step measures both); default MatrixVector.
void set_small_batch_kernel(SmallBatchKernel kernel);
SmallBatchKernel small_batch_kernel();
// Rows at or below this count use the small-batch kernel.
constexpr int64_t kSmallBatchRows = 2;

// y = x W^T (+ b) for x [..., in], weight [out, in]; differentiable (autograd uses torch::linear).
torch::Tensor linear_forward(const torch::Tensor& x, const torch::Tensor& weight, const torch::Tensor& bias = {});

// The decode step's fused kernels: one position per row, few rows, fp32 or bf16 on the CPU without autograd. Each
// replaces several small libtorch operations (each a dispatch and, for some, a parallel region) by one pass,
// which is what keeps the step near the weights' memory bandwidth. They need use_decode_kernels() to hold.
bool use_decode_kernels(const torch::Tensor& x, const torch::Tensor& weight);
// x W_i^T for each weight (no bias) in one parallel region; outputs have x's shape with the last dim out_i.
std::vector<torch::Tensor> decode_products(const torch::Tensor& x, const std::vector<torch::Tensor>& weights);
// RMSNorm over the last dim: x / sqrt(mean(x^2) + eps) * weight.
torch::Tensor decode_rms_norm(const torch::Tensor& x, const torch::Tensor& weight, double eps);
// RoPE (rotate-half) in place on contiguous x [..., heads * head_dim] of one position; cos, sin [head_dim] fp32.
void decode_rotary_in_place(torch::Tensor& x, int64_t head_dim, const torch::Tensor& cos, const torch::Tensor& sin);
// silu(gate) * up, element by element (contiguous, same shape).
torch::Tensor decode_silu_mul(const torch::Tensor& gate, const torch::Tensor& up);

// Attention of one new position over the cache: q [rows, 1, heads * head_dim] (RoPE applied), keys and values
// [rows, kv_heads, total, head_dim] with contiguous positions (the cache's views), key_mask [rows, total] or
// undefined (0 hides a position). Returns [rows, 1, heads * head_dim]; grouped heads share their kv head.
bool use_decode_attention(const torch::Tensor& q, const torch::Tensor& keys);
torch::Tensor decode_attention(const torch::Tensor& q, const torch::Tensor& keys, const torch::Tensor& values,
                               const torch::Tensor& key_mask);

}  // namespace milr
