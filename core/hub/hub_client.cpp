// The Hub's model-info endpoint, settings from the environment, and the messages for refused requests.
#include "core/hub/hub_client.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <fstream>

#include "core/hub/hub_cache.h"
#include "core/hub/http_transfer.h"
#include "core/hub/hub_text.h"

namespace milr {

namespace {
bool is_true(std::string value) {
    std::transform(value.begin(), value.end(), value.begin(), [](unsigned char c) { return std::toupper(c); });
    return value == "1" || value == "ON" || value == "YES" || value == "TRUE";
}

// RFC 3986 percent-encoding of one path segment (or of a file path with its '/' kept).
std::string percent_encoded(const std::string& text, bool keep_slash) {
    static const char kHex[] = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : text) {
        if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~' || (keep_slash && c == '/')) {
            out += static_cast<char>(c);
        } else {
            out += '%';
            out += kHex[c >> 4];
            out += kHex[c & 15];
        }
    }
    return out;
}

// Where `huggingface-cli login` keeps the token: $HF_TOKEN_PATH, else the token file beside the hub cache's parent.
std::filesystem::path token_file_path() {
    if (const std::string path = environment_text("HF_TOKEN_PATH"); !path.empty()) return path;
    if (const std::string home = environment_text("HF_HOME"); !home.empty())
        return std::filesystem::path(home) / "token";
    if (const std::string xdg = environment_text("XDG_CACHE_HOME"); !xdg.empty()) {
        return std::filesystem::path(xdg) / "huggingface" / "token";
    }
    return std::filesystem::path(environment_text("HOME")) / ".cache" / "huggingface" / "token";
}

}  // namespace

HubSettings HubSettings::from_environment() {
    HubSettings settings;
    if (const std::string endpoint = environment_text("HF_ENDPOINT"); !endpoint.empty()) settings.endpoint = endpoint;
    while (!settings.endpoint.empty() && settings.endpoint.back() == '/') settings.endpoint.pop_back();
    if (settings.endpoint.rfind("https://", 0) != 0 && settings.endpoint.rfind("http://", 0) != 0) {
        throw Error("HF_ENDPOINT \"" + settings.endpoint + "\" is not an http:// or https:// address");
    }
    settings.token = trimmed_text(environment_text("HF_TOKEN"));
    if (settings.token.empty()) settings.token = trimmed_text(environment_text("HUGGING_FACE_HUB_TOKEN"));
    if (settings.token.empty()) {
        std::ifstream in(token_file_path());
        if (in) std::getline(in, settings.token);
        settings.token = trimmed_text(settings.token);
    }
    settings.offline = is_true(environment_text("HF_HUB_OFFLINE"));
    settings.cache = default_hub_cache_folder();
    return settings;
}

std::vector<std::string> HubSettings::headers_for(const std::string& url) const {
    if (token.empty() || url_authority(url) != url_authority(endpoint)) return {};
    return {"Authorization: Bearer " + token};
}

std::string resolve_file_url(const HubSettings& settings, const HubRepoId& repo, const std::string& revision,
                             const std::string& file_name) {
    return settings.endpoint + "/" + repo.owner + "/" + repo.name + "/resolve/" + percent_encoded(revision, false) +
        "/" + percent_encoded(file_name, true);
}

HubError hub_answer_error(long status, const std::string& error_code, const HubRepoId& repo,
                          const std::string& revision, const std::string& what, const HubSettings& settings) {
    const std::string model = repo.text();
    if (status == 401 || status == 403) {
        if (error_code == "RepoNotFound") {
            return HubError("no model " + model + " on " + settings.endpoint + " (or it is private: set HF_TOKEN)",
                            status);
        }
        const std::string advice = settings.token.empty()
            ? "set HF_TOKEN to a token with access (accept the model's terms on its Hub page first)"
            : "the token in HF_TOKEN has no access to it (accept the model's terms on its Hub page)";
        return HubError(model + " is gated or private (HTTP " + std::to_string(status) + "): " + advice, status);
    }
    if (status == 404) {
        if (error_code == "RevisionNotFound") {
            return HubError(model + " has no revision \"" + revision + "\" (HTTP 404)", status);
        }
        if (error_code == "EntryNotFound") {
            return HubError(model + " at " + revision + " has no " + what + " (HTTP 404)", status);
        }
        return HubError("no model " + model + " on " + settings.endpoint + " (HTTP 404): check the name", status);
    }
    return HubError(settings.endpoint + " answered HTTP " + std::to_string(status) + " for " + what + " of " + model +
                        (status >= 500 ? " (a server error: try again later)" : ""),
                    status);
}

HubModelInfo fetch_model_info(const HubSettings& settings, const HubRepoId& repo, const std::string& revision) {
    check_hub_revision(revision);
    HttpRequest request;
    request.url = settings.endpoint + "/api/models/" + repo.owner + "/" + repo.name + "/revision/" +
        percent_encoded(revision, false) + "?blobs=true";
    request.headers = settings.headers_for(request.url);
    HttpResponse response;
    try {
        response = http_transfer(request);
    } catch (const HttpTransferError& e) {
        throw HttpTransferError("cannot reach " + settings.endpoint + " for " + repo.text() + ": " + e.what() +
                                    " (HF_HUB_OFFLINE=1 uses only what is already downloaded)",
                                e.resumable());
    }
    if (response.status != 200) {
        throw hub_answer_error(response.status, response.header("x-error-code"), repo, revision, "its file list",
                               settings);
    }
    return parse_model_info(response.body, repo, revision,
                            "the file list of " + repo.text() + " from " + settings.endpoint);
}

}  // namespace milr
