// Training loop of the generation side of a Janus-architecture model: think batches (text loss on the
// reasoning answer) and draw batches (image-token loss, CFG dropout), AdamW with warm-up + cosine decay.
#include "core/train/lm_trainer.h"

#include <torch/torch.h>

#include <chrono>
#include <cmath>
#include <fstream>
#include <random>
#include <sstream>

#include "core/io/safetensors.h"
#include "core/text/chat_template.h"
#include "core/train/autocast.h"
#include "core/util/error.h"

namespace milr {

namespace {

// Step i of a run with seed s draws its batches from the stream s * kStepStreamStride + i. Part of the shipped
// model: changing it changes the examples every step trains on.
constexpr uint64_t kStepStreamStride = 1000003ULL;

constexpr int64_t kIgnore = -100;

// A padded batch: input embeddings, where the targets sit, and what they are.
struct Batch {
    torch::Tensor embeds;     // [B, L, H]
    torch::Tensor positions;  // [B, T] int64 (0 where padded)
    torch::Tensor targets;    // [B, T] int64 (kIgnore where padded)
};

Batch assemble(std::vector<torch::Tensor> rows, const std::vector<int64_t>& first_target_position,
               const std::vector<std::vector<int64_t>>& targets) {
    const int64_t batch = static_cast<int64_t>(rows.size());
    int64_t longest = 0, most_targets = 0;
    for (const auto& r : rows) longest = std::max(longest, r.size(0));
    for (const auto& t : targets) most_targets = std::max<int64_t>(most_targets, static_cast<int64_t>(t.size()));
    for (auto& r : rows) {
        if (r.size(0) < longest) r = torch::cat({r, torch::zeros({longest - r.size(0), r.size(1)}, r.options())});
    }
    torch::Tensor positions = torch::zeros({batch, most_targets}, torch::kLong);
    torch::Tensor target_ids = torch::full({batch, most_targets}, kIgnore, torch::kLong);
    auto p = positions.accessor<int64_t, 2>();
    auto t = target_ids.accessor<int64_t, 2>();
    for (int64_t b = 0; b < batch; ++b) {
        for (size_t j = 0; j < targets[b].size(); ++j) {
            p[b][j] = first_target_position[b] + static_cast<int64_t>(j);
            t[b][j] = targets[b][j];
        }
    }
    return {torch::stack(rows), positions, target_ids};
}

torch::Tensor ids_tensor(const std::vector<int64_t>& ids) { return torch::tensor(ids, torch::kLong).unsqueeze(0); }

// Think batch: [think prompt][answer without its last id]; targets = the answer (reasoning + EOS).
Batch think_batch(JanusModel& model, const std::vector<const LmExample*>& examples) {
    std::vector<torch::Tensor> rows;
    std::vector<int64_t> first;
    std::vector<std::vector<int64_t>> targets;
    for (const LmExample* e : examples) {
        std::vector<int64_t> ids = e->think_prompt;
        ids.insert(ids.end(), e->answer.begin(), e->answer.end() - 1);
        rows.push_back(model->embed_text(ids_tensor(ids)).squeeze(0));
        first.push_back(static_cast<int64_t>(e->think_prompt.size()) - 1);
        targets.push_back(e->answer);
    }
    return assemble(std::move(rows), first, targets);
}

// Draw batch: [image prompt or its unconditional row][image tokens without the last]; targets = the tokens.
Batch draw_batch(JanusModel& model, const std::vector<const LmExample*>& examples, const JanusSpecialTokens& special,
                 std::mt19937_64& rng, double cfg_dropout, double plain_fraction) {
    std::uniform_real_distribution<double> uniform(0.0, 1.0);
    std::vector<torch::Tensor> rows;
    std::vector<int64_t> first;
    std::vector<std::vector<int64_t>> targets;
    for (const LmExample* e : examples) {
        const bool plain = uniform(rng) < plain_fraction;
        std::vector<int64_t> prompt = plain ? e->plain_image_prompt : e->image_prompt;
        if (uniform(rng) < cfg_dropout) prompt = unconditional_row(prompt, special);
        std::vector<int64_t> inputs(e->image_tokens.begin(), e->image_tokens.end() - 1);
        torch::Tensor text = model->embed_text(ids_tensor(prompt)).squeeze(0);
        torch::Tensor image = model->embed_image_tokens(ids_tensor(inputs)).squeeze(0);
        rows.push_back(torch::cat({text, image.to(text.scalar_type())}));
        first.push_back(static_cast<int64_t>(prompt.size()) - 1);
        targets.push_back(e->image_tokens);
    }
    return assemble(std::move(rows), first, targets);
}

// Mean cross-entropy of the head's logits at the target positions.
torch::Tensor batch_loss(JanusModel& model, const Batch& batch, bool image_head) {
    torch::Tensor hidden = model->forward_hidden(batch.embeds);
    torch::Tensor index = batch.positions.unsqueeze(-1).expand({-1, -1, hidden.size(-1)});
    torch::Tensor picked = hidden.gather(1, index);
    torch::Tensor logits = image_head ? model->image_logits(picked) : model->text_logits(picked);
    return torch::nn::functional::cross_entropy(logits.to(torch::kFloat).reshape({-1, logits.size(-1)}),
                                                batch.targets.reshape({-1}),
                                                torch::nn::functional::CrossEntropyFuncOptions().ignore_index(kIgnore));
}

double learning_rate_at(const LmTrainOptions& o, int64_t step) {
    if (step < o.warmup_steps)
        return o.learning_rate * static_cast<double>(step + 1) / static_cast<double>(o.warmup_steps);
    const double progress = static_cast<double>(step - o.warmup_steps) /
        std::max<double>(1.0, static_cast<double>(o.steps - o.warmup_steps));
    return o.min_learning_rate +
        0.5 * (o.learning_rate - o.min_learning_rate) * (1.0 + std::cos(M_PI * std::min(1.0, progress)));
}

std::vector<const LmExample*> sample_examples(const std::vector<LmExample>& examples, int64_t count,
                                              std::mt19937_64& rng) {
    std::uniform_int_distribution<size_t> pick(0, examples.size() - 1);
    std::vector<const LmExample*> chosen;
    for (int64_t i = 0; i < count; ++i) chosen.push_back(&examples[pick(rng)]);
    return chosen;
}

void validate_examples(const std::vector<LmExample>& examples, const JanusModel& model) {
    if (examples.empty()) throw Error("language-model training: no examples");
    const int64_t vocab = model->config().language.vocab_size;
    const int64_t codes = model->config().gen_head.image_token_size;
    for (size_t i = 0; i < examples.size(); ++i) {
        const LmExample& e = examples[i];
        const std::string where = "training example " + std::to_string(i);
        if (e.think_prompt.empty() || e.answer.empty() || e.image_prompt.size() < 2 ||
            e.plain_image_prompt.size() < 2 || e.image_tokens.size() < 2)
            throw Error(where + " has an empty part");
        for (const auto* part : {&e.think_prompt, &e.answer, &e.image_prompt, &e.plain_image_prompt})
            for (int64_t id : *part)
                if (id < 0 || id >= vocab)
                    throw Error(where + " has text id " + std::to_string(id) + " outside the vocabulary");
        for (int64_t id : e.image_tokens)
            if (id < 0 || id >= codes)
                throw Error(where + " has image token " + std::to_string(id) + " outside the codebook");
    }
}

std::filesystem::path state_file(const LmTrainOptions& o) { return o.checkpoint_folder / "lm-trainer-state.json"; }

void save_checkpoint(JanusModel& model, torch::optim::AdamW& optimizer, const LmTrainOptions& o, int64_t step,
                     const LmTrainResult& result) {
    std::filesystem::create_directories(o.checkpoint_folder);
    std::map<std::string, torch::Tensor> tensors;
    for (auto& [name, tensor] : generation_parameters(model))
        tensors[name] = tensor.detach().to(torch::kFloat).contiguous();
    write_safetensors(o.checkpoint_folder / "lm-trainer-weights.safetensors", tensors);
    const auto optimizer_path = o.checkpoint_folder / "lm-trainer-optimizer.pt";
    torch::save(optimizer, (optimizer_path.string() + ".tmp"));
    std::filesystem::rename(optimizer_path.string() + ".tmp", optimizer_path);
    nlohmann::json state = {
        {"step", step}, {"seed", o.seed}, {"text_losses", result.text_losses}, {"image_losses", result.image_losses}};
    std::ofstream(state_file(o).string() + ".tmp") << state.dump();
    std::filesystem::rename(state_file(o).string() + ".tmp", state_file(o));
}

int64_t load_checkpoint(JanusModel& model, torch::optim::AdamW& optimizer, const LmTrainOptions& o,
                        LmTrainResult& result) {
    if (o.checkpoint_folder.empty() || !std::filesystem::exists(state_file(o))) return 0;
    nlohmann::json state = nlohmann::json::parse(std::ifstream(state_file(o)));
    if (state.value("seed", uint64_t(0)) != o.seed)
        throw Error("training checkpoint in " + o.checkpoint_folder.string() + " was made with another seed");
    auto weights = SafetensorsFile::open(o.checkpoint_folder / "lm-trainer-weights.safetensors");
    torch::NoGradGuard no_grad;
    for (auto& [name, tensor] : generation_parameters(model)) tensor.copy_(weights->tensor(name));
    torch::load(optimizer, (o.checkpoint_folder / "lm-trainer-optimizer.pt").string());
    result.text_losses = state["text_losses"].get<std::vector<double>>();
    result.image_losses = state["image_losses"].get<std::vector<double>>();
    return state["step"].get<int64_t>();
}

double tail_mean(const std::vector<double>& values, size_t count) {
    if (values.empty()) return 0.0;
    const size_t n = std::min(count, values.size());
    double sum = 0;
    for (size_t i = values.size() - n; i < values.size(); ++i) sum += values[i];
    return sum / static_cast<double>(n);
}

}  // namespace

std::vector<std::pair<std::string, torch::Tensor>> generation_parameters(JanusModel& model) {
    std::vector<std::pair<std::string, torch::Tensor>> parameters;
    auto add = [&](const std::string& prefix, torch::nn::Module& module) {
        for (const auto& item : module.named_parameters(true))
            parameters.emplace_back(prefix + item.key(), item.value());
    };
    add("language_model.", *model->language_model);
    add("gen_embed.", *model->gen_embed);
    add("gen_aligner.", *model->gen_aligner);
    add("gen_head.", *model->gen_head);
    return parameters;
}

LmTrainResult train_language_model(JanusModel& model, const std::vector<LmExample>& examples,
                                   const JanusSpecialTokens& special, const LmTrainOptions& options) {
    validate_examples(examples, model);
    if (options.batch_size < 1 || options.steps < 1)
        throw Error("language-model training: batch size and steps must be positive");
    std::vector<torch::Tensor> trainable;
    for (auto& [name, tensor] : generation_parameters(model)) {
        tensor.set_requires_grad(true);
        trainable.push_back(tensor);
    }
    torch::optim::AdamW optimizer(
        trainable,
        torch::optim::AdamWOptions(options.learning_rate).weight_decay(options.weight_decay).betas({0.9, 0.95}));
    LmTrainResult result;
    const int64_t start_step = load_checkpoint(model, optimizer, options, result);
    model->train();
    const auto started = std::chrono::steady_clock::now();
    int64_t step = start_step;
    for (; step < options.steps; ++step) {
        options.cancel.throw_if_cancelled("training");
        const double minutes = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count() / 60.0;
        if (options.max_minutes > 0 && minutes >= options.max_minutes) break;
        // Each step draws its batches from its own stream, so a resumed run repeats the same data.
        std::mt19937_64 rng(options.seed * kStepStreamStride + static_cast<uint64_t>(step));
        const double lr = learning_rate_at(options, step);
        for (auto& group : optimizer.param_groups()) static_cast<torch::optim::AdamWOptions&>(group.options()).lr(lr);

        optimizer.zero_grad();
        torch::Tensor text_loss, image_loss;
        {
            CpuAutocastScope autocast(options.bf16_autocast);
            text_loss =
                batch_loss(model, think_batch(model, sample_examples(examples, options.batch_size, rng)), false);
            image_loss = batch_loss(model,
                                    draw_batch(model, sample_examples(examples, options.batch_size, rng), special, rng,
                                               options.cfg_dropout, options.plain_prompt_fraction),
                                    true);
        }
        torch::Tensor loss = text_loss + image_loss;
        if (!std::isfinite(loss.item<double>()))
            throw Error("language-model training diverged at step " + std::to_string(step) + " (loss is not finite)");
        loss.backward();
        if (options.grad_clip > 0) torch::nn::utils::clip_grad_norm_(trainable, options.grad_clip);
        optimizer.step();
        result.text_losses.push_back(text_loss.item<double>());
        result.image_losses.push_back(image_loss.item<double>());

        if (options.checkpoint_every > 0 && !options.checkpoint_folder.empty() &&
            (step + 1) % options.checkpoint_every == 0)
            save_checkpoint(model, optimizer, options, step + 1, result);
        std::ostringstream phase;
        phase.precision(3);
        phase << "step " << (step + 1) << "/" << options.steps << "  text loss " << tail_mean(result.text_losses, 20)
              << "  image loss " << tail_mean(result.image_losses, 20) << "  lr " << lr;
        report_progress(options.progress, static_cast<double>(step + 1) / static_cast<double>(options.steps),
                        phase.str());
    }
    if (!options.checkpoint_folder.empty() && step > start_step)
        save_checkpoint(model, optimizer, options, step, result);
    model->eval();
    for (auto& tensor : trainable) tensor.set_requires_grad(false);
    result.steps_done = step;
    result.last_text_loss = tail_mean(result.text_losses, 20);
    result.last_image_loss = tail_mean(result.image_losses, 20);
    result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return result;
}

}  // namespace milr
