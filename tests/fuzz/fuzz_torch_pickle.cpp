// Fuzz target: data.pkl of a PyTorch .bin checkpoint through the restricted unpickler, storages and flattening.
#include "core/io/checkpoint.h"
#include "tests/fuzz/fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    using namespace milr::fuzz;
    // The archive's storages: records data/0 .. data/9 of 4 KiB each (what a small checkpoint has).
    static std::shared_ptr<void> storage_bytes(new uint8_t[4096](), [](void* p) { delete[] static_cast<uint8_t*>(p); });
    const milr::ArchiveRecordReader records = [](const std::string& name) -> std::optional<milr::ArchiveRecord> {
        if (name.size() != 6 || name.compare(0, 5, "data/") != 0 || name[5] < '0' || name[5] > '9') return std::nullopt;
        return milr::ArchiveRecord{storage_bytes, storage_bytes.get(), 4096};
    };
    expect_clean([&] {
        const auto tensors = milr::tensors_from_torch_pickle(as_string(data, size), records, "pytorch_model.bin");
        for (const auto& [name, tensor] : tensors) {
            if (tensor.numel() == 0) continue;
            int64_t last = tensor.storage_offset();
            for (int64_t d = 0; d < tensor.dim(); ++d) {
                require(tensor.stride(d) >= 0, "strides are not negative");
                last += (tensor.size(d) - 1) * tensor.stride(d);
            }
            const auto storage_elements = static_cast<int64_t>(tensor.storage().nbytes()) / tensor.element_size();
            require(last < storage_elements, "a tensor's view lies inside its storage");
        }
    });
    return 0;
}
