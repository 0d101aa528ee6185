// PyTorch zip .bin files written by python3-torch: exact values, views and shared storage, raw state dicts,
// and clear refusals of the legacy format, foreign objects and damaged archives.
#include <gtest/gtest.h>

#include "core/io/checkpoint.h"
#include "core/io/dtype_name.h"
#include "core/io/json_file.h"
#include "io_test_support.h"

using namespace milr;
using milr::test::error_of;
using milr::test::TempFolder;

namespace {

const std::filesystem::path kData = std::filesystem::path(MILR_TEST_DATA) / "io";

// Compares a loaded tensor with its entry in bin_expected.json (dtype name, shape, every value exactly).
void expect_matches(const torch::Tensor& tensor, const nlohmann::json& expected) {
    EXPECT_EQ(safetensors_name_of(tensor.scalar_type()), expected["dtype"].get<std::string>());
    EXPECT_EQ(tensor.sizes().vec(), expected["shape"].get<std::vector<int64_t>>());
    const auto& values = expected["values"];
    ASSERT_EQ(static_cast<size_t>(tensor.numel()), values.size());
    if (tensor.is_floating_point()) {
        const torch::Tensor wide = tensor.to(torch::kFloat64).contiguous().reshape(-1);
        for (size_t i = 0; i < values.size(); ++i)
            EXPECT_EQ(wide[static_cast<int64_t>(i)].item<double>(), values[i].get<double>()) << "element " << i;
    } else {
        const torch::Tensor wide = tensor.to(torch::kInt64).contiguous().reshape(-1);
        for (size_t i = 0; i < values.size(); ++i)
            EXPECT_EQ(wide[static_cast<int64_t>(i)].item<int64_t>(), values[i].get<int64_t>()) << "element " << i;
    }
}

nlohmann::json expected_for(const std::string& fixture) {
    return read_json_file(kData / "bin_expected.json")["files"][fixture];
}

}  // namespace

TEST(TorchBin, EveryDtypeLoadsWithExactValues) {
    const auto tensors = read_torch_bin(kData / "every_dtype.bin");
    const auto expected = expected_for("every_dtype.bin");
    ASSERT_EQ(tensors.size(), expected.size());
    for (const auto& [name, entry] : expected.items()) {
        SCOPED_TRACE(name);
        ASSERT_TRUE(tensors.count(name));
        expect_matches(tensors.at(name), entry);
    }
    EXPECT_FALSE(tensors.count("epoch"));  // non-tensor entries are ignored
}

TEST(TorchBin, ViewsKeepOffsetsStridesAndSharedStorage) {
    const auto tensors = read_torch_bin(kData / "every_dtype.bin");
    const torch::Tensor& base = tensors.at("shared.base");
    const torch::Tensor& row = tensors.at("shared.row");
    const torch::Tensor& transposed = tensors.at("shared.transposed");
    EXPECT_EQ(row.data_ptr<float>(), base.data_ptr<float>() + 4);
    EXPECT_FALSE(transposed.is_contiguous());
    EXPECT_EQ(transposed.strides().vec(), (std::vector<int64_t>{1, 4}));
    EXPECT_EQ(transposed.storage_offset(), 1);
    EXPECT_TRUE(torch::equal(transposed, base.t().slice(0, 1)));
}

TEST(TorchBin, RawStateDictOrderedDictLoads) {
    const auto tensors = read_torch_bin(kData / "state_dict.bin");
    const auto expected = expected_for("state_dict.bin");
    ASSERT_EQ(tensors.size(), expected.size());
    for (const auto& [name, entry] : expected.items()) {
        SCOPED_TRACE(name);
        ASSERT_TRUE(tensors.count(name));
        expect_matches(tensors.at(name), entry);
    }
    EXPECT_EQ(tensors.at("proj.weight").scalar_type(), torch::kBFloat16);
}

TEST(TorchBin, LegacyFormatExplainsTheWorkaround) {
    const std::string message = error_of([] { read_torch_bin(kData / "legacy.bin"); });
    EXPECT_CONTAINS(message, "legacy.bin");
    EXPECT_CONTAINS(message, "legacy (non-zip) format");
    EXPECT_CONTAINS(message, "torch.save");
}

TEST(TorchBin, DisallowedGlobalIsNamedAndNothingRuns) {
    const std::string message = error_of([] { read_torch_bin(kData / "disallowed.bin"); });
    EXPECT_CONTAINS(message, "disallowed.bin");
    EXPECT_CONTAINS(message, "disallowed global collections.Counter");
}

TEST(TorchBin, DamagedArchivesAreRejectedWithoutCrashing) {
    TempFolder folder;
    const std::string full = milr::test::read_bytes(kData / "every_dtype.bin");
    for (size_t length : {size_t{0}, size_t{3}, size_t{100}, full.size() / 2, full.size() - 30}) {
        SCOPED_TRACE(length);
        milr::test::write_bytes(folder / "cut.bin", full.substr(0, length));
        EXPECT_CONTAINS(error_of([&] { read_torch_bin(folder / "cut.bin"); }), "cut.bin");
    }
    std::string flipped = full;
    for (size_t i = 600; i < 700 && i < flipped.size(); ++i) flipped[i] = static_cast<char>(flipped[i] ^ 0x5a);
    milr::test::write_bytes(folder / "flipped.bin", flipped);
    EXPECT_CONTAINS(error_of([&] { read_torch_bin(folder / "flipped.bin"); }), "flipped.bin");
}

TEST(TorchBin, NotAPyTorchFileIsNamed) {
    TempFolder folder;
    milr::test::write_bytes(folder / "text.bin", "hello, this is not a checkpoint");
    const std::string message = error_of([&] { read_torch_bin(folder / "text.bin"); });
    EXPECT_CONTAINS(message, "text.bin");
    EXPECT_CONTAINS(message, "not a PyTorch zip checkpoint");
}
