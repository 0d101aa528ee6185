// What a model folder holds, without allocating its weights: layout, dimensions, parameters per module,
// bytes per dtype, and the memory a run needs per device.
#pragma once
#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "core/model/config.h"

namespace milr {

struct ModuleSize {
    std::string module;
    int64_t parameters = 0;
    bool used = true;  // false: stored in the checkpoint but never run (attn_pool)
};

struct MemoryEstimate {
    std::string target;          // "cpu fp32", "cpu bf16", "cuda bf16"
    int64_t weight_bytes = 0;    // parameters that are run, in that dtype
    int64_t kv_cache_bytes = 0;  // CFG pair at the context length below
    int64_t working_bytes = 0;   // activations: VQ decode peak and logits
    int64_t total() const { return weight_bytes + kv_cache_bytes + working_bytes; }
};

struct ModelDescription {
    std::filesystem::path folder;
    JanusConfig config;
    CheckpointLayout layout = CheckpointLayout::DeepSeek;
    bool from_weights = false;        // counts read from the checkpoint's tensor list (else from config.json)
    std::string weight_format;        // "safetensors", "pytorch-zip", or empty
    std::vector<ModuleSize> modules;  // in model order
    int64_t total_parameters = 0;     // everything stored
    int64_t used_parameters = 0;
    std::map<std::string, int64_t> bytes_per_dtype;  // stored bytes ("BF16" -> n); from config: as if bf16
    int64_t context_positions = 0;                   // the context the KV estimate assumes
    std::vector<MemoryEstimate> estimates;
    std::string text() const;  // a printable report
};

// From a folder: config.json, and the checkpoint's tensor list when weights are present (cross-checked, see
// check_checkpoint). Throws milr::Error naming the file or tensor on any inconsistency.
ModelDescription describe_model(const std::filesystem::path& folder);
// From a configuration alone (as if a DeepSeek-layout checkpoint with attn_pool were stored).
ModelDescription describe_config(const JanusConfig& config);

}  // namespace milr
