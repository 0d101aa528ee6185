// The Hugging Face Hub's HTTP API as its own clients use it: settings from the environment, a model's file list at
// a revision, and errors that say what to do (token, name, revision, network).
#pragma once
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "core/hub/hub_repo.h"
#include "core/util/error.h"

namespace milr {

// An answer from the Hub that refuses the request: 401/403 (gated or private), 404 (no such model, revision or
// file), or any other status, with a message that names the model and what to do.
class HubError : public Error {
public:
    HubError(const std::string& message, long status) : Error(message), m_status(status) {}
    long status() const { return m_status; }

private:
    long m_status;
};

struct HubSettings {
    std::string endpoint = "https://huggingface.co";  // HF_ENDPOINT: a mirror
    std::string token;                                // HF_TOKEN, else the token file `huggingface-cli login` wrote
    bool offline = false;                             // HF_HUB_OFFLINE=1: never touch the network
    std::filesystem::path cache;                      // HF_HUB_CACHE and the rest (default_hub_cache_folder())

    // From the environment, as the Hub's Python client reads it. Throws milr::Error for an endpoint that is not an
    // http(s) URL.
    static HubSettings from_environment();
    // "Authorization: Bearer <token>" for requests to the endpoint's own host (never to a download's CDN host).
    std::vector<std::string> headers_for(const std::string& url) const;
};

// One file of a model at a commit, as the Hub lists it with ?blobs=true.
struct HubFile {
    std::string name;
    std::uint64_t size = 0;
    std::string blob_id;  // git's blob hash of the file (of its LFS pointer for a large file)
    std::string sha256;   // a large (LFS) file's SHA-256; empty for a small file
    bool is_large() const { return !sha256.empty(); }
    // The name of its blob in the cache: the SHA-256 of a large file, the git blob hash of a small one.
    const std::string& etag() const { return is_large() ? sha256 : blob_id; }
};

struct HubModelInfo {
    HubRepoId repo;
    std::string revision;
    std::string commit;
    std::vector<HubFile> files;
    std::uint64_t total_bytes() const;
};

// GET {endpoint}/api/models/{repo}/revision/{revision}?blobs=true. Throws HubError (refused), HttpTransferError
// (no answer) or milr::Error (an answer that is not a file list: every file name and hash is checked).
HubModelInfo fetch_model_info(const HubSettings& settings, const HubRepoId& repo, const std::string& revision);

// The answer of the model-info endpoint read strictly (`source` names it in errors): a commit hash, and every file
// name (check_hub_file_name), blob id and SHA-256 checked. Throws milr::Error.
HubModelInfo parse_model_info(const std::string& body, const HubRepoId& repo, const std::string& revision,
                              const std::string& source);

// The HubError for a non-2xx answer about `repo` (the Hub's X-Error-Code says which kind of 404 it is).
HubError hub_answer_error(long status, const std::string& error_code, const HubRepoId& repo,
                          const std::string& revision, const std::string& what, const HubSettings& settings);

// "{endpoint}/{repo}/resolve/{revision}/{file}" with each part percent-encoded.
std::string resolve_file_url(const HubSettings& settings, const HubRepoId& repo, const std::string& revision,
                             const std::string& file_name);

}  // namespace milr
