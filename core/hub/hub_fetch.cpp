// Snapshot fetching: per file a HEAD on its resolve URL, a resumable GET into blobs/<etag>.incomplete, the digest
// check, the rename into blobs/<etag> and the snapshot link; a lock per blob shared with the Hub's Python client.
#include "core/hub/hub_fetch.h"

#include <fcntl.h>
#include <fnmatch.h>
#include <sys/file.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <deque>
#include <memory>
#include <optional>
#include <thread>
#include <utility>

#include "core/hub/file_digest.h"
#include "core/hub/hub_cache.h"
#include "core/hub/http_transfer.h"
#include "core/hub/hub_text.h"

namespace milr {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

std::uint64_t size_or_zero(const fs::path& path) {
    std::error_code error;
    const auto size = fs::file_size(path, error);
    return error ? 0 : size;
}

// The ETag as the Hub sends it: W/"abc" or "abc" -> abc.
std::string bare_etag(std::string etag) {
    if (etag.rfind("W/", 0) == 0) etag.erase(0, 2);
    if (etag.size() >= 2 && etag.front() == '"' && etag.back() == '"') etag = etag.substr(1, etag.size() - 2);
    return etag;
}

// An exclusive lock on .locks/models--org--name/<etag>.lock, where the Hub's Python client (filelock, flock on
// Unix) takes its own, so that two programs never write one blob. Waits while another holds it.
class BlobLock {
public:
    BlobLock(const fs::path& path, const std::function<bool()>& keep_waiting) {
        std::error_code error;
        fs::create_directories(path.parent_path(), error);
        m_fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
        if (m_fd < 0) throw Error("cannot open the lock file " + path.string());
        while (::flock(m_fd, LOCK_EX | LOCK_NB) != 0) {
            if (!keep_waiting()) {
                ::close(m_fd);
                throw Cancelled("cancelled while waiting for another download (lock " + path.string() + ")");
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(200));
        }
    }
    ~BlobLock() {
        ::flock(m_fd, LOCK_UN);
        ::close(m_fd);
    }
    BlobLock(const BlobLock&) = delete;
    BlobLock& operator=(const BlobLock&) = delete;

private:
    int m_fd = -1;
};

// Progress over the whole snapshot, with the speed over the last five seconds; calls the user at most ten times
// a second (and always on a change of phase or file).
class ProgressReporter {
public:
    ProgressReporter(const FetchProgressCallback& callback, std::uint64_t total, int file_count)
        : m_callback(callback) {
        m_state.total = total;
        m_state.file_count = file_count;
    }

    void start_file(const HubFile& file, int index, const std::string& phase) {
        m_state.file = file.name;
        m_state.file_index = index;
        m_state.file_bytes = file.size;
        m_state.file_done = 0;
        m_state.phase = phase;
        m_samples.clear();
        send(true);
    }
    void set_phase(const std::string& phase) {
        m_state.phase = phase;
        send(true);
    }
    // The current file's bytes in the cache so far.
    void file_bytes_done(std::uint64_t file_done) {
        m_state.file_done = file_done;
        const auto now = Clock::now();
        m_samples.emplace_back(now, file_done);
        while (m_samples.size() > 2 && now - m_samples.front().first > std::chrono::seconds(5)) m_samples.pop_front();
        const double seconds = std::chrono::duration<double>(now - m_samples.front().first).count();
        m_state.bytes_per_second = seconds > 0.2 ? static_cast<double>(file_done - m_samples.front().second) / seconds
                                                 : m_state.bytes_per_second;
        report(false);
    }
    void finish_file(std::uint64_t bytes) {
        m_done_before_file += bytes;
        m_state.file_done = bytes;
        m_state.bytes_per_second = 0;
    }
    void finish() {
        m_state.phase = "done";
        m_state.file.clear();
        send(true);
    }
    bool keep_going() const { return m_keep_going; }

    // Calls the user (at most ten times a second unless `always`); false once the user said stop. Never throws:
    // it runs inside libcurl's callbacks.
    bool report(bool always) {
        m_state.done = m_done_before_file + (m_state.phase == "downloading" ? m_state.file_done : 0);
        const auto now = Clock::now();
        if (!m_keep_going || !m_callback || (!always && now - m_last_sent < std::chrono::milliseconds(100))) {
            return m_keep_going;
        }
        m_last_sent = now;
        m_keep_going = m_callback(m_state);
        return m_keep_going;
    }
    // As report(), throwing Cancelled when the user said stop.
    void send(bool always) {
        if (!report(always)) throw Cancelled("cancelled while fetching " + m_state.file);
    }

private:
    const FetchProgressCallback& m_callback;
    FetchProgress m_state;
    std::uint64_t m_done_before_file = 0;
    std::deque<std::pair<Clock::time_point, std::uint64_t>> m_samples;
    Clock::time_point m_last_sent{};
    bool m_keep_going = true;
};

// Where the file's bytes come from: the resolve URL itself (small files) or where it redirects (large files). The
// HEAD's headers must name the blob the file list named.
std::string download_url(const HubSettings& settings, const HubModelInfo& model, const HubFile& file) {
    HttpRequest head;
    head.method = "HEAD";
    head.url = resolve_file_url(settings, model.repo, model.commit, file.name);
    head.headers = settings.headers_for(head.url);
    head.follow_redirects = false;
    const HttpResponse answer = http_transfer(head);
    std::string url = head.url;
    if (answer.status >= 300 && answer.status < 400) {
        const std::string location = answer.header("location");
        if (location.empty()) throw Error(settings.endpoint + " redirected " + file.name + " to nowhere");
        url = resolve_url(head.url, location);
    } else if (answer.status != 200) {
        throw hub_answer_error(answer.status, answer.header("x-error-code"), model.repo, model.revision, file.name,
                               settings);
    }
    const std::string linked = bare_etag(answer.header("x-linked-etag"));
    const std::string etag = linked.empty() ? bare_etag(answer.header("etag")) : linked;
    if (!etag.empty() && etag != file.etag()) {
        throw Error("the Hub's headers for " + file.name + " name blob " + etag + " but its file list names " +
                    file.etag() + "; refused (the model changed during the fetch? fetch again)");
    }
    return url;
}

// Appends the file's bytes to its .incomplete blob from where an earlier attempt stopped; returns the bytes
// fetched. A server that ignores the Range header (200) starts the file over.
std::uint64_t download_into(const HubSettings& settings, const HubModelInfo& model, const HubFile& file,
                            const std::string& url, const fs::path& partial, const FetchOptions& options,
                            ProgressReporter& reporter) {
    const std::uint64_t existing = size_or_zero(partial);
    std::FILE* out = std::fopen(partial.c_str(), "ab");
    if (!out) throw Error("cannot write " + partial.string());
    std::unique_ptr<std::FILE, decltype(&std::fclose)> closer(out, &std::fclose);
    std::uint64_t written = existing;
    std::uint64_t fetched = 0;
    bool too_long = false;
    HttpRequest get;
    get.url = url;
    get.headers = settings.headers_for(url);
    get.resume_from = existing;
    get.stall_seconds = options.stall_seconds;
    get.on_answer = [&](long status, const std::map<std::string, std::string>&) {
        if (status == 200 && existing > 0) {  // the whole file again: start it over
            if (::ftruncate(::fileno(out), 0) != 0) return false;
            std::rewind(out);
            written = 0;
        }
        return true;
    };
    get.sink = [&](const char* data, size_t size) {
        if (written + size > file.size) {  // more bytes than the file has: refuse them
            too_long = true;
            return false;
        }
        if (std::fwrite(data, 1, size, out) != size) return false;
        written += size;
        fetched += size;
        reporter.file_bytes_done(written);
        return reporter.keep_going();
    };
    HttpResponse answer;
    try {
        answer = http_transfer(get);
    } catch (const Cancelled&) {
        std::fflush(out);
        if (too_long) {
            closer.reset();
            fs::remove(partial);
            throw Error(file.name + ": the server sent more than the " + std::to_string(file.size) +
                        " bytes the Hub lists; the download was removed");
        }
        throw;
    }
    if (std::fflush(out) != 0) throw Error("cannot write " + partial.string() + " (disk full?)");
    if (answer.status == 416) {  // the partial file is not a prefix the server knows: start over
        closer.reset();
        fs::remove(partial);
        return fetched;
    }
    if (answer.status != 200 && answer.status != 206) {
        throw hub_answer_error(answer.status, answer.header("x-error-code"), model.repo, model.revision, file.name,
                               settings);
    }
    return fetched;
}

void check_disk_space(const fs::path& cache, std::uint64_t needed) {
    fs::path existing = cache;
    while (!existing.empty() && !fs::exists(existing)) existing = existing.parent_path();
    std::error_code error;
    const fs::space_info space = fs::space(existing.empty() ? fs::path(".") : existing, error);
    if (!error && space.available < needed + (64u << 20)) {
        throw Error("the download needs " + megabytes_text(needed) + " more in " + cache.string() + " and only " +
                    megabytes_text(space.available) + " is free; free some space or set HF_HUB_CACHE to another disk");
    }
}

bool wanted(const HubFile& file, const std::vector<std::string>& include) {
    if (include.empty()) return true;
    for (const std::string& pattern : include) {
        if (::fnmatch(pattern.c_str(), file.name.c_str(), 0) == 0) return true;
    }
    return false;
}

// Waits `milliseconds`, returning early (false) if the user stops.
bool wait_before_retry(int milliseconds, ProgressReporter& reporter) {
    const auto until = Clock::now() + std::chrono::milliseconds(milliseconds);
    while (Clock::now() < until) {
        reporter.send(true);
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return reporter.keep_going();
}

// One file into the cache; returns the bytes downloaded and whether they resumed a partial file.
std::pair<std::uint64_t, std::uint64_t> fetch_file(const HubSettings& settings, const HubCache& cache,
                                                   const HubModelInfo& model, const HubFile& file,
                                                   const FetchOptions& options, ProgressReporter& reporter) {
    const fs::path blob = cache.blob_path(model.repo, file.etag());
    const fs::path partial = cache.incomplete_blob_path(model.repo, file.etag());
    const std::uint64_t resumed = size_or_zero(partial) <= file.size ? size_or_zero(partial) : 0;
    if (size_or_zero(partial) > file.size) fs::remove(partial);
    std::uint64_t fetched = 0;
    const std::string url = download_url(settings, model, file);
    reporter.set_phase("downloading");
    int delay = options.retry_delay_ms;
    for (int attempt = 0;; ++attempt) {
        if (fs::exists(partial) && size_or_zero(partial) == file.size) break;  // all there (stopped while checking)
        try {
            fetched += download_into(settings, model, file, url, partial, options, reporter);
            if (size_or_zero(partial) == file.size && fs::exists(partial)) break;
            if (!fs::exists(partial) && attempt < options.retries) continue;  // the server asked to start over (416)
            throw HttpTransferError("the server ended " + file.name + " early", true);
        } catch (const HttpTransferError& e) {
            if (!e.resumable() || attempt >= options.retries) {
                throw HttpTransferError(file.name + ": " + e.what() + "; stopped at " +
                                            megabytes_text(size_or_zero(partial)) + " of " + megabytes_text(file.size) +
                                            ". Run the fetch again: it resumes from there",
                                        e.resumable());
            }
            reporter.set_phase("retrying after: " + std::string(e.what()));
            if (!wait_before_retry(delay, reporter)) throw Cancelled("cancelled while fetching " + file.name);
            delay = std::min(delay * 2, 30000);
            reporter.set_phase("downloading");
        }
    }
    reporter.set_phase("checking");
    const DigestKind kind = file.is_large() ? DigestKind::sha256 : DigestKind::git_blob_sha1;
    const std::string digest = file_digest(partial, kind, [&](std::uint64_t) { return reporter.keep_going(); });
    if (digest != file.etag()) {
        fs::remove(partial);
        const char* name = file.is_large() ? "SHA-256" : "git blob hash";
        throw Error(file.name + " is corrupt: its " + name + " is " + digest + ", the Hub gives " + file.etag() +
                    "; the download was removed, fetch again");
    }
    std::error_code error;
    fs::rename(partial, blob, error);
    if (error) throw Error("cannot move " + partial.string() + " to " + blob.string() + ": " + error.message());
    return {fetched, resumed};
}

}  // namespace

fs::path find_cached_snapshot(const HubSettings& settings, const HubRepoId& repo, const std::string& revision) {
    const HubCache cache(settings.cache);
    const std::optional<std::string> commit = cache.cached_commit(repo, revision);
    if (!commit) {
        throw Error(repo.text() + " at " + revision + " is not in the Hub cache (" + settings.cache.string() +
                    "); fetch it first with network access (HF_HUB_OFFLINE is " +
                    (settings.offline ? "set" : "not set") + ")");
    }
    return cache.snapshot_folder(repo, *commit);
}

FetchResult fetch_hub_snapshot(const HubSettings& settings, const HubRepoId& repo, const FetchOptions& options,
                               const FetchProgressCallback& progress) {
    const HubCache cache(settings.cache);
    FetchResult result;
    result.repo = repo;
    auto from_cache = [&](const std::string& reason) {
        result.folder = find_cached_snapshot(settings, repo, options.revision);
        const CachedSnapshot snapshot = cache.describe_snapshot(repo, result.folder.filename().string());
        if (!snapshot.complete) {
            throw Error(reason + ", and the cached snapshot " + result.folder.string() +
                        " is incomplete: " + snapshot.missing);
        }
        result.commit = snapshot.commit;
        result.files = result.files_already_there = snapshot.files;
        result.bytes = snapshot.bytes;
        result.offline_reason = reason;
        return result;
    };
    if (settings.offline) return from_cache("offline (HF_HUB_OFFLINE is set)");
    HubModelInfo model;
    try {
        if (progress) {
            FetchProgress listing;
            listing.phase = "listing";
            if (!progress(listing)) throw Cancelled("cancelled while listing " + repo.text());
        }
        model = fetch_model_info(settings, repo, options.revision);
    } catch (const HttpTransferError& e) {
        if (cache.cached_commit(repo, options.revision)) return from_cache(e.what());
        throw;
    }
    std::vector<HubFile> files;
    for (const HubFile& file : model.files) {
        if (wanted(file, options.include)) files.push_back(file);
    }
    if (files.empty()) throw Error(repo.text() + " has no file that matches the --include patterns");
    result.commit = model.commit;
    result.folder = cache.snapshot_folder(repo, model.commit);
    std::uint64_t missing_bytes = 0;
    for (const HubFile& file : files) {
        result.bytes += file.size;
        const fs::path blob = cache.blob_path(repo, file.etag());
        if (size_or_zero(blob) != file.size || !fs::exists(blob)) {
            const std::uint64_t partial = size_or_zero(cache.incomplete_blob_path(repo, file.etag()));
            missing_bytes += file.size - std::min(partial, file.size);
        }
    }
    check_disk_space(settings.cache, missing_bytes);
    fs::create_directories(cache.repo_folder(repo) / "blobs");
    ProgressReporter reporter(progress, result.bytes, static_cast<int>(files.size()));
    for (size_t index = 0; index < files.size(); ++index) {
        const HubFile& file = files[index];
        reporter.start_file(file, static_cast<int>(index) + 1, "waiting for another download");
        const fs::path lock_path = settings.cache / ".locks" / repo.cache_folder_name() / (file.etag() + ".lock");
        const BlobLock lock(lock_path, [&] {
            reporter.send(false);
            return reporter.keep_going();
        });
        const fs::path blob = cache.blob_path(repo, file.etag());
        if (fs::exists(blob) && size_or_zero(blob) == file.size) {
            ++result.files_already_there;
        } else {
            const auto [fetched, resumed] = fetch_file(settings, cache, model, file, options, reporter);
            result.bytes_downloaded += fetched;
            result.bytes_resumed += resumed;
            ++result.files_downloaded;
        }
        cache.link_into_snapshot(repo, model.commit, file.name, file.etag());
        reporter.finish_file(file.size);
        ++result.files;
    }
    cache.write_ref(repo, options.revision, model.commit);
    reporter.finish();
    return result;
}

}  // namespace milr
