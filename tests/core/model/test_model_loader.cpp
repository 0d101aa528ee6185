// Loading synthetic checkpoints written in both layouts with the real naming scheme; errors naming tensors;
// progress, cancellation, dtype and freezing; the understanding path's placeholder filling.
#include <gtest/gtest.h>

#include <filesystem>

#include "core/io/safetensors.h"
#include "core/model/describe.h"
#include "core/model/loader.h"
#include "core/util/error.h"
#include "tests/core/model/tiny_model.h"

namespace milr {
namespace {

namespace fs = std::filesystem;

class Loader : public ::testing::Test {
protected:
    void SetUp() override {
        m_root = fs::temp_directory_path() / ("milr_test_model_loader_" + std::to_string(::getpid()));
        fs::create_directories(m_root);
    }
    void TearDown() override { fs::remove_all(m_root); }

    // Writes config.json and model.safetensors with the given tensors.
    fs::path write(const std::string& name, const std::map<std::string, torch::Tensor>& tensors,
                   CheckpointLayout layout = CheckpointLayout::DeepSeek) {
        const fs::path folder = m_root / name;
        fs::create_directories(folder);
        write_janus_config(m_model->config(), folder / "config.json", layout);
        write_safetensors(folder / "model.safetensors", tensors);
        return folder;
    }
    std::map<std::string, torch::Tensor> tensors(CheckpointLayout layout) {
        return checkpoint_tensors(m_model, layout);
    }

    // Outputs of every part for fixed inputs.
    static std::vector<torch::Tensor> outputs(JanusModel& model) {
        torch::NoGradGuard no_grad;
        const torch::Tensor ids = torch::tensor({1, 5, 9, 13, 2}).view({1, 5});
        const torch::Tensor hidden = model->forward_hidden(model->embed_text(ids));
        torch::manual_seed(3);
        const torch::Tensor pixels = torch::rand({1, 3, 32, 32}) * 2 - 1;
        const torch::Tensor codes = torch::arange(16).remainder(24).view({1, 16});
        return {hidden,
                model->text_logits(hidden),
                model->image_logits(hidden),
                model->embed_image_tokens(codes),
                model->encode_understanding_image(pixels),
                model->gen_vision_model->decode_indices(codes)};
    }

    fs::path m_root;
    JanusModel m_model = testing::tiny_model();
};

TEST_F(Loader, BothLayoutsLoadToIdenticalOutputs) {
    auto deepseek = tensors(CheckpointLayout::DeepSeek);
    deepseek["vision_model.vision_tower.attn_pool.latent"] = torch::zeros({1, 1, 32});  // ignored by name
    deepseek["gen_vision_model.quantize.codebook_used"] = torch::zeros({48});
    const fs::path a = write("deepseek", deepseek);
    const fs::path b =
        write("native", tensors(CheckpointLayout::TransformersNative), CheckpointLayout::TransformersNative);
    JanusModel from_a = load_janus_model(a), from_b = load_janus_model(b);
    EXPECT_EQ(from_b->config().layout, CheckpointLayout::TransformersNative);
    const auto expected = outputs(m_model), got_a = outputs(from_a), got_b = outputs(from_b);
    for (size_t i = 0; i < expected.size(); ++i) {
        EXPECT_TRUE(torch::equal(got_a[i], expected[i])) << "output " << i;
        EXPECT_TRUE(torch::equal(got_b[i], expected[i])) << "output " << i;
    }
}

TEST_F(Loader, TransformersLayoutUsesTheConverterNames) {
    const auto native = tensors(CheckpointLayout::TransformersNative);
    for (const char* name : {"model.language_model.layers.1.self_attn.k_proj.weight",
                             "lm_head.weight",
                             "model.vision_model.encoder.layers.0.self_attn.q_proj.bias",
                             "model.vision_model.encoder.layers.1.self_attn.projection_layer.weight",
                             "model.vision_model.encoder.layers.0.layer_norm2.bias",
                             "model.vision_model.embeddings.patch_embedding.weight",
                             "model.vision_model.post_layernorm.weight",
                             "model.aligner.fc1.weight",
                             "model.aligner.hidden_layers.0.bias",
                             "model.generation_aligner.fc1.weight",
                             "model.generation_head.proj_out.weight",
                             "model.generation_head.vision_head.bias",
                             "model.generation_embeddings.weight",
                             "model.vqmodel.decoder.up.1.block.0.nin_shortcut.weight",
                             "model.vqmodel.decoder.up.0.attn.1.proj_out.weight",
                             "model.vqmodel.decoder.up.0.upsample.conv.weight",
                             "model.vqmodel.encoder.down.0.downsample.conv.weight",
                             "model.vqmodel.encoder.mid.attn_1.q.weight",
                             "model.vqmodel.decoder.mid.block_2.conv1.weight",
                             "model.vqmodel.quantize.embedding.weight",
                             "model.vqmodel.post_quant_conv.weight"})
        EXPECT_TRUE(native.count(name)) << name;
    EXPECT_EQ(native.at("model.vision_model.embeddings.position_embedding.weight").sizes(),
              torch::IntArrayRef({16, 32}));
    EXPECT_EQ(native.at("model.vision_model.encoder.layers.0.self_attn.v_proj.weight").sizes(),
              torch::IntArrayRef({32, 32}));
    for (const auto& [name, tensor] : native) {
        EXPECT_EQ(name.find("qkv"), std::string::npos) << name;
        EXPECT_EQ(name.find("conv_blocks"), std::string::npos) << name;
    }
}

void expect_error_naming(const fs::path& folder, const std::string& name) {
    try {
        load_janus_model(folder);
        FAIL() << "loaded although " << name << " is wrong";
    } catch (const Error& e) {
        EXPECT_NE(std::string(e.what()).find(name), std::string::npos) << e.what();
    }
}

TEST_F(Loader, MissingExtraAndMisshapenTensorsAreErrorsNamingThem) {
    auto missing = tensors(CheckpointLayout::DeepSeek);
    missing.erase("language_model.model.layers.1.mlp.up_proj.weight");
    expect_error_naming(write("missing", missing), "language_model.model.layers.1.mlp.up_proj.weight");

    auto extra = tensors(CheckpointLayout::DeepSeek);
    extra["language_model.model.layers.2.mlp.up_proj.weight"] = torch::zeros({96, 64});
    expect_error_naming(write("extra", extra), "language_model.model.layers.2.mlp.up_proj.weight");

    auto misshapen = tensors(CheckpointLayout::TransformersNative);
    misshapen["model.generation_head.vision_head.weight"] = torch::zeros({25, 64});
    expect_error_naming(write("misshapen", misshapen, CheckpointLayout::TransformersNative),
                        "model.generation_head.vision_head.weight");

    auto split_missing = tensors(CheckpointLayout::TransformersNative);
    split_missing.erase("model.vision_model.encoder.layers.1.self_attn.k_proj.bias");
    expect_error_naming(write("split", split_missing, CheckpointLayout::TransformersNative),
                        "model.vision_model.encoder.layers.1.self_attn.k_proj.bias");
}

TEST_F(Loader, ProgressDtypeFreezingAndCancellation) {
    const fs::path folder = write("ok", tensors(CheckpointLayout::DeepSeek));
    LoadOptions options;
    options.target.dtype = torch::kBFloat16;
    double last = -1;
    int calls = 0;
    options.progress = [&](double fraction, const std::string&) {
        EXPECT_GE(fraction, last);
        last = fraction;
        ++calls;
        return true;
    };
    JanusModel model = load_janus_model(folder, options);
    EXPECT_DOUBLE_EQ(last, 1.0);
    EXPECT_GT(calls, 10);
    EXPECT_EQ(model->dtype(), torch::kBFloat16);
    for (const auto& p : model->parameters()) {
        EXPECT_FALSE(p.requires_grad());
        EXPECT_EQ(p.scalar_type(), torch::kBFloat16);
    }
    options.progress = [&](double fraction, const std::string&) { return fraction < 0.5; };
    EXPECT_THROW(load_janus_model(folder, options), Cancelled);
    options.progress = nullptr;
    options.cancel.cancel();
    EXPECT_THROW(load_janus_model(folder, options), Cancelled);
}

TEST_F(Loader, PartsLeftOutAreNotBuilt) {
    const fs::path folder = write("parts", tensors(CheckpointLayout::DeepSeek));
    LoadOptions options;
    options.parts.vision = false;
    options.parts.vq = false;
    JanusModel model = load_janus_model(folder, options);
    EXPECT_FALSE(model->has_vision());
    EXPECT_FALSE(model->has_vq());
    EXPECT_THROW(model->encode_understanding_image(torch::zeros({1, 3, 32, 32})), Error);
}

TEST_F(Loader, DescribeCountsTheStoredTensors) {
    auto deepseek = tensors(CheckpointLayout::DeepSeek);
    deepseek["gen_vision_model.quantize.codebook_used"] = torch::zeros({48});
    const ModelDescription d = describe_model(write("describe", deepseek));
    EXPECT_TRUE(d.from_weights);
    EXPECT_EQ(d.layout, CheckpointLayout::DeepSeek);
    int64_t parameters = 0;
    for (const auto& p : m_model->parameters()) parameters += p.numel();
    EXPECT_EQ(d.used_parameters, parameters);
    EXPECT_EQ(d.total_parameters, parameters + 48);
    EXPECT_EQ(d.bytes_per_dtype.at("F32"), (parameters + 48) * 4);
}

TEST(ModelUnderstanding, ImageEmbeddingsFillThePlaceholderPositions) {
    torch::NoGradGuard no_grad;
    JanusModel model = testing::tiny_model();
    const int64_t placeholder = 7, n = model->config().understanding_tokens();
    ASSERT_EQ(n, 16);
    std::vector<int64_t> ids = {1, 3, 4};
    for (int64_t i = 0; i < n; ++i) ids.push_back(placeholder);
    ids.insert(ids.end(), {5, 6});
    const torch::Tensor id_tensor = torch::tensor(ids).view({1, -1});
    const torch::Tensor features = model->encode_understanding_image(torch::rand({1, 3, 32, 32}) * 2 - 1);
    ASSERT_EQ(features.sizes(), torch::IntArrayRef({1, n, 64}));
    const torch::Tensor embeds = model->embed_with_image(id_tensor, features, placeholder);
    const torch::Tensor text = model->embed_text(id_tensor);
    EXPECT_TRUE(torch::equal(embeds.narrow(1, 3, n), features));
    EXPECT_TRUE(torch::equal(embeds.narrow(1, 0, 3), text.narrow(1, 0, 3)));
    EXPECT_TRUE(torch::equal(embeds.narrow(1, 3 + n, 2), text.narrow(1, 3 + n, 2)));
    EXPECT_THROW(model->embed_with_image(id_tensor.narrow(1, 0, 10), features, placeholder), Error);
}

}  // namespace
}  // namespace milr
