// The safetensors names of tensor element types ("F32", "BF16", ...) and their libtorch types.
#pragma once
#include <torch/types.h>

#include <cstddef>
#include <optional>
#include <string>

namespace milr {

// F64 F32 F16 BF16 I64 I32 I16 I8 U8 BOOL; nullopt for any other name.
std::optional<torch::ScalarType> dtype_from_safetensors_name(const std::string& name);

// The safetensors name of a supported type; throws milr::Error naming the type otherwise.
std::string safetensors_name_of(torch::ScalarType dtype);

// Whether every byte is 0 or 1: other bytes in a bool tensor are undefined behaviour in libtorch.
bool bytes_are_valid_bools(const void* data, size_t size);

// The names above joined with ", " (for error messages).
std::string supported_safetensors_names();

}  // namespace milr
