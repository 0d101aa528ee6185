// The models a user has on this machine: Janus-family snapshots in the Hub cache and folders opened before, each
// described (size, precision, layout, complete or not) without loading weights; for `milr models` and the studio.
#pragma once
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace milr {

struct KnownModel {
    enum class Source { hub_cache, opened_before };
    Source source = Source::hub_cache;
    std::string name;  // "deepseek-ai/Janus-Pro-1B" for the Hub cache, the folder's name otherwise
    std::filesystem::path folder;
    std::string commit;             // Hub cache only
    std::vector<std::string> refs;  // Hub cache only: "main", tags
    std::uint64_t bytes = 0;        // of the files in the folder
    bool complete = false;
    std::string missing;    // why it is not complete
    std::string layout;     // "deepseek", "transformers" (empty when the config cannot be read)
    std::string precision;  // stored dtypes: "BF16", "F32", "BF16+F32"
    std::int64_t parameters = 0;
    bool has_understanding = false;  // a vision tower: can answer about images and judge its own drawings
    bool download_in_progress = false;
};

// Every Janus-family snapshot in `hub_cache` (a snapshot whose config.json is not a Janus model is left out), then
// every folder of `opened_folders` that still exists and is not one of them, in that order. Never throws: a folder
// that cannot be read is listed as not complete, with the reason.
std::vector<KnownModel> find_known_models(const std::filesystem::path& hub_cache,
                                          const std::vector<std::filesystem::path>& opened_folders);

// Memory the system can give a new program now (MemAvailable of /proc/meminfo); 0 when unknown.
std::uint64_t available_system_memory_bytes();

// "4.2 GB", "15 MB": sizes as the model lists show them.
std::string byte_size_text(std::uint64_t bytes);

}  // namespace milr
