// The codec trainer: plain warm-up, k-means codebook initialisation, quantised training with dead-code restarts.
#include "core/train/vq_trainer.h"

#include <torch/torch.h>
#include <ATen/CPUGeneratorImpl.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <random>
#include <string>

#include <nlohmann/json.hpp>

#include "core/io/safetensors.h"
#include "core/model/image_tensor.h"
#include "core/train/autocast.h"
#include "core/train/vq_codec_file.h"
#include "core/util/error.h"
#include "core/world/renderer.h"
#include "core/world/scene.h"

namespace milr {
namespace {

constexpr const char* kCheckpointWeights = "vq-trainer.safetensors";
constexpr const char* kCheckpointOptimizer = "vq-trainer-optimizer.pt";
constexpr const char* kUsageTensor = "trainer.code_usage";
constexpr int64_t kProbeSteps = 8;  // steps timed to turn a minute budget into a step count

// The random streams of codec training, one per use. Their numbers are part of the shipped model: changing one
// changes the images every step trains on, and so the embedded codec the build produces.
enum SeedStream : uint64_t {
    kTrainingImages = 1,          // the batch a step trains on
    kCodebookKmeans = 3,          // the k-means that seeds the codebook from the first latents
    kCodeRestarts = 4,            // which latents replace unused codes, and their noise
    kSceneSampling = 7,           // the scenes of one batch of world images, from that batch's own seed
    kCodebookBatchesFirst = 100,  // + i: the i-th batch whose latents seed the codebook
};

// A 64-bit seed for one (seed, step, stream) triple (splitmix64 finaliser).
uint64_t mix_seed(uint64_t seed, uint64_t step, uint64_t stream) {
    uint64_t z = seed + 0x9E3779B97F4A7C15ull * (step + 1) + 0xBF58476D1CE4E5B9ull * (stream + 1);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

torch::Generator make_generator(uint64_t seed) { return at::make_generator<at::CPUGeneratorImpl>(seed); }

struct TrainerState {
    int64_t step = 0;
    int64_t total_steps = 0;  // 0 until fixed
    torch::Tensor usage;      // [K] int64: code hits since the last restart
    std::vector<VQStepLosses> losses;
};

double learning_rate_at(const VQTrainOptions& o, int64_t step, int64_t total) {
    if (step < o.warmup_steps) return o.learning_rate * double(step + 1) / double(o.warmup_steps);
    if (total <= o.warmup_steps) return o.learning_rate;
    const double t = std::min(1.0, double(step - o.warmup_steps) / double(total - o.warmup_steps));
    return o.min_learning_rate + 0.5 * (o.learning_rate - o.min_learning_rate) * (1.0 + std::cos(M_PI * t));
}

// k-means on the unit sphere (cosine assignment), started from k distinct random rows of `vectors` [N,D].
torch::Tensor spherical_kmeans(const torch::Tensor& vectors, int64_t k, uint64_t seed, int iterations) {
    auto generator = make_generator(seed);
    const int64_t n = vectors.size(0);
    torch::Tensor start = torch::randperm(n, generator, torch::kInt64);
    if (n < k) start = torch::cat({start, torch::randint(n, {k - n}, generator, torch::kInt64)});
    torch::Tensor centres = vectors.index_select(0, start.narrow(0, 0, k)).clone();
    centres += 1e-3 * torch::randn(centres.sizes(), generator, torch::kFloat32);
    centres = centres / centres.norm(2, {1}, true).clamp_min(1e-12);
    for (int i = 0; i < iterations; ++i) {
        const torch::Tensor assign = torch::mm(vectors, centres.t()).argmax(1);
        torch::Tensor sums = torch::zeros_like(centres).index_add_(0, assign, vectors);
        const torch::Tensor counts = torch::bincount(assign, {}, k);
        const torch::Tensor filled = (counts > 0).unsqueeze(1);
        sums = sums / sums.norm(2, {1}, true).clamp_min(1e-12);
        centres = torch::where(filled, sums, centres);
    }
    return centres;
}

// Normalised latent vectors [N,D] of `batches` training batches (no gradient).
torch::Tensor collect_latents(VQModel& model, const VQTrainOptions& o, const VQImageSource& source, int64_t step) {
    torch::NoGradGuard no_grad;
    CpuAutocastScope autocast(o.bf16_autocast);
    std::vector<torch::Tensor> parts;
    for (int64_t i = 0; i < o.init_batches; ++i) {
        const torch::Tensor images = source(mix_seed(o.seed, step, kCodebookBatchesFirst + uint64_t(i)), step,
                                            o.batch_size, model->config().image_size);
        const torch::Tensor z = model->quantizer()->normalise_latent(model->encode_latent(images).to(torch::kFloat32));
        parts.push_back(z.permute({0, 2, 3, 1}).reshape({-1, z.size(1)}));
    }
    return torch::cat(parts);
}

// Rows of codes unused since the last restart move onto random latent vectors of the current batch.
int64_t restart_unused_codes(VQModel& model, TrainerState& state, const torch::Tensor& latent, uint64_t seed) {
    torch::NoGradGuard no_grad;
    const torch::Tensor dead = (state.usage == 0).nonzero().reshape({-1});
    const int64_t count = dead.numel();
    if (count > 0) {
        const torch::Tensor z = model->quantizer()->normalise_latent(latent.detach().to(torch::kFloat32));
        const torch::Tensor vectors = z.permute({0, 2, 3, 1}).reshape({-1, z.size(1)});
        auto generator = make_generator(seed);
        const torch::Tensor pick = torch::randint(vectors.size(0), {count}, generator, torch::kInt64);
        torch::Tensor rows =
            vectors.index_select(0, pick) + 0.02 * torch::randn({count, vectors.size(1)}, generator, torch::kFloat32);
        rows = rows / rows.norm(2, {1}, true).clamp_min(1e-12);
        model->quantizer()->embedding_weight().index_copy_(0, dead, rows);
    }
    state.usage.zero_();
    return count;
}

nlohmann::json losses_to_json(const std::vector<VQStepLosses>& losses) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& l : losses) out.push_back({l.reconstruction, l.codebook, l.commitment});
    return out;
}

void save_checkpoint(VQModel& model, torch::optim::Adam& optimizer, const TrainerState& state,
                     const VQTrainOptions& o) {
    if (o.checkpoint_folder.empty()) return;
    std::filesystem::create_directories(o.checkpoint_folder);
    auto tensors = vq_named_tensors(model);
    tensors[kUsageTensor] = state.usage.clone();
    const nlohmann::json meta = {{"step", state.step},
                                 {"total_steps", state.total_steps},
                                 {"seed", o.seed},
                                 {"config", vq_config_to_json(model->config())},
                                 {"decoder_only", o.decoder_only}};
    write_safetensors(o.checkpoint_folder / kCheckpointWeights, tensors,
                      {{"vq_trainer", meta.dump()}, {"losses", losses_to_json(state.losses).dump()}});
    const auto optimizer_path = o.checkpoint_folder / kCheckpointOptimizer;
    const std::string temporary = optimizer_path.string() + ".tmp";
    torch::save(optimizer, temporary);
    std::filesystem::rename(temporary, optimizer_path);
}

// Restores weights, optimizer and state from the folder's checkpoint; false when there is none.
bool load_checkpoint(VQModel& model, torch::optim::Adam& optimizer, TrainerState& state, const VQTrainOptions& o) {
    if (o.checkpoint_folder.empty() || !std::filesystem::exists(o.checkpoint_folder / kCheckpointWeights)) return false;
    const auto path = o.checkpoint_folder / kCheckpointWeights;
    auto file = SafetensorsFile::open(path);
    auto meta_it = file->metadata().find("vq_trainer");
    auto losses_it = file->metadata().find("losses");
    if (meta_it == file->metadata().end() || losses_it == file->metadata().end())
        throw Error(path.string() + ": not a VQ trainer checkpoint (metadata \"vq_trainer\" or \"losses\" missing)");
    const nlohmann::json meta = nlohmann::json::parse(meta_it->second);
    const nlohmann::json saved_config = meta.at("config");
    if (saved_config != vq_config_to_json(model->config()))
        throw Error(path.string() + ": the checkpoint's VQ config " + saved_config.dump() +
                    " differs from the model being trained " + vq_config_to_json(model->config()).dump());
    if (meta.value("decoder_only", false) != o.decoder_only)
        throw Error(path.string() +
                    (o.decoder_only ? ": a checkpoint of whole-codec training, not of a decoder fine-tune"
                                    : ": a checkpoint of a decoder fine-tune, not of whole-codec training"));
    if (meta.at("seed").get<uint64_t>() != o.seed)
        throw Error(path.string() + ": the checkpoint was trained with seed " +
                    std::to_string(meta.at("seed").get<uint64_t>()) + ", this run asks for " + std::to_string(o.seed));
    std::map<std::string, torch::Tensor> tensors;
    for (const auto& info : file->tensors()) tensors[info.name] = file->tensor(info.name);
    load_vq_tensors(model, tensors, path.string());
    if (!tensors.count(kUsageTensor))
        throw Error(path.string() + ": tensor " + std::string(kUsageTensor) + " is missing");
    state.usage = tensors[kUsageTensor].clone();
    state.step = meta.at("step").get<int64_t>();
    state.total_steps = meta.at("total_steps").get<int64_t>();
    state.losses.clear();
    for (const auto& l : nlohmann::json::parse(losses_it->second))
        state.losses.push_back({l.at(0).get<double>(), l.at(1).get<double>(), l.at(2).get<double>()});
    torch::load(optimizer, (o.checkpoint_folder / kCheckpointOptimizer).string());
    return true;
}

// Fresh parameters drawn from the seed, so a run does not depend on how the caller built the model.
void initialise_from_seed(VQModel& model, uint64_t seed) {
    torch::manual_seed(seed);
    VQModel fresh(model->config());
    load_vq_tensors(model, vq_named_tensors(fresh), "fresh initialisation");
}

// The parameters a run trains: all of them, or post_quant_conv and the decoder for a decoder fine-tune.
std::vector<torch::Tensor> trained_parameters(VQModel& model, bool decoder_only) {
    std::vector<torch::Tensor> parameters;
    for (const auto& item : model->named_parameters(true)) {
        const std::string& name = item.key();
        const bool decoder_side = name.rfind("decoder.", 0) == 0 || name.rfind("post_quant_conv.", 0) == 0;
        item.value().set_requires_grad(!decoder_only || decoder_side);
        if (!decoder_only || decoder_side) parameters.push_back(item.value());
    }
    return parameters;
}

// Mean absolute difference of neighbouring-pixel differences, across and down: penalises blurred edges and
// rounded corners, which the squared error barely sees (a corner is a handful of pixels).
torch::Tensor edge_loss(const torch::Tensor& reconstruction, const torch::Tensor& images) {
    auto across = [](const torch::Tensor& x) { return x.narrow(3, 1, x.size(3) - 1) - x.narrow(3, 0, x.size(3) - 1); };
    auto down = [](const torch::Tensor& x) { return x.narrow(2, 1, x.size(2) - 1) - x.narrow(2, 0, x.size(2) - 1); };
    return (across(reconstruction) - across(images)).abs().mean() + (down(reconstruction) - down(images)).abs().mean();
}

std::string describe_step(const TrainerState& s, const VQTrainOptions& o, int64_t codes_used) {
    const VQStepLosses& l = s.losses.back();
    char text[200];
    if (o.decoder_only)
        std::snprintf(text, sizeof text, "step %lld/%lld: decoder fine-tune, mse %.5f", static_cast<long long>(s.step),
                      static_cast<long long>(s.total_steps), l.reconstruction);
    else
        std::snprintf(text, sizeof text, "step %lld/%lld: %s, mse %.5f, codebook %.4f, codes used %lld/%lld",
                      static_cast<long long>(s.step), static_cast<long long>(s.total_steps),
                      s.step <= o.plain_steps ? "warm-up without quantisation" : "quantised", l.reconstruction,
                      l.codebook, static_cast<long long>(codes_used), static_cast<long long>(s.usage.numel()));
    return text;
}

}  // namespace

VQConfig embedded_vq_config() {
    VQConfig c;
    c.codebook_size = 512;
    c.codebook_dim = 8;
    c.base_channels = 16;  // narrow at full resolution (most of the cost), wide at 8x8 (most of the parameters)
    c.channel_multipliers = {1, 1, 2, 4, 8};
    c.z_channels = 64;
    c.num_res_blocks = 1;
    c.norm_groups = 16;
    c.image_size = 128;
    return c;
}

torch::Tensor world_scene_batch(uint64_t seed, int64_t step, int64_t batch_size, int64_t image_size) {
    std::mt19937_64 rng(mix_seed(seed, uint64_t(step), kSceneSampling));
    std::vector<RgbImage> images;
    images.reserve(static_cast<size_t>(batch_size));
    for (int64_t i = 0; i < batch_size; ++i)
        images.push_back(world::render_scene(world::sample_scene(rng), static_cast<int>(image_size)));
    return rgb_to_tensor_batch(images);
}

VQTrainResult train_vq(VQModel& model, const VQTrainOptions& o) {
    if (o.steps < 0 || (o.steps == 0 && !(o.max_minutes > 0)))
        throw Error("VQ training: give a positive step count or a positive minute budget");
    if (o.batch_size < 1) throw Error("VQ training: batch_size must be positive");
    const auto started = std::chrono::steady_clock::now();
    const VQImageSource source = o.images ? o.images : VQImageSource(world_scene_batch);
    const int64_t codebook_size = model->config().codebook_size;
    model->train();

    const std::vector<torch::Tensor> parameters = trained_parameters(model, o.decoder_only);
    torch::optim::Adam optimizer(parameters, torch::optim::AdamOptions(o.learning_rate).betas({0.9, 0.99}));
    TrainerState state;
    if (!load_checkpoint(model, optimizer, state, o)) {
        if (!o.decoder_only) initialise_from_seed(model, o.seed);
        state.usage = torch::zeros({codebook_size}, torch::kInt64);
        state.total_steps = o.steps;
    } else if (o.steps > state.total_steps) {
        state.total_steps = o.steps;  // extends a run: the learning-rate schedule stretches to the new end
    }
    const int64_t first_step = state.step;
    int64_t codes_used = 0;
    double probe_seconds = 0;
    VQTrainResult result;

    auto interrupted = [&]() {
        save_checkpoint(model, optimizer, state, o);
        throw Cancelled("cancelled during VQ training at step " + std::to_string(state.step));
    };
    while (state.total_steps == 0 || state.step < state.total_steps) {
        if (o.cancel.cancelled()) interrupted();
        const int64_t step = state.step;
        const auto step_start = std::chrono::steady_clock::now();
        if (step == o.plain_steps && !o.decoder_only) {
            const torch::Tensor latents = collect_latents(model, o, source, step);
            torch::NoGradGuard no_grad;
            model->quantizer()->embedding_weight().copy_(
                spherical_kmeans(latents, codebook_size, mix_seed(o.seed, step, kCodebookKmeans), 10));
        }
        const double lr = learning_rate_at(o, step, state.total_steps > 0 ? state.total_steps : step + 1000000);
        for (auto& group : optimizer.param_groups()) static_cast<torch::optim::AdamOptions&>(group.options()).lr(lr);

        const torch::Tensor images =
            source(mix_seed(o.seed, step, kTrainingImages), step, o.batch_size, model->config().image_size);
        VQStepLosses losses;
        torch::Tensor latent, loss, step_usage;
        {
            CpuAutocastScope autocast(o.bf16_autocast);
            torch::Tensor z_q;
            torch::Tensor extra = torch::zeros({}, torch::kFloat32);
            if (o.decoder_only) {  // the codes are fixed: no gradient reaches the encoder or the codebook
                torch::NoGradGuard frozen;
                latent = model->encode_latent(images);
                z_q = model->quantize(latent).z_q;
            } else {
                latent = model->encode_latent(images);
                if (step < o.plain_steps) {
                    z_q = model->quantizer()->normalise_latent(latent);
                } else {
                    VQQuantized q = model->quantize(latent);
                    z_q = q.z_q;
                    extra = q.codebook_loss + o.commitment_beta * q.commitment_loss;
                    losses.codebook = q.codebook_loss.item<double>();
                    losses.commitment = q.commitment_loss.item<double>();
                    step_usage = torch::bincount(q.indices.reshape({-1}), {}, codebook_size);
                }
            }
            const torch::Tensor reconstruction = model->decode_latent(z_q).to(torch::kFloat32);
            const torch::Tensor mse = (reconstruction - images).pow(2).mean();
            losses.reconstruction = mse.item<double>();
            loss = mse + extra;
            if (o.edge_weight > 0) loss = loss + o.edge_weight * edge_loss(reconstruction, images);
        }
        // Checked again between the forward and the backward pass (most of a step): nothing of this step has
        // changed the state yet, so the checkpoint is the one before it and a resume redoes the step.
        if (o.cancel.cancelled()) interrupted();
        if (step_usage.defined()) state.usage += step_usage;
        optimizer.zero_grad();
        loss.backward();
        torch::nn::utils::clip_grad_norm_(parameters, 1.0);
        optimizer.step();
        state.losses.push_back(losses);
        ++state.step;

        if (!o.decoder_only && step >= o.plain_steps && o.restart_every > 0 &&
            (step + 1 - o.plain_steps) % o.restart_every == 0) {
            codes_used = (state.usage > 0).sum().item<int64_t>();
            restart_unused_codes(model, state, latent, mix_seed(o.seed, step, kCodeRestarts));
        }
        if (state.total_steps == 0) {  // minute budget: time steps 2..kProbeSteps, then fix the count
            if (step - first_step >= 2)
                probe_seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - step_start).count();
            if (step - first_step + 1 == kProbeSteps) {
                const double per_step = probe_seconds / double(kProbeSteps - 2);
                const double elapsed =
                    std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
                const int64_t more = static_cast<int64_t>((o.max_minutes * 60.0 - elapsed) / per_step);
                state.total_steps =
                    std::max(state.step + 1, std::max(o.plain_steps + o.restart_every, state.step + more));
            }
        }
        if (state.total_steps > 0 && o.progress &&
            !o.progress(double(state.step) / double(state.total_steps), describe_step(state, o, codes_used)))
            interrupted();
        if (o.checkpoint_every > 0 && state.step % o.checkpoint_every == 0 && state.step < state.total_steps)
            save_checkpoint(model, optimizer, state, o);
    }
    if (state.step > first_step) save_checkpoint(model, optimizer, state, o);
    for (auto& parameter : model->parameters()) parameter.set_requires_grad(true);
    model->eval();
    result.steps_done = state.step;
    result.total_steps = state.total_steps;
    result.losses = state.losses;
    result.codes_used_last = codes_used;
    result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return result;
}

}  // namespace milr
