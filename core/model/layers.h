// Basic layers whose parameters are allocated uninitialised in a given dtype/device (loading fills them;
// init_parameters() gives a trainable start), named as in the DeepSeek checkpoints (`weight`, `bias`).
#pragma once
#include <torch/nn/module.h>
#include <torch/nn/pimpl.h>

namespace milr {

class LinearImpl : public torch::nn::Module {
public:
    LinearImpl(int64_t in, int64_t out, bool bias, const torch::TensorOptions& options);
    torch::Tensor forward(const torch::Tensor& x);
    torch::Tensor weight, bias;
};
TORCH_MODULE(Linear);

class LayerNormImpl : public torch::nn::Module {
public:
    LayerNormImpl(int64_t dim, double eps, const torch::TensorOptions& options);
    torch::Tensor forward(const torch::Tensor& x);
    torch::Tensor weight, bias;
    double eps;
};
TORCH_MODULE(LayerNorm);

// LLaMA RMSNorm with the reference numerics: normalise in fp32, cast back, then scale.
class RMSNormImpl : public torch::nn::Module {
public:
    RMSNormImpl(int64_t dim, double eps, const torch::TensorOptions& options);
    torch::Tensor forward(const torch::Tensor& x);
    torch::Tensor weight;
    double eps;
};
TORCH_MODULE(RMSNorm);

class EmbeddingImpl : public torch::nn::Module {
public:
    EmbeddingImpl(int64_t count, int64_t dim, const torch::TensorOptions& options);
    torch::Tensor forward(const torch::Tensor& ids);  // ids int64, any shape -> [..., dim]
    torch::Tensor weight;
};
TORCH_MODULE(Embedding);

// A trainable start for every parameter of `module` (recursively), deterministic for `seed`: matrices and
// embeddings ~ N(0, 0.02), conv kernels ~ N(0, 1/fan_in), norm weights 1, biases 0. Parameters whose name
// ends in "pos_embed" get N(0, 0.02) too.
void init_parameters(torch::nn::Module& module, uint64_t seed);

}  // namespace milr
