// Long run: 1,000 MILR steps back to back in one process on the embedded model (runs of 10 steps over varied
// prompts, as a demo or a sweep leaves the app running), printing resident memory every 50 steps and the
// ratio of the final figure to the one after the first 50 steps (goal: within 5%).
#include <torch/torch.h>

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include "core/milr/engine/milr_engine.h"
#include "core/session/model_bundle.h"
#include "core/session/reward_factory.h"
#include "core/util/threads.h"
#include "core/util/allocator.h"

namespace {

double resident_mib() {
    std::ifstream statm("/proc/self/statm");
    long pages_total = 0, pages_resident = 0;
    statm >> pages_total >> pages_resident;
    return double(pages_resident) * double(::sysconf(_SC_PAGESIZE)) / (1024.0 * 1024.0);
}

const char* kPrompts[] = {
    "a photo of a red circle left of a blue square",
    "a photo of two green triangles",
    "a photo of a yellow cross",
    "a photo of three purple circles",
    "a photo of a blue triangle above a black square",
    "a photo of a red square and a green cross",
};

}  // namespace

int main(int argc, char** argv) {
    milr::keep_freed_memory_for_reuse();  // before the first tensor (see core/util/allocator.h)
    milr::rerun_with_passive_omp_wait(argv);
    int total_steps = 1000, steps_per_run = 10;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == "--steps" && i + 1 < argc)
            total_steps = std::stoi(argv[++i]);
        else if (arg == "--steps-per-run" && i + 1 < argc)
            steps_per_run = std::stoi(argv[++i]);
        else {
            std::printf("usage: bench_long_run [--steps N] [--steps-per-run N]\n");
            return 2;
        }
    }
    try {
        milr::configure_torch_threads(2);
        milr::ModelBundle bundle = milr::load_model_bundle(milr::embedded_model_folder());
        milr::MilrEngine engine(bundle.model, bundle.tokenizer);
        const auto start = std::chrono::steady_clock::now();
        int done = 0, run = 0, next_report = 50;
        double after_first_50 = 0, peak = 0;
        std::printf("steps  resident MiB  mean reward of the last runs\n");
        double reward_sum = 0;
        int reward_count = 0;
        while (done < total_steps) {
            milr::MilrOptions options;
            options.prompt = kPrompts[run % 6];
            options.mode = milr::MilrMode::both;
            options.steps = std::min(steps_per_run, total_steps - done);
            options.reward_threshold = 1.0;  // never exceeded: every step runs
            options.cfg_weight = 3.0;
            options.seed = static_cast<uint64_t>(run);
            milr::BuiltReward reward = milr::make_reward(milr::RewardSpec{}, options.prompt);
            options.metadata = reward.metadata;
            const milr::MilrRunResult result = engine.run(options, *reward.reward);
            if (!result.error.empty()) throw std::runtime_error("run " + std::to_string(run) + ": " + result.error);
            for (const milr::StepRecord& r : result.records) reward_sum += r.reward, ++reward_count;
            done += options.steps;
            ++run;
            const double rss = resident_mib();
            peak = std::max(peak, rss);
            if (done >= next_report) {
                if (after_first_50 == 0) after_first_50 = rss;
                std::printf("%5d  %12.1f  %.3f\n", done, rss, reward_sum / std::max(reward_count, 1));
                std::fflush(stdout);
                reward_sum = 0, reward_count = 0;
                next_report += 50;
            }
        }
        const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        const double end = resident_mib();
        std::printf(
            "%d steps in %d runs, %.0f s (%.0f ms/step); resident after 50 steps %.1f MiB, at the end %.1f MiB "
            "(%+.1f%%; goal within 5%%), peak %.1f MiB\n",
            done, run, seconds, 1000.0 * seconds / done, after_first_50, end,
            100.0 * (end - after_first_50) / after_first_50, peak);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "bench_long_run: %s\n", e.what());
        return 1;
    }
    return 0;
}
