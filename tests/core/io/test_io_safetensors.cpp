// safetensors reader and writer: exact round trips, zero-copy views, and a clear error for each corruption.
#include <gtest/gtest.h>

#include "core/io/safetensors.h"
#include "io_test_support.h"

using namespace milr;
using milr::test::error_of;
using milr::test::safetensors_bytes;
using milr::test::TempFolder;

namespace {

// Random values of every supported dtype, including awkward shapes.
std::map<std::string, torch::Tensor> every_dtype() {
    torch::manual_seed(3);
    const auto random = torch::randn({3, 5}) * 1000;
    return {
        {"f64", random.to(torch::kFloat64) / 7},
        {"f32", random},
        {"f16", (random / 100).to(torch::kFloat16)},
        {"bf16", random.to(torch::kBFloat16)},
        {"i64", torch::randint(-(int64_t{1} << 40), int64_t{1} << 40, {4, 2}, torch::kInt64)},
        {"i32", torch::randint(-100000, 100000, {7}, torch::kInt32)},
        {"i16", torch::randint(-30000, 30000, {2, 3}, torch::kInt16)},
        {"i8", torch::randint(-128, 128, {9}, torch::kInt8)},
        {"u8", torch::randint(0, 256, {1, 1, 6}, torch::kUInt8)},
        {"bool", torch::randint(0, 2, {5}).to(torch::kBool)},
        {"scalar", torch::tensor(1.5)},
        {"empty", torch::zeros({0, 4})},
        {"transposed", random.t()},  // non-contiguous input is written in logical order
    };
}

const char* kOneTensor = R"({"x":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}})";

}  // namespace

TEST(Safetensors, RoundTripsEveryDtypeExactly) {
    TempFolder folder;
    const auto tensors = every_dtype();
    write_safetensors(folder / "all.safetensors", tensors, {{"format", "pt"}, {"note", "round trip"}});
    const auto file = SafetensorsFile::open(folder / "all.safetensors");
    ASSERT_EQ(file->tensors().size(), tensors.size());
    EXPECT_EQ(file->metadata().at("note"), "round trip");
    for (const auto& [name, original] : tensors) {
        SCOPED_TRACE(name);
        const torch::Tensor loaded = file->tensor(name);
        EXPECT_EQ(loaded.scalar_type(), original.scalar_type());
        EXPECT_EQ(loaded.sizes(), original.sizes());
        EXPECT_TRUE(torch::equal(loaded, original));
        EXPECT_EQ(file->info(name).numel(), original.numel());
    }
    EXPECT_EQ(file->info("bf16").dtype_name, "BF16");
}

TEST(Safetensors, TensorsAreSortedAndTheDataSectionIsAligned) {
    TempFolder folder;
    write_safetensors(folder / "a.safetensors", {{"b", torch::ones({3}, torch::kInt8)}, {"a", torch::ones({1})}});
    const auto file = SafetensorsFile::open(folder / "a.safetensors");
    ASSERT_EQ(file->tensors().size(), 2u);
    EXPECT_EQ(file->tensors()[0].name, "a");
    EXPECT_EQ(file->tensors()[1].name, "b");
    uint64_t header_length = 0;
    std::memcpy(&header_length, file->mapped_data(), 8);
    EXPECT_EQ(header_length % 8, 0u);
}

TEST(Safetensors, ViewsAreZeroCopyAndOutliveTheFile) {
    TempFolder folder;
    write_safetensors(folder / "v.safetensors", {{"w", torch::arange(1000, torch::kFloat32)}});
    auto file = SafetensorsFile::open(folder / "v.safetensors");
    const torch::Tensor view = file->tensor("w");
    const auto* address = static_cast<const uint8_t*>(view.data_ptr());
    EXPECT_GE(address, file->mapped_data());
    EXPECT_LE(address + view.nbytes(), file->mapped_data() + file->mapped_size());
    EXPECT_EQ(file->tensor("w").data_ptr(), view.data_ptr());
    file.reset();  // the view keeps the mapping alive
    EXPECT_FLOAT_EQ(view[999].item<float>(), 999.0f);
}

TEST(Safetensors, WritingIntoAViewNeitherCrashesNorChangesTheFile) {
    TempFolder folder;
    write_safetensors(folder / "w.safetensors", {{"w", torch::zeros({64})}});
    const std::string before = milr::test::read_bytes(folder / "w.safetensors");
    {
        const auto file = SafetensorsFile::open(folder / "w.safetensors");
        torch::Tensor view = file->tensor("w");
        view.add_(5);
        EXPECT_FLOAT_EQ(view.sum().item<float>(), 320.0f);
    }
    EXPECT_EQ(milr::test::read_bytes(folder / "w.safetensors"), before);
    EXPECT_FLOAT_EQ(SafetensorsFile::open(folder / "w.safetensors")->tensor("w").sum().item<float>(), 0.0f);
}

TEST(Safetensors, MisalignedDataIsCopiedWithTheRightValues) {
    TempFolder folder;
    // A 61-byte header puts the data at byte 69: not 4-byte aligned for F32.
    std::string header = R"({"x":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}})";
    header.append(61 - header.size(), ' ');
    const float values[2] = {1.25f, -7.5f};
    milr::test::write_bytes(folder / "m.safetensors",
                            safetensors_bytes(header, std::string(reinterpret_cast<const char*>(values), 8)));
    const torch::Tensor x = SafetensorsFile::open(folder / "m.safetensors")->tensor("x");
    EXPECT_EQ(reinterpret_cast<uintptr_t>(x.data_ptr()) % 4, 0u);
    EXPECT_FLOAT_EQ(x[0].item<float>(), 1.25f);
    EXPECT_FLOAT_EQ(x[1].item<float>(), -7.5f);
}

TEST(Safetensors, WriterRejectsReservedNamesAndUnsupportedTypes) {
    TempFolder folder;
    EXPECT_CONTAINS(error_of([&] {
                        write_safetensors(folder / "r.safetensors", {{"__metadata__", torch::ones(1)}});
                    }),
                    "reserved");
    const std::string complex = error_of([&] {
        write_safetensors(folder / "c.safetensors", {{"z", torch::ones(2, torch::kComplexFloat)}});
    });
    EXPECT_CONTAINS(complex, "\"z\"");
    EXPECT_TRUE(folder.entries().empty());  // nothing half-written left behind
}

TEST(Safetensors, MissingTensorIsNamed) {
    TempFolder folder;
    write_safetensors(folder / "a.safetensors", {{"a", torch::ones(1)}});
    const auto file = SafetensorsFile::open(folder / "a.safetensors");
    EXPECT_FALSE(file->contains("nope"));
    EXPECT_CONTAINS(error_of([&] { file->tensor("nope"); }), "\"nope\"");
}

// Each corruption: the file name, the tensor where one applies, and what was wrong.
struct Corruption {
    const char* label;
    std::string bytes;
    std::vector<std::string> expected;
};

class SafetensorsCorruption : public ::testing::TestWithParam<int> {};

std::vector<Corruption> corruptions() {
    const std::string eight(8, '\0');
    return {
        {"truncated to five bytes", std::string(5, 'x'), {"too short", "truncated"}},
        {"header length larger than the file", safetensors_bytes(kOneTensor, eight, 4096), {"larger than the file"}},
        {"header of 100 MB + 1",
         safetensors_bytes(kOneTensor, eight, kMaxSafetensorsHeaderBytes + 1),
         {"exceeds the limit"}},
        {"invalid JSON", safetensors_bytes("{\"x\": {\"dtype\": }", eight), {"invalid JSON", "line 1, column"}},
        {"header not an object", safetensors_bytes("[1, 2]", ""), {"not a JSON object"}},
        {"unknown dtype",
         safetensors_bytes(R"({"x":{"dtype":"F8","shape":[2],"data_offsets":[0,8]}})", eight),
         {"tensor \"x\"", "unknown dtype \"F8\""}},
        {"offsets out of range",
         safetensors_bytes(R"({"x":{"dtype":"F32","shape":[4],"data_offsets":[0,16]}})", eight),
         {"tensor \"x\"", "out of range"}},
        {"offsets reversed",
         safetensors_bytes(R"({"x":{"dtype":"F32","shape":[0],"data_offsets":[8,0]}})", eight),
         {"tensor \"x\"", "end before they begin"}},
        {"overlapping tensors",
         safetensors_bytes(R"({"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},)"
                           R"("b":{"dtype":"I32","shape":[1],"data_offsets":[4,8]}})",
                           eight),
         {"\"a\"", "\"b\"", "overlap"}},
        {"shape and bytes disagree",
         safetensors_bytes(R"({"x":{"dtype":"F32","shape":[3],"data_offsets":[0,8]}})", eight),
         {"tensor \"x\"", "needs 12 bytes", "span 8"}},
        {"duplicate names",
         safetensors_bytes(R"({"x":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},)"
                           R"("x":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}})",
                           eight),
         {"\"x\"", "appears twice"}},
        {"negative shape",
         safetensors_bytes(R"({"x":{"dtype":"F32","shape":[-2],"data_offsets":[0,8]}})", eight),
         {"tensor \"x\"", "not a non-negative integer"}},
        {"overflowing shape",
         safetensors_bytes(R"({"x":{"dtype":"F32","shape":[4294967296,4294967296],"data_offsets":[0,0]}})", ""),
         {"tensor \"x\"", "too large"}},
        {"missing data_offsets",
         safetensors_bytes(R"({"x":{"dtype":"F32","shape":[2]}})", eight),
         {"tensor \"x\"", "data_offsets"}},
        {"metadata not strings", safetensors_bytes(R"({"__metadata__":{"n":3}})", ""), {"__metadata__", "\"n\""}},
    };
}

TEST_P(SafetensorsCorruption, GivesAClearErrorNamingTheFile) {
    const Corruption corruption = corruptions()[static_cast<size_t>(GetParam())];
    SCOPED_TRACE(corruption.label);
    TempFolder folder;
    const auto path = folder / "bad.safetensors";
    milr::test::write_bytes(path, corruption.bytes);
    const std::string message = error_of([&] { SafetensorsFile::open(path); });
    EXPECT_CONTAINS(message, path.string());
    for (const auto& part : corruption.expected) EXPECT_CONTAINS(message, part);
}

INSTANTIATE_TEST_SUITE_P(EachCorruption, SafetensorsCorruption,
                         ::testing::Range(0, static_cast<int>(corruptions().size())));

TEST(Safetensors, TruncatedValidFileIsRejectedAtEveryLength) {
    TempFolder folder;
    write_safetensors(folder / "full.safetensors", {{"a", torch::ones({16})}, {"b", torch::ones({3}, torch::kInt64)}});
    const std::string full = milr::test::read_bytes(folder / "full.safetensors");
    for (size_t length = 0; length < full.size(); length += 3) {
        milr::test::write_bytes(folder / "cut.safetensors", full.substr(0, length));
        const std::string message = error_of([&] { SafetensorsFile::open(folder / "cut.safetensors"); });
        EXPECT_CONTAINS(message, "cut.safetensors");
    }
}

TEST(Safetensors, MissingFileIsNamed) {
    TempFolder folder;
    const std::string message = error_of([&] { SafetensorsFile::open(folder / "absent.safetensors"); });
    EXPECT_CONTAINS(message, "absent.safetensors");
    EXPECT_CONTAINS(message, "No such file");
}

TEST(Safetensors, BoolBytesOtherThanZeroOrOneAreRejected) {
    TempFolder folder;
    milr::test::write_bytes(folder / "b.safetensors",
                            safetensors_bytes(R"({"flags":{"dtype":"BOOL","shape":[3],"data_offsets":[0,3]}})",
                                              std::string("\x01\x00\x07", 3)));
    const auto file = SafetensorsFile::open(folder / "b.safetensors");
    const std::string message = error_of([&] { file->tensor("flags"); });
    EXPECT_CONTAINS(message, "\"flags\"");
    EXPECT_CONTAINS(message, "other than 0 and 1");
}
