// A tiny random Janus-architecture model and the DeepSeek-style test tokenizer, for engine tests.
#pragma once
#include <torch/torch.h>

#include <memory>

#include "core/model/janus_model.h"
#include "core/model/layers.h"
#include "core/reward/reward.h"
#include "core/text/bpe_tokenizer.h"
#include "tests/core/model/tiny_model.h"

namespace milr::testing {

inline std::shared_ptr<const Tokenizer> test_tokenizer() {
    return std::shared_ptr<const Tokenizer>(
        BpeTokenizer::load_folder(std::string(MILR_TEST_DATA) + "/text/deepseek-style"));
}

// The engine tests' model: the model tests' tiny configuration (tests/core/model/tiny_model.h) without the
// understanding tower, narrower (hidden 32) and with a smaller codec, over the test tokenizer's vocabulary.
inline JanusConfig tiny_engine_config(int64_t vocab) {
    JanusConfig config = tiny_config(4, false);
    config.language.hidden_size = 32;
    config.language.intermediate_size = 64;
    config.language.vocab_size = vocab;
    config.language.max_position_embeddings = LanguageConfig{}.max_position_embeddings;
    config.gen_vision.codebook_size = 32;
    config.gen_vision.base_channels = 8;
    config.gen_vision.z_channels = 8;
    config.gen_vision.norm_groups = 4;
    config.gen_vision.image_size = 8;  // 2x downsampling: a 4 x 4 grid of 16 image tokens
    config.gen_aligner = {8, 32, 2};
    config.gen_head = {32, 32, 32};
    return config;
}

inline JanusModel tiny_model(int64_t vocab, uint64_t seed = 7) {
    JanusModel model(tiny_engine_config(vocab), torch::TensorOptions().dtype(torch::kFloat32), ModelParts{false, true});
    init_parameters(*model, seed);
    set_trainable(*model, false);
    model->eval();
    return model;
}

// A real, deterministic reward: the mean red level of the image (so every image gets a dense score).
class MeanRedReward : public Reward {
public:
    std::string name() const override { return "mean red"; }
    RewardResult score(const RewardRequest& request) override {
        double sum = 0;
        const auto& p = request.image->pixels;
        for (size_t i = 0; i < p.size(); i += 3) sum += p[i];
        const double value = sum / (255.0 * static_cast<double>(p.size() / 3));
        ++calls;
        return {value, value > 0.99, {{"red", value, 1.0}}, {}};
    }
    int calls = 0;
};

}  // namespace milr::testing
