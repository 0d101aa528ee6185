// The whole training of the embedded model, from the GenEval-Shapes world to a model folder in Hugging Face
// layout that the Janus-Pro loader reads: tokenizer, VQ codec, data set, language model. Every stage is
// resumable from its files in the work folder, and the whole run is reproducible from one seed.
#pragma once
#include <cstdint>
#include <filesystem>
#include <string>

#include "core/train/lm_trainer.h"
#include "core/train/vq_trainer.h"
#include "core/util/cancel.h"

namespace milr {

// The decoder fine-tune after codec training: 600 steps at lr 5e-4 with the edge loss (weight 1), on frozen codes.
VQTrainOptions default_decoder_tuning();

struct EmbeddedModelOptions {
    std::filesystem::path output;  // the model folder written at the end
    std::filesystem::path work;    // stage files: tokenizer, codec, data set, checkpoints
    uint64_t seed = 1;
    int64_t examples = 60000;  // training examples (scenes), tags in turn
    int tokenizer_vocab = 600;
    // The language model's dimensions (Janus architecture at small size).
    int64_t hidden_size = 256;
    int64_t layers = 4;
    int64_t heads = 4;
    int64_t intermediate_size = 704;
    VQTrainOptions vq;  // codec training (used when work/vq holds no codec yet)
    VQTrainOptions vq_decoder =
        default_decoder_tuning();  // then the decoder fine-tune (work/vq-decoder); steps 0 = none
    LmTrainOptions lm;             // checkpoint_folder is set to work/lm
    ProgressCallback progress;     // phase texts name the stage
    CancelToken cancel;
};

struct EmbeddedModelReport {
    double tokenizer_seconds = 0, codec_seconds = 0, decoder_seconds = 0, data_seconds = 0, lm_seconds = 0;
    int64_t parameters = 0;  // of the language model side (trunk, heads, generation embeddings)
    LmTrainResult lm;
};

EmbeddedModelReport train_embedded_model(const EmbeddedModelOptions& options);

}  // namespace milr
