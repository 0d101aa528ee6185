// SigLIP tower, MLP projectors and the image-token head.
#include "core/model/siglip.h"

#include <cmath>

#include <torch/torch.h>

#include "core/util/error.h"

namespace milr {
namespace {
// A parameterless container module so that children get dotted names (`attn.qkv`, `mlp.fc1`, `layers.0`).
std::shared_ptr<torch::nn::Module> container(torch::nn::Module& parent, const std::string& name) {
    return parent.register_module(name, std::make_shared<torch::nn::Module>());
}
}  // namespace

PatchEmbedImpl::PatchEmbedImpl(const VisionConfig& c, const torch::TensorOptions& options) : patch(c.patch_size) {
    proj = container(*this, "proj");
    weight = proj->register_parameter("weight", torch::empty({c.width, 3, c.patch_size, c.patch_size}, options));
    bias = proj->register_parameter("bias", torch::empty({c.width}, options));
}

torch::Tensor PatchEmbedImpl::forward(const torch::Tensor& pixels) {
    const torch::Tensor maps = torch::conv2d(pixels.to(weight.scalar_type()), weight, bias, {patch, patch});
    return maps.flatten(2).transpose(1, 2);
}

SiglipBlockImpl::SiglipBlockImpl(const VisionConfig& c, const torch::TensorOptions& options) : m_heads(c.heads) {
    norm1 = register_module("norm1", LayerNorm(c.width, c.layer_norm_eps, options));
    attn = container(*this, "attn");
    qkv = attn->register_module("qkv", Linear(c.width, 3 * c.width, true, options));
    proj = attn->register_module("proj", Linear(c.width, c.width, true, options));
    norm2 = register_module("norm2", LayerNorm(c.width, c.layer_norm_eps, options));
    mlp = container(*this, "mlp");
    fc1 = mlp->register_module("fc1", Linear(c.width, c.mlp_dim(), true, options));
    fc2 = mlp->register_module("fc2", Linear(c.mlp_dim(), c.width, true, options));
}

torch::Tensor SiglipBlockImpl::forward(const torch::Tensor& x) {
    const int64_t batch = x.size(0), n = x.size(1), width = x.size(2), head_dim = width / m_heads;
    const torch::Tensor parts = qkv(norm1(x)).view({batch, n, 3, m_heads, head_dim}).permute({2, 0, 3, 1, 4});
    const torch::Tensor scores =
        torch::matmul(parts[0], parts[1].transpose(-2, -1)).to(torch::kFloat32) / std::sqrt(double(head_dim));
    const torch::Tensor weights = torch::softmax(scores, -1).to(x.scalar_type());
    const torch::Tensor attended = torch::matmul(weights, parts[2]).transpose(1, 2).reshape({batch, n, width});
    const torch::Tensor h = x + proj(attended);
    return h + fc2(torch::gelu(fc1(norm2(h))));
}

SiglipTowerImpl::SiglipTowerImpl(const VisionConfig& c, const torch::TensorOptions& options) : m_config(c) {
    patch_embed = register_module("patch_embed", PatchEmbed(c, options));
    pos_embed = register_parameter("pos_embed", torch::empty({1, c.num_patches(), c.width}, options));
    blocks = register_module("blocks", torch::nn::ModuleList());
    for (int64_t i = 0; i < c.layers; ++i) {
        m_blocks.push_back(SiglipBlock(c, options));
        blocks->push_back(m_blocks.back());
    }
    norm = register_module("norm", LayerNorm(c.width, c.layer_norm_eps, options));
}

torch::Tensor SiglipTowerImpl::forward(const torch::Tensor& pixels) {
    if (pixels.dim() != 4 || pixels.size(1) != 3 || pixels.size(2) != m_config.image_size ||
        pixels.size(3) != m_config.image_size)
        throw Error("vision tower: pixels must be [batch, 3, " + std::to_string(m_config.image_size) + ", " +
                    std::to_string(m_config.image_size) + "]");
    torch::Tensor x = patch_embed(pixels) + pos_embed;
    for (SiglipBlock& block : m_blocks) x = block(x);
    return norm(x);
}

MlpProjectorImpl::MlpProjectorImpl(const ProjectorConfig& c, const torch::TensorOptions& options) {
    layers = container(*this, "layers");
    for (int64_t i = 0; i < c.depth; ++i) {
        const int64_t in = i == 0 ? c.input_dim : c.output_dim;
        m_linears.push_back(layers->register_module(std::to_string(2 * i), Linear(in, c.output_dim, true, options)));
    }
}

torch::Tensor MlpProjectorImpl::forward(const torch::Tensor& x) {
    torch::Tensor h = m_linears[0](x);
    for (size_t i = 1; i < m_linears.size(); ++i) h = m_linears[i](torch::gelu(h));
    return h;
}

VisionHeadImpl::VisionHeadImpl(const GenHeadConfig& c, const torch::TensorOptions& options) {
    output_mlp_projector =
        register_module("output_mlp_projector", Linear(c.n_embed, c.image_token_embed, true, options));
    vision_head = register_module("vision_head", Linear(c.image_token_embed, c.image_token_size, true, options));
}

torch::Tensor VisionHeadImpl::forward(const torch::Tensor& hidden) {
    return vision_head(torch::gelu(output_mlp_projector(hidden)));
}

}  // namespace milr
