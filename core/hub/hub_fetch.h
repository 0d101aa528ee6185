// Fetching a model snapshot from the Hub into its cache: resumable, checked against the Hub's hashes, cancellable,
// and usable offline from what is already there.
#pragma once
#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "core/hub/hub_client.h"

namespace milr {

struct FetchProgress {
    std::string phase;  // "listing", "waiting for another download", "downloading", "checking", "done"
    std::string file;
    int file_index = 0;  // 1-based, of file_count
    int file_count = 0;
    std::uint64_t file_done = 0;
    std::uint64_t file_bytes = 0;
    std::uint64_t done = 0;       // bytes of the snapshot in the cache, over all files
    std::uint64_t total = 0;      // bytes of the snapshot's files
    double bytes_per_second = 0;  // download speed over the last seconds (0 while not downloading)
};
// Return false to stop: the download stops at once, keeping its partial file for the next fetch to resume.
using FetchProgressCallback = std::function<bool(const FetchProgress&)>;

struct FetchOptions {
    std::string revision = "main";
    std::vector<std::string> include;  // shell patterns of file names to fetch ("*.json"); empty = every file
    int retries = 5;                   // attempts that resume a cut or stalled download, per file
    int retry_delay_ms = 1000;         // before the first retry; doubles each time, at most 30 s
    long stall_seconds = 60;
};

struct FetchResult {
    HubRepoId repo;
    std::string commit;
    std::filesystem::path folder;  // the snapshot folder: a model folder the loader reads
    int files = 0;
    int files_downloaded = 0;
    int files_already_there = 0;
    std::uint64_t bytes = 0;             // of the snapshot's files
    std::uint64_t bytes_downloaded = 0;  // in this call
    std::uint64_t bytes_resumed = 0;     // partial downloads carried on instead of fetched again
    std::string offline_reason;          // not empty when the cache answered instead of the Hub (and why)
};

// Fetches `repo` at options.revision into settings.cache and returns its snapshot folder. Offline (settings.offline),
// or when the Hub cannot be reached and the cache has the revision complete, answers from the cache. Throws HubError
// (refused), HttpTransferError (no connection and nothing cached), milr::Cancelled, or milr::Error (a checksum
// mismatch: the partial file is removed and the message names the file and both hashes; no disk space; ...).
FetchResult fetch_hub_snapshot(const HubSettings& settings, const HubRepoId& repo, const FetchOptions& options,
                               const FetchProgressCallback& progress = {});

// The snapshot folder of a revision already in the cache; throws milr::Error naming the cache and the revision.
std::filesystem::path find_cached_snapshot(const HubSettings& settings, const HubRepoId& repo,
                                           const std::string& revision);

}  // namespace milr
