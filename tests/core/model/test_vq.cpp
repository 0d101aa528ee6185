// The VQ-16 codec: parameter names and shapes of the published layout, shapes, codebook lookup, pixel mapping.
#include <gtest/gtest.h>
#include <torch/torch.h>

#include <map>
#include <string>
#include <vector>

#include "core/model/image_tensor.h"
#include "core/model/vq.h"
#include "core/util/error.h"

namespace milr {
namespace {

using Shapes = std::map<std::string, std::vector<int64_t>>;

// Written from docs/design/janus-pro.md §2.1: "ResBlock a->b" and "Attn c" expanded as the spec defines them.
void add_res(Shapes& s, const std::string& p, int64_t a, int64_t b) {
    s[p + "norm1.weight"] = {a};
    s[p + "norm1.bias"] = {a};
    s[p + "conv1.weight"] = {b, a, 3, 3};
    s[p + "conv1.bias"] = {b};
    s[p + "norm2.weight"] = {b};
    s[p + "norm2.bias"] = {b};
    s[p + "conv2.weight"] = {b, b, 3, 3};
    s[p + "conv2.bias"] = {b};
    if (a != b) {
        s[p + "nin_shortcut.weight"] = {b, a, 1, 1};
        s[p + "nin_shortcut.bias"] = {b};
    }
}
void add_attn(Shapes& s, const std::string& p, int64_t c) {
    s[p + "norm.weight"] = {c};
    s[p + "norm.bias"] = {c};
    for (const char* n : {"q", "k", "v", "proj_out"}) {
        s[p + n + ".weight"] = {c, c, 1, 1};
        s[p + n + ".bias"] = {c};
    }
}
void add_conv(Shapes& s, const std::string& p, int64_t out, int64_t in, int64_t k) {
    s[p + ".weight"] = {out, in, k, k};
    s[p + ".bias"] = {out};
}

Shapes published_vq_shapes() {
    Shapes s;
    s["quantize.embedding.weight"] = {16384, 8};
    add_conv(s, "quant_conv", 8, 256, 1);
    add_conv(s, "post_quant_conv", 256, 8, 1);
    // decoder
    const std::string d = "decoder.";
    add_conv(s, d + "conv_in", 512, 256, 3);
    add_res(s, d + "mid.0.", 512, 512);
    add_attn(s, d + "mid.1.", 512);
    add_res(s, d + "mid.2.", 512, 512);
    for (int r = 0; r < 3; ++r) {
        add_res(s, d + "conv_blocks.0.res." + std::to_string(r) + ".", 512, 512);
        add_attn(s, d + "conv_blocks.0.attn." + std::to_string(r) + ".", 512);
    }
    add_conv(s, d + "conv_blocks.0.upsample.conv", 512, 512, 3);
    add_res(s, d + "conv_blocks.1.res.0.", 512, 256);
    add_res(s, d + "conv_blocks.1.res.1.", 256, 256);
    add_res(s, d + "conv_blocks.1.res.2.", 256, 256);
    add_conv(s, d + "conv_blocks.1.upsample.conv", 256, 256, 3);
    for (int r = 0; r < 3; ++r) add_res(s, d + "conv_blocks.2.res." + std::to_string(r) + ".", 256, 256);
    add_conv(s, d + "conv_blocks.2.upsample.conv", 256, 256, 3);
    add_res(s, d + "conv_blocks.3.res.0.", 256, 128);
    add_res(s, d + "conv_blocks.3.res.1.", 128, 128);
    add_res(s, d + "conv_blocks.3.res.2.", 128, 128);
    add_conv(s, d + "conv_blocks.3.upsample.conv", 128, 128, 3);
    for (int r = 0; r < 3; ++r) add_res(s, d + "conv_blocks.4.res." + std::to_string(r) + ".", 128, 128);
    s[d + "norm_out.weight"] = {128};
    s[d + "norm_out.bias"] = {128};
    add_conv(s, d + "conv_out", 3, 128, 3);
    // encoder
    const std::string e = "encoder.";
    add_conv(s, e + "conv_in", 128, 3, 3);
    const int64_t out[5] = {128, 128, 256, 256, 512};
    int64_t in = 128;
    for (int level = 0; level < 5; ++level) {
        const std::string p = e + "conv_blocks." + std::to_string(level) + ".";
        add_res(s, p + "res.0.", in, out[level]);
        add_res(s, p + "res.1.", out[level], out[level]);
        if (level < 4) add_conv(s, p + "downsample.conv", out[level], out[level], 3);
        in = out[level];
    }
    add_attn(s, e + "conv_blocks.4.attn.0.", 512);
    add_attn(s, e + "conv_blocks.4.attn.1.", 512);
    add_res(s, e + "mid.0.", 512, 512);
    add_attn(s, e + "mid.1.", 512);
    add_res(s, e + "mid.2.", 512, 512);
    s[e + "norm_out.weight"] = {512};
    s[e + "norm_out.bias"] = {512};
    add_conv(s, e + "conv_out", 256, 512, 3);
    return s;
}

VQConfig small_config() {
    VQConfig c;
    c.codebook_size = 64;
    c.codebook_dim = 8;
    c.base_channels = 8;
    c.channel_multipliers = {1, 1, 2, 2, 4};
    c.z_channels = 16;
    c.num_res_blocks = 1;
    c.norm_groups = 4;
    c.image_size = 128;
    return c;
}

TEST(VQModel, PublishedConfigHasTheDeepSeekNamesAndShapes) {
    torch::manual_seed(0);
    VQModel model(VQConfig{});
    const Shapes expected = published_vq_shapes();
    Shapes actual;
    int64_t total = 0, encoder = 0, decoder = 0;
    for (const auto& item : model->named_parameters()) {
        actual[item.key()] = item.value().sizes().vec();
        total += item.value().numel();
        if (item.key().rfind("encoder.", 0) == 0) encoder += item.value().numel();
        if (item.key().rfind("decoder.", 0) == 0) decoder += item.value().numel();
    }
    for (const auto& [name, shape] : expected) {
        auto it = actual.find(name);
        ASSERT_NE(it, actual.end()) << "missing " << name;
        EXPECT_EQ(it->second, shape) << name;
    }
    for (const auto& [name, shape] : actual) EXPECT_TRUE(expected.count(name)) << "unexpected " << name;
    EXPECT_EQ(actual.size(), expected.size());
    EXPECT_EQ(model->named_buffers().size(), 0u);  // codebook_used is not registered (the reference ignores it)
    EXPECT_EQ(total, 71883403);                    // docs/design/janus-pro.md §1.6
    EXPECT_NEAR(encoder / 1e6, 29.30, 0.005);
    EXPECT_NEAR(decoder / 1e6, 42.45, 0.005);
}

TEST(VQModel, EncodesA128PixelImageToAnEightByEightGridAndBack) {
    torch::manual_seed(1);
    VQModel model(small_config());
    model->eval();
    torch::NoGradGuard no_grad;
    const torch::Tensor images = torch::rand({2, 3, 128, 128}) * 2 - 1;
    const torch::Tensor codes = model->encode_indices(images);
    EXPECT_EQ(codes.sizes().vec(), (std::vector<int64_t>{2, 64}));
    EXPECT_EQ(codes.scalar_type(), torch::kInt64);
    EXPECT_GE(codes.min().item<int64_t>(), 0);
    EXPECT_LT(codes.max().item<int64_t>(), 64);
    EXPECT_EQ(model->decode_indices(codes).sizes().vec(), (std::vector<int64_t>{2, 3, 128, 128}));
    EXPECT_EQ(model->decode_indices(codes.narrow(1, 0, 32), 4, 8).sizes().vec(), (std::vector<int64_t>{2, 3, 64, 128}));
}

TEST(VQModel, EncodeIsTheNearestNormalisedCodeOfEachLatentPosition) {
    torch::manual_seed(2);
    VQModel model(small_config());
    torch::NoGradGuard no_grad;
    const torch::Tensor images = torch::rand({1, 3, 64, 64}) * 2 - 1;
    const torch::Tensor z = model->encode_latent(images);  // [1,8,4,4]
    const torch::Tensor flat = z.permute({0, 2, 3, 1}).reshape({-1, 8});
    const torch::Tensor zn = flat / flat.norm(2, {1}, true);
    const torch::Tensor w = model->quantizer()->embedding_weight();
    const torch::Tensor cosine = torch::mm(zn, (w / w.norm(2, {1}, true)).t());
    EXPECT_TRUE(torch::equal(model->encode_indices(images).reshape({-1}), cosine.argmax(1)));
}

TEST(VQModel, CodebookLookupIsL2Normalised) {
    torch::manual_seed(3);
    VQModel model(small_config());
    model->eval();
    torch::NoGradGuard no_grad;
    const torch::Tensor codes = torch::randint(0, 64, {1, 64}, torch::kInt64);
    const torch::Tensor before = model->decode_indices(codes);
    model->quantizer()->embedding_weight().mul_(torch::linspace(0.1, 7.0, 64).unsqueeze(1));
    const torch::Tensor after = model->decode_indices(codes);
    EXPECT_TRUE(torch::allclose(before, after, 1e-5, 1e-5));
    // Changing a row's direction does change the image: the lookup is really used.
    model->quantizer()->embedding_weight()[codes[0][0].item<int64_t>()].neg_();
    EXPECT_FALSE(torch::allclose(before, model->decode_indices(codes), 1e-5, 1e-5));
}

TEST(VQModel, RejectsBadInputsWithClearErrors) {
    VQModel model(small_config());
    torch::NoGradGuard no_grad;
    EXPECT_THROW(model->encode_indices(torch::zeros({1, 1, 128, 128})), Error);
    EXPECT_THROW(model->encode_indices(torch::zeros({1, 3, 100, 128})), Error);
    EXPECT_THROW(model->decode_indices(torch::full({1, 64}, 64, torch::kInt64)), Error);
    EXPECT_THROW(model->decode_indices(torch::full({1, 64}, -1, torch::kInt64)), Error);
    EXPECT_THROW(model->decode_indices(torch::zeros({1, 63}, torch::kInt64)), Error);
    VQConfig bad = small_config();
    bad.norm_groups = 3;
    EXPECT_THROW(VQModel{bad}, Error);
}

TEST(ImageTensor, TensorToRgbTruncatesAsTheReference) {
    torch::Tensor image = torch::zeros({3, 1, 6});
    const float values[6] = {-1.0f, 1.0f, 0.0f, -2.0f, 3.0f, 0.999f};
    for (int i = 0; i < 6; ++i) image.index_put_({torch::indexing::Slice(), 0, i}, values[i]);
    const RgbImage rgb = tensor_to_rgb(image.to(torch::kBFloat16).to(torch::kFloat32));
    ASSERT_EQ(rgb.width, 6);
    ASSERT_EQ(rgb.height, 1);
    const int expected[6] = {0, 255, 127, 0, 255, 254};  // 0.999 -> 254.87 -> 254 (bf16 rounds 0.999 to 1.0 -> 255)
    const RgbImage exact = tensor_to_rgb(image);
    for (int i = 0; i < 6; ++i) EXPECT_EQ(exact.pixel(i, 0)[0], expected[i]) << "value " << values[i];
    EXPECT_EQ(rgb.pixel(5, 0)[1], 255);
}

TEST(ImageTensor, RgbToTensorRoundTripsWithinOneLevel) {
    // Truncation (as the reference) can turn 127.99998 into 127: a round trip loses at most one level.
    RgbImage rgb;
    rgb.width = 16;
    rgb.height = 16;
    for (int i = 0; i < 16 * 16 * 3; ++i) rgb.pixels.push_back(static_cast<uint8_t>(i % 256));
    const torch::Tensor t = rgb_to_tensor(rgb);
    EXPECT_EQ(t.sizes().vec(), (std::vector<int64_t>{3, 16, 16}));
    EXPECT_FLOAT_EQ(t.max().item<float>(), 1.0f);
    EXPECT_FLOAT_EQ(t.min().item<float>(), -1.0f);
    const RgbImage back = tensor_to_rgb_batch(rgb_to_tensor_batch({rgb, rgb}))[1];
    ASSERT_EQ(back.pixels.size(), rgb.pixels.size());
    int exact = 0;
    for (size_t i = 0; i < rgb.pixels.size(); ++i) {
        EXPECT_LE(int(rgb.pixels[i]) - int(back.pixels[i]), 1) << "byte " << i;
        EXPECT_GE(int(rgb.pixels[i]) - int(back.pixels[i]), 0) << "byte " << i;
        exact += rgb.pixels[i] == back.pixels[i];
    }
    EXPECT_GT(exact, int(rgb.pixels.size()) / 2);
    // Channel order: the first byte of a pixel is red, the tensor's channel 0.
    EXPECT_FLOAT_EQ(t[0][0][1].item<float>(), 3.0f / 255.0f * 2.0f - 1.0f);
    RgbImage broken = rgb;
    broken.pixels.pop_back();
    EXPECT_THROW(rgb_to_tensor(broken), Error);
}

}  // namespace
}  // namespace milr
