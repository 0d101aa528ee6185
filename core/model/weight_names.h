// Mapping between DeepSeek-layout tensor names and the transformers-native layout (docs/design/janus-pro.md §2.2).
#pragma once
#include <string>
#include <vector>

#include "core/model/config.h"

namespace milr {

// How a DeepSeek tensor is stored in a given layout.
struct StoredTensor {
    std::vector<std::string> names;  // one, or three (q, k, v) concatenated along dim 0
    bool squeezed = false;           // stored without the leading 1 (pos_embed in the transformers layout)
};

StoredTensor stored_tensor(const std::string& deepseek_name, CheckpointLayout layout);

// Tensors the reference never uses, skipped by name: attn_pool, quantize.codebook_used, rotary inv_freq.
bool is_ignored_tensor(const std::string& name);

}  // namespace milr
