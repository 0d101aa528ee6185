// Agreement with the transformers port of Janus on the tiny model that tools/make-transformers-fixture.py writes
// (skipped with a message when tests/data/transformers-fixture/ is absent).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "core/generate/image_generation.h"
#include "core/generate/prompt_cache.h"
#include "core/generate/sampling.h"
#include "core/io/safetensors.h"
#include "core/model/loader.h"
#include "tests/core/model/tiny_model.h"

namespace milr {
namespace {

const std::filesystem::path kFixture = std::filesystem::path(MILR_TEST_DATA) / "transformers-fixture";

std::vector<int64_t> ids_of(const torch::Tensor& t) {
    const torch::Tensor flat = t.to(torch::kLong).flatten().contiguous();
    return std::vector<int64_t>(flat.data_ptr<int64_t>(), flat.data_ptr<int64_t>() + flat.numel());
}

TEST(GenerateTransformersFixture, OutputsMatchTheTransformersPort) {
    if (!std::filesystem::exists(kFixture / "expected.safetensors"))
        GTEST_SKIP() << "no fixture at " << kFixture << ": run tools/make-transformers-fixture.py where transformers "
                     << "(with its Janus port) is installed and commit the folder";
    const auto expected = SafetensorsFile::open(kFixture / "expected.safetensors");
    const auto get = [&](const char* name) { return expected->tensor(name).clone(); };
    JanusModel model = load_janus_model(kFixture);
    ASSERT_EQ(model->config().layout, CheckpointLayout::TransformersNative);
    torch::NoGradGuard no_grad;

    const torch::Tensor hidden = model->forward_hidden(model->embed_text(get("input_ids")));
    EXPECT_LT(testing::relative_error(hidden, get("text_hidden")), 1e-4);
    EXPECT_LT(testing::relative_error(model->text_logits(hidden), get("text_logits")), 1e-4);
    EXPECT_LT(testing::relative_error(model->encode_understanding_image(get("pixel_values")), get("image_features")),
              1e-4);

    const nlohmann::json meta = nlohmann::json::parse(std::ifstream(kFixture / "fixture.json"));
    const PrefilledPrompt prompt = prefill_tokens(model, {ids_of(get("cond_ids")), ids_of(get("uncond_ids"))});
    ImageGenerationOptions greedy;
    greedy.temperature = 0;
    greedy.cfg_weight = meta.at("cfg_weight").get<double>();
    at::Generator generator = make_generator(0);
    const ImageGeneration image = generate_image_tokens(model, prompt, {}, greedy, generator);
    EXPECT_EQ(image.tokens, ids_of(get("image_tokens")));

    const torch::Tensor decoded = model->gen_vision_model->decode_indices(get("image_tokens"));
    EXPECT_LT(testing::relative_error(decoded, get("decoded")), 1e-4);
}

}  // namespace
}  // namespace milr
