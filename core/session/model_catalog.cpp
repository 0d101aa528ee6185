// Finding and describing the models on this machine (Hub cache and folders opened before).
#include "core/session/model_catalog.h"

#include <cstdio>
#include <fstream>
#include <set>

#include "core/hub/hub_cache.h"
#include "core/model/describe.h"

namespace milr {

namespace fs = std::filesystem;

namespace {
// Fills layout, precision and parameters from describe_model; false when the folder is not a Janus model.
bool describe_into(KnownModel& model) {
    try {
        const ModelDescription description = describe_model(model.folder);
        model.layout = layout_name(description.layout);
        model.parameters = description.total_parameters;
        model.has_understanding = description.config.vision.has_value();
        std::string precision;
        if (description.from_weights) {
            for (const auto& [dtype, bytes] : description.bytes_per_dtype) {
                if (bytes > 0) precision += (precision.empty() ? "" : "+") + dtype;
            }
        }
        model.precision = precision;
        return true;
    } catch (const std::exception& e) {
        if (model.missing.empty()) model.missing = e.what();
        model.complete = false;
        return false;
    }
}

std::uint64_t folder_bytes(const fs::path& folder) {
    std::uint64_t bytes = 0;
    std::error_code error;
    for (auto it = fs::recursive_directory_iterator(folder, error); !error && it != fs::end(it); it.increment(error)) {
        std::error_code size_error;
        if (it->is_regular_file(size_error)) bytes += fs::file_size(it->path(), size_error);
    }
    return bytes;
}
}  // namespace

std::uint64_t available_system_memory_bytes() {
    std::ifstream meminfo("/proc/meminfo");
    std::string key;
    std::uint64_t kilobytes = 0;
    std::string unit;
    while (meminfo >> key >> kilobytes >> unit) {
        if (key == "MemAvailable:") return kilobytes * 1024;
    }
    return 0;
}

std::string byte_size_text(std::uint64_t bytes) {
    char text[32];
    if (bytes >= 1000000000ull) {
        std::snprintf(text, sizeof text, "%.1f GB", static_cast<double>(bytes) / 1e9);
    } else if (bytes >= 1000000ull) {
        std::snprintf(text, sizeof text, "%.0f MB", static_cast<double>(bytes) / 1e6);
    } else {
        std::snprintf(text, sizeof text, "%.0f kB", static_cast<double>(bytes) / 1e3);
    }
    return text;
}

std::vector<KnownModel> find_known_models(const fs::path& hub_cache, const std::vector<fs::path>& opened_folders) {
    std::vector<KnownModel> models;
    std::set<std::string> listed;
    for (const CachedSnapshot& snapshot : HubCache(hub_cache).snapshots()) {
        KnownModel model;
        model.source = KnownModel::Source::hub_cache;
        model.name = snapshot.repo.text();
        model.folder = snapshot.folder;
        model.commit = snapshot.commit;
        model.refs = snapshot.refs;
        model.bytes = snapshot.bytes;
        model.complete = snapshot.complete;
        model.missing = snapshot.missing;
        model.download_in_progress = snapshot.download_in_progress;
        // A snapshot without a readable config.json may be a Janus model still downloading: keep it if incomplete.
        if (!describe_into(model) && (snapshot.complete || fs::exists(snapshot.folder / "config.json"))) continue;
        listed.insert(fs::weakly_canonical(model.folder).string());
        models.push_back(std::move(model));
    }
    for (const fs::path& folder : opened_folders) {
        std::error_code error;
        if (folder.empty() || !fs::is_directory(folder, error)) continue;
        if (!listed.insert(fs::weakly_canonical(folder, error).string()).second) continue;
        KnownModel model;
        model.source = KnownModel::Source::opened_before;
        model.name = folder.filename().string();
        model.folder = folder;
        model.bytes = folder_bytes(folder);
        model.missing = missing_model_files(folder);
        model.complete = model.missing.empty();
        describe_into(model);
        models.push_back(std::move(model));
    }
    return models;
}

}  // namespace milr
