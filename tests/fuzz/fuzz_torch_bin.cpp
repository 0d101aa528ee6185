// Fuzz target: a whole PyTorch .bin file: the zip central directory and its size limits, libtorch's zip
// reader, then data.pkl. Promise: nothing is extracted beyond the limits, and a loaded file names tensors.
#include "core/io/checkpoint.h"
#include "tests/fuzz/fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    using namespace milr::fuzz;
    const auto& path = scratch_file(".bin");
    write_file(path, data, size);
    expect_clean([&] {
        const auto tensors = milr::read_torch_bin(path);
        require(!tensors.empty(), "a loaded .bin file names at least one tensor");
    });
    return 0;
}
