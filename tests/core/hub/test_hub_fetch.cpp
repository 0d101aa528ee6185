// Fetching from a local stand-in of the Hub: a whole snapshot, resume after a cut, corruption, refusals, offline,
// a cache written by the Hub's Python client, and file lists that try to leave the cache.
#include <gtest/gtest.h>

#include <random>
#include <set>

#include "core/hub/file_digest.h"
#include "core/hub/hub_cache.h"
#include "core/hub/hub_fetch.h"
#include "core/hub/http_transfer.h"
#include "tests/core/hub/hub_test_server.h"
#include "tests/core/io/io_test_support.h"

namespace milr {
namespace {

namespace fs = std::filesystem;
using test::HubTestServer;
using test::TempFolder;

constexpr std::uint64_t kWeightBytes = 300000;

std::string random_bytes(std::uint64_t size, unsigned seed) {
    std::mt19937 generator(seed);
    std::string bytes(size, '\0');
    for (char& byte : bytes) byte = static_cast<char>(generator() & 0xFF);
    return bytes;
}

std::string read_all(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

class HubFetchTest : public ::testing::Test {
protected:
    void SetUp() override {
        fs::create_directories(m_temp / "repo" / "sub");
        files = {{"config.json", "{\"model_type\": \"multi_modality\"}\n"},
                 {"model.safetensors", random_bytes(kWeightBytes, 1)},
                 {"sub/notes.txt", "a nested small file\n"}};
        for (const auto& [name, bytes] : files) test::write_bytes(m_temp / "repo" / name, bytes);
    }

    std::vector<std::string> repo_arguments() const {
        return {"--repo", "milr-test/tiny=" + (m_temp / "repo").string()};
    }

    HubSettings settings_for(const HubTestServer& server) const {
        HubSettings settings;
        settings.endpoint = server.endpoint();
        settings.cache = m_temp / "cache";
        return settings;
    }

    static FetchOptions quick_options() {
        FetchOptions options;
        options.retries = 0;
        options.retry_delay_ms = 10;
        return options;
    }

    fs::path blobs() const { return m_temp / "cache" / "models--milr-test--tiny" / "blobs"; }

    std::vector<std::string> incomplete_blobs() const {
        std::vector<std::string> found;
        std::error_code error;
        for (const auto& entry : fs::directory_iterator(blobs(), error)) {
            if (entry.path().extension() == ".incomplete") found.push_back(entry.path().filename());
        }
        return found;
    }

    // The GET requests for the large file's bytes.
    static std::vector<nlohmann::json> weight_downloads(const HubTestServer& server) {
        std::vector<nlohmann::json> downloads;
        for (const nlohmann::json& request : server.requests()) {
            if (request["method"] == "GET" && request["path"].get<std::string>().rfind("/cdn-lfs/", 0) == 0) {
                downloads.push_back(request);
            }
        }
        return downloads;
    }

    TempFolder m_temp;
    std::map<std::string, std::string> files;
    const HubRepoId repo = HubRepoId::parse("milr-test/tiny");
};

TEST_F(HubFetchTest, FetchesEverySnapshotFileIntoTheHubCacheLayout) {
    HubTestServer server(repo_arguments(), m_temp / "log.jsonl");
    std::vector<FetchProgress> seen;
    const FetchResult result =
        fetch_hub_snapshot(settings_for(server), repo, quick_options(), [&](const FetchProgress& p) {
            seen.push_back(p);
            return true;
        });
    EXPECT_EQ(result.files, 3);
    EXPECT_EQ(result.files_downloaded, 3);
    EXPECT_EQ(result.folder, m_temp / "cache" / "models--milr-test--tiny" / "snapshots" / result.commit);
    for (const auto& [name, bytes] : files) {
        const fs::path link = result.folder / name;
        ASSERT_TRUE(fs::is_symlink(link)) << name;
        EXPECT_TRUE(fs::read_symlink(link).is_relative()) << name;
        EXPECT_EQ(read_all(link), bytes) << name;
    }
    // Large files are stored under their SHA-256, small ones under their git blob hash, as the Hub's client does.
    EXPECT_EQ(fs::read_symlink(result.folder / "model.safetensors"),
              fs::path("../../blobs") / sha256_hex(files["model.safetensors"]));
    EXPECT_EQ(fs::read_symlink(result.folder / "sub" / "notes.txt").string().substr(0, 15), "../../../blobs/");
    EXPECT_EQ(read_all(m_temp / "cache" / "models--milr-test--tiny" / "refs" / "main"), result.commit);
    EXPECT_TRUE(incomplete_blobs().empty());
    ASSERT_FALSE(seen.empty());
    EXPECT_EQ(seen.back().phase, "done");
    EXPECT_EQ(seen.back().done, seen.back().total);
    EXPECT_EQ(seen.back().total, kWeightBytes + files["config.json"].size() + files["sub/notes.txt"].size());

    // A second fetch finds everything there and downloads nothing.
    const FetchResult again = fetch_hub_snapshot(settings_for(server), repo, quick_options());
    EXPECT_EQ(again.files_already_there, 3);
    EXPECT_EQ(again.bytes_downloaded, 0u);
    EXPECT_EQ(weight_downloads(server).size(), 1u);
    const std::vector<CachedSnapshot> listed = HubCache(m_temp / "cache").snapshots();
    ASSERT_EQ(listed.size(), 1u);
    EXPECT_TRUE(listed[0].complete) << listed[0].missing;
    EXPECT_EQ(listed[0].refs, std::vector<std::string>{"main"});
}

TEST_F(HubFetchTest, ACutDownloadResumesFromItsBytesOnTheNextFetch) {
    std::vector<std::string> arguments = repo_arguments();
    arguments.insert(arguments.end(), {"--cut-after", "100000"});
    HubTestServer server(arguments, m_temp / "log.jsonl");
    try {
        fetch_hub_snapshot(settings_for(server), repo, quick_options());
        FAIL() << "a cut download with no retries must fail";
    } catch (const HttpTransferError& e) {
        EXPECT_NE(std::string(e.what()).find("model.safetensors"), std::string::npos) << e.what();
        EXPECT_NE(std::string(e.what()).find("resumes"), std::string::npos) << e.what();
    }
    // The partial file is kept under a name no snapshot links to, and the snapshot does not name the file.
    ASSERT_EQ(incomplete_blobs().size(), 1u);
    EXPECT_EQ(fs::file_size(blobs() / incomplete_blobs()[0]), 100000u);
    const FetchResult result = fetch_hub_snapshot(settings_for(server), repo, quick_options());
    EXPECT_EQ(result.bytes_resumed, 100000u);
    EXPECT_EQ(read_all(result.folder / "model.safetensors"), files["model.safetensors"]);
    const std::vector<nlohmann::json> downloads = weight_downloads(server);
    ASSERT_EQ(downloads.size(), 2u);
    EXPECT_TRUE(downloads[0]["range"].is_null());
    EXPECT_EQ(downloads[1]["range"], "bytes=100000-");
    EXPECT_EQ(downloads[1]["sent"], kWeightBytes - 100000);  // the bytes already there are not fetched again
}

TEST_F(HubFetchTest, RetriesResumeACutDownloadWithinOneFetch) {
    std::vector<std::string> arguments = repo_arguments();
    arguments.insert(arguments.end(), {"--cut-after", "50000"});
    HubTestServer server(arguments, m_temp / "log.jsonl");
    FetchOptions options = quick_options();
    options.retries = 2;
    const FetchResult result = fetch_hub_snapshot(settings_for(server), repo, options);
    EXPECT_EQ(read_all(result.folder / "model.safetensors"), files["model.safetensors"]);
    EXPECT_EQ(weight_downloads(server).size(), 2u);
}

TEST_F(HubFetchTest, ACorruptDownloadIsRemovedAndNamed) {
    std::vector<std::string> arguments = repo_arguments();
    arguments.insert(arguments.end(), {"--corrupt", "model.safetensors"});
    HubTestServer server(arguments, m_temp / "log.jsonl");
    try {
        fetch_hub_snapshot(settings_for(server), repo, quick_options());
        FAIL() << "a corrupt file must be refused";
    } catch (const Error& e) {
        const std::string message = e.what();
        EXPECT_NE(message.find("model.safetensors is corrupt"), std::string::npos) << message;
        EXPECT_NE(message.find(sha256_hex(files["model.safetensors"])), std::string::npos) << message;
        EXPECT_NE(message.find("removed"), std::string::npos) << message;
    }
    EXPECT_TRUE(incomplete_blobs().empty());
    EXPECT_FALSE(fs::exists(blobs() / sha256_hex(files["model.safetensors"])));
    const std::vector<CachedSnapshot> listed = HubCache(m_temp / "cache").snapshots();
    for (const CachedSnapshot& snapshot : listed) EXPECT_FALSE(fs::exists(snapshot.folder / "model.safetensors"));
}

TEST_F(HubFetchTest, AGatedModelNeedsTheTokenAndSaysSo) {
    std::vector<std::string> arguments = repo_arguments();
    arguments.insert(arguments.end(), {"--gated", "milr-test/tiny", "--token", "hf_secret"});
    HubTestServer server(arguments, m_temp / "log.jsonl");
    HubSettings settings = settings_for(server);
    try {
        fetch_hub_snapshot(settings, repo, quick_options());
        FAIL() << "a gated model without a token must be refused";
    } catch (const HubError& e) {
        EXPECT_EQ(e.status(), 401);
        EXPECT_NE(std::string(e.what()).find("HF_TOKEN"), std::string::npos) << e.what();
        EXPECT_NE(std::string(e.what()).find("milr-test/tiny"), std::string::npos) << e.what();
    }
    settings.token = "hf_secret";
    const FetchResult result = fetch_hub_snapshot(settings, repo, quick_options());
    EXPECT_EQ(result.files, 3);
}

TEST_F(HubFetchTest, AMissingModelOrRevisionIsNamed) {
    HubTestServer server(repo_arguments(), m_temp / "log.jsonl");
    try {
        fetch_hub_snapshot(settings_for(server), HubRepoId::parse("milr-test/nothing"), quick_options());
        FAIL();
    } catch (const HubError& e) {
        EXPECT_EQ(e.status(), 404);
        EXPECT_NE(std::string(e.what()).find("no model milr-test/nothing"), std::string::npos) << e.what();
    }
    FetchOptions options = quick_options();
    options.revision = "v9";
    try {
        fetch_hub_snapshot(settings_for(server), repo, options);
        FAIL();
    } catch (const HubError& e) {
        EXPECT_NE(std::string(e.what()).find("no revision \"v9\""), std::string::npos) << e.what();
    }
}

TEST_F(HubFetchTest, OfflineAndUnreachableAnswerFromTheCache) {
    HubSettings settings;
    settings.cache = m_temp / "cache";
    settings.offline = true;
    try {
        fetch_hub_snapshot(settings, repo, quick_options());
        FAIL() << "offline with nothing cached must fail";
    } catch (const Error& e) {
        EXPECT_NE(std::string(e.what()).find("not in the Hub cache"), std::string::npos) << e.what();
    }
    fs::path folder;
    {
        HubTestServer server(repo_arguments(), m_temp / "log.jsonl");
        folder = fetch_hub_snapshot(settings_for(server), repo, quick_options()).folder;
        const size_t requests = server.requests().size();
        const FetchResult offline = fetch_hub_snapshot(settings, repo, quick_options());
        EXPECT_EQ(offline.folder, folder);
        EXPECT_FALSE(offline.offline_reason.empty());
        EXPECT_EQ(server.requests().size(), requests);  // offline touches no network
    }
    // The server is gone: the cache answers, and says why.
    settings.offline = false;
    settings.endpoint = "http://127.0.0.1:9";
    const FetchResult unreachable = fetch_hub_snapshot(settings, repo, quick_options());
    EXPECT_EQ(unreachable.folder, folder);
    EXPECT_NE(unreachable.offline_reason.find("cannot reach"), std::string::npos) << unreachable.offline_reason;
    EXPECT_THROW(fetch_hub_snapshot(settings, HubRepoId::parse("milr-test/other"), quick_options()), HttpTransferError);
}

TEST_F(HubFetchTest, StoppingKeepsThePartialFileForTheNextFetch) {
    HubTestServer server(repo_arguments(), m_temp / "log.jsonl");
    EXPECT_THROW(
        fetch_hub_snapshot(settings_for(server), repo, quick_options(),
                           [](const FetchProgress& p) { return !(p.file == "model.safetensors" && p.file_done > 0); }),
        Cancelled);
    EXPECT_EQ(incomplete_blobs().size(), 1u);  // kept for the next fetch
    const FetchResult result = fetch_hub_snapshot(settings_for(server), repo, quick_options());
    EXPECT_EQ(read_all(result.folder / "model.safetensors"), files["model.safetensors"]);
}

TEST_F(HubFetchTest, IncludePatternsChooseTheFiles) {
    HubTestServer server(repo_arguments(), m_temp / "log.jsonl");
    FetchOptions options = quick_options();
    options.include = {"*.json"};
    const FetchResult result = fetch_hub_snapshot(settings_for(server), repo, options);
    EXPECT_EQ(result.files, 1);
    EXPECT_TRUE(fs::exists(result.folder / "config.json"));
    EXPECT_FALSE(fs::exists(result.folder / "model.safetensors"));
    EXPECT_TRUE(weight_downloads(server).empty());
}

TEST(HubCache, FindsACacheWrittenByTheHubsPythonClient) {
    TempFolder temp;
    // The layout huggingface_hub writes: blobs named by hash, relative links, refs/main.
    const std::string commit = "0123456789abcdef0123456789abcdef01234567";
    const fs::path repo = temp.path() / "models--deepseek-ai--Janus-Pro-1B";
    fs::create_directories(repo / "blobs");
    fs::create_directories(repo / "snapshots" / commit);
    fs::create_directories(repo / "refs");
    test::write_bytes(repo / "blobs" / "aaaa", "{}");
    test::write_bytes(repo / "blobs" / "bbbb", "weights");
    test::write_bytes(repo / "refs" / "main", commit);
    fs::create_symlink("../../blobs/aaaa", repo / "snapshots" / commit / "config.json");
    fs::create_symlink("../../blobs/bbbb", repo / "snapshots" / commit / "pytorch_model.bin");
    const std::vector<CachedSnapshot> listed = HubCache(temp.path()).snapshots();
    ASSERT_EQ(listed.size(), 1u);
    EXPECT_EQ(listed[0].repo.text(), "deepseek-ai/Janus-Pro-1B");
    EXPECT_EQ(listed[0].commit, commit);
    EXPECT_EQ(listed[0].refs, std::vector<std::string>{"main"});
    EXPECT_TRUE(listed[0].complete) << listed[0].missing;
    EXPECT_EQ(listed[0].bytes, 9u);
    HubSettings settings;
    settings.cache = temp.path();
    EXPECT_EQ(find_cached_snapshot(settings, HubRepoId::parse("deepseek-ai/Janus-Pro-1B"), "main"),
              repo / "snapshots" / commit);
    // A sharded checkpoint whose index names a shard that is not there is incomplete, and says which.
    test::write_bytes(repo / "blobs" / "cccc", "{\"weight_map\": {\"a\": \"pytorch_model-00002-of-00002.bin\"}}");
    fs::create_symlink("../../blobs/cccc", repo / "snapshots" / commit / "pytorch_model.bin.index.json");
    const CachedSnapshot sharded = HubCache(temp.path()).snapshots().at(0);
    EXPECT_FALSE(sharded.complete);
    EXPECT_NE(sharded.missing.find("pytorch_model-00002-of-00002.bin"), std::string::npos) << sharded.missing;
}

TEST(HubNames, RefuseWhatCouldLeaveTheCache) {
    for (const char* bad : {"", "noslash", "a/b/c", "../x", "a/..", "a--b/c", "a/b--c", "-a/b", "a/b c", "a/.b"}) {
        EXPECT_THROW(HubRepoId::parse(bad), Error) << bad;
    }
    EXPECT_EQ(HubRepoId::parse("deepseek-ai/Janus-Pro-1B").cache_folder_name(), "models--deepseek-ai--Janus-Pro-1B");
    for (const char* bad : {"../evil", "/etc/passwd", "a/../../b", "a//b", "a\\b", "./x", "x/"}) {
        EXPECT_THROW(check_hub_file_name(bad), Error) << bad;
    }
    EXPECT_NO_THROW(check_hub_file_name("vae/config.json"));
    for (const char* bad : {"", "..", "a/../b", "/main"}) EXPECT_THROW(check_hub_revision(bad), Error) << bad;
    // A file list from a server is data: a name that climbs out of the snapshot is refused before anything is written.
    const std::string hostile =
        "{\"sha\": \"0123456789abcdef0123456789abcdef01234567\", \"siblings\": [{\"rfilename\": \"../../../../x\", "
        "\"size\": 1, \"blobId\": \"0123456789abcdef0123456789abcdef01234567\"}]}";
    EXPECT_THROW(parse_model_info(hostile, HubRepoId::parse("a/b"), "main", "test"), Error);
    const std::string bad_hash =
        "{\"sha\": \"0123456789abcdef0123456789abcdef01234567\", \"siblings\": [{\"rfilename\": \"x\", "
        "\"size\": 1, \"blobId\": \"../../etc\"}]}";
    EXPECT_THROW(parse_model_info(bad_hash, HubRepoId::parse("a/b"), "main", "test"), Error);
}

TEST(FileDigest, MatchesKnownValues) {
    TempFolder temp;
    test::write_bytes(temp / "abc", "abc");
    EXPECT_EQ(file_digest(temp / "abc", DigestKind::sha256),
              "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    // `git hash-object` of a file holding "abc".
    EXPECT_EQ(file_digest(temp / "abc", DigestKind::git_blob_sha1), "f2ba8f84ab5c1bce84a7b441cb1959cfc7093b7f");
}

}  // namespace
}  // namespace milr
