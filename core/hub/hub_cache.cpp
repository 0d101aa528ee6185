// The Hub cache's folders and links, and the listing of what is in it.
#include "core/hub/hub_cache.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <set>
#include <sstream>

#include "core/hub/hub_text.h"
#include "core/util/error.h"

namespace milr {

namespace fs = std::filesystem;

namespace {
std::string read_small_file(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

// Makes the folder or names it and the reason.
void make_folder(const fs::path& folder) {
    std::error_code error;
    fs::create_directories(folder, error);
    if (error) throw Error("cannot create the folder " + folder.string() + ": " + error.message());
}
}  // namespace

fs::path default_hub_cache_folder() {
    if (const std::string cache = environment_text("HF_HUB_CACHE"); !cache.empty()) return cache;
    if (const std::string cache = environment_text("HUGGINGFACE_HUB_CACHE"); !cache.empty()) return cache;
    if (const std::string home = environment_text("HF_HOME"); !home.empty()) return fs::path(home) / "hub";
    if (const std::string xdg = environment_text("XDG_CACHE_HOME"); !xdg.empty())
        return fs::path(xdg) / "huggingface" / "hub";
    return fs::path(environment_text("HOME")) / ".cache" / "huggingface" / "hub";
}

HubCache::HubCache(fs::path root) : m_root(std::move(root)) {}

fs::path HubCache::repo_folder(const HubRepoId& repo) const { return m_root / repo.cache_folder_name(); }

fs::path HubCache::blob_path(const HubRepoId& repo, const std::string& etag) const {
    return repo_folder(repo) / "blobs" / etag;
}

fs::path HubCache::incomplete_blob_path(const HubRepoId& repo, const std::string& etag) const {
    return repo_folder(repo) / "blobs" / (etag + ".incomplete");
}

fs::path HubCache::snapshot_folder(const HubRepoId& repo, const std::string& commit) const {
    return repo_folder(repo) / "snapshots" / commit;
}

std::optional<std::string> HubCache::cached_commit(const HubRepoId& repo, const std::string& revision) const {
    check_hub_revision(revision);
    if (is_commit_hash(revision)) {
        if (fs::is_directory(snapshot_folder(repo, revision))) return revision;
        return std::nullopt;
    }
    const fs::path ref = repo_folder(repo) / "refs" / revision;
    if (!fs::is_regular_file(ref)) return std::nullopt;
    const std::string commit = trimmed_text(read_small_file(ref));
    if (!is_commit_hash(commit)) throw Error("the cache's ref " + ref.string() + " does not hold a commit hash");
    return commit;
}

void HubCache::write_ref(const HubRepoId& repo, const std::string& revision, const std::string& commit) const {
    check_hub_revision(revision);
    if (is_commit_hash(revision)) return;
    const fs::path ref = repo_folder(repo) / "refs" / revision;
    make_folder(ref.parent_path());
    const fs::path temporary = ref.parent_path() / ("." + ref.filename().string() + ".writing");
    {
        std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
        out << commit;
        if (!out.flush()) throw Error("cannot write " + temporary.string());
    }
    std::error_code error;
    fs::rename(temporary, ref, error);
    if (error) throw Error("cannot write " + ref.string() + ": " + error.message());
}

void HubCache::link_into_snapshot(const HubRepoId& repo, const std::string& commit, const std::string& file_name,
                                  const std::string& etag) const {
    check_hub_file_name(file_name);
    const fs::path link = snapshot_folder(repo, commit) / file_name;
    make_folder(link.parent_path());
    // Relative, as the Hub's clients write it: "../../blobs/<etag>", one more ".." per folder in the file's name.
    fs::path target = "..";
    for (size_t depth = std::count(file_name.begin(), file_name.end(), '/'); depth > 0; --depth) target /= "..";
    target = target / ".." / "blobs" / etag;
    std::error_code error;
    fs::remove(link, error);
    fs::create_symlink(target, link, error);
    if (error) throw Error("cannot link " + link.string() + " to " + target.string() + ": " + error.message());
}

CachedSnapshot HubCache::describe_snapshot(const HubRepoId& repo, const std::string& commit) const {
    CachedSnapshot snapshot;
    snapshot.repo = repo;
    snapshot.commit = commit;
    snapshot.folder = snapshot_folder(repo, commit);
    std::error_code error;
    std::vector<std::string> dangling;
    for (auto it = fs::recursive_directory_iterator(snapshot.folder, error); !error && it != fs::end(it);
         it.increment(error)) {
        if (it->is_directory(error)) continue;
        ++snapshot.files;
        std::error_code size_error;
        const auto size = fs::file_size(it->path(), size_error);  // follows the link to its blob
        if (size_error) {
            dangling.push_back(fs::relative(it->path(), snapshot.folder).string());
        } else {
            snapshot.bytes += size;
        }
    }
    const fs::path refs = repo_folder(repo) / "refs";
    for (auto it = fs::recursive_directory_iterator(refs, error); !error && it != fs::end(it); it.increment(error)) {
        if (it->is_regular_file(error) && trimmed_text(read_small_file(it->path())) == commit) {
            snapshot.refs.push_back(fs::relative(it->path(), refs).string());
        }
    }
    std::sort(snapshot.refs.begin(), snapshot.refs.end());
    for (auto it = fs::directory_iterator(repo_folder(repo) / "blobs", error); !error && it != fs::end(it);
         it.increment(error)) {
        if (it->path().extension() == ".incomplete") snapshot.download_in_progress = true;
    }
    if (!dangling.empty()) {
        snapshot.missing = dangling.front() + " links to a blob that is not there";
    } else {
        snapshot.missing = missing_model_files(snapshot.folder);
    }
    snapshot.complete = snapshot.missing.empty();
    return snapshot;
}

std::vector<CachedSnapshot> HubCache::snapshots() const {
    std::vector<CachedSnapshot> found;
    std::error_code error;
    for (auto repo_it = fs::directory_iterator(m_root, error); !error && repo_it != fs::end(repo_it);
         repo_it.increment(error)) {
        const std::string folder = repo_it->path().filename().string();
        if (folder.rfind("models--", 0) != 0) continue;
        const std::string rest = folder.substr(8);
        const size_t separator = rest.find("--");
        if (separator == std::string::npos) continue;
        HubRepoId repo;
        try {
            repo = HubRepoId::parse(rest.substr(0, separator) + "/" + rest.substr(separator + 2));
        } catch (const Error&) {
            continue;  // not a folder a Hub client wrote
        }
        std::error_code inner;
        for (auto it = fs::directory_iterator(repo_it->path() / "snapshots", inner); !inner && it != fs::end(it);
             it.increment(inner)) {
            if (it->is_directory(inner) && is_commit_hash(it->path().filename().string())) {
                found.push_back(describe_snapshot(repo, it->path().filename().string()));
            }
        }
    }
    std::sort(found.begin(), found.end(), [](const CachedSnapshot& a, const CachedSnapshot& b) {
        return a.repo.text() != b.repo.text() ? a.repo.text() < b.repo.text() : a.commit < b.commit;
    });
    return found;
}

std::string hub_model_name_of_snapshot(const fs::path& folder) {
    fs::path path = folder;
    if (path.filename().empty()) path = path.parent_path();
    const std::string repo = path.parent_path().parent_path().filename().string();
    if (path.parent_path().filename() != "snapshots" || repo.rfind("models--", 0) != 0) return {};
    const std::string rest = repo.substr(8);
    const size_t separator = rest.find("--");
    if (separator == std::string::npos) return {};
    return rest.substr(0, separator) + "/" + rest.substr(separator + 2);
}

std::string missing_model_files(const fs::path& folder) {
    if (!fs::is_regular_file(folder / "config.json")) return "config.json is missing";
    bool has_weights = false;
    std::error_code error;
    for (auto it = fs::directory_iterator(folder, error); !error && it != fs::end(it); it.increment(error)) {
        const std::string name = it->path().filename().string();
        const bool is_index = name.size() > 11 && name.compare(name.size() - 11, 11, ".index.json") == 0;
        if (is_index) {
            nlohmann::json index;
            try {
                index = nlohmann::json::parse(read_small_file(it->path()));
            } catch (const nlohmann::json::exception&) {
                return name + " is not valid JSON";
            }
            if (!index.is_object() || !index.contains("weight_map") || !index["weight_map"].is_object()) {
                return name + " has no weight_map";
            }
            std::set<std::string> shards;
            for (const auto& [tensor, shard] : index["weight_map"].items()) {
                if (shard.is_string()) shards.insert(shard.get<std::string>());
            }
            for (const std::string& shard : shards) {
                if (!fs::is_regular_file(folder / shard)) return shard + " (named by " + name + ") is missing";
            }
            has_weights = true;
        } else if (it->path().extension() == ".safetensors" || it->path().extension() == ".bin") {
            has_weights = has_weights || fs::is_regular_file(it->path());
        }
    }
    return has_weights ? std::string() : "no weights (*.safetensors or *.bin)";
}

}  // namespace milr
