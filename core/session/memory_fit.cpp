// The memory estimate of a run, the free memory of the CPU or the GPU, and the refusal's advice.
#include "core/session/memory_fit.h"

#include <dlfcn.h>

#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <new>

#include "core/hub/hub_cache.h"
#include "core/session/model_catalog.h"

namespace milr {

namespace {
// The program itself, measured with /usr/bin/time on `milr describe-model` (libtorch, OpenCV, Qt and the tokenizer
// loaded, no weights): 166 MiB on Debian 12; rounded up.
constexpr std::int64_t kProgramBytes = 192ll << 20;
// What a CUDA context and libtorch's kernels take on the device before the first tensor.
constexpr std::int64_t kCudaContextBytes = 512ll << 20;

// $MILR_AVAILABLE_MEMORY: "12000000000", "12G", "512M"; -1 when unset or unreadable.
std::int64_t simulated_available() {
    const char* text = std::getenv("MILR_AVAILABLE_MEMORY");
    if (!text || !*text) return -1;
    char* end = nullptr;
    const double value = std::strtod(text, &end);
    if (end == text || value < 0) return -1;
    double scale = 1;
    switch (std::toupper(static_cast<unsigned char>(*end))) {
        case 'K':
            scale = 1e3;
            break;
        case 'M':
            scale = 1e6;
            break;
        case 'G':
            scale = 1e9;
            break;
        case 'T':
            scale = 1e12;
            break;
        default:
            break;
    }
    return static_cast<std::int64_t>(value * scale);
}

// Free memory of the current CUDA device through the CUDA runtime libtorch loaded (looked up at run time, so that
// this file builds without CUDA's headers); -1 when there is none.
std::int64_t cuda_free_bytes() {
    using MemGetInfo = int (*)(size_t*, size_t*);
    void* symbol = ::dlsym(RTLD_DEFAULT, "cudaMemGetInfo");
    if (!symbol) return -1;
    size_t free_bytes = 0;
    size_t total_bytes = 0;
    if (reinterpret_cast<MemGetInfo>(symbol)(&free_bytes, &total_bytes) != 0) return -1;
    return static_cast<std::int64_t>(free_bytes);
}

bool is_cuda(const std::string& device) { return device.rfind("cuda", 0) == 0; }

// "deepseek-ai/Janus-Pro-7B" for a Hub cache snapshot (whose own folder is a commit hash), else the folder's name.
std::string model_name(const std::filesystem::path& folder) {
    const std::string hub_name = hub_model_name_of_snapshot(folder);
    if (!hub_name.empty()) return hub_name;
    return (folder.filename().empty() ? folder.parent_path() : folder).filename().string();
}
}  // namespace

std::string gigabytes_text(std::int64_t bytes) {
    char text[32];
    std::snprintf(text, sizeof text, "%.1f GB", static_cast<double>(bytes) / 1e9);
    return text;
}

MemoryFit memory_fit(const ModelDescription& description, const std::string& device, const std::string& precision) {
    MemoryFit fit;
    const std::int64_t element = precision == "bf16" ? 2 : 4;
    fit.target = (is_cuda(device) ? "cuda " : "cpu ") + precision;
    // describe_model's fp32 estimate, at this precision.
    for (const MemoryEstimate& estimate : description.estimates) {
        if (estimate.target != "cpu fp32") continue;
        fit.weight_bytes = estimate.weight_bytes / 4 * element;
        fit.kv_cache_bytes = estimate.kv_cache_bytes / 4 * element;
        fit.working_bytes = estimate.working_bytes / 4 * element;
    }
    // At most every reasoning and image position optimised: value, gradient and Adam's two moments, in fp32.
    fit.latent_bytes = description.context_positions * description.config.language.hidden_size * 4 * 4;
    fit.runtime_bytes = kProgramBytes + (is_cuda(device) ? kCudaContextBytes : 0);
    if (const std::int64_t simulated = simulated_available(); simulated >= 0) {
        fit.available = simulated;
        fit.available_source = "MILR_AVAILABLE_MEMORY";
    } else if (is_cuda(device)) {
        fit.available = cuda_free_bytes();
        fit.available_source = "free memory of the GPU";
    } else {
        const std::uint64_t free_bytes = available_system_memory_bytes();
        fit.available = free_bytes > 0 ? static_cast<std::int64_t>(free_bytes) : -1;
        fit.available_source = "available memory of the system";
    }
    return fit;
}

void check_memory_fit(const std::filesystem::path& folder, const std::string& device, const std::string& precision) {
    const ModelDescription description = describe_model(folder);
    const MemoryFit fit = memory_fit(description, device, precision);
    if (fit.fits()) return;
    std::string message = model_name(folder) + " needs about " + gigabytes_text(fit.needed()) + " to run on " +
        fit.target + " (weights " + gigabytes_text(fit.weight_bytes) + ", KV caches " +
        gigabytes_text(fit.kv_cache_bytes) + ", working memory and latents " +
        gigabytes_text(fit.working_bytes + fit.latent_bytes) + ", the program " + gigabytes_text(fit.runtime_bytes) +
        "), and only " + gigabytes_text(fit.available) + " is free (" + fit.available_source + "). ";
    std::string advice;
    if (precision != "bf16") {
        const MemoryFit half = memory_fit(description, device, "bf16");
        if (half.fits()) advice += "choose bf16 (about " + gigabytes_text(half.needed()) + ")";
    }
    if (!is_cuda(device) && cuda_free_bytes() >= 0) {
        const MemoryFit gpu = memory_fit(description, "cuda", "bf16");
        if (gpu.fits()) advice += std::string(advice.empty() ? "" : ", or ") + "run on the GPU in bf16";
    }
    if (description.total_parameters > 3'000'000'000ll) {
        advice += std::string(advice.empty() ? "" : ", or ") + "use Janus-Pro-1B (about a quarter of the memory)";
    }
    message +=
        advice.empty() ? "Close other programs or use a machine with more memory." : "To run it: " + advice + ".";
    throw MemoryError(message);
}

std::string allocation_failure_message(const std::exception& error) {
    const std::string what = error.what();
    const bool allocation = dynamic_cast<const std::bad_alloc*>(&error) != nullptr ||
        what.find("out of memory") != std::string::npos || what.find("can't allocate memory") != std::string::npos ||
        what.find("CUDA error: out of memory") != std::string::npos;
    if (!allocation) return {};
    return "the machine ran out of memory (" + what.substr(0, what.find('\n')) +
        "); choose bf16, a smaller model, fewer optimised tokens (λt, λv), or close other programs";
}

}  // namespace milr
