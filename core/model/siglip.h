// The SigLIP ViT understanding tower (timm layout, names under `vision_model.vision_tower.`) and the
// MLP projectors (`aligner`, `gen_aligner`) and the image-token head (`gen_head`).
#pragma once
#include <torch/nn/module.h>
#include <torch/nn/modules/container/modulelist.h>
#include <torch/nn/pimpl.h>

#include "core/model/config.h"
#include "core/model/layers.h"

namespace milr {

// `patch_embed.proj`: a Conv2d(3 -> width, kernel = stride = patch, bias).
class PatchEmbedImpl : public torch::nn::Module {
public:
    PatchEmbedImpl(const VisionConfig& config, const torch::TensorOptions& options);
    torch::Tensor forward(const torch::Tensor& pixels);  // [B, 3, S, S] -> [B, N, width], raster order
    std::shared_ptr<torch::nn::Module> proj;
    torch::Tensor weight, bias;
    int64_t patch;
};
TORCH_MODULE(PatchEmbed);

class SiglipBlockImpl : public torch::nn::Module {
public:
    SiglipBlockImpl(const VisionConfig& config, const torch::TensorOptions& options);
    torch::Tensor forward(const torch::Tensor& x);
    LayerNorm norm1{nullptr}, norm2{nullptr};
    std::shared_ptr<torch::nn::Module> attn, mlp;
    Linear qkv{nullptr}, proj{nullptr}, fc1{nullptr}, fc2{nullptr};

private:
    int64_t m_heads;
};
TORCH_MODULE(SiglipBlock);

// The tower: patches + learned position embedding, pre-LN blocks (no mask), final norm. Output [B, N, width].
class SiglipTowerImpl : public torch::nn::Module {
public:
    SiglipTowerImpl(const VisionConfig& config, const torch::TensorOptions& options);
    torch::Tensor forward(const torch::Tensor& pixels);
    PatchEmbed patch_embed{nullptr};
    torch::Tensor pos_embed;  // [1, N, width]
    torch::nn::ModuleList blocks{nullptr};
    LayerNorm norm{nullptr};

private:
    VisionConfig m_config;
    std::vector<SiglipBlock> m_blocks;
};
TORCH_MODULE(SiglipTower);

// `mlp_gelu` projector: layers.0 Linear, layers.1 GELU, layers.2 Linear, ... (depth Linear layers).
class MlpProjectorImpl : public torch::nn::Module {
public:
    MlpProjectorImpl(const ProjectorConfig& config, const torch::TensorOptions& options);
    torch::Tensor forward(const torch::Tensor& x);
    std::shared_ptr<torch::nn::Module> layers;

private:
    std::vector<Linear> m_linears;
};
TORCH_MODULE(MlpProjector);

// `gen_head`: output_mlp_projector -> GELU -> vision_head, giving codebook logits.
class VisionHeadImpl : public torch::nn::Module {
public:
    VisionHeadImpl(const GenHeadConfig& config, const torch::TensorOptions& options);
    torch::Tensor forward(const torch::Tensor& hidden);
    Linear output_mlp_projector{nullptr}, vision_head{nullptr};
};
TORCH_MODULE(VisionHead);

}  // namespace milr
