// The whole embedded-model pipeline at tiny size: one seed gives one model, an interrupted run resumes to the
// same model, and the folder it writes loads with the Janus-Pro loader.
#include <gtest/gtest.h>
#include <torch/torch.h>

#include <unistd.h>

#include <filesystem>
#include <string>

#include "core/io/json_file.h"
#include "core/model/loader.h"
#include "core/train/embedded_model.h"
#include "core/util/cancel.h"

namespace milr {
namespace {

std::filesystem::path fresh_folder(const std::string& name) {
    const auto path =
        std::filesystem::temp_directory_path() / ("milr-test-pipeline-" + name + "-" + std::to_string(::getpid()));
    std::filesystem::remove_all(path);
    return path;
}

// Every stage runs, each for a few steps: the real codec architecture, a one-layer language model.
EmbeddedModelOptions tiny_pipeline(const std::filesystem::path& root) {
    EmbeddedModelOptions o;
    o.output = root / "model";
    o.work = root / "work";
    o.seed = 5;
    o.examples = 24;
    o.hidden_size = 32;
    o.layers = 1;
    o.heads = 2;
    o.intermediate_size = 64;
    o.vq.steps = 4;
    o.vq.batch_size = 2;
    o.vq.warmup_steps = 1;
    o.vq.plain_steps = 2;
    o.vq.init_batches = 1;
    o.vq.restart_every = 2;
    o.vq.checkpoint_every = 0;
    o.vq_decoder.steps = 2;
    o.vq_decoder.batch_size = 2;
    o.lm.steps = 6;
    o.lm.batch_size = 4;
    o.lm.warmup_steps = 2;
    o.lm.checkpoint_every = 2;
    return o;
}

void expect_same_model_folder(const std::filesystem::path& a, const std::filesystem::path& b) {
    for (const char* file : {"config.json", "model.safetensors", "tokenizer.model", "tokenizer_config.json"}) {
        ASSERT_TRUE(std::filesystem::exists(a / file)) << a / file;
        EXPECT_TRUE(read_file_bytes(a / file) == read_file_bytes(b / file))
            << file << " differs between " << a << " and " << b;
    }
}

TEST(EmbeddedModelPipeline, SameSeedGivesTheSameModelFolder) {
    const auto first = fresh_folder("first"), second = fresh_folder("second");
    const EmbeddedModelReport report = train_embedded_model(tiny_pipeline(first));
    train_embedded_model(tiny_pipeline(second));
    EXPECT_EQ(report.lm.steps_done, 6);
    EXPECT_GT(report.parameters, 0);
    expect_same_model_folder(first / "model", second / "model");

    EmbeddedModelOptions other_seed = tiny_pipeline(fresh_folder("other-seed"));
    other_seed.seed = 6;
    train_embedded_model(other_seed);
    EXPECT_FALSE(read_file_bytes(first / "model" / "model.safetensors") ==
                 read_file_bytes(other_seed.output / "model.safetensors"))
        << "another seed trained the same weights";
    for (const auto& folder : {first, second, other_seed.output.parent_path()}) std::filesystem::remove_all(folder);
}

TEST(EmbeddedModelPipeline, RunCancelledInTheLanguageModelResumesToTheSameModel) {
    const auto whole = fresh_folder("whole"), resumed = fresh_folder("resumed");
    train_embedded_model(tiny_pipeline(whole));

    EmbeddedModelOptions interrupted = tiny_pipeline(resumed);
    interrupted.progress = [](double, const std::string& phase) {
        return phase.find("language model: step 5/") == std::string::npos;  // cancel after step 5, checkpoint at 4
    };
    EXPECT_THROW(train_embedded_model(interrupted), Cancelled);
    EXPECT_FALSE(std::filesystem::exists(resumed / "model" / "model.safetensors")) << "a cancelled run wrote a model";
    ASSERT_TRUE(std::filesystem::exists(resumed / "work" / "lm" / "lm-trainer-state.json"));

    const EmbeddedModelReport report = train_embedded_model(tiny_pipeline(resumed));
    EXPECT_EQ(report.lm.steps_done, 6);
    expect_same_model_folder(whole / "model", resumed / "model");
    std::filesystem::remove_all(whole);
    std::filesystem::remove_all(resumed);
}

TEST(EmbeddedModelPipeline, ModelFolderLoadsWithTheJanusProLoader) {
    const auto root = fresh_folder("load");
    const EmbeddedModelOptions options = tiny_pipeline(root);
    train_embedded_model(options);
    JanusModel model = load_janus_model(options.output);
    EXPECT_EQ(model->config().language.hidden_size, 32);
    EXPECT_EQ(model->config().language.num_layers, 1);
    EXPECT_EQ(model->config().gen_head.image_token_size, embedded_vq_config().codebook_size);
    std::filesystem::remove_all(root);
}

}  // namespace
}  // namespace milr
