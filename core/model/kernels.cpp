// Matrix products for the decoder: the small-batch CPU path chosen at run time.
#include "core/model/kernels.h"

#include <atomic>

#include <torch/torch.h>

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
}  // namespace

void set_small_batch_kernel(SmallBatchKernel kernel) { g_kernel.store(kernel, std::memory_order_relaxed); }
SmallBatchKernel small_batch_kernel() { return g_kernel.load(std::memory_order_relaxed); }

torch::Tensor linear_forward(const torch::Tensor& x, const torch::Tensor& weight, const torch::Tensor& bias) {
    if (!use_small_batch_path(x, weight)) return torch::linear(x, weight, bias);
    const torch::Tensor rows = x.reshape({-1, x.size(-1)});
    std::vector<torch::Tensor> outputs;
    outputs.reserve(static_cast<size_t>(rows.size(0)));
    for (int64_t r = 0; r < rows.size(0); ++r) {
        torch::Tensor y = torch::mv(weight, rows[r]);
        if (bias.defined()) y.add_(bias);
        outputs.push_back(y);
    }
    std::vector<int64_t> shape(x.sizes().begin(), x.sizes().end());
    shape.back() = weight.size(0);
    return torch::stack(outputs).reshape(shape);
}

}  // namespace milr
