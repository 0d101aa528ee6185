// One HTTP request through libcurl (Debian's libcurl4-openssl-dev): headers, resume from an offset, a byte sink,
// progress and cancel, stalls and protocols limited. The Hub's protocol is built on it in hub_client.cpp.
#pragma once
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "core/util/error.h"

namespace milr {

// The request could not be completed: no connection, a cut, a stall, a TLS failure. `resumable` when bytes may
// have arrived and a Range request can carry on from them.
class HttpTransferError : public Error {
public:
    HttpTransferError(const std::string& message, bool resumable) : Error(message), m_resumable(resumable) {}
    bool resumable() const { return m_resumable; }

private:
    bool m_resumable;
};

struct HttpRequest {
    std::string method = "GET";  // GET or HEAD
    std::string url;
    std::vector<std::string> headers;  // "Name: value"
    bool follow_redirects = true;
    std::uint64_t resume_from = 0;  // > 0: "Range: bytes=<resume_from>-"
    // Receives the body of a 2xx answer in pieces; return false to stop (Cancelled). Without it the body is kept in
    // HttpResponse::body (at most 16 MiB).
    std::function<bool(const char* data, size_t size)> sink;
    // Called once with the status and headers of a 2xx answer before its first body byte reaches the sink (a
    // server may answer a Range request with the whole file: 200, not 206); return false to cancel.
    std::function<bool(long status, const std::map<std::string, std::string>& headers)> on_answer;
    // Bytes of the body received so far and expected (0 when unknown); return false to cancel.
    std::function<bool(std::uint64_t received, std::uint64_t expected)> progress;
    long connect_timeout_seconds = 30;
    long stall_seconds = 60;  // fewer than 1 byte a second for this long is a stall
};

struct HttpResponse {
    long status = 0;
    std::map<std::string, std::string> headers;  // of the last answer, names in lowercase
    std::string body;                            // without a sink, or of a non-2xx answer (first 64 KiB)
    std::string header(const std::string& lowercase_name) const;
};

// Performs the request; throws HttpTransferError on a transport failure and milr::Cancelled when a callback asked
// to stop. Only http and https are spoken, also after redirects.
HttpResponse http_transfer(const HttpRequest& request);

// `reference` resolved against `base` (an absolute Location passes unchanged); throws milr::Error if not a URL.
std::string resolve_url(const std::string& base, const std::string& reference);
// "host:port" of a URL (the default port of its scheme when none is written).
std::string url_authority(const std::string& url);

}  // namespace milr
