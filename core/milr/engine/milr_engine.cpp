// The MILR run: think, draw, judge, then REINFORCE steps on the latents of the first reasoning and image
// tokens (docs/design/milr-algorithm.md) under the chosen estimator, with the caching of the "cached" schedule and
// the recomputation of the "reference" one; Best-of-N (from the reasoning, sampled reasonings or the prompt alone)
// with the same number of reward calls.
#include "core/milr/engine/milr_engine.h"

#include <torch/torch.h>

#include <chrono>
#include <cmath>
#include <optional>

#include "core/generate/image_decode.h"
#include "core/generate/image_generation.h"
#include "core/generate/prompt_cache.h"
#include "core/generate/sampling.h"
#include "core/generate/text_generation.h"
#include "core/milr/engine/context_budget.h"
#include "core/milr/engine/latent_objective.h"
#include "core/milr/engine/recomputed_text_generation.h"
#include "core/text/chat_template.h"
#include "core/util/error.h"

namespace milr {

namespace {

using Clock = std::chrono::steady_clock;
constexpr int64_t kPrefillChunk = 256;  // positions per prefill chunk; cancel is checked between chunks
// Random streams of a run besides the image sampling (seeded with the run's seed): changing one changes the runs
// that use it, so they are named here once.
constexpr uint64_t kRandomDirectionStream = 0x5eed0001;  // the random-direction control's directions
constexpr uint64_t kReasoningSampleStream = 0x5eed0002;  // Best-of-N's sampled reasonings (plus the sample index)

double milliseconds_since(Clock::time_point start) {
    return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

double norm_of(const torch::Tensor& t) {
    return t.defined() && t.numel() > 0 ? t.to(torch::kFloat).norm().item<double>() : 0.0;
}

void check_finite(const torch::Tensor& t, const std::string& what) {
    if (t.defined() && t.numel() > 0 && !torch::isfinite(t.to(torch::kFloat)).all().item<bool>())
        throw NumericalError(what + " hold NaN or Inf");
}

class Run {
public:
    Run(JanusModel& model, const Tokenizer& tokenizer, const MilrOptions& options, Reward* reward,
        const StepObserver& observer, const RunProgressCallback& progress, const CancelToken& cancel,
        MilrRunResult& result)
        : m_model(model),
          m_tokenizer(tokenizer),
          m_options(options),
          m_reward(reward),
          m_observer(observer),
          m_progress(progress),
          m_cancel(cancel),
          m_result(result),
          m_special(JanusSpecialTokens::resolve(tokenizer)),
          m_generator(make_generator(options.seed)),
          m_direction_generator(make_generator(options.seed ^ kRandomDirectionStream)) {
        m_chat = run_chat_template(options);
        m_grid = m_model->config().gen_vision.grid_size();
        m_latent_dtype = options.latent_precision == LatentPrecision::bf16 ? torch::kBFloat16 : torch::kFloat32;
    }

    void execute() {
        PhaseTimings timings;
        if (!draws_from_prompt_alone()) think(timings);
        if (m_options.mode == MilrMode::best_of_n) return best_of_n(timings);
        const ImageGeneration first =
            draw(image_prompt(), {}, m_options.optimises_image() ? image_latent_count() : 0, 0, timings);
        m_initial_image_tokens = m_image_tokens = first.tokens;
        if (m_options.optimises_image()) init_image_latents(first.hidden);
        measure_initial_margins();
        double reward = judge_and_record(0, timings, {});
        for (int step = 1; step <= m_options.steps; ++step) {
            if (reward > m_options.reward_threshold) {
                m_result.reached_threshold = true;
                break;
            }
            reward = optimise_step(step, reward);
        }
    }

private:
    // --- Think -------------------------------------------------------------------------------------------------
    void think(PhaseTimings& timings) {
        report(RunPhase::thinking, 0, 0.0);
        const auto start = Clock::now();
        m_think_ids = think_prompt_ids(m_tokenizer, m_options.prompt, m_chat);
        const TextGeneration thought = complete_reasoning({});
        m_initial_reasoning = m_reasoning = thought.tokens;
        if (m_options.optimises_text()) {
            const int64_t states = thought.hidden.size(0);
            const int64_t count = m_options.optimised_text_tokens(static_cast<int>(states));
            check_finite(thought.hidden, "the reasoning's hidden states");
            m_text_latents =
                thought.hidden.slice(0, 0, count).detach().to(m_latent_dtype).clone().set_requires_grad(true);
            m_initial_text_latents = m_text_latents.detach().to(torch::kFloat).clone();
            m_text_optimiser = std::make_unique<torch::optim::Adam>(
                std::vector<torch::Tensor>{m_text_latents},
                torch::optim::AdamOptions(m_options.learning_rate).betas({0.9, 0.999}).eps(1e-8));
        }
        timings.think_ms = milliseconds_since(start);
    }

    // The greedy reasoning after `prefix`; with `sample_seed`, a reasoning sampled at the run's temperature instead.
    TextGeneration complete_reasoning(const std::vector<int64_t>& prefix, std::optional<uint64_t> sample_seed = {}) {
        TextGenerationOptions options;
        options.max_new_tokens = m_options.max_reasoning_tokens;
        options.stop_ids = {m_special.eos};
        options.cancel = m_cancel;
        options.token_name = "reasoning token";
        if (sample_seed) {
            options.temperature = m_options.temperature;
            options.seed = *sample_seed;
        }
        if (m_options.schedule == Schedule::reference && !sample_seed)
            return generate_text_recomputed(m_model, m_think_ids, prefix, options);
        if (m_think_prompt.length() == 0)
            m_think_prompt = prefill_tokens(m_model, {m_think_ids}, kPrefillChunk, m_cancel);
        return generate_text(m_model, m_think_prompt, prefix, options);
    }

    std::string reasoning_text() const { return m_tokenizer.decode(m_reasoning, true); }

    // --- Draw --------------------------------------------------------------------------------------------------
    bool draws_from_prompt_alone() const {
        return m_options.mode == MilrMode::best_of_n && m_options.sample_source == SampleSource::prompt_only;
    }

    std::string image_content() const {
        if (m_options.mode == MilrMode::image || draws_from_prompt_alone()) return m_options.prompt;
        return m_options.prompt + ". " + reasoning_text();
    }

    // The [cond, uncond] prompt pair for the current reasoning. Cached schedule: the pad prefix of the
    // unconditional row is computed once and, in image mode, the whole pair is reused across steps.
    const PrefilledPrompt& image_prompt() {
        const std::vector<int64_t> cond = image_prompt_ids(m_tokenizer, image_content(), m_chat);
        require_image_prompt_fits(static_cast<int64_t>(cond.size()), m_model->config());
        if (m_options.schedule == Schedule::reference) {
            m_pair = prefill_tokens(m_model, {cond, unconditional_row(cond, m_special)}, kPrefillChunk, m_cancel);
            return m_pair;
        }
        if (m_pair.length() > 0 && cond == m_pair_ids) return m_pair;
        const int64_t needed = static_cast<int64_t>(cond.size()) - 1;
        if (m_pad_prefix.length() < needed) {
            std::vector<int64_t> pads(static_cast<size_t>(needed + 64), m_special.pad);
            pads[0] = m_special.bos;
            m_pad_prefix = prefill_tokens(m_model, {pads}, kPrefillChunk, m_cancel);
        }
        PrefilledPrompt cond_prompt = prefill_tokens(m_model, {cond}, kPrefillChunk, m_cancel);
        PrefilledPrompt uncond_prompt =
            unconditional_row(m_model, m_pad_prefix, static_cast<int64_t>(cond.size()), m_special.begin_of_image);
        m_pair = stack_prompts({cond_prompt, uncond_prompt});
        m_pair_ids = cond;
        return m_pair;
    }

    ImageGeneration draw(const PrefilledPrompt& pair, const std::vector<int64_t>& prefix, int64_t keep_hidden, int step,
                         PhaseTimings& timings) {
        report(RunPhase::drawing, step, 0.2);
        const auto start = Clock::now();
        ImageGenerationOptions options;
        options.cfg_weight = m_options.cfg_weight;
        options.temperature = m_options.temperature;
        options.keep_hidden = keep_hidden;
        options.cancel = m_cancel;
        options.progress = [this, step](double fraction, const std::string&) {
            report(RunPhase::drawing, step, 0.2 + 0.6 * fraction);
            return !m_cancel.cancelled();
        };
        ImageGeneration generation = generate_image_tokens(m_model, pair, prefix, options, m_generator);
        timings.draw_ms += milliseconds_since(start);
        return generation;
    }

    int64_t image_latent_count() const { return m_options.optimised_image_tokens(static_cast<int>(m_grid * m_grid)); }

    void init_image_latents(const torch::Tensor& hidden_pairs) {
        check_finite(hidden_pairs, "the image tokens' hidden states");
        m_image_latents = hidden_pairs.detach().to(m_latent_dtype).clone().set_requires_grad(true);
        m_initial_image_latents = m_image_latents.detach().to(torch::kFloat).clone();
        m_image_optimiser = std::make_unique<torch::optim::Adam>(
            std::vector<torch::Tensor>{m_image_latents},
            torch::optim::AdamOptions(m_options.learning_rate).betas({0.9, 0.999}).eps(1e-8));
    }

    // --- Judge and record ------------------------------------------------------------------------------------------
    struct LatentStats {
        double text_grad_norm = 0, image_grad_norm = 0, text_logprob = 0, image_logprob = 0, loss_weight = 0;
    };

    double judge_and_record(int step, PhaseTimings timings, const LatentStats& stats) {
        report(RunPhase::decoding, step, 0.8);
        auto start = Clock::now();
        StepRecord record;
        record.image = decode_image(m_model, m_image_tokens);
        timings.decode_ms = milliseconds_since(start);
        m_cancel.throw_if_cancelled("decoding");

        if (m_reward) {
            report(RunPhase::judging, step, 0.9);
            start = Clock::now();
            RewardRequest request{&record.image, m_options.prompt, m_options.metadata, step, m_cancel};
            const RewardResult reward = m_reward->score(request);
            timings.judge_ms = milliseconds_since(start);
            record.reward = validated_reward_value(reward.value, m_reward->name());
            record.passed = reward.passed;
            record.reward_breakdown = reward.components;
            record.reward_reasons = reward.reasons;
        }

        record.step = step;
        record.mode = mode_name(m_options.mode);
        record.seed = m_options.seed;
        record.reasoning = reasoning_text();
        record.reasoning_tokens = m_reasoning;
        record.reasoning_pieces = display_pieces(m_tokenizer, m_reasoning, true);
        const std::vector<int64_t>& previous_reasoning =
            m_result.records.empty() ? m_reasoning : m_result.records.back().reasoning_tokens;
        record.reasoning_changed_since_previous = changed_positions(previous_reasoning, m_reasoning);
        record.reasoning_changed_since_initial = changed_positions(m_initial_reasoning, m_reasoning);
        record.optimised_text_tokens = m_text_latents.defined() ? static_cast<int>(m_text_latents.size(0)) : 0;
        record.image_tokens = m_image_tokens;
        record.grid_width = record.grid_height = static_cast<int>(m_grid);
        const std::vector<int64_t>& previous_image =
            m_result.records.empty() ? m_image_tokens : m_result.records.back().image_tokens;
        record.image_changed_since_previous = changed_positions(previous_image, m_image_tokens);
        record.image_changed_since_initial = changed_positions(m_initial_image_tokens, m_image_tokens);
        record.optimised_image_tokens = m_image_latents.defined() ? static_cast<int>(m_image_latents.size(0)) : 0;
        if (m_text_latents.defined())
            record.text_latent_distance = norm_of(m_text_latents.detach().to(torch::kFloat) - m_initial_text_latents);
        if (m_image_latents.defined())
            record.image_latent_distance =
                norm_of(m_image_latents.detach().to(torch::kFloat) - m_initial_image_latents);
        record.text_grad_norm = stats.text_grad_norm;
        record.image_grad_norm = stats.image_grad_norm;
        record.text_logprob = stats.text_logprob;
        record.image_logprob = stats.image_logprob;
        record.loss_weight = stats.loss_weight;
        record.text_margin = m_text_margin;
        record.image_margin = m_image_margin;
        record.timings = timings;
        m_result.records.push_back(std::move(record));
        if (m_observer) m_observer(m_result.records.back());
        report(RunPhase::judging, step, 1.0);
        return m_result.records.back().reward;
    }

    // --- One MILR step ---------------------------------------------------------------------------------------------
    double optimise_step(int step, double reward) {
        m_cancel.throw_if_cancelled("optimising");
        report(RunPhase::optimising, step, 0.0);
        PhaseTimings timings;
        LatentStats stats;
        auto start = Clock::now();
        {
            torch::AutoGradMode grad(true);
            const double weight = loss_weight(m_options.estimator, reward, reward_baseline(earlier_rewards()));
            stats.loss_weight = weight;
            const bool reinforce = m_options.estimator == Estimator::reinforce;
            torch::Tensor loss;
            if (m_text_latents.defined() && m_options.optimises_text()) {
                m_text_optimiser->zero_grad();
                const torch::Tensor logits = m_model->text_logits(m_text_latents.to(m_model->dtype()));
                // The text prefix is the greedy choice from the latents: REINFORCE's used tokens are the run's own.
                const torch::Tensor likelihood = reinforce
                    ? used_token_log_likelihood(logits, used_reasoning_prefix(logits.size(0)), 0.0)
                    : argmax_log_likelihood(logits, 1e-8);
                stats.text_logprob = likelihood.item<double>();
                loss = weight * likelihood;
            }
            if (m_image_latents.defined() && m_options.optimises_image()) {
                m_image_optimiser->zero_grad();
                const torch::Tensor fused =
                    fused_image_logits(m_model, m_image_latents.to(m_model->dtype()), m_options.cfg_weight);
                // REINFORCE: the sampled prefix under the distribution it was drawn from. The authors' loss: the
                // argmax, with the 1e-8 inside the log in image mode only, as the reference does.
                const torch::Tensor likelihood = reinforce
                    ? used_token_log_likelihood(fused, used_image_prefix(fused.size(0)), m_options.temperature)
                    : argmax_log_likelihood(fused, m_options.mode == MilrMode::image ? 1e-8 : 0.0);
                stats.image_logprob = likelihood.item<double>();
                loss = loss.defined() ? loss + weight * likelihood : weight * likelihood;
            }
            if (loss.defined()) {
                loss.backward();
                if (m_text_latents.defined() && m_options.optimises_text()) {
                    stats.text_grad_norm = norm_of(m_text_latents.grad());
                    if (m_options.update_direction == UpdateDirection::random)
                        randomise_gradient_direction(m_text_latents, m_direction_generator);
                    m_text_optimiser->step();
                    check_finite(m_text_latents, "the text latents after step " + std::to_string(step));
                }
                if (m_image_latents.defined() && m_options.optimises_image()) {
                    stats.image_grad_norm = norm_of(m_image_latents.grad());
                    if (m_options.update_direction == UpdateDirection::random)
                        randomise_gradient_direction(m_image_latents, m_direction_generator);
                    m_image_optimiser->step();
                    check_finite(m_image_latents, "the image latents after step " + std::to_string(step));
                }
            }
        }
        timings.optimise_ms = milliseconds_since(start);

        torch::NoGradGuard no_grad;
        if (m_options.optimises_text()) {
            report(RunPhase::thinking, step, 0.1);
            start = Clock::now();
            const torch::Tensor logits = m_model->text_logits(m_text_latents.detach().to(m_model->dtype()));
            require_finite_logits(logits,
                                  {"the optimised reasoning tokens after step " + std::to_string(step), "lm_head"});
            m_text_margin = mean_top2_margin(logits, 0.0);
            const torch::Tensor prefix_ids = logits.argmax(-1).to(torch::kCPU);
            std::vector<int64_t> prefix(prefix_ids.data_ptr<int64_t>(),
                                        prefix_ids.data_ptr<int64_t>() + prefix_ids.numel());
            m_reasoning = complete_reasoning(prefix).tokens;
            timings.think_ms = milliseconds_since(start);
        }
        const PrefilledPrompt& pair = image_prompt();
        std::vector<int64_t> image_prefix;
        if (m_options.optimises_image()) {
            const torch::Tensor fused =
                fused_image_logits(m_model, m_image_latents.detach().to(m_model->dtype()), m_options.cfg_weight);
            require_finite_logits(fused, {"the optimised image tokens after step " + std::to_string(step), "gen_head"});
            m_image_margin = mean_top2_margin(fused, m_options.temperature);
            const torch::Tensor ids = m_options.image_prefix_rule == ImagePrefixRule::argmax
                ? fused.argmax(-1).to(torch::kCPU)
                : choose_tokens(fused, m_options.temperature, m_generator);
            image_prefix.assign(ids.data_ptr<int64_t>(), ids.data_ptr<int64_t>() + ids.numel());
        }
        m_image_tokens = draw(pair, image_prefix, 0, step, timings).tokens;
        return judge_and_record(step, timings, stats);
    }

    // The rewards before the current (latest) one.
    std::vector<double> earlier_rewards() const {
        std::vector<double> rewards;
        for (size_t i = 0; i + 1 < m_result.records.size(); ++i) rewards.push_back(m_result.records[i].reward);
        return rewards;
    }

    // The tokens the latents' rows last produced: the reasoning's first `rows` tokens (a row past its end predicted
    // the stop token), and the image's first `rows` tokens.
    std::vector<int64_t> used_reasoning_prefix(int64_t rows) const {
        std::vector<int64_t> used(static_cast<size_t>(rows), m_special.eos);
        for (size_t i = 0; i < used.size() && i < m_reasoning.size(); ++i) used[i] = m_reasoning[i];
        return used;
    }
    std::vector<int64_t> used_image_prefix(int64_t rows) const {
        return {m_image_tokens.begin(), m_image_tokens.begin() + std::min<int64_t>(rows, m_image_tokens.size())};
    }

    // The margins of the initial latents (later steps measure them when they re-derive the prefixes).
    void measure_initial_margins() {
        torch::NoGradGuard no_grad;
        if (m_text_latents.defined())
            m_text_margin = mean_top2_margin(m_model->text_logits(m_text_latents.detach().to(m_model->dtype())), 0.0);
        if (m_image_latents.defined())
            m_image_margin = mean_top2_margin(
                fused_image_logits(m_model, m_image_latents.detach().to(m_model->dtype()), m_options.cfg_weight),
                m_options.temperature);
    }

    // --- Best-of-N ---------------------------------------------------------------------------------------------------
    void best_of_n(PhaseTimings think_timings) {
        for (int sample = 0; sample <= m_options.steps; ++sample) {
            PhaseTimings timings = sample == 0 ? think_timings : PhaseTimings{};
            if (sample > 0 && m_options.sample_source == SampleSource::sampled_reasoning) {
                report(RunPhase::thinking, sample, 0.1);
                const auto start = Clock::now();
                m_reasoning = complete_reasoning({}, m_options.seed ^ (kReasoningSampleStream + sample)).tokens;
                timings.think_ms = milliseconds_since(start);
            }
            const PrefilledPrompt& pair = image_prompt();
            m_image_tokens = draw(pair, {}, 0, sample, timings).tokens;
            if (sample == 0) m_initial_image_tokens = m_image_tokens;
            const double reward = judge_and_record(sample, timings, {});
            if (reward > m_options.reward_threshold) {
                m_result.reached_threshold = true;
                break;
            }
        }
    }

    void report(RunPhase phase, int step, double within_step) {
        if (!m_progress) return;
        const double total = static_cast<double>(m_options.steps + 1);
        m_progress({phase, step, std::min(1.0, (static_cast<double>(step) + within_step) / total)});
    }

    JanusModel& m_model;
    const Tokenizer& m_tokenizer;
    const MilrOptions& m_options;
    Reward* m_reward;  // null: draw without judging (generation only)
    const StepObserver& m_observer;
    const RunProgressCallback& m_progress;
    CancelToken m_cancel;
    MilrRunResult& m_result;
    JanusSpecialTokens m_special;
    at::Generator m_generator;
    at::Generator m_direction_generator;  // the random-direction control's
    ChatTemplate m_chat;
    int64_t m_grid = 0;
    torch::ScalarType m_latent_dtype = torch::kFloat32;

    std::vector<int64_t> m_think_ids;
    PrefilledPrompt m_think_prompt;
    std::vector<int64_t> m_reasoning, m_initial_reasoning;
    PrefilledPrompt m_pad_prefix, m_pair;
    std::vector<int64_t> m_pair_ids;
    std::vector<int64_t> m_image_tokens, m_initial_image_tokens;
    torch::Tensor m_text_latents, m_initial_text_latents, m_image_latents, m_initial_image_latents;
    std::unique_ptr<torch::optim::Adam> m_text_optimiser, m_image_optimiser;
    double m_text_margin = -1.0, m_image_margin = -1.0;
};

int returned_index(const MilrRunResult& result, const MilrOptions& options) {
    if (result.records.empty()) return -1;
    if (options.returned_image == ReturnedImage::last && options.mode != MilrMode::best_of_n)
        return static_cast<int>(result.records.size()) - 1;
    int best = 0;
    for (size_t i = 1; i < result.records.size(); ++i)
        if (result.records[i].reward > result.records[static_cast<size_t>(best)].reward) best = static_cast<int>(i);
    return best;
}

}  // namespace

MilrEngine::MilrEngine(JanusModel model, std::shared_ptr<const Tokenizer> tokenizer)
    : m_model(std::move(model)), m_tokenizer(std::move(tokenizer)) {
    if (!m_model) throw Error("MILR engine: no model");
    if (!m_tokenizer) throw Error("MILR engine: no tokenizer");
    if (!m_model->has_vq()) throw Error("MILR engine: the model was loaded without its image codec");
}

namespace {
MilrRunResult run_guarded(JanusModel& model, const Tokenizer& tokenizer, const MilrOptions& options, Reward* reward,
                          const StepObserver& observer, const RunProgressCallback& progress,
                          const CancelToken& cancel) {
    options.validate();
    require_fits_context(tokenizer, options, model->config());
    MilrRunResult result;
    try {
        Run run(model, tokenizer, options, reward, observer, progress, cancel, result);
        run.execute();
    } catch (const Cancelled&) {
        result.cancelled = true;
    } catch (const RewardError& e) {
        result.error = e.what();
        result.failure = FailureKind::reward;
    } catch (const NumericalError& e) {
        result.error = e.what();
        result.failure = FailureKind::numerical;
    } catch (const std::exception& e) {
        result.error = e.what();
        result.failure = FailureKind::other;
    }
    result.returned_index = returned_index(result, options);
    return result;
}
}  // namespace

void throw_run_failure(const MilrRunResult& result, const std::string& context) {
    const std::string message = result.error + context;
    switch (result.failure) {
        case FailureKind::none:
            return;
        case FailureKind::reward:
            throw RewardError(message);
        case FailureKind::numerical:
            throw NumericalError(message);
        case FailureKind::other:
            throw Error(message);
    }
}

MilrRunResult MilrEngine::run(const MilrOptions& options, Reward& reward, const StepObserver& observer,
                              const RunProgressCallback& progress, const CancelToken& cancel) {
    return run_guarded(m_model, *m_tokenizer, options, &reward, observer, progress, cancel);
}

MilrRunResult MilrEngine::generate(const MilrOptions& options, const RunProgressCallback& progress,
                                   const CancelToken& cancel) {
    MilrOptions once = options;
    once.steps = 0;
    if (once.mode == MilrMode::best_of_n) once.mode = MilrMode::both;
    return run_guarded(m_model, *m_tokenizer, once, nullptr, {}, progress, cancel);
}

}  // namespace milr
