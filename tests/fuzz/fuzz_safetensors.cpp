// Fuzz target: a safetensors file (header length, JSON header, dtypes, shapes, offsets) opened and each tensor viewed.
#include <cstring>

#include "core/io/safetensors.h"
#include "tests/fuzz/fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    using namespace milr::fuzz;
    const auto& path = scratch_file(".safetensors");
    write_file(path, data, size);
    expect_clean([&] {
        const auto file = milr::SafetensorsFile::open(path);
        const uint8_t* file_begin = file->mapped_data();
        const uint8_t* file_end = file_begin + file->mapped_size();
        uint64_t header_size = 0;
        std::memcpy(&header_size, file_begin, sizeof header_size);  // little-endian, like the machines it runs on
        const uint8_t* data_begin = file_begin + 8 + header_size;
        for (const auto& info : file->tensors()) {
            const torch::Tensor tensor = file->tensor(info.name);
            require(tensor.numel() == info.numel(), "a tensor has the element count of its shape");
            require(static_cast<uint64_t>(tensor.numel()) * tensor.element_size() == info.byte_size(),
                    "shape x dtype size equals the byte span");
            if (tensor.numel() == 0) continue;
            require(info.begin <= info.end && data_begin + info.end <= file_end,
                    "a tensor's bytes lie inside the file");
            // A view of the mapping, or an aligned copy where the offset breaks the dtype's alignment: the same bytes.
            require(std::memcmp(tensor.data_ptr(), data_begin + info.begin, info.byte_size()) == 0,
                    "a tensor holds its bytes of the file");
        }
    });
    return 0;
}
