// safetensors files: a bounds-checked reader over a memory map and an atomic writer.
#pragma once
#include <torch/types.h>

#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace milr {

// One tensor's entry in a safetensors header (metadata only, nothing loaded).
struct TensorInfo {
    std::string name;
    torch::ScalarType dtype = torch::kFloat32;
    std::string dtype_name;  // as written in the file ("F32", "BF16", ...)
    std::vector<int64_t> shape;
    uint64_t begin = 0, end = 0;  // byte offsets relative to the start of the data section
    std::filesystem::path file;   // the file that holds it
    uint64_t byte_size() const { return end - begin; }
    int64_t numel() const;
};

// A validated, memory-mapped safetensors file. Every error (milr::Error) names the file and, where it
// applies, the tensor: header length, JSON, dtype, shape, offsets inside the data, no overlap,
// shape x dtype size == byte span, duplicate names.
class SafetensorsFile {
public:
    static std::shared_ptr<SafetensorsFile> open(const std::filesystem::path& path);
    ~SafetensorsFile();
    SafetensorsFile(const SafetensorsFile&) = delete;
    SafetensorsFile& operator=(const SafetensorsFile&) = delete;

    const std::filesystem::path& path() const { return m_path; }
    const std::vector<TensorInfo>& tensors() const { return m_tensors; }
    const std::map<std::string, std::string>& metadata() const { return m_metadata; }
    bool contains(const std::string& name) const;
    const TensorInfo& info(const std::string& name) const;  // throws naming the missing tensor
    // A CPU tensor viewing the mapped bytes (no copy); it keeps the mapping alive.
    torch::Tensor tensor(const std::string& name) const;
    // The mapped bytes of the whole file (tensor views point inside this range).
    const uint8_t* mapped_data() const;
    size_t mapped_size() const;

private:
    SafetensorsFile() = default;
    struct Mapping;
    std::filesystem::path m_path;
    std::shared_ptr<Mapping> m_mapping;
    std::vector<TensorInfo> m_tensors;
    std::map<std::string, size_t> m_index;
    std::map<std::string, std::string> m_metadata;
};

// Writes tensors (made contiguous, moved to CPU) in name order; atomic (temporary file + rename).
void write_safetensors(const std::filesystem::path& path, const std::map<std::string, torch::Tensor>& tensors,
                       const std::map<std::string, std::string>& metadata = {});

// Size limit of a safetensors JSON header (the format's own readers use 100 MB).
constexpr uint64_t kMaxSafetensorsHeaderBytes = 100u * 1000u * 1000u;

}  // namespace milr
