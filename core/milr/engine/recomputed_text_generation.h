// Greedy text generation that re-runs the whole sequence for every token, as the authors' code does
// (the "reference" schedule; the cached generate_text is the default and must give the same tokens).
#pragma once
#include <vector>

#include "core/generate/text_generation.h"

namespace milr {

TextGeneration generate_text_recomputed(JanusModel& model, const std::vector<int64_t>& prompt_ids,
                                        const std::vector<int64_t>& forced_prefix,
                                        const TextGenerationOptions& options);

}  // namespace milr
