// Will a run fit? The memory a model needs on a device and precision (weights, KV caches of the CFG pair, working
// memory, the optimised latents with their gradients and Adam state, the program itself) against what is free, and
// the refusal that says what to change; checked before any weight is loaded.
#pragma once
#include <cstdint>
#include <exception>
#include <string>

#include "core/model/describe.h"
#include "core/util/error.h"

namespace milr {

// A run that cannot fit, refused before loading (or an allocation that failed during one).
class MemoryError : public Error {
public:
    explicit MemoryError(const std::string& message) : Error(message) {}
};

struct MemoryFit {
    std::string target;  // "cpu fp32", "cpu bf16", "cuda bf16", "cuda fp32"
    std::int64_t weight_bytes = 0;
    std::int64_t kv_cache_bytes = 0;
    std::int64_t working_bytes = 0;
    std::int64_t latent_bytes = 0;   // the optimised latents, their gradients and Adam's two moments (fp32)
    std::int64_t runtime_bytes = 0;  // the program and its libraries (and a CUDA context on a GPU)
    std::int64_t needed() const { return weight_bytes + kv_cache_bytes + working_bytes + latent_bytes + runtime_bytes; }
    std::int64_t available = -1;   // bytes free on the device; -1 when unknown (nothing is refused then)
    std::string available_source;  // where that figure comes from
    bool fits() const { return available < 0 || needed() <= available; }
};

// The estimate for `device` ("cpu", "cuda", "cuda:N") and `precision` ("fp32", "bf16"), with what is free now:
// MemAvailable of /proc/meminfo on the CPU, the CUDA runtime's free memory on a GPU (when libtorch loaded it), or
// $MILR_AVAILABLE_MEMORY (bytes, or with a K/M/G suffix: a machine simulated for tests and for planning).
MemoryFit memory_fit(const ModelDescription& description, const std::string& device, const std::string& precision);

// Describes `folder` and throws MemoryError when a run cannot fit, naming what it needs, what is free and what to
// change (bf16, the 1B model, another device), as far as each would fit.
void check_memory_fit(const std::filesystem::path& folder, const std::string& device, const std::string& precision);

// The message for an allocation that failed during a load or a run (std::bad_alloc, libtorch's "out of memory" or
// "can't allocate memory"), with the same advice; empty when `error` is not an allocation failure.
std::string allocation_failure_message(const std::exception& error);

// "31.2 GB"
std::string gigabytes_text(std::int64_t bytes);

}  // namespace milr
