// The Hugging Face Hub's local cache, in the layout its own clients write: models--org--name/{blobs,snapshots,refs}.
#pragma once
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "core/hub/hub_repo.h"

namespace milr {

// The cache folder the Hub's clients use: $HF_HUB_CACHE, else $HUGGINGFACE_HUB_CACHE, else $HF_HOME/hub, else
// $XDG_CACHE_HOME/huggingface/hub, else ~/.cache/huggingface/hub.
std::filesystem::path default_hub_cache_folder();

// One snapshot folder found in the cache.
struct CachedSnapshot {
    HubRepoId repo;
    std::string commit;
    std::vector<std::string> refs;  // branches and tags that point at this commit ("main")
    std::filesystem::path folder;   // .../snapshots/<commit>
    std::uint64_t bytes = 0;        // of the files it links to
    int files = 0;
    bool complete = false;
    std::string missing;                // why it is not complete ("pytorch_model-00002-of-00002.bin is missing")
    bool download_in_progress = false;  // a partial blob lies in the repository's blobs folder
};

// Reads and writes one cache root. A file is stored once as blobs/<etag> (its SHA-256 for large files, its git blob
// hash for small ones) and appears in each snapshot as a relative symbolic link to it; refs/<branch> holds the
// commit the branch pointed at when it was last fetched. Partial downloads are blobs/<etag>.incomplete, a name no
// snapshot links to.
class HubCache {
public:
    explicit HubCache(std::filesystem::path root);
    const std::filesystem::path& root() const { return m_root; }

    std::filesystem::path repo_folder(const HubRepoId& repo) const;
    std::filesystem::path blob_path(const HubRepoId& repo, const std::string& etag) const;
    std::filesystem::path incomplete_blob_path(const HubRepoId& repo, const std::string& etag) const;
    std::filesystem::path snapshot_folder(const HubRepoId& repo, const std::string& commit) const;

    // The commit a revision names in the cache: a commit hash with a snapshot folder, or the content of
    // refs/<revision>; nothing if neither is there.
    std::optional<std::string> cached_commit(const HubRepoId& repo, const std::string& revision) const;
    // Records that `revision` (a branch or tag) points at `commit`; nothing to do for a commit hash.
    void write_ref(const HubRepoId& repo, const std::string& revision, const std::string& commit) const;
    // Makes snapshots/<commit>/<file_name> a relative link to blobs/<etag> (replacing a link already there).
    void link_into_snapshot(const HubRepoId& repo, const std::string& commit, const std::string& file_name,
                            const std::string& etag) const;

    // Every snapshot in the cache, sorted by repository and then by commit.
    std::vector<CachedSnapshot> snapshots() const;
    // What snapshots() reports of one folder.
    CachedSnapshot describe_snapshot(const HubRepoId& repo, const std::string& commit) const;

private:
    std::filesystem::path m_root;
};

// "org/name" when `folder` is a snapshot folder of the Hub cache (.../models--org--name/snapshots/<commit>), else "".
std::string hub_model_name_of_snapshot(const std::filesystem::path& folder);

// Whether a model folder holds everything it names: config.json, weights, and every shard its *.index.json lists;
// an empty string when it does, else what is missing.
std::string missing_model_files(const std::filesystem::path& folder);

}  // namespace milr
