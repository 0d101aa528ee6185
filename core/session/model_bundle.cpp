// Loading a model folder with its tokenizer; finding the embedded model.
#include "core/session/model_bundle.h"

#include <cstdlib>
#include <vector>

#include "core/io/checkpoint.h"
#include "core/session/memory_fit.h"
#include "core/text/spm/load_tokenizer.h"
#include "core/util/error.h"

namespace milr {

std::string ModelBundle::name() const {
    std::filesystem::path f = folder;
    if (f.filename().empty()) f = f.parent_path();
    return f.filename().string();
}

ModelBundle load_model_bundle(const std::filesystem::path& folder, const LoadOptions& options) {
    require_model_folder(folder);
    ModelBundle bundle;
    bundle.folder = folder;
    bundle.tokenizer = std::shared_ptr<const Tokenizer>(load_tokenizer(folder.string()));
    // Nothing that cannot fit is started: refused here, before any weight is read.
    const std::string device = options.target.device.is_cuda() ? "cuda" : "cpu";
    const std::string precision = options.target.dtype == torch::kBFloat16 ? "bf16" : "fp32";
    check_memory_fit(folder, device, precision);
    try {
        bundle.model = load_janus_model(folder, options);
    } catch (const std::exception& e) {
        if (const std::string message = allocation_failure_message(e); !message.empty())
            throw MemoryError("loading " + folder.string() + ": " + message);
        throw;
    }
    const int64_t rows = bundle.model->config().language.vocab_size;
    if (bundle.tokenizer->vocab_size() > rows)
        throw Error(folder.string() + ": the tokenizer has " + std::to_string(bundle.tokenizer->vocab_size()) +
                    " tokens but the model's embedding table only " + std::to_string(rows) + " rows");
    return bundle;
}

namespace {
// Installed share folder first (next to the running executable's prefix), then the source tree.
std::vector<std::filesystem::path> resource_roots() {
    std::vector<std::filesystem::path> roots;
    std::error_code error;
    const std::filesystem::path executable = std::filesystem::read_symlink("/proc/self/exe", error);
    if (!error) roots.push_back(executable.parent_path().parent_path() / "share/milr-studio");
#ifdef MILR_SOURCE_RESOURCES
    roots.emplace_back(MILR_SOURCE_RESOURCES);
#endif
    return roots;
}

std::filesystem::path first_existing(const std::vector<std::filesystem::path>& candidates, const std::string& what) {
    std::string looked;
    for (const auto& candidate : candidates) {
        if (std::filesystem::exists(candidate)) return candidate;
        looked += "\n  " + candidate.string();
    }
    throw Error(what + " was not found; looked in:" + looked);
}
}  // namespace

std::filesystem::path embedded_model_folder() {
    std::vector<std::filesystem::path> candidates;
    if (const char* env = std::getenv("MILR_EMBEDDED_MODEL"); env && *env) candidates.emplace_back(env);
    for (const auto& root : resource_roots()) candidates.push_back(root / "embedded-model");
    for (auto& candidate : candidates) candidate /= "config.json";
    return first_existing(candidates, "the embedded model").parent_path();
}

std::filesystem::path find_documentation(const std::string& file) {
    std::vector<std::filesystem::path> candidates;
    std::error_code error;
    const std::filesystem::path executable = std::filesystem::read_symlink("/proc/self/exe", error);
    if (!error) candidates.push_back(executable.parent_path().parent_path() / "share/doc/milr-studio" / file);
#ifdef MILR_SOURCE_RESOURCES
    candidates.push_back(std::filesystem::path(MILR_SOURCE_RESOURCES).parent_path() / "docs" / file);
#endif
    return first_existing(candidates, "the documentation file " + file);
}

std::filesystem::path find_resource(const std::string& relative) {
    std::vector<std::filesystem::path> candidates;
    for (const auto& root : resource_roots()) candidates.push_back(root / relative);
    return first_existing(candidates, "the resource " + relative);
}

}  // namespace milr
