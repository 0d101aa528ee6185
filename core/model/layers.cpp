// Basic layers allocated without initialisation, and the deterministic initialiser for training.
#include "core/model/layers.h"

#include <cmath>

#include <ATen/CPUGeneratorImpl.h>
#include <torch/torch.h>

#include "core/model/kernels.h"
#include "core/util/error.h"

namespace milr {

LinearImpl::LinearImpl(int64_t in, int64_t out, bool with_bias, const torch::TensorOptions& options) {
    weight = register_parameter("weight", torch::empty({out, in}, options));
    if (with_bias) bias = register_parameter("bias", torch::empty({out}, options));
}

torch::Tensor LinearImpl::forward(const torch::Tensor& x) { return linear_forward(x, weight, bias); }

LayerNormImpl::LayerNormImpl(int64_t dim, double eps_, const torch::TensorOptions& options) : eps(eps_) {
    weight = register_parameter("weight", torch::empty({dim}, options));
    bias = register_parameter("bias", torch::empty({dim}, options));
}

torch::Tensor LayerNormImpl::forward(const torch::Tensor& x) {
    return torch::layer_norm(x, {weight.size(0)}, weight, bias, eps);
}

RMSNormImpl::RMSNormImpl(int64_t dim, double eps_, const torch::TensorOptions& options) : eps(eps_) {
    weight = register_parameter("weight", torch::empty({dim}, options));
}

torch::Tensor RMSNormImpl::forward(const torch::Tensor& x) {
    if (x.dim() >= 2 && x.size(-2) == 1 && use_decode_kernels(x, weight)) return decode_rms_norm(x, weight, eps);
    const torch::Tensor x32 = x.to(torch::kFloat32);
    const torch::Tensor normed = x32 * torch::rsqrt(x32.pow(2).mean(-1, true) + eps);
    return normed.to(x.scalar_type()) * weight;
}

EmbeddingImpl::EmbeddingImpl(int64_t count, int64_t dim, const torch::TensorOptions& options) {
    weight = register_parameter("weight", torch::empty({count, dim}, options));
}

torch::Tensor EmbeddingImpl::forward(const torch::Tensor& ids) {
    if (ids.scalar_type() != torch::kLong) throw Error("embedding: token ids must be int64");
    if (ids.numel() > 0) {
        const int64_t low = ids.min().item<int64_t>(), high = ids.max().item<int64_t>();
        if (low < 0 || high >= weight.size(0))
            throw Error("embedding: token id " + std::to_string(low < 0 ? low : high) + " is outside the table of " +
                        std::to_string(weight.size(0)) + " rows");
    }
    return torch::embedding(weight, ids);
}

void init_parameters(torch::nn::Module& module, uint64_t seed) {
    torch::NoGradGuard no_grad;
    at::Generator generator = at::detail::createCPUGenerator(seed);
    for (auto& item : module.named_parameters(true)) {
        const std::string& name = item.key();
        torch::Tensor& p = item.value();
        const auto ends_with = [&](const std::string& suffix) {
            return name.size() >= suffix.size() &&
                name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0;
        };
        torch::Tensor value;
        const auto cpu_float = torch::TensorOptions().dtype(torch::kFloat32);
        if (ends_with("bias")) {
            value = torch::zeros(p.sizes(), cpu_float);
        } else if (p.dim() == 1) {
            value = torch::ones(p.sizes(), cpu_float);  // norm scales
        } else if (p.dim() == 4) {
            const double fan_in = static_cast<double>(p[0].numel());
            value = at::normal(0.0, 1.0 / std::sqrt(fan_in), p.sizes(), generator, cpu_float);
        } else {
            value = at::normal(0.0, 0.02, p.sizes(), generator, cpu_float);
        }
        p.copy_(value);
    }
}

}  // namespace milr
