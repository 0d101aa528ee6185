// A loaded model with its tokenizer, and where the embedded model lives (source tree, install prefix, or
// $MILR_EMBEDDED_MODEL): what the CLI, the app and the benchmarks open before a run.
#pragma once
#include <filesystem>
#include <memory>
#include <string>

#include "core/model/loader.h"
#include "core/text/tokenizer.h"

namespace milr {

struct ModelBundle {
    JanusModel model{nullptr};
    std::shared_ptr<const Tokenizer> tokenizer;
    std::filesystem::path folder;
    std::string name() const;  // the folder's name, e.g. "embedded-model" or "Janus-Pro-1B"
};

// Loads config.json, the weights (both layouts) and tokenizer.json / tokenizer.model from `folder`.
// Errors name the file, the tensor or the missing tokenizer.
ModelBundle load_model_bundle(const std::filesystem::path& folder, const LoadOptions& options = {});

// The embedded model's folder: $MILR_EMBEDDED_MODEL when set, else <prefix>/share/milr-studio/embedded-model
// beside the running executable's prefix, else the source tree's resources/embedded-model. Throws milr::Error
// listing the places it looked when none holds a config.json.
std::filesystem::path embedded_model_folder();

// A shipped resource (e.g. "geneval-shapes/evaluation_metadata.jsonl"): <prefix>/share/milr-studio/<relative>
// beside the running executable, else the source tree's resources/<relative>. Throws milr::Error naming both.
std::filesystem::path find_resource(const std::string& relative);

// A documentation file (e.g. "user-guide.md"): <prefix>/share/doc/milr-studio/<file> beside the running
// executable, else the source tree's docs/<file>. Throws milr::Error naming both.
std::filesystem::path find_documentation(const std::string& file);

}  // namespace milr
