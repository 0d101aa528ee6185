// The VQ-16 codec's layers and forward passes, following LlamaGen's vq_model.py as Janus-Pro uses it.
#include "core/model/vq.h"

#include <cmath>
#include <string>

#include "core/model/parameter_specs.h"
#include "core/util/error.h"

namespace milr {
namespace {

torch::nn::GroupNorm make_norm(int64_t channels, const VQConfig& config) {
    return torch::nn::GroupNorm(
        torch::nn::GroupNormOptions(config.norm_groups, channels).eps(config.norm_eps).affine(true));
}

torch::nn::Conv2d make_conv(int64_t in_channels, int64_t out_channels, int64_t kernel, int64_t stride = 1) {
    return torch::nn::Conv2d(torch::nn::Conv2dOptions(in_channels, out_channels, kernel)
                                 .stride(stride)
                                 .padding(stride == 1 ? kernel / 2 : 0));
}

torch::Tensor swish(const torch::Tensor& x) { return x * torch::sigmoid(x); }

// GroupNorm in the weights' dtype (libtorch 1.13 has no mixed bf16-input / fp32-weight kernel, which
// autocast would otherwise produce); the result returns to the input's dtype.
torch::Tensor group_norm(torch::nn::GroupNorm& norm, const torch::Tensor& x) {
    const auto dtype = norm->weight.scalar_type();
    return x.scalar_type() == dtype ? norm(x) : norm(x.to(dtype)).to(x.scalar_type());
}

std::string shape_of(const torch::Tensor& t) { return shape_text(t.sizes().vec()); }

}  // namespace

void validate(const VQConfig& config) {
    auto fail = [](const std::string& what) { throw Error("VQ config: " + what); };
    if (config.codebook_size < 1) fail("codebook_size must be positive, got " + std::to_string(config.codebook_size));
    if (config.codebook_dim < 1) fail("codebook_dim must be positive, got " + std::to_string(config.codebook_dim));
    if (config.base_channels < 1) fail("base_channels must be positive, got " + std::to_string(config.base_channels));
    if (config.z_channels < 1) fail("z_channels must be positive, got " + std::to_string(config.z_channels));
    if (config.num_res_blocks < 1)
        fail("num_res_blocks must be at least 1, got " + std::to_string(config.num_res_blocks));
    if (config.norm_groups < 1) fail("norm_groups must be positive, got " + std::to_string(config.norm_groups));
    if (config.channel_multipliers.empty() || config.channel_multipliers.size() > 8)
        fail("channel_multipliers must have 1 to 8 levels, got " + std::to_string(config.channel_multipliers.size()));
    for (int64_t m : config.channel_multipliers) {
        if (m < 1) fail("channel_multipliers must be positive, got " + std::to_string(m));
        if ((config.base_channels * m) % config.norm_groups != 0)
            fail("base_channels x multiplier = " + std::to_string(config.base_channels * m) +
                 " channels is not divisible by norm_groups = " + std::to_string(config.norm_groups));
    }
    if (config.image_size < config.downsampling() || config.image_size % config.downsampling() != 0)
        fail("image_size " + std::to_string(config.image_size) + " is not a positive multiple of the downsampling " +
             std::to_string(config.downsampling()));
}

// ---- blocks ----

VQResBlockImpl::VQResBlockImpl(int64_t in_channels, int64_t out_channels, const VQConfig& config) {
    m_norm1 = register_module("norm1", make_norm(in_channels, config));
    m_conv1 = register_module("conv1", make_conv(in_channels, out_channels, 3));
    m_norm2 = register_module("norm2", make_norm(out_channels, config));
    m_conv2 = register_module("conv2", make_conv(out_channels, out_channels, 3));
    if (in_channels != out_channels)
        m_nin_shortcut = register_module("nin_shortcut", make_conv(in_channels, out_channels, 1));
}

torch::Tensor VQResBlockImpl::forward(const torch::Tensor& x) {
    torch::Tensor h = m_conv1(swish(group_norm(m_norm1, x)));
    h = m_conv2(swish(group_norm(m_norm2, h)));
    return (m_nin_shortcut ? m_nin_shortcut(x) : x) + h;
}

VQAttnBlockImpl::VQAttnBlockImpl(int64_t channels, const VQConfig& config) {
    m_norm = register_module("norm", make_norm(channels, config));
    m_q = register_module("q", make_conv(channels, channels, 1));
    m_k = register_module("k", make_conv(channels, channels, 1));
    m_v = register_module("v", make_conv(channels, channels, 1));
    m_proj_out = register_module("proj_out", make_conv(channels, channels, 1));
}

torch::Tensor VQAttnBlockImpl::forward(const torch::Tensor& x) {
    const torch::Tensor h = group_norm(m_norm, x);
    const int64_t b = x.size(0), c = x.size(1), height = x.size(2), width = x.size(3);
    const torch::Tensor q = m_q(h).reshape({b, c, height * width}).transpose(1, 2);                    // [B,N,C]
    const torch::Tensor k = m_k(h).reshape({b, c, height * width});                                    // [B,C,N]
    const torch::Tensor v = m_v(h).reshape({b, c, height * width});                                    // [B,C,N]
    const torch::Tensor weights = torch::softmax(torch::bmm(q, k) * (1.0 / std::sqrt(double(c))), 2);  // [B,Nq,Nk]
    const torch::Tensor out = torch::bmm(v, weights.transpose(1, 2)).reshape({b, c, height, width});
    return x + m_proj_out(out);
}

VQDownsampleImpl::VQDownsampleImpl(int64_t channels) {
    m_conv = register_module("conv", make_conv(channels, channels, 3, 2));
}

torch::Tensor VQDownsampleImpl::forward(const torch::Tensor& x) {
    return m_conv(torch::constant_pad_nd(x, {0, 1, 0, 1}, 0));
}

VQUpsampleImpl::VQUpsampleImpl(int64_t channels) { m_conv = register_module("conv", make_conv(channels, channels, 3)); }

torch::Tensor VQUpsampleImpl::forward(const torch::Tensor& x) {
    namespace F = torch::nn::functional;
    const auto options = F::InterpolateFuncOptions().scale_factor(std::vector<double>{2.0, 2.0}).mode(torch::kNearest);
    torch::Tensor up = x.scalar_type() == torch::kFloat32
        ? F::interpolate(x, options)
        : F::interpolate(x.to(torch::kFloat32), options).to(x.scalar_type());
    return m_conv(up);
}

VQLevelImpl::VQLevelImpl(int64_t in_channels, int64_t out_channels, int64_t blocks, bool attention, Resample resample,
                         const VQConfig& config) {
    auto res_list = register_module("res", torch::nn::ModuleList());
    auto attn_list = register_module("attn", torch::nn::ModuleList());
    for (int64_t i = 0; i < blocks; ++i) {
        m_res.emplace_back(i == 0 ? in_channels : out_channels, out_channels, config);
        res_list->push_back(m_res.back());
        if (attention) {
            m_attn.emplace_back(out_channels, config);
            attn_list->push_back(m_attn.back());
        }
    }
    if (resample == Resample::down) m_downsample = register_module("downsample", VQDownsample(out_channels));
    if (resample == Resample::up) m_upsample = register_module("upsample", VQUpsample(out_channels));
}

torch::Tensor VQLevelImpl::forward(torch::Tensor x) {
    for (size_t i = 0; i < m_res.size(); ++i) {
        x = m_res[i](x);
        if (!m_attn.empty()) x = m_attn[i](x);
    }
    if (m_downsample) x = m_downsample(x);
    if (m_upsample) x = m_upsample(x);
    return x;
}

VQMid::VQMid(torch::nn::Module& owner, int64_t channels, const VQConfig& config)
    : res0(channels, channels, config), attn(channels, config), res1(channels, channels, config) {
    auto list = owner.register_module("mid", torch::nn::ModuleList());
    list->push_back(res0);
    list->push_back(attn);
    list->push_back(res1);
}

// ---- encoder / decoder ----

VQEncoderImpl::VQEncoderImpl(const VQConfig& config) {
    validate(config);
    const auto& mult = config.channel_multipliers;
    const size_t levels = mult.size();
    m_conv_in = register_module("conv_in", make_conv(3, config.base_channels, 3));
    auto blocks = register_module("conv_blocks", torch::nn::ModuleList());
    int64_t channels = config.base_channels;
    for (size_t level = 0; level < levels; ++level) {
        const int64_t out = config.base_channels * mult[level];
        const bool last = level + 1 == levels;
        m_levels.emplace_back(channels, out, config.num_res_blocks, last,
                              last ? VQLevelImpl::Resample::none : VQLevelImpl::Resample::down, config);
        blocks->push_back(m_levels.back());
        channels = out;
    }
    m_mid = VQMid(*this, channels, config);
    m_norm_out = register_module("norm_out", make_norm(channels, config));
    m_conv_out = register_module("conv_out", make_conv(channels, config.z_channels, 3));
}

torch::Tensor VQEncoderImpl::forward(const torch::Tensor& images) {
    torch::Tensor h = m_conv_in(images);
    for (auto& level : m_levels) h = level(h);
    h = m_mid.forward(h);
    return m_conv_out(swish(group_norm(m_norm_out, h)));
}

VQDecoderImpl::VQDecoderImpl(const VQConfig& config) {
    validate(config);
    const auto& mult = config.channel_multipliers;
    const size_t levels = mult.size();
    int64_t channels = config.base_channels * mult.back();
    m_conv_in = register_module("conv_in", make_conv(config.z_channels, channels, 3));
    m_mid = VQMid(*this, channels, config);
    auto blocks = register_module("conv_blocks", torch::nn::ModuleList());
    for (size_t level = 0; level < levels; ++level) {
        const int64_t out = config.base_channels * mult[levels - 1 - level];
        const bool last = level + 1 == levels;
        m_levels.emplace_back(channels, out, config.num_res_blocks + 1, level == 0,
                              last ? VQLevelImpl::Resample::none : VQLevelImpl::Resample::up, config);
        blocks->push_back(m_levels.back());
        channels = out;
    }
    m_norm_out = register_module("norm_out", make_norm(channels, config));
    m_conv_out = register_module("conv_out", make_conv(channels, 3, 3));
}

torch::Tensor VQDecoderImpl::forward(const torch::Tensor& z) {
    torch::Tensor h = m_mid.forward(m_conv_in(z));
    for (auto& level : m_levels) h = level(h);
    return m_conv_out(swish(group_norm(m_norm_out, h)));
}

// ---- quantiser ----

VQQuantizerImpl::VQQuantizerImpl(const VQConfig& config) : m_l2_norm(config.codebook_l2_norm) {
    m_embedding = register_module("embedding", torch::nn::Embedding(config.codebook_size, config.codebook_dim));
    torch::NoGradGuard no_grad;
    m_embedding->weight.uniform_(-1.0 / double(config.codebook_size), 1.0 / double(config.codebook_size));
    if (m_l2_norm) m_embedding->weight.copy_(codebook());
}

torch::Tensor VQQuantizerImpl::codebook() const {
    const torch::Tensor& weight = m_embedding->weight;
    if (!m_l2_norm) return weight;
    return weight / weight.norm(2, {1}, true).clamp_min(1e-12);
}

torch::Tensor VQQuantizerImpl::normalise_latent(const torch::Tensor& z) const {
    if (!m_l2_norm) return z;
    return z / z.norm(2, {1}, true).clamp_min(1e-12);  // over the channel dimension of [B,D,h,w]
}

VQQuantized VQQuantizerImpl::forward(const torch::Tensor& z_in) {
    const int64_t dim = m_embedding->weight.size(1);
    if (z_in.dim() != 4 || z_in.size(1) != dim)
        throw Error("VQ quantize: latent must be [B," + std::to_string(dim) + ",h,w], got " + shape_of(z_in));
    const int64_t b = z_in.size(0), h = z_in.size(2), w = z_in.size(3);
    const torch::Tensor z = normalise_latent(z_in);
    const torch::Tensor codes = codebook();
    const torch::Tensor flat = z.permute({0, 2, 3, 1}).reshape({-1, dim});
    const torch::Tensor flat32 = flat.to(torch::kFloat32), codes32 = codes.to(torch::kFloat32);
    torch::Tensor indices;
    {
        // The search runs in fp32 even under autocast: a bf16 distance would pick wrong neighbours.
        torch::NoGradGuard no_grad;
        c10::impl::ExcludeDispatchKeyGuard no_autocast(
            c10::DispatchKeySet({c10::DispatchKey::AutocastCPU, c10::DispatchKey::AutocastCUDA}));
        const torch::Tensor distance =
            flat32.pow(2).sum(1, true) + codes32.pow(2).sum(1).unsqueeze(0) - 2.0 * torch::mm(flat32, codes32.t());
        indices = distance.argmin(1);
    }
    const torch::Tensor chosen = codes32.index_select(0, indices);
    const torch::Tensor chosen_map = chosen.to(z.scalar_type()).reshape({b, h, w, dim}).permute({0, 3, 1, 2});
    VQQuantized out;
    out.codebook_loss = (chosen - flat32.detach()).pow(2).mean();
    out.commitment_loss = (chosen.detach() - flat32).pow(2).mean();
    out.z_q = z + (chosen_map - z).detach();
    out.indices = indices.reshape({b, h * w});
    return out;
}

torch::Tensor VQQuantizerImpl::lookup(const torch::Tensor& indices, int64_t grid_height, int64_t grid_width) const {
    const int64_t size = m_embedding->weight.size(0), dim = m_embedding->weight.size(1);
    if (indices.dim() != 2 || indices.size(1) != grid_height * grid_width)
        throw Error("VQ decode: codes must be [B," + std::to_string(grid_height * grid_width) + "] for a " +
                    std::to_string(grid_height) + "x" + std::to_string(grid_width) + " grid, got " + shape_of(indices));
    if (indices.scalar_type() != torch::kInt64 && indices.scalar_type() != torch::kInt32)
        throw Error("VQ decode: codes must be an integer tensor, got " +
                    std::string(c10::toString(indices.scalar_type())));
    const torch::Tensor ids = indices.to(torch::kInt64).to(m_embedding->weight.device());
    if (ids.numel() > 0) {
        const int64_t lo = ids.min().item<int64_t>(), hi = ids.max().item<int64_t>();
        if (lo < 0 || hi >= size)
            throw Error("VQ decode: code " + std::to_string(lo < 0 ? lo : hi) + " is outside the codebook [0, " +
                        std::to_string(size) + ")");
    }
    const int64_t b = indices.size(0);
    return codebook()
        .index_select(0, ids.reshape({-1}))
        .reshape({b, grid_height, grid_width, dim})
        .permute({0, 3, 1, 2});
}

// ---- model ----

VQModelImpl::VQModelImpl(const VQConfig& config) : m_config(config) {
    validate(config);
    m_encoder = register_module("encoder", VQEncoder(config));
    m_decoder = register_module("decoder", VQDecoder(config));
    m_quantize = register_module("quantize", VQQuantizer(config));
    m_quant_conv = register_module("quant_conv", make_conv(config.z_channels, config.codebook_dim, 1));
    m_post_quant_conv = register_module("post_quant_conv", make_conv(config.codebook_dim, config.z_channels, 1));
}

torch::Tensor VQModelImpl::check_images(const torch::Tensor& images) const {
    const int64_t factor = m_config.downsampling();
    if (images.dim() != 4 || images.size(1) != 3)
        throw Error("VQ encode: images must be [B,3,H,W], got " + shape_of(images));
    if (images.size(2) < factor || images.size(3) < factor || images.size(2) % factor || images.size(3) % factor)
        throw Error("VQ encode: image size " + std::to_string(images.size(2)) + "x" + std::to_string(images.size(3)) +
                    " is not a positive multiple of the downsampling " + std::to_string(factor));
    if (!images.is_floating_point())
        throw Error("VQ encode: images must be floating point in [-1,1], got " +
                    std::string(c10::toString(images.scalar_type())));
    const torch::Tensor& weight = m_quant_conv->weight;
    return images.to(weight.device(), weight.scalar_type());
}

torch::Tensor VQModelImpl::encode_latent(const torch::Tensor& images) {
    return m_quant_conv(m_encoder(check_images(images)));
}

torch::Tensor VQModelImpl::decode_latent(const torch::Tensor& z_q) {
    const torch::Tensor& weight = m_post_quant_conv->weight;
    return m_decoder(m_post_quant_conv(z_q.to(weight.device(), weight.scalar_type())));
}

torch::Tensor VQModelImpl::encode_indices(const torch::Tensor& images) {
    return m_quantize->forward(encode_latent(images)).indices;
}

torch::Tensor VQModelImpl::decode_indices(const torch::Tensor& indices, int64_t grid_height, int64_t grid_width) {
    if (grid_height <= 0 || grid_width <= 0) {
        if (indices.dim() != 2) throw Error("VQ decode: codes must be [B, h*w], got " + shape_of(indices));
        const int64_t n = indices.size(1);
        int64_t side = static_cast<int64_t>(std::llround(std::sqrt(double(n))));
        if (side * side != n || n == 0)
            throw Error("VQ decode: " + std::to_string(n) +
                        " codes per image do not form a square grid; give its height and width");
        grid_height = grid_width = side;
    }
    return decode_latent(m_quantize->lookup(indices, grid_height, grid_width));
}

}  // namespace milr
