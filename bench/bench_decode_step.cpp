// Image-token decode step at Janus-Pro dimensions with random weights (CFG pair, 2 threads): ms per token and
// the fraction of the copy bandwidth measured in the same run, for each dtype and small-batch kernel.
#include <torch/torch.h>

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

#include "core/generate/image_generation.h"
#include "core/generate/sampling.h"
#include "core/model/janus_model.h"
#include "core/model/kernels.h"
#include "core/model/parameter_specs.h"
#include "core/util/threads.h"
#include "core/util/allocator.h"

namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

// Read+write bytes per second of a 1 GiB fp32 copy, best of 5 (the decode roofline, as in docs/design/toolchain.md).
double copy_bandwidth() {
    const torch::Tensor a = torch::rand({256 * 1024 * 1024}), b = torch::empty_like(a);
    double best = 1e9;
    for (int i = 0; i < 5; ++i) {
        const auto start = Clock::now();
        b.copy_(a);
        best = std::min(best, seconds_since(start));
    }
    return 2.0 * double(a.numel()) * 4.0 / best;
}

// Bytes per second of reading a 1 GiB fp32 tensor (a sum), best of 5: the roofline of a kernel that only reads,
// as the decode step reads its weights. On some machines a copy (read and write counted) runs at twice this.
double read_bandwidth() {
    const torch::Tensor a = torch::rand({256 * 1024 * 1024});
    double best = 1e9;
    for (int i = 0; i < 5; ++i) {
        const auto start = Clock::now();
        const double total = a.sum().item<double>();
        best = std::min(best, seconds_since(start));
        if (!(total > 0)) std::abort();  // keeps the sum
    }
    return double(a.numel()) * 4.0 / best;
}

int64_t available_memory_bytes() {
    std::ifstream meminfo("/proc/meminfo");
    std::string key;
    int64_t value = 0;
    std::string unit;
    while (meminfo >> key >> value >> unit)
        if (key == "MemAvailable:") return value * 1024;
    return 0;
}

// Bytes of the weights one image-token step reads: decoder layers, final norm, gen_head, gen_aligner.
int64_t step_weight_bytes(milr::JanusModel& model) {
    int64_t bytes = 0;
    for (const auto& item : model->named_parameters(true)) {
        const std::string& name = item.key();
        const bool read = name.rfind("language_model.model.layers.", 0) == 0 ||
            name == "language_model.model.norm.weight" || name.rfind("gen_head.", 0) == 0 ||
            name.rfind("gen_aligner.", 0) == 0;
        if (read) bytes += item.value().numel() * int64_t(item.value().element_size());
    }
    return bytes;
}

struct Result {
    double ms_per_token = 0;
};

// Times `steps` decode steps after `context` cached positions (random keys/values), median.
Result time_steps(milr::JanusModel& model, int64_t context, int steps) {
    torch::NoGradGuard no_grad;
    const milr::LanguageConfig& l = model->config().language;
    milr::KVCache cache = model->make_cache(2, context + steps + 2);
    for (int64_t layer = 0; layer < l.num_layers; ++layer) {
        const auto options = torch::TensorOptions().dtype(model->dtype());
        cache.append(layer, torch::randn({2, l.num_kv_heads, context, l.head_dim()}, options),
                     torch::randn({2, l.num_kv_heads, context, l.head_dim()}, options));
    }
    cache.commit(context);
    at::Generator generator = milr::make_generator(1);
    torch::Tensor h = torch::randn({2, l.hidden_size}).to(model->dtype());
    std::vector<double> times;
    for (int i = 0; i < steps + 1; ++i) {
        const auto start = Clock::now();
        const torch::Tensor fused = milr::fused_image_logits(model, h, 5.0).unsqueeze(0);
        const int64_t token = milr::choose_tokens(fused, 1.0, generator)[0].item<int64_t>();
        const torch::Tensor next = model->embed_image_tokens(torch::full({2, 1}, token, torch::kLong));
        h = model->forward_hidden(next, &cache).select(1, 0);
        if (i > 0) times.push_back(seconds_since(start));  // the first step warms up
    }
    std::sort(times.begin(), times.end());
    return {1000.0 * times[times.size() / 2]};
}

// Times only the matrix products of one step (every 2-D weight the step reads, applied to two rows), median.
double time_products(milr::JanusModel& model, int steps) {
    torch::NoGradGuard no_grad;
    std::vector<torch::Tensor> weights;
    for (const auto& item : model->named_parameters(true)) {
        const std::string& name = item.key();
        if (item.value().dim() == 2 &&
            (name.rfind("language_model.model.layers.", 0) == 0 || name.rfind("gen_head.", 0) == 0 ||
             name.rfind("gen_aligner.", 0) == 0))
            weights.push_back(item.value());
    }
    std::vector<double> times;
    for (int i = 0; i < steps + 1; ++i) {
        const auto start = Clock::now();
        for (const torch::Tensor& w : weights) milr::linear_forward(torch::ones({2, 1, w.size(1)}, w.options()), w);
        if (i > 0) times.push_back(seconds_since(start));
    }
    std::sort(times.begin(), times.end());
    return 1000.0 * times[times.size() / 2];
}

void fill_random(milr::JanusModel& model) {
    torch::NoGradGuard no_grad;
    for (auto& p : model->parameters()) p.normal_(0.0, 0.02);
}

}  // namespace

int main(int argc, char** argv) {
    milr::keep_freed_memory_for_reuse();  // before the first tensor (see core/util/allocator.h)
    milr::rerun_with_passive_omp_wait(argv);
    int threads = 2, steps = 8;
    int64_t context = 300;
    std::vector<std::string> sizes = {"1B"};
    std::vector<torch::ScalarType> dtypes = {torch::kFloat32, torch::kBFloat16};
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == "--threads" && i + 1 < argc)
            threads = std::stoi(argv[++i]);
        else if (arg == "--steps" && i + 1 < argc)
            steps = std::stoi(argv[++i]);
        else if (arg == "--context" && i + 1 < argc)
            context = std::stoll(argv[++i]);
        else if (arg == "--7b")
            sizes.push_back("7B");
        else if (arg == "--fp32")
            dtypes = {torch::kFloat32};
        else if (arg == "--bf16")
            dtypes = {torch::kBFloat16};
        else {
            std::printf("usage: bench_decode_step [--threads N] [--steps N] [--context N] [--7b] [--fp32|--bf16]\n");
            return 2;
        }
    }
    milr::configure_torch_threads(threads);
    const double bandwidth = copy_bandwidth();
    const double read = read_bandwidth();
    const char* policy = std::getenv("OMP_WAIT_POLICY");
    std::printf("threads %d, context %lld positions, %d steps (median), OMP_WAIT_POLICY=%s\n", threads,
                (long long)context, steps, policy ? policy : "(default)");
    std::printf("copy bandwidth (1 GiB fp32, read+write counted): %.1f GB/s; read bandwidth (1 GiB sum): %.1f GB/s\n",
                bandwidth / 1e9, read / 1e9);
    for (const std::string& size : sizes) {
        for (const torch::ScalarType dtype : dtypes) {
            const char* dtype_name = dtype == torch::kFloat32 ? "fp32" : "bf16";
            milr::JanusConfig config = milr::janus_pro_config(size);
            int64_t parameters = 0;  // built without the vision tower and the codec
            for (const milr::ParameterSpec& spec : milr::janus_parameter_specs(config, false))
                if (spec.module != "vision_tower" && spec.module != "aligner" && spec.module != "gen_vision_model")
                    parameters += spec.numel();
            const int64_t need = parameters * (dtype == torch::kFloat32 ? 4 : 2);
            const int64_t limit = std::min<int64_t>(available_memory_bytes() - (2ll << 30), 24ll << 30);
            if (need > limit) {
                std::printf("%s %s: skipped, the weights need %.1f GiB and %.1f GiB is available\n", size.c_str(),
                            dtype_name, double(need) / double(1ll << 30), double(limit) / double(1ll << 30));
                continue;
            }
            milr::JanusModel model(config, torch::TensorOptions().dtype(dtype), milr::ModelParts{false, false});
            fill_random(model);
            const int64_t weight_bytes = step_weight_bytes(model);
            const double roofline_ms = 1000.0 * double(weight_bytes) / bandwidth;
            std::printf("%s %s: weights read per step %.3f GB; roofline at the copy bandwidth %.1f ms/token\n",
                        size.c_str(), dtype_name, double(weight_bytes) / 1e9, roofline_ms);
            for (const milr::SmallBatchKernel kernel :
                 {milr::SmallBatchKernel::MatrixVector, milr::SmallBatchKernel::Linear}) {
                milr::set_small_batch_kernel(kernel);
                const Result r = time_steps(model, context, steps);
                const double fraction = double(weight_bytes) / (r.ms_per_token / 1000.0) / bandwidth;
                const double weights_per_second = double(weight_bytes) / (r.ms_per_token / 1000.0);
                std::printf(
                    "  %-15s %8.1f ms/token  %5.1f GB/s of weights  = %3.0f%% of copy, %3.0f%% of read bandwidth\n",
                    kernel == milr::SmallBatchKernel::MatrixVector ? "decode kernels" : "libtorch ops", r.ms_per_token,
                    weights_per_second / 1e9, 100.0 * fraction, 100.0 * weights_per_second / read);
                const double products_ms = time_products(model, steps);
                std::printf("    matrix products alone: %8.1f ms  = %3.0f%% of copy, %3.0f%% of read bandwidth\n",
                            products_ms, 100.0 * double(weight_bytes) / (products_ms / 1000.0) / bandwidth,
                            100.0 * double(weight_bytes) / (products_ms / 1000.0) / read);
            }
            milr::set_small_batch_kernel(milr::SmallBatchKernel::MatrixVector);
        }
    }
    return 0;
}
