// The table between safetensors dtype names and libtorch scalar types.
#include "core/io/dtype_name.h"

#include <array>
#include <utility>

#include "core/util/error.h"

namespace milr {
namespace {

constexpr std::array<std::pair<const char*, torch::ScalarType>, 10> kDtypes{{
    {"F64", torch::kFloat64},
    {"F32", torch::kFloat32},
    {"F16", torch::kFloat16},
    {"BF16", torch::kBFloat16},
    {"I64", torch::kInt64},
    {"I32", torch::kInt32},
    {"I16", torch::kInt16},
    {"I8", torch::kInt8},
    {"U8", torch::kUInt8},
    {"BOOL", torch::kBool},
}};

}  // namespace

std::optional<torch::ScalarType> dtype_from_safetensors_name(const std::string& name) {
    for (const auto& [text, dtype] : kDtypes)
        if (name == text) return dtype;
    return std::nullopt;
}

std::string safetensors_name_of(torch::ScalarType dtype) {
    for (const auto& [text, known] : kDtypes)
        if (dtype == known) return text;
    throw Error(std::string("the tensor type ") + c10::toString(dtype) +
                " has no safetensors name (supported: " + supported_safetensors_names() + ")");
}

bool bytes_are_valid_bools(const void* data, size_t size) {
    const auto* bytes = static_cast<const uint8_t*>(data);
    for (size_t i = 0; i < size; ++i)
        if (bytes[i] > 1) return false;
    return true;
}

std::string supported_safetensors_names() {
    std::string joined;
    for (const auto& [text, dtype] : kDtypes) joined += (joined.empty() ? "" : ", ") + std::string(text);
    return joined;
}

}  // namespace milr
