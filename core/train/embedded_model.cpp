// Training pipeline of the embedded model: world corpus -> sentencepiece, world scenes -> VQ codec, training
// examples -> tokens, Janus-config model -> trained, then the model folder (config.json in the DeepSeek layout,
// model.safetensors, tokenizer.model, tokenizer_config.json).
#include "core/train/embedded_model.h"

#include <torch/torch.h>

#include <chrono>
#include <fstream>
#include <random>

#include "core/io/atomic_file.h"
#include "core/io/safetensors.h"
#include "core/model/config.h"
#include "core/model/image_tensor.h"
#include "core/model/layers.h"
#include "core/model/loader.h"
#include "core/text/chat_template.h"
#include "core/text/spm/sentencepiece_tokenizer.h"
#include "core/text/spm/sentencepiece_trainer.h"
#include "core/train/vq_codec_file.h"
#include "core/util/error.h"
#include "core/world/metadata.h"
#include "core/world/prompts.h"
#include "core/world/renderer.h"

namespace milr {

namespace {

using Clock = std::chrono::steady_clock;
double seconds_since(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

void stage(const EmbeddedModelOptions& o, const std::string& text) {
    o.cancel.throw_if_cancelled(text.c_str());
    report_progress(o.progress, 0.0, text);
}

// A stage's progress reported through the pipeline's callback, its phase text prefixed with the stage's name.
ProgressCallback stage_progress(const EmbeddedModelOptions& o, const std::string& prefix) {
    return [&o, prefix](double fraction, const std::string& phase) {
        return !o.progress || o.progress(fraction, prefix + phase);
    };
}

// --- Tokenizer: the world's prompts and descriptions plus the chat templates' fixed text. -------------------------
std::filesystem::path train_tokenizer(const EmbeddedModelOptions& o) {
    const auto path = o.work / "tokenizer.model";
    if (std::filesystem::exists(path)) return path;
    stage(o, "tokenizer: training sentencepiece on the world's corpus");
    std::vector<std::string> corpus = world::world_corpus(o.seed);
    const size_t prompts = std::min<size_t>(corpus.size(), 400);
    for (size_t i = 0; i < prompts; ++i) {
        corpus.push_back(think_prompt_text(corpus[i]));
        corpus.push_back(image_prompt_text(corpus[i], ChatTemplate::plain_roles()));
    }
    SentencepieceTrainOptions options;
    options.vocab_size = o.tokenizer_vocab;
    write_file_atomic(path, train_sentencepiece(corpus, options));
    return path;
}

// --- Codec ---------------------------------------------------------------------------------------------------------
// Trains `codec` with `options` as a stage of the pipeline (its seed, cancel token and progress prefix), with
// checkpoints in work/`checkpoints`, then writes it to `folder`.
void run_codec_stage(const EmbeddedModelOptions& o, VQModel& codec, VQTrainOptions options, const char* checkpoints,
                     const std::string& progress_prefix, const std::filesystem::path& folder) {
    options.seed = o.seed;
    options.checkpoint_folder = o.work / checkpoints;
    options.cancel = o.cancel;
    options.progress = stage_progress(o, progress_prefix);
    train_vq(codec, options);
    save_vq_codec(codec, folder);
}

VQModel train_codec(const EmbeddedModelOptions& o) {
    const auto folder = o.work / "vq";
    if (std::filesystem::exists(folder / kVQWeightsFile)) return load_vq_codec(folder);
    stage(o, "codec: training the VQ image codec");
    VQModel codec(embedded_vq_config());
    init_parameters(*codec, o.seed);
    run_codec_stage(o, codec, o.vq, "vq-checkpoints", "codec: ", folder);
    return codec;
}

// --- Decoder fine-tune: sharper edges on the same codes (the data set's tokens do not change). ----------------------
VQModel tune_decoder(const EmbeddedModelOptions& o, VQModel codec) {
    if (o.vq_decoder.steps <= 0) return codec;
    const auto folder = o.work / "vq-decoder";
    const torch::Tensor codebook = codec->quantizer()->embedding_weight().detach();
    if (std::filesystem::exists(folder / kVQWeightsFile)) {
        VQModel tuned = load_vq_codec(folder);
        if (torch::equal(tuned->quantizer()->embedding_weight(), codebook)) return tuned;
        // Tuned from another codec (retrained since): tune again from this one.
        std::filesystem::remove_all(folder);
        std::filesystem::remove_all(o.work / "vq-decoder-checkpoints");
    }
    stage(o, "codec: fine-tuning the decoder");
    VQTrainOptions options = o.vq_decoder;
    options.decoder_only = true;
    run_codec_stage(o, codec, options, "vq-decoder-checkpoints", "codec decoder: ", folder);
    return codec;
}

// --- Data: examples of every tag in turn, their scenes encoded by the codec. -------------------------------------
struct DataSet {
    std::vector<world::Example> examples;
    torch::Tensor image_tokens;  // [N, grid^2] int64
};

DataSet make_data(const EmbeddedModelOptions& o, VQModel& codec) {
    DataSet data;
    std::mt19937_64 rng(o.seed * 7919ULL + 17ULL);
    const auto& tags = world::geneval_tags();
    for (int64_t i = 0; i < o.examples; ++i)
        data.examples.push_back(world::sample_training_example(tags[static_cast<size_t>(i) % tags.size()], rng));

    // The cache names the codec that encoded it by a copy of its codebook: tokens from another codec (one
    // retrained or extended since) are meaningless and are encoded again.
    const auto cache = o.work / "image-tokens.safetensors";
    const torch::Tensor codebook = codec->quantizer()->embedding_weight().detach().to(torch::kFloat32).contiguous();
    if (std::filesystem::exists(cache)) {
        auto file = SafetensorsFile::open(cache);
        if (file->contains("codec_codebook") && torch::equal(file->tensor("codec_codebook"), codebook)) {
            data.image_tokens = file->tensor("image_tokens").clone();
            if (data.image_tokens.size(0) == o.examples) return data;
        }
    }
    stage(o, "data: encoding " + std::to_string(o.examples) + " scenes");
    torch::NoGradGuard no_grad;
    codec->eval();
    const int64_t image_size = codec->config().image_size;
    std::vector<torch::Tensor> chunks;
    // Batches of 16 keep a layer's activations (16 x 16 channels x 128 x 128 fp32 = 16 MiB) within a 32 MiB L3 cache:
    // 60,000 scenes encode in about half the time that batches of 128 take, to the same codes.
    const int64_t batch = 16;
    for (int64_t start = 0; start < o.examples; start += batch) {
        o.cancel.throw_if_cancelled("encoding scenes");
        std::vector<RgbImage> images;
        for (int64_t i = start; i < std::min(o.examples, start + batch); ++i)
            images.push_back(
                world::render_scene(data.examples[static_cast<size_t>(i)].scene, static_cast<int>(image_size)));
        chunks.push_back(codec->encode_indices(rgb_to_tensor_batch(images)));
        report_progress(o.progress, static_cast<double>(start + batch) / static_cast<double>(o.examples),
                        "data: encoding scenes");
    }
    data.image_tokens = torch::cat(chunks).to(torch::kLong).contiguous();
    write_safetensors(cache, {{"image_tokens", data.image_tokens}, {"codec_codebook", codebook}});
    return data;
}

std::vector<LmExample> tokenise(const DataSet& data, const Tokenizer& tokenizer, const JanusSpecialTokens& special) {
    const ChatTemplate chat = ChatTemplate::plain_roles();
    std::vector<LmExample> examples;
    examples.reserve(data.examples.size());
    auto tokens = data.image_tokens.accessor<int64_t, 2>();
    for (size_t i = 0; i < data.examples.size(); ++i) {
        const world::Example& e = data.examples[i];
        LmExample x;
        x.think_prompt = think_prompt_ids(tokenizer, e.metadata.prompt, chat);
        x.answer = tokenizer.encode(e.description, false);
        x.answer.push_back(special.eos);
        x.image_prompt = image_prompt_ids(tokenizer, e.metadata.prompt + ". " + e.description, chat);
        x.plain_image_prompt = image_prompt_ids(tokenizer, e.metadata.prompt, chat);
        for (int64_t j = 0; j < tokens.size(1); ++j) x.image_tokens.push_back(tokens[static_cast<int64_t>(i)][j]);
        examples.push_back(std::move(x));
    }
    return examples;
}

JanusConfig embedded_config(const EmbeddedModelOptions& o, int64_t vocab, const VQConfig& codec) {
    JanusConfig config;
    config.language.hidden_size = o.hidden_size;
    config.language.num_layers = o.layers;
    config.language.num_heads = o.heads;
    config.language.num_kv_heads = o.heads;
    config.language.intermediate_size = o.intermediate_size;
    config.language.vocab_size = vocab;
    config.language.max_position_embeddings = 1024;
    config.language.rope_theta = 10000.0;
    config.language.rms_norm_eps = 1e-6;
    config.gen_vision = codec;
    config.gen_aligner = {codec.codebook_dim, o.hidden_size, 2};
    config.gen_head = {o.hidden_size, o.hidden_size, codec.codebook_size};
    validate_janus_config(config, "the embedded model's configuration");
    return config;
}

void write_tokenizer_files(const std::filesystem::path& tokenizer_model, const std::filesystem::path& output) {
    std::filesystem::copy_file(tokenizer_model, output / "tokenizer.model",
                               std::filesystem::copy_options::overwrite_existing);
    const nlohmann::json config = {
        {"tokenizer_class", "LlamaTokenizer"}, {"add_bos_token", true},           {"add_eos_token", false},
        {"bos_token", janus_tokens::kBos},     {"eos_token", janus_tokens::kEos}, {"pad_token", janus_tokens::kPad}};
    write_file_atomic(output / "tokenizer_config.json", config.dump(2) + "\n");
}

}  // namespace

VQTrainOptions default_decoder_tuning() {
    VQTrainOptions options;
    options.decoder_only = true;
    options.steps = 600;
    options.learning_rate = 5e-4;
    options.edge_weight = 1.0;
    return options;
}

EmbeddedModelReport train_embedded_model(const EmbeddedModelOptions& o) {
    if (o.output.empty() || o.work.empty())
        throw Error("embedded model training: output and work folders are required");
    std::filesystem::create_directories(o.work);
    EmbeddedModelReport report;

    auto start = Clock::now();
    const auto tokenizer_path = train_tokenizer(o);
    const auto tokenizer = SentencepieceTokenizer::load(tokenizer_path.string());
    const JanusSpecialTokens special = JanusSpecialTokens::resolve(*tokenizer);
    report.tokenizer_seconds = seconds_since(start);

    start = Clock::now();
    VQModel codec = train_codec(o);
    report.codec_seconds = seconds_since(start);
    start = Clock::now();
    codec = tune_decoder(o, codec);
    report.decoder_seconds = seconds_since(start);

    start = Clock::now();
    const DataSet data = make_data(o, codec);
    const std::vector<LmExample> examples = tokenise(data, *tokenizer, special);
    report.data_seconds = seconds_since(start);

    const JanusConfig config = embedded_config(o, tokenizer->vocab_size(), codec->config());
    JanusModel model(config, torch::TensorOptions().dtype(torch::kFloat32), ModelParts{false, true});
    init_parameters(*model, o.seed);
    load_vq_tensors(model->gen_vision_model, vq_named_tensors(codec), "the trained codec");
    for (auto& [name, tensor] : generation_parameters(model)) report.parameters += tensor.numel();

    stage(o, "language model: training");
    LmTrainOptions lm = o.lm;
    lm.seed = o.seed;
    lm.checkpoint_folder = o.work / "lm";
    lm.cancel = o.cancel;
    lm.progress = stage_progress(o, "language model: ");
    start = Clock::now();
    report.lm = train_language_model(model, examples, special, lm);
    report.lm_seconds = seconds_since(start);

    stage(o, "writing the model folder");
    std::filesystem::create_directories(o.output);
    set_trainable(*model, false);
    save_janus_model(model, o.output);
    write_tokenizer_files(tokenizer_path, o.output);
    return report;
}

}  // namespace milr
