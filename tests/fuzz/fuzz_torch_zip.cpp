// Fuzz target: the zip central directory of a PyTorch .bin file and the size limits checked on it before
// libtorch's zip reader extracts anything. Promise: an accepted archive unpacks to at most
// kMaxUnpackedRatio times its size, and its data.pkl is within kMaxPickleBytes.
#include "core/io/pickle.h"
#include "core/io/torch_bin.h"
#include "tests/fuzz/fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    using namespace milr::fuzz;
    const std::string archive = as_string(data, size);
    const milr::ZipByteReader read = [&archive](uint64_t offset, char* out, size_t count) {
        archive.copy(out, count, static_cast<size_t>(offset));
    };
    expect_clean([&] {
        const std::vector<milr::ZipEntry> entries = milr::read_zip_directory(size, read, "pytorch_model.bin");
        milr::check_torch_archive(entries, size, "pytorch_model.bin");
        uint64_t total = 0;
        for (const milr::ZipEntry& entry : entries) {
            total += entry.uncompressed_size;
            require(total <= size * milr::kMaxUnpackedRatio, "an accepted archive unpacks to at most the ratio");
            if (entry.name.size() > 9 && entry.name.compare(entry.name.size() - 9, 9, "/data.pkl") == 0)
                require(entry.uncompressed_size <= milr::kMaxPickleBytes, "an accepted data.pkl is within the cap");
        }
    });
    return 0;
}
