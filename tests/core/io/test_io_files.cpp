// Atomic writes (old complete file or new complete file, never a temporary left) and strict JSON files.
#include <gtest/gtest.h>

#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/io/atomic_file.h"
#include "core/io/json_file.h"
#include "io_test_support.h"

using namespace milr;
using milr::test::error_of;
using milr::test::read_bytes;
using milr::test::TempFolder;

TEST(AtomicFile, WritesAndReplacesWholeFiles) {
    TempFolder folder;
    write_file_atomic(folder / "a.txt", "first version");
    EXPECT_EQ(read_bytes(folder / "a.txt"), "first version");
    write_file_atomic(folder / "a.txt", std::string(100000, 'x'));
    EXPECT_EQ(read_bytes(folder / "a.txt"), std::string(100000, 'x'));
    EXPECT_EQ(folder.entries(), std::vector<std::string>{"a.txt"});
}

TEST(AtomicFile, AbandonedWriteLeavesTheOldFileAndNoTemporary) {
    TempFolder folder;
    write_file_atomic(folder / "a.txt", "old complete");
    try {
        AtomicFileWriter writer(folder / "a.txt");
        writer.write("new but incompl");
        EXPECT_TRUE(std::filesystem::exists(writer.temporary()));
        throw std::runtime_error("the exporter failed half-way");
    } catch (const std::runtime_error&) {}
    EXPECT_EQ(read_bytes(folder / "a.txt"), "old complete");
    EXPECT_EQ(folder.entries(), std::vector<std::string>{"a.txt"});
}

TEST(AtomicFile, MissingFolderNamesThePathAndTheReason) {
    TempFolder folder;
    const auto target = folder / "no-such-folder" / "out.json";
    const std::string message = error_of([&] { write_file_atomic(target, "{}"); });
    EXPECT_CONTAINS(message, target.string());
    EXPECT_CONTAINS(message, "No such file or directory");
    EXPECT_TRUE(folder.entries().empty());
}

TEST(AtomicFile, FailedRenameRemovesTheTemporary) {
    TempFolder folder;
    std::filesystem::create_directories(folder / "taken" / "inside");  // a non-empty folder cannot be replaced
    const std::string message = error_of([&] { write_file_atomic(folder / "taken", "data"); });
    EXPECT_CONTAINS(message, "taken");
    EXPECT_CONTAINS(message, "rename");
    EXPECT_EQ(folder.entries(), std::vector<std::string>{"taken"});
    EXPECT_TRUE(std::filesystem::is_directory(folder / "taken" / "inside"));
}

// A write error half-way (the file-size limit stands in for a full disk): the old file stays complete.
TEST(AtomicFile, WriteErrorKeepsTheOldFile) {
    TempFolder folder;
    write_file_atomic(folder / "big.bin", "old complete");
    rlimit previous{};
    ASSERT_EQ(::getrlimit(RLIMIT_FSIZE, &previous), 0);
    auto* previous_handler = ::signal(SIGXFSZ, SIG_IGN);
    rlimit small = previous;
    small.rlim_cur = 4096;
    ASSERT_EQ(::setrlimit(RLIMIT_FSIZE, &small), 0);
    const std::string message = error_of([&] { write_file_atomic(folder / "big.bin", std::string(1 << 20, 'n')); });
    ::setrlimit(RLIMIT_FSIZE, &previous);
    ::signal(SIGXFSZ, previous_handler);
    EXPECT_CONTAINS(message, "big.bin");
    EXPECT_CONTAINS(message, "File too large");
    EXPECT_EQ(read_bytes(folder / "big.bin"), "old complete");
    EXPECT_EQ(folder.entries(), std::vector<std::string>{"big.bin"});
}

TEST(AtomicFile, ReadOnlyFolderIsAClearError) {
    if (::geteuid() == 0) GTEST_SKIP() << "root ignores folder permissions";
    TempFolder folder;
    write_file_atomic(folder / "a.txt", "old");
    ::chmod(folder.path().c_str(), 0555);
    const std::string message = error_of([&] { write_file_atomic(folder / "a.txt", "new"); });
    ::chmod(folder.path().c_str(), 0755);
    EXPECT_CONTAINS(message, "Permission denied");
    EXPECT_EQ(read_bytes(folder / "a.txt"), "old");
}

TEST(JsonFile, ReadsAValidFile) {
    TempFolder folder;
    write_file_atomic(folder / "c.json", R"({"hidden_size": 2048, "name": "x"})");
    const auto json = read_json_file(folder / "c.json");
    EXPECT_EQ(json["hidden_size"].get<int>(), 2048);
}

TEST(JsonFile, InvalidJsonNamesFileLineAndColumn) {
    TempFolder folder;
    write_file_atomic(folder / "c.json", "{\n  \"a\": 1,\n  \"b\": tru\n}");
    const std::string message = error_of([&] { read_json_file(folder / "c.json"); });
    EXPECT_CONTAINS(message, "c.json");
    EXPECT_CONTAINS(message, "line 3, column");
}

TEST(JsonFile, DuplicateKeysAreRejectedAtAnyDepth) {
    EXPECT_CONTAINS(error_of([] { parse_json_strict(R"({"a": 1, "a": 2})", "x.json"); }), "\"a\" appears twice");
    EXPECT_CONTAINS(error_of([] { parse_json_strict(R"({"o": [{"k": 1}, {"k": 2, "k": 3}]})", "x.json"); }),
                    "\"k\" appears twice");
    EXPECT_NO_THROW(parse_json_strict(R"({"o": [{"k": 1}, {"k": 2}], "p": {"k": 3}})", "x.json"));
    // Found by fuzzing: a number beyond double's range was an nlohmann exception, not a message naming the file.
    EXPECT_CONTAINS(error_of([] { parse_json_strict(R"({"hidden_size": 1e706})", "config.json"); }),
                    "config.json: invalid JSON (number overflow");
}

TEST(JsonFile, MissingFileIsNamed) {
    TempFolder folder;
    const std::string message = error_of([&] { read_json_file(folder / "absent.json"); });
    EXPECT_CONTAINS(message, "absent.json");
    EXPECT_CONTAINS(message, "cannot open");
}
