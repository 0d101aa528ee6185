// The table of bench methods.
#include "core/session/bench_method.h"

#include "core/util/error.h"

namespace milr {

namespace {
// A MILR mode; the estimator is the run's (--estimator) unless the method names one.
template <MilrMode mode>
void milr_mode(MilrOptions& o) {
    o.mode = mode;
}
template <MilrMode mode, Estimator estimator>
void milr_mode_with(MilrOptions& o) {
    o.mode = mode;
    o.estimator = estimator;
}
template <SampleSource source>
void best_of_n_from(MilrOptions& o) {
    o.mode = MilrMode::best_of_n;
    o.sample_source = source;
}
void random_direction(MilrOptions& o) {
    o.mode = MilrMode::both;
    o.update_direction = UpdateDirection::random;
}
void no_update(MilrOptions& o) {
    o.mode = MilrMode::both;
    o.learning_rate = 0.0;
}
void unchanged(MilrOptions&) {}

using M = MilrMode;
using E = Estimator;
using S = SampleSource;
}  // namespace

const std::vector<BenchMethod>& bench_methods() {
    static const std::vector<BenchMethod> methods{
        {"base", "think and draw once, no reward (the model alone)", true, unchanged},
        {"text", "MILR on the reasoning latents, the run's estimator", false, milr_mode<M::text>},
        {"image", "MILR on the image latents, the run's estimator", false, milr_mode<M::image>},
        {"both", "MILR on both, the run's estimator", false, milr_mode<M::both>},
        {"text-authors", "text with the authors' loss", false, milr_mode_with<M::text, E::authors>},
        {"image-authors", "image with the authors' loss", false, milr_mode_with<M::image, E::authors>},
        {"both-authors", "both with the authors' loss", false, milr_mode_with<M::both, E::authors>},
        {"text-reinforce", "text with REINFORCE and a baseline", false, milr_mode_with<M::text, E::reinforce>},
        {"image-reinforce", "image with REINFORCE and a baseline", false, milr_mode_with<M::image, E::reinforce>},
        {"both-reinforce", "both with REINFORCE and a baseline", false, milr_mode_with<M::both, E::reinforce>},
        {"random-direction", "control: both, the latents moved along a random direction of the gradient's norm", false,
         random_direction},
        {"lr-0", "control: both with learning rate 0 (re-derives and re-samples, the latents never move)", false,
         no_update},
        {"best-of-n", "N samples from the run's one reasoning, the best kept", false,
         best_of_n_from<S::same_reasoning>},
        {"best-of-n-reasoning", "N samples, each after its own sampled reasoning (the first: the greedy one)", false,
         best_of_n_from<S::sampled_reasoning>},
        {"best-of-n-prompt", "N samples from the prompt alone, no reasoning", false, best_of_n_from<S::prompt_only>},
    };
    return methods;
}

std::string bench_method_names() {
    std::string names;
    for (const BenchMethod& method : bench_methods()) names += (names.empty() ? "" : ", ") + std::string(method.name);
    return names;
}

bool is_bench_method(const std::string& name) {
    for (const BenchMethod& method : bench_methods())
        if (name == method.name) return true;
    return false;
}

const BenchMethod& bench_method(const std::string& name) {
    for (const BenchMethod& method : bench_methods())
        if (name == method.name) return method;
    throw Error("unknown method '" + name + "' (use " + bench_method_names() + ")");
}

}  // namespace milr
