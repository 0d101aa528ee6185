// The VQ-16 image codec of Janus-Pro (LlamaGen's VQModel): encoder, L2-normalised codebook, decoder.
#pragma once
#include <torch/torch.h>

#include <vector>

#include "core/model/vq_config.h"

namespace milr {

// GroupNorm -> swish -> 3x3 conv, twice, plus a 1x1 `nin_shortcut` when the channel count changes.
class VQResBlockImpl : public torch::nn::Module {
public:
    VQResBlockImpl(int64_t in_channels, int64_t out_channels, const VQConfig& config);
    torch::Tensor forward(const torch::Tensor& x);

private:
    torch::nn::GroupNorm m_norm1{nullptr}, m_norm2{nullptr};
    torch::nn::Conv2d m_conv1{nullptr}, m_conv2{nullptr}, m_nin_shortcut{nullptr};
};
TORCH_MODULE(VQResBlock);

// Single-head self-attention over all positions with 1x1-conv projections and a residual connection.
class VQAttnBlockImpl : public torch::nn::Module {
public:
    VQAttnBlockImpl(int64_t channels, const VQConfig& config);
    torch::Tensor forward(const torch::Tensor& x);

private:
    torch::nn::GroupNorm m_norm{nullptr};
    torch::nn::Conv2d m_q{nullptr}, m_k{nullptr}, m_v{nullptr}, m_proj_out{nullptr};
};
TORCH_MODULE(VQAttnBlock);

// Right/bottom zero pad (0,1,0,1), then a stride-2 3x3 conv.
class VQDownsampleImpl : public torch::nn::Module {
public:
    explicit VQDownsampleImpl(int64_t channels);
    torch::Tensor forward(const torch::Tensor& x);

private:
    torch::nn::Conv2d m_conv{nullptr};
};
TORCH_MODULE(VQDownsample);

// Nearest x2 (computed in fp32, as the reference does), then a 3x3 conv.
class VQUpsampleImpl : public torch::nn::Module {
public:
    explicit VQUpsampleImpl(int64_t channels);
    torch::Tensor forward(const torch::Tensor& x);

private:
    torch::nn::Conv2d m_conv{nullptr};
};
TORCH_MODULE(VQUpsample);

// One resolution level (`conv_blocks.N`): residual blocks, optional attention after each, optional resampling.
class VQLevelImpl : public torch::nn::Module {
public:
    enum class Resample { none, down, up };
    VQLevelImpl(int64_t in_channels, int64_t out_channels, int64_t blocks, bool attention, Resample resample,
                const VQConfig& config);
    torch::Tensor forward(torch::Tensor x);

private:
    std::vector<VQResBlock> m_res;
    std::vector<VQAttnBlock> m_attn;
    VQDownsample m_downsample{nullptr};
    VQUpsample m_upsample{nullptr};
};
TORCH_MODULE(VQLevel);

// The middle of encoder and decoder, registered as the list `mid` = [ResBlock, attention, ResBlock].
struct VQMid {
    VQResBlock res0{nullptr};
    VQAttnBlock attn{nullptr};
    VQResBlock res1{nullptr};
    VQMid() = default;
    VQMid(torch::nn::Module& owner, int64_t channels, const VQConfig& config);
    torch::Tensor forward(const torch::Tensor& x) { return res1(attn(res0(x))); }
};

// Image [B,3,H,W] -> continuous latent [B,z_channels,H/16,W/16].
class VQEncoderImpl : public torch::nn::Module {
public:
    explicit VQEncoderImpl(const VQConfig& config);
    torch::Tensor forward(const torch::Tensor& images);

private:
    torch::nn::Conv2d m_conv_in{nullptr}, m_conv_out{nullptr};
    std::vector<VQLevel> m_levels;
    VQMid m_mid;
    torch::nn::GroupNorm m_norm_out{nullptr};
};
TORCH_MODULE(VQEncoder);

// Latent [B,z_channels,h,w] -> image [B,3,16h,16w] (num_res_blocks + 1 blocks per level).
class VQDecoderImpl : public torch::nn::Module {
public:
    explicit VQDecoderImpl(const VQConfig& config);
    torch::Tensor forward(const torch::Tensor& z);

private:
    torch::nn::Conv2d m_conv_in{nullptr}, m_conv_out{nullptr};
    std::vector<VQLevel> m_levels;
    VQMid m_mid;
    torch::nn::GroupNorm m_norm_out{nullptr};
};
TORCH_MODULE(VQDecoder);

// Result of quantising a continuous latent.
struct VQQuantized {
    torch::Tensor z_q;              // [B,D,h,w]: codebook vectors with straight-through gradient to z
    torch::Tensor indices;          // [B, h*w] int64, raster order
    torch::Tensor codebook_loss;    // mean((z_q - sg(z))^2): moves the codebook towards the encoder
    torch::Tensor commitment_loss;  // mean((sg(z_q) - z)^2): unscaled; the caller applies beta
};

// The codebook (`quantize.embedding`) with nearest-neighbour search; L2-normalised at use when configured.
class VQQuantizerImpl : public torch::nn::Module {
public:
    explicit VQQuantizerImpl(const VQConfig& config);
    // The codebook as used: rows L2-normalised (eps 1e-12) when codebook_l2_norm, else as stored. [K,D].
    torch::Tensor codebook() const;
    // z [B,D,h,w] (L2-normalised per position first when codebook_l2_norm) -> nearest codes.
    VQQuantized forward(const torch::Tensor& z);
    // Codes [B,h*w] -> [B,D,h,w]; every code is checked to lie in [0, K).
    torch::Tensor lookup(const torch::Tensor& indices, int64_t grid_height, int64_t grid_width) const;
    // Applies the same normalisation to continuous latents that forward() applies before the search.
    torch::Tensor normalise_latent(const torch::Tensor& z) const;
    torch::Tensor& embedding_weight() { return m_embedding->weight; }

private:
    bool m_l2_norm;
    torch::nn::Embedding m_embedding{nullptr};
};
TORCH_MODULE(VQQuantizer);

// The full codec. named_parameters() match the DeepSeek names below `gen_vision_model.` exactly.
class VQModelImpl : public torch::nn::Module {
public:
    explicit VQModelImpl(const VQConfig& config);
    const VQConfig& config() const { return m_config; }

    // Images [B,3,H,W] in [-1,1] (H, W multiples of the downsampling) -> codes [B, h*w] int64, raster order.
    torch::Tensor encode_indices(const torch::Tensor& images);
    // Codes [B, h*w] -> images [B,3,H,W] (≈[-1,1], in the weights' dtype). The grid is square unless
    // grid_height and grid_width are given.
    torch::Tensor decode_indices(const torch::Tensor& indices, int64_t grid_height = 0, int64_t grid_width = 0);

    // The pieces of training: continuous latent after quant_conv [B,D,h,w]; quantisation; decoding of a latent.
    torch::Tensor encode_latent(const torch::Tensor& images);
    VQQuantized quantize(const torch::Tensor& z) { return m_quantize->forward(z); }
    torch::Tensor decode_latent(const torch::Tensor& z_q);

    VQEncoder& encoder() { return m_encoder; }
    VQDecoder& decoder() { return m_decoder; }
    VQQuantizer& quantizer() { return m_quantize; }

private:
    torch::Tensor check_images(const torch::Tensor& images) const;

    VQConfig m_config;
    VQEncoder m_encoder{nullptr};
    VQDecoder m_decoder{nullptr};
    VQQuantizer m_quantize{nullptr};
    torch::nn::Conv2d m_quant_conv{nullptr}, m_post_quant_conv{nullptr};
};
TORCH_MODULE(VQModel);

// Throws milr::Error naming the field when a VQConfig cannot build a model (channels vs groups, sizes, ...).
void validate(const VQConfig& config);

}  // namespace milr
