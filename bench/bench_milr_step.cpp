// One MILR step, measured two ways: (1) on the embedded model, broken down by phase (think, draw, decode,
// judge, optimise), medians over steps; (2) the cached schedule against the reference schedule (everything
// recomputed as the authors' code does) on a model with Janus-Pro-1B trunk dimensions and random weights, as a
// ratio measured in one run, with a check that both schedules give identical tokens.
#include <torch/torch.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include "core/milr/engine/milr_engine.h"
#include "core/model/layers.h"
#include "core/session/model_bundle.h"
#include "core/session/reward_factory.h"
#include "core/text/bpe_tokenizer.h"
#include "core/util/threads.h"
#include "core/util/allocator.h"

namespace {

using Clock = std::chrono::steady_clock;
double seconds_since(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

double median(std::vector<double> values) {
    if (values.empty()) return 0.0;
    std::sort(values.begin(), values.end());
    const size_t n = values.size();
    return n % 2 ? values[n / 2] : 0.5 * (values[n / 2 - 1] + values[n / 2]);
}

// A reward that needs no model and is the same for both schedules: the image's mean brightness.
class BrightnessReward : public milr::Reward {
public:
    std::string name() const override { return "brightness"; }
    milr::RewardResult score(const milr::RewardRequest& request) override {
        double sum = 0;
        for (uint8_t v : request.image->pixels) sum += v;
        const double value = sum / (255.0 * double(std::max<size_t>(request.image->pixels.size(), 1)));
        return {value, false, {{"brightness", value, 1.0}}, {}};
    }
};

void phase_breakdown(int steps) {
    milr::ModelBundle bundle = milr::load_model_bundle(milr::embedded_model_folder());
    milr::MilrEngine engine(bundle.model, bundle.tokenizer);
    milr::MilrOptions options;
    options.prompt = "a photo of a red circle left of a blue square";
    options.mode = milr::MilrMode::both;
    options.steps = steps;
    options.cfg_weight = 3.0;
    options.reward_threshold = 1.0;  // never exceeded: every step runs
    milr::RewardSpec spec;
    milr::BuiltReward reward = milr::make_reward(spec, options.prompt);
    options.metadata = reward.metadata;
    engine.run(options, *reward.reward);  // warm-up (allocations, first-touch)
    const milr::MilrRunResult result = engine.run(options, *reward.reward);
    std::vector<double> think, draw, decode, judge, optimise, total;
    for (const milr::StepRecord& r : result.records) {
        if (r.step == 0) continue;
        think.push_back(r.timings.think_ms);
        draw.push_back(r.timings.draw_ms);
        decode.push_back(r.timings.decode_ms);
        judge.push_back(r.timings.judge_ms);
        optimise.push_back(r.timings.optimise_ms);
        total.push_back(r.timings.total_ms());
    }
    std::printf("MILR step (mode both, lambda_t %.2f, lambda_v %.2f) on the embedded model, median of %zu steps:\n",
                options.lambda_text, options.lambda_image, total.size());
    std::printf(
        "  think %.1f ms | draw %.1f ms | decode %.1f ms | judge %.1f ms | optimise %.1f ms | total %.1f ms "
        "(target: under 100 ms)\n",
        median(think), median(draw), median(decode), median(judge), median(optimise), median(total));
    if (!result.error.empty()) std::printf("  run error: %s\n", result.error.c_str());
}

// Janus-Pro-1B's trunk (24 layers, width 2048, 16 heads, MLP 5632) with the test tokenizer's vocabulary and a
// small codec (4 x 4 image tokens), so that the schedules' difference is measured where it lies: the prompt and
// reasoning recomputation of the language model.
milr::JanusModel trunk_1b_model(int64_t vocab) {
    milr::JanusConfig config = milr::janus_pro_config("1B");
    config.vision.reset();
    config.aligner.reset();
    config.language.vocab_size = vocab;
    config.gen_vision.image_size = 64;  // 16x downsampling: 4 x 4 tokens
    config.gen_vision.base_channels = 16;
    config.gen_vision.norm_groups = 16;
    milr::JanusModel model(config, torch::TensorOptions().dtype(torch::kFloat32));
    milr::init_parameters(*model, 5);
    milr::set_trainable(*model, false);
    model->eval();
    return model;
}

void schedule_ratio(const std::string& tokenizer_folder, int reasoning_tokens) {
    std::shared_ptr<const milr::Tokenizer> tokenizer(milr::BpeTokenizer::load_folder(tokenizer_folder));
    milr::JanusModel model = trunk_1b_model(tokenizer->vocab_size());
    milr::MilrEngine engine(model, tokenizer);
    BrightnessReward reward;
    std::vector<std::vector<int64_t>> reasoning[2], images[2];
    double seconds[2] = {0, 0};
    for (const milr::Schedule schedule : {milr::Schedule::reference, milr::Schedule::cached}) {
        milr::MilrOptions options;
        options.prompt = "a photo of a red circle left of a blue square";
        options.mode = milr::MilrMode::both;
        options.steps = 1;
        options.lambda_text = 0.25;
        options.lambda_image = 0.1;
        options.max_reasoning_tokens = reasoning_tokens;
        options.reward_threshold = 1.0;
        options.schedule = schedule;
        const int index = schedule == milr::Schedule::cached ? 1 : 0;
        const auto start = Clock::now();
        const milr::MilrRunResult result = engine.run(options, reward);
        seconds[index] = seconds_since(start);
        if (!result.error.empty()) std::printf("  run error: %s\n", result.error.c_str());
        for (const milr::StepRecord& r : result.records) {
            reasoning[index].push_back(r.reasoning_tokens);
            images[index].push_back(r.image_tokens);
        }
        std::printf("  %-9s schedule: %.1f s for the initial generation and one step (%zu reasoning tokens)\n",
                    index ? "cached" : "reference", seconds[index],
                    result.records.empty() ? size_t(0) : result.records.back().reasoning_tokens.size());
    }
    const bool identical = reasoning[0] == reasoning[1] && images[0] == images[1];
    std::printf("  cached is %.2fx faster than the reference schedule (target: at least 2x); tokens identical: %s\n",
                seconds[0] / seconds[1], identical ? "yes" : "NO");
}

}  // namespace

int main(int argc, char** argv) {
    milr::keep_freed_memory_for_reuse();  // before the first tensor (see core/util/allocator.h)
    milr::rerun_with_passive_omp_wait(argv);
    int threads = 2, steps = 16, reasoning_tokens = 16;
    bool phases = true, schedules = true;
    std::string tokenizer_folder = std::string(MILR_TEST_DATA) + "/text/deepseek-style";
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == "--threads" && i + 1 < argc)
            threads = std::stoi(argv[++i]);
        else if (arg == "--steps" && i + 1 < argc)
            steps = std::stoi(argv[++i]);
        else if (arg == "--reasoning-tokens" && i + 1 < argc)
            reasoning_tokens = std::stoi(argv[++i]);
        else if (arg == "--tokenizer" && i + 1 < argc)
            tokenizer_folder = argv[++i];
        else if (arg == "--phases-only")
            schedules = false;
        else if (arg == "--schedules-only")
            phases = false;
        else {
            std::printf(
                "usage: bench_milr_step [--threads N] [--steps N] [--reasoning-tokens N] [--tokenizer DIR]\n"
                "                       [--phases-only | --schedules-only]\n");
            return 2;
        }
    }
    try {
        std::printf("threads %d\n", milr::configure_torch_threads(threads));
        if (phases) phase_breakdown(steps);
        if (schedules) {
            std::printf("cached vs reference schedule, Janus-Pro-1B trunk dimensions, random weights, fp32:\n");
            schedule_ratio(tokenizer_folder, reasoning_tokens);
        }
    } catch (const std::exception& e) {
        std::fprintf(stderr, "bench_milr_step: %s\n", e.what());
        return 1;
    }
    return 0;
}
