// The codec trainer: determinism from a seed, loss going down, exact resume, codec files, scene read-back.
#include <gtest/gtest.h>
#include <torch/torch.h>

#include <filesystem>
#include <map>
#include <random>
#include <string>

#include "core/train/vq_codec_file.h"
#include "core/train/vq_eval.h"
#include "core/train/vq_trainer.h"
#include "core/util/cancel.h"
#include "core/util/error.h"
#include "core/world/renderer.h"

namespace milr {
namespace {

// A 32-px codec: two downsamplings (4x) give an 8 x 8 grid, like the real 128-px codec at 16x.
VQConfig tiny_config() {
    VQConfig c;
    c.codebook_size = 32;
    c.codebook_dim = 4;
    c.base_channels = 8;
    c.channel_multipliers = {1, 2, 2};
    c.z_channels = 16;
    c.num_res_blocks = 1;
    c.norm_groups = 4;
    c.image_size = 32;
    return c;
}

VQTrainOptions tiny_options(const std::filesystem::path& folder = {}) {
    VQTrainOptions o;
    o.seed = 7;
    o.steps = 20;
    o.batch_size = 4;
    o.learning_rate = 3e-3;
    o.warmup_steps = 3;
    o.plain_steps = 8;
    o.init_batches = 2;
    o.restart_every = 4;
    o.checkpoint_every = 0;
    o.checkpoint_folder = folder;
    return o;
}

std::filesystem::path fresh_folder(const std::string& name) {
    const auto path =
        std::filesystem::temp_directory_path() / ("milr-test-vq-" + name + "-" + std::to_string(::getpid()));
    std::filesystem::remove_all(path);
    return path;
}

void expect_same_losses(const std::vector<VQStepLosses>& a, const std::vector<VQStepLosses>& b) {
    ASSERT_EQ(a.size(), b.size());
    for (size_t i = 0; i < a.size(); ++i) {
        EXPECT_EQ(a[i].reconstruction, b[i].reconstruction) << "step " << i;
        EXPECT_EQ(a[i].codebook, b[i].codebook) << "step " << i;
        EXPECT_EQ(a[i].commitment, b[i].commitment) << "step " << i;
    }
}

TEST(VQTrainer, SameSeedGivesTheSameLossesAndTheLossGoesDown) {
    VQModel first(tiny_config()), second(tiny_config());
    const VQTrainResult a = train_vq(first, tiny_options());
    const VQTrainResult b = train_vq(second, tiny_options());
    ASSERT_EQ(a.losses.size(), 20u);
    expect_same_losses(a.losses, b.losses);
    EXPECT_LT(a.losses.back().reconstruction, 0.5 * a.losses.front().reconstruction);
    EXPECT_EQ(a.losses[7].codebook, 0.0);  // still the plain warm-up
    EXPECT_GT(a.losses[8].codebook, 0.0);  // quantised from plain_steps on
    for (const auto& p : first->named_parameters())
        EXPECT_TRUE(torch::equal(p.value(), second->named_parameters()[p.key()]));

    VQTrainOptions other = tiny_options();
    other.seed = 8;
    VQModel third(tiny_config());
    EXPECT_NE(train_vq(third, other).losses[0].reconstruction, a.losses[0].reconstruction);
}

TEST(VQTrainer, ResumedRunContinuesExactlyAsAnUninterruptedOne) {
    const auto straight_folder = fresh_folder("straight"), resumed_folder = fresh_folder("resumed");
    VQModel straight(tiny_config());
    const VQTrainResult whole = train_vq(straight, tiny_options(straight_folder));

    VQTrainOptions interrupted = tiny_options(resumed_folder);
    interrupted.progress = [](double fraction, const std::string&) { return fraction < 11.0 / 20.0; };
    VQModel resumed(tiny_config());
    EXPECT_THROW(train_vq(resumed, interrupted), Cancelled);
    ASSERT_TRUE(std::filesystem::exists(resumed_folder / "vq-trainer.safetensors"));

    VQModel continued(tiny_config());  // a new process would start from a fresh model too
    const VQTrainResult rest = train_vq(continued, tiny_options(resumed_folder));
    EXPECT_EQ(rest.steps_done, 20);
    expect_same_losses(whole.losses, rest.losses);
    for (const auto& p : straight->named_parameters())
        EXPECT_TRUE(torch::equal(p.value(), continued->named_parameters()[p.key()])) << p.key();

    VQTrainOptions longer = tiny_options(resumed_folder);
    longer.steps = 24;  // a finished run can be extended
    const VQTrainResult extended = train_vq(continued, longer);
    EXPECT_EQ(extended.steps_done, 24);
    EXPECT_EQ(extended.losses.size(), 24u);

    VQTrainOptions other_seed = tiny_options(resumed_folder);
    other_seed.seed = 99;
    EXPECT_THROW(train_vq(continued, other_seed), Error);  // a checkpoint of another run is not silently mixed in
    std::filesystem::remove_all(straight_folder);
    std::filesystem::remove_all(resumed_folder);
}

TEST(VQTrainer, CancelledInsideAStepResumesExactly) {
    // Ctrl+C lands between the forward and the backward pass of step 10 (the check there keeps the stop within a
    // fraction of a step): the checkpoint is the state before step 10, and the resumed run equals a straight one.
    const auto straight_folder = fresh_folder("straight-in-step"), resumed_folder = fresh_folder("resumed-in-step");
    VQModel straight(tiny_config());
    const VQTrainResult whole = train_vq(straight, tiny_options(straight_folder));

    VQTrainOptions interrupted = tiny_options(resumed_folder);
    CancelToken cancel;
    interrupted.cancel = cancel;
    interrupted.images = [cancel](uint64_t seed, int64_t step, int64_t batch, int64_t size) {
        if (step == 10) cancel.cancel();  // after the check at the top of the step, before its forward pass
        return world_scene_batch(seed, step, batch, size);
    };
    VQModel resumed(tiny_config());
    try {
        train_vq(resumed, interrupted);
        FAIL() << "the run must stop";
    } catch (const Cancelled& e) {
        EXPECT_NE(std::string(e.what()).find("at step 10"), std::string::npos) << e.what();
    }
    VQModel continued(tiny_config());
    const VQTrainResult rest = train_vq(continued, tiny_options(resumed_folder));
    expect_same_losses(whole.losses, rest.losses);
    for (const auto& p : straight->named_parameters())
        EXPECT_TRUE(torch::equal(p.value(), continued->named_parameters()[p.key()])) << p.key();
    std::filesystem::remove_all(straight_folder);
    std::filesystem::remove_all(resumed_folder);
}

TEST(VQTrainer, DecoderFineTuneKeepsTheCodesAndChangesOnlyTheDecoder) {
    VQModel codec(tiny_config());
    train_vq(codec, tiny_options());
    std::map<std::string, torch::Tensor> before;
    for (const auto& p : codec->named_parameters()) before[p.key()] = p.value().detach().clone();
    const torch::Tensor images = world_scene_batch(5, 0, 4, 32);
    codec->eval();
    torch::Tensor codes_before;
    {
        torch::NoGradGuard no_grad;
        codes_before = codec->encode_indices(images);
    }

    const auto folder = fresh_folder("decoder");
    VQTrainOptions tune = tiny_options(folder);
    tune.decoder_only = true;
    tune.edge_weight = 1.0;
    tune.steps = 6;
    const VQTrainResult result = train_vq(codec, tune);
    EXPECT_EQ(result.steps_done, 6);
    for (const auto& p : codec->named_parameters()) {
        const bool decoder_side = p.key().rfind("decoder.", 0) == 0 || p.key().rfind("post_quant_conv.", 0) == 0;
        EXPECT_EQ(torch::equal(p.value(), before[p.key()]), !decoder_side) << p.key();
        EXPECT_TRUE(p.value().requires_grad()) << p.key() << " is left frozen";
    }
    {
        torch::NoGradGuard no_grad;
        EXPECT_TRUE(torch::equal(codec->encode_indices(images), codes_before));  // tokens encoded before stay valid
    }
    VQTrainOptions whole = tiny_options(folder);  // a fine-tune's checkpoint is not resumed as whole-codec training
    EXPECT_THROW(train_vq(codec, whole), Error);
    std::filesystem::remove_all(folder);
}

TEST(VQCodecFile, SavedCodecLoadsBackWithTheSameNamesAndDecodes) {
    const auto folder = fresh_folder("codec");
    torch::manual_seed(3);
    VQModel model(tiny_config());
    save_vq_codec(model, folder);
    VQModel loaded = load_vq_codec(folder);
    EXPECT_EQ(vq_config_to_json(loaded->config()), vq_config_to_json(tiny_config()));
    const auto tensors = vq_named_tensors(model);
    EXPECT_TRUE(tensors.count("gen_vision_model.quantize.embedding.weight"));
    EXPECT_TRUE(tensors.count("gen_vision_model.decoder.conv_blocks.0.upsample.conv.weight"));
    torch::NoGradGuard no_grad;
    model->eval();
    loaded->eval();
    const torch::Tensor codes = torch::randint(0, 32, {2, 64}, torch::kInt64);
    EXPECT_TRUE(torch::equal(model->decode_indices(codes), loaded->decode_indices(codes)));

    auto broken = tensors;
    broken["gen_vision_model.quant_conv.weight"] = torch::zeros({4, 16, 3, 3});
    EXPECT_THROW(load_vq_tensors(loaded, broken, "broken"), Error);
    broken = tensors;
    broken.erase("gen_vision_model.post_quant_conv.bias");
    EXPECT_THROW(load_vq_tensors(loaded, broken, "broken"), Error);
    EXPECT_THROW(vq_config_from_json({{"base_channels", "wide"}}, "x.json"), Error);
    std::filesystem::remove_all(folder);
}

TEST(VQRoundTrip, RenderedScenesReadBackAndABlankImageDoesNot) {
    std::mt19937_64 rng(5);
    int read = 0;
    for (int i = 0; i < 20; ++i) {
        const world::Scene scene = world::sample_scene(rng);
        read += scene_read_back(scene, world::render_scene(scene, 128));
    }
    EXPECT_GE(read, 19);
    const world::Scene scene = world::sample_scene(rng);
    const world::Scene empty;
    std::string reason;
    EXPECT_FALSE(scene_read_back(scene, world::render_scene(empty, 128), &reason));
    EXPECT_NE(reason.find("not found"), std::string::npos) << reason;
    EXPECT_FALSE(scene_read_back(empty, world::render_scene(scene, 128), &reason));
    EXPECT_NE(reason.find("extra object"), std::string::npos) << reason;
}

TEST(VQRoundTrip, ReportCountsScenesAndCodes) {
    VQConfig config = tiny_config();
    config.image_size = 64;
    torch::manual_seed(4);
    VQModel model(config);
    const VQRoundTripReport report = evaluate_vq_round_trip(model, 6, 11, 4);
    EXPECT_EQ(report.scenes, 6);
    EXPECT_GE(report.read_back_original, 5);
    EXPECT_GE(report.codes_used, 1);
    EXPECT_LE(report.codes_used, 32);
    EXPECT_GT(report.psnr_db, 0.0);
}

}  // namespace
}  // namespace milr
