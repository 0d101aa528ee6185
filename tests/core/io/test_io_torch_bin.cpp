// PyTorch zip .bin files written by python3-torch: exact values, views and shared storage, raw state dicts,
// and clear refusals of the legacy format, foreign objects, damaged archives and memory bombs.
#include <gtest/gtest.h>

#include "core/io/checkpoint.h"
#include "core/io/dtype_name.h"
#include "core/io/json_file.h"
#include "core/io/pickle.h"
#include "core/io/torch_bin.h"
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

namespace {

// data.pkl pieces as torch.save writes them (protocol 2), for pickles shaped by hand.
std::string text_op(const std::string& text) {
    std::string out = "X";
    milr::test::put_le(out, text.size(), 4);
    return out + text;
}

// _rebuild_tensor_v2(storage `key` of two floats, 0, (2,), (1,), False, OrderedDict())
std::string tensor_op(const std::string& key) {
    return "ctorch._utils\n_rebuild_tensor_v2\n("
           "(" +
        text_op("storage") + "ctorch\nFloatStorage\n" + text_op(key) + text_op("cpu") + "K\x02tQ" +
        std::string("K\x00K\x02\x85K\x01\x85\x89", 9) +
        "ccollections\nOrderedDict\n)R"
        "tR";
}

std::string memo_put(int index) { return std::string("q") + static_cast<char>(index); }
std::string memo_get(int index) { return std::string("h") + static_cast<char>(index); }

// Records data/0 .. data/9, two floats each.
std::optional<ArchiveRecord> two_floats(const std::string& name) {
    static std::shared_ptr<void> bytes(new float[2]{1.5f, -2.0f}, [](void* p) { delete[] static_cast<float*>(p); });
    if (name.size() != 6 || name.compare(0, 5, "data/") != 0) return std::nullopt;
    return ArchiveRecord{bytes, bytes.get(), 8};
}

std::map<std::string, torch::Tensor> load_pickle(const std::string& body) {
    return tensors_from_torch_pickle("\x80\x02" + body + ".", two_floats, "pytorch_model.bin");
}

}  // namespace

TEST(TorchBin, TiedWeightsLoadUnderBothNamesAsOneTensor) {
    // {"embed.weight": t, "lm_head.weight": t}: the pickle memo refers to the one tensor twice.
    const auto tensors = load_pickle("}(" + text_op("embed.weight") + tensor_op("0") + memo_put(0) +
                                     text_op("lm_head.weight") + memo_get(0) + "u");
    ASSERT_EQ(tensors.size(), 2u);
    EXPECT_EQ(tensors.at("embed.weight").data_ptr(), tensors.at("lm_head.weight").data_ptr());
    EXPECT_EQ(tensors.at("lm_head.weight")[1].item<float>(), -2.0f);
}

TEST(TorchBin, SharedContainersAreExpandedOnce) {
    // "Billion laughs": list i holds list i-1 twice, 20 levels over one tensor: 2^20 paths in 300 bytes.
    std::string laughs = "]" + memo_put(0) + tensor_op("0") + "a0";
    for (int i = 1; i <= 20; ++i) laughs += "]" + memo_put(i) + "(" + memo_get(i - 1) + memo_get(i - 1) + "e0";
    laughs += "}(" + text_op("x") + memo_get(20) + "u";
    const std::string message = error_of([&] { load_pickle(laughs); });
    EXPECT_CONTAINS(message, "pytorch_model.bin");
    // The first list reached twice is the innermost one: at x.0.(19 times).1, first seen at x.0.(20 times).
    std::string first = "x", second;
    for (int i = 0; i < 19; ++i) first += ".0";
    second = first + ".1";
    first += ".0";
    EXPECT_CONTAINS(message, "\"" + second + "\" is the one at \"" + first + "\" again");
    // A container that holds no tensor (an optimizer's shared betas tuple) is skipped, not refused.
    const auto tensors =
        load_pickle("}(" + text_op("model") + "}(" + text_op("w") + tensor_op("0") + "u" + text_op("g1") +
                    "K\x01K\x02\x86" + memo_put(5) + text_op("g2") + memo_get(5) + "u");
    EXPECT_EQ(tensors.size(), 1u);
    EXPECT_TRUE(tensors.count("model.w"));
    // A dict that contains itself is named as a cycle.
    EXPECT_CONTAINS(error_of([&] { load_pickle("}" + memo_put(0) + "(" + text_op("self") + memo_get(0) + "u"); }),
                    "contains itself");
}

namespace {

// A torch.save-shaped archive: archive/data.pkl (one tensor "w" on storage 0), archive/data/0, archive/version.
std::vector<milr::test::ZipTestEntry> small_archive() {
    const std::string pickle = "\x80\x02}(" + text_op("w") + tensor_op("0") + "u.";
    return {{"archive/data.pkl", pickle},
            {"archive/data/0", std::string("\x00\x00\xc0\x3f\x00\x00\x00\xc0", 8)},
            {"archive/version", "3\n"}};
}

// A deflate stream of one uncompressed block holding `bytes` (valid deflate, no compression).
std::string deflate_stored_block(const std::string& bytes) {
    std::string out = "\x01";
    milr::test::put_le(out, bytes.size(), 2);
    milr::test::put_le(out, ~bytes.size() & 0xffff, 2);
    return out + bytes;
}

}  // namespace

TEST(TorchBin, DeflatedEntriesWithinTheRatioAreRead) {
    TempFolder folder;
    auto entries = small_archive();
    for (auto& entry : entries) {
        entry.crc = milr::test::crc32_of(entry.data);
        entry.declared_size = entry.data.size();
        entry.data = deflate_stored_block(entry.data);
        entry.method = 8;
    }
    milr::test::write_bytes(folder / "deflated.bin", milr::test::zip_bytes(entries));
    const auto tensors = read_torch_bin(folder / "deflated.bin");
    ASSERT_EQ(tensors.size(), 1u);
    EXPECT_EQ(tensors.at("w")[0].item<float>(), 1.5f);
}

TEST(TorchBin, ZipBombIsRefusedBeforeAnythingIsExtracted) {
    TempFolder folder;
    auto entries = small_archive();
    entries[1].method = 8;  // data/0: a few deflated bytes that claim to unpack to 3 GB
    entries[1].data = "\x03\x00";
    entries[1].declared_size = 3000000000u;
    milr::test::write_bytes(folder / "bomb.bin", milr::test::zip_bytes(entries));
    const std::string message = error_of([&] { read_torch_bin(folder / "bomb.bin"); });
    EXPECT_CONTAINS(message, "bomb.bin");
    EXPECT_CONTAINS(message, "unpack to more than " + std::to_string(kMaxUnpackedRatio) + " times its");
}

TEST(TorchBin, OversizedDataPklIsRefusedNamingTheLimit) {
    TempFolder folder;
    auto entries = small_archive();
    entries[0].method = 8;
    entries[0].declared_size = kMaxPickleBytes + 1;
    milr::test::write_bytes(folder / "big.bin", milr::test::zip_bytes(entries));
    const std::string message = error_of([&] { read_torch_bin(folder / "big.bin"); });
    EXPECT_CONTAINS(message, "big.bin");
    EXPECT_CONTAINS(message, "at most " + std::to_string(kMaxPickleBytes));
}
