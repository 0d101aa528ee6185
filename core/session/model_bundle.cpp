// Loading a model folder with its tokenizer; finding the embedded model.
#include "core/session/model_bundle.h"

#include <cstdlib>
#include <vector>

#include "core/text/spm/load_tokenizer.h"
#include "core/util/error.h"

namespace milr {

std::string ModelBundle::name() const {
    std::filesystem::path f = folder;
    if (f.filename().empty()) f = f.parent_path();
    return f.filename().string();
}

ModelBundle load_model_bundle(const std::filesystem::path& folder, const LoadOptions& options) {
    ModelBundle bundle;
    bundle.folder = folder;
    bundle.tokenizer = std::shared_ptr<const Tokenizer>(load_tokenizer(folder.string()));
    bundle.model = load_janus_model(folder, options);
    const int64_t rows = bundle.model->config().language.vocab_size;
    if (bundle.tokenizer->vocab_size() > rows)
        throw Error(folder.string() + ": the tokenizer has " + std::to_string(bundle.tokenizer->vocab_size()) +
                    " tokens but the model's embedding table only " + std::to_string(rows) + " rows");
    return bundle;
}

std::filesystem::path embedded_model_folder() {
    std::vector<std::filesystem::path> candidates;
    if (const char* env = std::getenv("MILR_EMBEDDED_MODEL"); env && *env) candidates.emplace_back(env);
    std::error_code error;
    const std::filesystem::path executable = std::filesystem::read_symlink("/proc/self/exe", error);
    if (!error) candidates.push_back(executable.parent_path().parent_path() / "share/milr-studio/embedded-model");
#ifdef MILR_SOURCE_EMBEDDED_MODEL
    candidates.emplace_back(MILR_SOURCE_EMBEDDED_MODEL);
#endif
    std::string looked;
    for (const auto& candidate : candidates) {
        if (std::filesystem::exists(candidate / "config.json")) return candidate;
        looked += "\n  " + candidate.string();
    }
    throw Error("the embedded model was not found; looked in:" + looked);
}

}  // namespace milr
