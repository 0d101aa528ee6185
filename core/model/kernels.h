// Matrix products for the decoder: torch::linear in general, matrix-vector products for CPU decoding.
#pragma once
#include <torch/types.h>

namespace milr {

// How a linear layer runs when it sees few rows (batch-1/2 decoding) on the CPU without autograd.
enum class SmallBatchKernel {
    Linear,        // torch::linear as for any batch
    MatrixVector,  // fp32 weights: each weight row read once for all rows (AVX2; torch::mv without it);
                   // bf16 keeps linear (its mv is slower here)
};

// Process-wide choice (bench/bench_decode_step measures both); default MatrixVector.
void set_small_batch_kernel(SmallBatchKernel kernel);
SmallBatchKernel small_batch_kernel();
// Rows at or below this count use the small-batch kernel.
constexpr int64_t kSmallBatchRows = 2;

// y = x W^T (+ b) for x [..., in], weight [out, in]; differentiable (autograd uses torch::linear).
torch::Tensor linear_forward(const torch::Tensor& x, const torch::Tensor& weight, const torch::Tensor& bias = {});

}  // namespace milr
