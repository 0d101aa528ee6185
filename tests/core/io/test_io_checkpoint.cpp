// Checkpoint folders: single and sharded safetensors, sharded .bin, and the errors of broken layouts.
#include <gtest/gtest.h>

#include "core/io/checkpoint.h"
#include "core/io/json_file.h"
#include "io_test_support.h"

using namespace milr;
using milr::test::error_of;
using milr::test::TempFolder;

namespace {

const std::filesystem::path kData = std::filesystem::path(MILR_TEST_DATA) / "io";

// Two shards and their index: "a" and "c" in shard 1, "b" in shard 2.
void write_sharded(const TempFolder& folder, const std::string& index_json) {
    write_safetensors(folder / "model-00001-of-00002.safetensors",
                      {{"c", torch::full({2}, 3.0)}, {"a", torch::arange(6, torch::kInt64).reshape({2, 3})}});
    write_safetensors(folder / "model-00002-of-00002.safetensors", {{"b", torch::ones({4}, torch::kBFloat16)}});
    milr::test::write_bytes(folder / "model.safetensors.index.json", index_json);
}

const char* kIndex = R"({"metadata": {"total_size": 72}, "weight_map": {
  "a": "model-00001-of-00002.safetensors", "b": "model-00002-of-00002.safetensors",
  "c": "model-00001-of-00002.safetensors"}})";

}  // namespace

TEST(Checkpoint, OpensAFolderWithOneSafetensorsFile) {
    TempFolder folder;
    write_safetensors(folder / "model.safetensors", {{"w", torch::eye(3)}, {"b", torch::zeros({3})}});
    const Checkpoint checkpoint = Checkpoint::open(folder.path());
    EXPECT_EQ(checkpoint.format(), "safetensors");
    ASSERT_EQ(checkpoint.tensors().size(), 2u);
    EXPECT_EQ(checkpoint.tensors()[0].name, "b");
    EXPECT_TRUE(torch::equal(checkpoint.load("w"), torch::eye(3)));
    EXPECT_EQ(checkpoint.info("w").shape, (std::vector<int64_t>{3, 3}));
    EXPECT_EQ(checkpoint.files(), std::vector<std::filesystem::path>{folder / "model.safetensors"});
}

TEST(Checkpoint, OpensShardedSafetensorsThroughTheIndex) {
    TempFolder folder;
    write_sharded(folder, kIndex);
    const Checkpoint checkpoint = Checkpoint::open(folder.path());
    ASSERT_EQ(checkpoint.tensors().size(), 3u);
    EXPECT_EQ(checkpoint.tensors()[0].name, "a");
    EXPECT_EQ(checkpoint.tensors()[1].name, "b");
    EXPECT_EQ(checkpoint.tensors()[2].name, "c");
    EXPECT_EQ(checkpoint.info("b").file, folder / "model-00002-of-00002.safetensors");
    EXPECT_EQ(checkpoint.load("a")[1][2].item<int64_t>(), 5);
    EXPECT_EQ(checkpoint.load("b").scalar_type(), torch::kBFloat16);
    EXPECT_EQ(checkpoint.files().size(), 2u);
    // The index itself can be passed too.
    EXPECT_EQ(Checkpoint::open(folder / "model.safetensors.index.json").tensors().size(), 3u);
}

TEST(Checkpoint, MissingShardIsNamed) {
    TempFolder folder;
    write_sharded(folder, kIndex);
    std::filesystem::remove(folder / "model-00002-of-00002.safetensors");
    const std::string message = error_of([&] { Checkpoint::open(folder.path()); });
    EXPECT_CONTAINS(message, "model.safetensors.index.json");
    EXPECT_CONTAINS(message, "shard model-00002-of-00002.safetensors");
    EXPECT_CONTAINS(message, "\"b\"");
    EXPECT_CONTAINS(message, "missing");
}

TEST(Checkpoint, TensorInTwoShardsIsRejected) {
    TempFolder folder;
    write_sharded(folder, kIndex);
    write_safetensors(folder / "model-00002-of-00002.safetensors", {{"b", torch::ones({4})}, {"c", torch::ones({2})}});
    const std::string message = error_of([&] { Checkpoint::open(folder.path()); });
    EXPECT_CONTAINS(message, "tensor \"c\" is in two files");
    EXPECT_CONTAINS(message, "model-00001-of-00002.safetensors");
    EXPECT_CONTAINS(message, "model-00002-of-00002.safetensors");
}

TEST(Checkpoint, IndexThatMisplacesATensorIsRejected) {
    TempFolder folder;
    write_sharded(folder, R"({"weight_map": {"a": "model-00002-of-00002.safetensors",
                                             "b": "model-00001-of-00002.safetensors"}})");
    const std::string message = error_of([&] { Checkpoint::open(folder.path()); });
    EXPECT_CONTAINS(message, "does not hold it");
}

TEST(Checkpoint, ShardNamesCannotLeaveTheFolder) {
    TempFolder folder;
    write_sharded(folder, R"({"weight_map": {"a": "../elsewhere/model.safetensors"}})");
    const std::string message = error_of([&] { Checkpoint::open(folder.path()); });
    EXPECT_CONTAINS(message, "not a file name in the index's folder");
}

TEST(Checkpoint, BrokenIndexJsonNamesFileAndPosition) {
    TempFolder folder;
    write_sharded(folder, "{\n  \"weight_map\": {\n    \"a\": \"x\",,\n  }\n}");
    const std::string message = error_of([&] { Checkpoint::open(folder.path()); });
    EXPECT_CONTAINS(message, "model.safetensors.index.json");
    EXPECT_CONTAINS(message, "line 3");
}

TEST(Checkpoint, OpensShardedTorchBinFiles) {
    const Checkpoint checkpoint = Checkpoint::open(kData / "sharded-bin");
    EXPECT_EQ(checkpoint.format(), "pytorch-zip");
    ASSERT_EQ(checkpoint.tensors().size(), 2u);
    EXPECT_TRUE(torch::equal(checkpoint.load("a"), torch::tensor({1.0f, 2.0f})));
    EXPECT_EQ(checkpoint.info("b").dtype_name, "I32");
    EXPECT_EQ(checkpoint.info("b").byte_size(), 8u);
    EXPECT_EQ(checkpoint.files().size(), 2u);
}

TEST(Checkpoint, OpensASingleBinFileByPath) {
    const Checkpoint checkpoint = Checkpoint::open(kData / "state_dict.bin");
    EXPECT_EQ(checkpoint.format(), "pytorch-zip");
    EXPECT_TRUE(checkpoint.contains("proj.weight"));
    EXPECT_EQ(checkpoint.load("proj.weight").sizes().vec(), (std::vector<int64_t>{2, 3}));
    EXPECT_CONTAINS(error_of([&] { checkpoint.load("proj.bias2"); }), "\"proj.bias2\"");
}

TEST(Checkpoint, FolderWithoutWeightsSaysWhatWasLookedFor) {
    TempFolder folder;
    milr::test::write_bytes(folder / "config.json", "{}");
    const std::string message = error_of([&] { Checkpoint::open(folder.path()); });
    EXPECT_CONTAINS(message, folder.path().string());
    EXPECT_CONTAINS(message, "model.safetensors");
    EXPECT_CONTAINS(message, "pytorch_model.bin");
    EXPECT_CONTAINS(error_of([&] { Checkpoint::open(folder / "nowhere"); }), "no such file or folder");
}
