// libcurl behind http_transfer(): one easy handle per request, callbacks bridging to the request's functions.
#include "core/hub/http_transfer.h"

#include <curl/curl.h>

#include <algorithm>
#include <cctype>
#include <exception>
#include <memory>
#include <mutex>

namespace milr {

namespace {
constexpr size_t kMaxKeptBody = 16u << 20;
constexpr size_t kMaxErrorBody = 64u << 10;

void initialise_curl_once() {
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

struct TransferState {
    const HttpRequest* request = nullptr;
    CURL* handle = nullptr;
    HttpResponse response;
    bool sink_refused = false;
    bool answer_announced = false;
    std::exception_ptr callback_error;  // thrown by a callback: kept here, never through libcurl's C frames
    std::uint64_t body_bytes = 0;
};

bool is_success(long status) { return status >= 200 && status < 300; }

size_t on_header(char* data, size_t size, size_t count, void* user) {
    auto* state = static_cast<TransferState*>(user);
    const size_t length = size * count;
    std::string line(data, length);
    while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.pop_back();
    if (line.rfind("HTTP/", 0) == 0) {
        state->response.headers.clear();  // a new answer (after a redirect or a 100 Continue)
        return length;
    }
    const size_t colon = line.find(':');
    if (colon == std::string::npos) return length;
    std::string name = line.substr(0, colon);
    std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::tolower(c); });
    size_t start = colon + 1;
    while (start < line.size() && (line[start] == ' ' || line[start] == '\t')) ++start;
    state->response.headers[name] = line.substr(start);
    return length;
}

size_t on_body_unguarded(char* data, size_t size, size_t count, TransferState* state) {
    const size_t length = size * count;
    long status = 0;
    curl_easy_getinfo(state->handle, CURLINFO_RESPONSE_CODE, &status);
    if (!is_success(status) || !state->request->sink) {
        const size_t limit = is_success(status) ? kMaxKeptBody : kMaxErrorBody;
        std::string& body = state->response.body;
        if (body.size() + length > limit && is_success(status)) return 0;  // too large to keep: fail the transfer
        body.append(data, std::min(length, limit - std::min(limit, body.size())));
        return length;
    }
    if (!state->answer_announced) {
        state->answer_announced = true;
        if (state->request->on_answer && !state->request->on_answer(status, state->response.headers)) {
            state->sink_refused = true;
            return 0;
        }
    }
    if (!state->request->sink(data, length)) {
        state->sink_refused = true;
        return 0;
    }
    state->body_bytes += length;
    return length;
}

size_t on_body(char* data, size_t size, size_t count, void* user) {
    auto* state = static_cast<TransferState*>(user);
    try {
        return on_body_unguarded(data, size, count, state);
    } catch (...) {
        state->callback_error = std::current_exception();
        return 0;
    }
}

int on_progress(void* user, curl_off_t expected, curl_off_t received, curl_off_t, curl_off_t) {
    auto* state = static_cast<TransferState*>(user);
    if (!state->request->progress) return 0;
    try {
        return state->request->progress(static_cast<std::uint64_t>(received), static_cast<std::uint64_t>(expected)) ? 0
                                                                                                                    : 1;
    } catch (...) {
        state->callback_error = std::current_exception();
        return 1;
    }
}

struct CurlUrl {
    CURLU* handle = curl_url();
    ~CurlUrl() { curl_url_cleanup(handle); }
    std::string get(CURLUPart part, unsigned flags = 0) const {
        char* text = nullptr;
        if (curl_url_get(handle, part, &text, flags) != CURLUE_OK || !text) return {};
        std::string value(text);
        curl_free(text);
        return value;
    }
};
}  // namespace

std::string HttpResponse::header(const std::string& lowercase_name) const {
    const auto it = headers.find(lowercase_name);
    return it == headers.end() ? std::string() : it->second;
}

HttpResponse http_transfer(const HttpRequest& request) {
    initialise_curl_once();
    std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> handle(curl_easy_init(), &curl_easy_cleanup);
    if (!handle) throw Error("libcurl: cannot start a transfer");
    TransferState state;
    state.request = &request;
    state.handle = handle.get();
    CURL* curl = handle.get();
    curl_easy_setopt(curl, CURLOPT_URL, request.url.c_str());
    if (request.method == "HEAD") curl_easy_setopt(curl, CURLOPT_NOBODY, 1L);
    curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, request.follow_redirects ? 1L : 0L);
    curl_easy_setopt(curl, CURLOPT_MAXREDIRS, 10L);
#if LIBCURL_VERSION_NUM >= 0x075500
    curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(curl, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
#else
    curl_easy_setopt(curl, CURLOPT_PROTOCOLS, static_cast<long>(CURLPROTO_HTTP | CURLPROTO_HTTPS));
    curl_easy_setopt(curl, CURLOPT_REDIR_PROTOCOLS, static_cast<long>(CURLPROTO_HTTP | CURLPROTO_HTTPS));
#endif
    curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, request.connect_timeout_seconds);
    curl_easy_setopt(curl, CURLOPT_LOW_SPEED_LIMIT, 1L);
    curl_easy_setopt(curl, CURLOPT_LOW_SPEED_TIME, request.stall_seconds);
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(curl, CURLOPT_USERAGENT, "milr-studio (hub client)");
    curl_easy_setopt(curl, CURLOPT_ACCEPT_ENCODING, "identity");
    curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, on_header);
    curl_easy_setopt(curl, CURLOPT_HEADERDATA, &state);
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, on_body);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, &state);
    curl_easy_setopt(curl, CURLOPT_XFERINFOFUNCTION, on_progress);
    curl_easy_setopt(curl, CURLOPT_XFERINFODATA, &state);
    curl_easy_setopt(curl, CURLOPT_NOPROGRESS, 0L);
    const std::string range = "Range: bytes=" + std::to_string(request.resume_from) + "-";
    curl_slist* header_list = nullptr;
    for (const std::string& header : request.headers) header_list = curl_slist_append(header_list, header.c_str());
    if (request.resume_from > 0) header_list = curl_slist_append(header_list, range.c_str());
    std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)> headers(header_list, &curl_slist_free_all);
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers.get());
    char error_text[CURL_ERROR_SIZE] = {0};
    curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, error_text);

    const CURLcode code = curl_easy_perform(curl);
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &state.response.status);
    if (state.callback_error) std::rethrow_exception(state.callback_error);
    if (code == CURLE_ABORTED_BY_CALLBACK || (code == CURLE_WRITE_ERROR && state.sink_refused)) {
        throw Cancelled("cancelled while downloading " + request.url);
    }
    if (code != CURLE_OK) {
        const std::string reason = error_text[0] ? std::string(error_text) : std::string(curl_easy_strerror(code));
        const bool resumable = code == CURLE_PARTIAL_FILE || code == CURLE_RECV_ERROR ||
            code == CURLE_OPERATION_TIMEDOUT || code == CURLE_GOT_NOTHING || code == CURLE_SEND_ERROR ||
            code == CURLE_HTTP2_STREAM || code == CURLE_COULDNT_CONNECT;
        std::string message = reason;
        if (code == CURLE_OPERATION_TIMEDOUT) message = "the download stalled (" + reason + ")";
        if (code == CURLE_WRITE_ERROR) message = "the answer from " + request.url + " was too large to keep";
        throw HttpTransferError(message, resumable);
    }
    return state.response;
}

std::string resolve_url(const std::string& base, const std::string& reference) {
    CurlUrl url;
    if (curl_url_set(url.handle, CURLUPART_URL, base.c_str(), 0) != CURLUE_OK ||
        curl_url_set(url.handle, CURLUPART_URL, reference.c_str(), 0) != CURLUE_OK) {
        throw Error("\"" + reference + "\" is not a URL (relative to " + base + ")");
    }
    return url.get(CURLUPART_URL);
}

std::string url_authority(const std::string& url) {
    CurlUrl parsed;
    if (curl_url_set(parsed.handle, CURLUPART_URL, url.c_str(), 0) != CURLUE_OK) return {};
    return parsed.get(CURLUPART_HOST) + ":" + parsed.get(CURLUPART_PORT, CURLU_DEFAULT_PORT);
}

}  // namespace milr
