// safetensors: a memory-mapped reader that validates every header field, and an atomic streaming writer.
#include "core/io/safetensors.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <limits>

#include "core/io/atomic_file.h"
#include "core/io/dtype_name.h"
#include "core/io/json_file.h"
#include "core/util/error.h"

namespace milr {

int64_t TensorInfo::numel() const {
    int64_t count = 1;
    for (int64_t extent : shape) count *= extent;
    return count;
}

// The whole file mapped copy-on-write: an accidental in-place write to a tensor view changes private pages
// of this process, never the file, and cannot fault.
struct SafetensorsFile::Mapping {
    void* base = nullptr;
    size_t size = 0;
    ~Mapping() {
        if (base != nullptr) ::munmap(base, size);
    }
    const uint8_t* bytes() const { return static_cast<const uint8_t*>(base); }
};

namespace {

std::string quoted(const std::string& name) { return "\"" + name + "\""; }

uint64_t read_le_u64(const uint8_t* bytes) {
    uint64_t value = 0;
    for (int i = 7; i >= 0; --i) value = (value << 8) | bytes[i];
    return value;
}

void append_le_u64(std::string& out, uint64_t value) {
    for (int i = 0; i < 8; ++i) out.push_back(static_cast<char>((value >> (8 * i)) & 0xff));
}

// Validates one header entry and returns its TensorInfo; `where` is "<file>: tensor \"name\"".
TensorInfo parse_entry(const std::string& name, const nlohmann::json& entry, uint64_t data_size,
                       const std::filesystem::path& file) {
    const std::string where = file.string() + ": tensor " + quoted(name);
    if (!entry.is_object()) throw Error(where + ": the header entry is not a JSON object");
    TensorInfo info;
    info.name = name;
    info.file = file;

    const auto dtype = entry.find("dtype");
    if (dtype == entry.end() || !dtype->is_string()) throw Error(where + ": \"dtype\" is missing or not a string");
    info.dtype_name = dtype->get<std::string>();
    const auto scalar = dtype_from_safetensors_name(info.dtype_name);
    if (!scalar)
        throw Error(where + ": unknown dtype \"" + info.dtype_name + "\" (supported: " + supported_safetensors_names() +
                    ")");
    info.dtype = *scalar;

    const auto shape = entry.find("shape");
    if (shape == entry.end() || !shape->is_array()) throw Error(where + ": \"shape\" is missing or not an array");
    // The element count saturates instead of wrapping, so a huge shape cannot pass the byte-span check.
    constexpr uint64_t kSaturated = std::numeric_limits<uint64_t>::max();
    uint64_t elements = 1;
    bool has_zero = false;
    for (const auto& extent : *shape) {
        if (!extent.is_number_unsigned())
            throw Error(where + ": shape " + shape->dump() + " has an entry that is not a non-negative integer");
        const uint64_t value = extent.get<uint64_t>();
        if (value > static_cast<uint64_t>(std::numeric_limits<int64_t>::max()))
            throw Error(where + ": shape " + shape->dump() + " has an extent too large for a tensor");
        info.shape.push_back(static_cast<int64_t>(value));
        has_zero = has_zero || value == 0;
        elements = (value != 0 && elements > kSaturated / value) ? kSaturated : elements * value;
    }
    if (has_zero) elements = 0;
    const uint64_t element_size = c10::elementSize(info.dtype);
    if (elements > static_cast<uint64_t>(std::numeric_limits<int64_t>::max()) / element_size)
        throw Error(where + ": shape " + shape->dump() + " is too large (its byte size overflows)");

    const auto offsets = entry.find("data_offsets");
    if (offsets == entry.end() || !offsets->is_array() || offsets->size() != 2 || !(*offsets)[0].is_number_unsigned() ||
        !(*offsets)[1].is_number_unsigned())
        throw Error(where + ": \"data_offsets\" must be two non-negative integers [begin, end]");
    info.begin = (*offsets)[0].get<uint64_t>();
    info.end = (*offsets)[1].get<uint64_t>();
    if (info.begin > info.end)
        throw Error(where + ": data_offsets [" + std::to_string(info.begin) + ", " + std::to_string(info.end) +
                    "] end before they begin");
    if (info.end > data_size)
        throw Error(where + ": data_offsets [" + std::to_string(info.begin) + ", " + std::to_string(info.end) +
                    "] are out of range: the data section holds " + std::to_string(data_size) + " bytes");
    const uint64_t expected = elements * element_size;
    if (info.byte_size() != expected)
        throw Error(where + ": shape " + shape->dump() + " of " + info.dtype_name + " needs " +
                    std::to_string(expected) + " bytes but data_offsets span " + std::to_string(info.byte_size()));
    return info;
}

// Two tensors may not share bytes (empty tensors occupy none).
void check_no_overlap(std::vector<TensorInfo> spans, const std::filesystem::path& file) {
    std::sort(spans.begin(), spans.end(), [](const TensorInfo& a, const TensorInfo& b) {
        return a.begin != b.begin ? a.begin < b.begin : a.end < b.end;
    });
    const TensorInfo* previous = nullptr;
    for (const auto& span : spans) {
        if (span.byte_size() == 0) continue;
        if (previous != nullptr && span.begin < previous->end)
            throw Error(file.string() + ": tensors " + quoted(previous->name) + " [" + std::to_string(previous->begin) +
                        ", " + std::to_string(previous->end) + ") and " + quoted(span.name) + " [" +
                        std::to_string(span.begin) + ", " + std::to_string(span.end) + ") overlap");
        previous = &span;
    }
}

std::map<std::string, std::string> parse_metadata(const nlohmann::json& value, const std::filesystem::path& file) {
    if (!value.is_object()) throw Error(file.string() + ": \"__metadata__\" is not a JSON object");
    std::map<std::string, std::string> metadata;
    for (const auto& [key, text] : value.items()) {
        if (!text.is_string())
            throw Error(file.string() + ": \"__metadata__\" entry " + quoted(key) + " is not a string");
        metadata[key] = text.get<std::string>();
    }
    return metadata;
}

// Maps the whole file; returns its address (the caller owns the mapping at once) and sets its size.
void* map_file(const std::filesystem::path& path, size_t& size_out) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) throw Error(path.string() + ": cannot open (" + std::strerror(errno) + ")");
    struct stat status {};
    if (::fstat(fd, &status) != 0 || !S_ISREG(status.st_mode)) {
        ::close(fd);
        throw Error(path.string() + ": not a regular file");
    }
    size_out = static_cast<size_t>(status.st_size);
    if (size_out < 8) {
        ::close(fd);
        throw Error(path.string() + ": the file is " + std::to_string(size_out) +
                    " bytes, too short for the 8-byte header length (truncated?)");
    }
    void* base = ::mmap(nullptr, size_out, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_NORESERVE, fd, 0);
    const int error_number = errno;
    ::close(fd);
    if (base == MAP_FAILED) throw Error(path.string() + ": cannot map the file (" + std::strerror(error_number) + ")");
    return base;
}

}  // namespace

std::shared_ptr<SafetensorsFile> SafetensorsFile::open(const std::filesystem::path& path) {
    std::shared_ptr<SafetensorsFile> file(new SafetensorsFile());
    file->m_path = path;
    size_t size = 0;
    file->m_mapping = std::make_shared<Mapping>();
    file->m_mapping->base = map_file(path, size);
    file->m_mapping->size = size;
    const uint8_t* bytes = file->m_mapping->bytes();

    const uint64_t header_size = read_le_u64(bytes);
    if (header_size > kMaxSafetensorsHeaderBytes)
        throw Error(path.string() + ": header length " + std::to_string(header_size) + " exceeds the limit of " +
                    std::to_string(kMaxSafetensorsHeaderBytes) + " bytes (not a safetensors file, or corrupt)");
    if (header_size > size - 8)
        throw Error(path.string() + ": header length " + std::to_string(header_size) + " is larger than the file (" +
                    std::to_string(size) + " bytes; truncated?)");
    const uint64_t data_size = size - 8 - header_size;

    const std::string text(reinterpret_cast<const char*>(bytes + 8), header_size);
    const nlohmann::json header = parse_json_strict(text, path.string() + " (safetensors header)");
    if (!header.is_object()) throw Error(path.string() + ": the safetensors header is not a JSON object");

    for (const auto& [name, entry] : header.items()) {
        if (name == "__metadata__") {
            file->m_metadata = parse_metadata(entry, path);
            continue;
        }
        file->m_tensors.push_back(parse_entry(name, entry, data_size, path));
    }
    check_no_overlap(file->m_tensors, path);
    std::sort(file->m_tensors.begin(), file->m_tensors.end(),
              [](const TensorInfo& a, const TensorInfo& b) { return a.name < b.name; });
    for (size_t i = 0; i < file->m_tensors.size(); ++i) file->m_index[file->m_tensors[i].name] = i;
    return file;
}

SafetensorsFile::~SafetensorsFile() = default;

const uint8_t* SafetensorsFile::mapped_data() const { return m_mapping->bytes(); }

size_t SafetensorsFile::mapped_size() const { return m_mapping->size; }

bool SafetensorsFile::contains(const std::string& name) const { return m_index.count(name) > 0; }

const TensorInfo& SafetensorsFile::info(const std::string& name) const {
    const auto found = m_index.find(name);
    if (found == m_index.end()) throw Error(m_path.string() + ": no tensor named " + quoted(name));
    return m_tensors[found->second];
}

torch::Tensor SafetensorsFile::tensor(const std::string& name) const {
    const TensorInfo& entry = info(name);
    const auto options = torch::TensorOptions().dtype(entry.dtype).device(torch::kCPU);
    if (entry.byte_size() == 0) return torch::empty(entry.shape, options);
    const uint64_t header_size = read_le_u64(m_mapping->bytes());
    uint8_t* data = static_cast<uint8_t*>(m_mapping->base) + 8 + header_size + entry.begin;
    const auto element_size = c10::elementSize(entry.dtype);
    if (entry.dtype == torch::kBool && !bytes_are_valid_bools(data, entry.byte_size()))
        throw Error(m_path.string() + ": tensor " + quoted(name) + ": BOOL data holds bytes other than 0 and 1");
    std::shared_ptr<Mapping> keep_alive = m_mapping;
    torch::Tensor view = torch::from_blob(
        data, entry.shape, [keep_alive](void*) mutable { keep_alive.reset(); }, options);
    // A file whose offsets break the dtype's alignment still loads, as an aligned copy.
    if (reinterpret_cast<uintptr_t>(data) % element_size != 0) return view.clone();
    return view;
}

void write_safetensors(const std::filesystem::path& path, const std::map<std::string, torch::Tensor>& tensors,
                       const std::map<std::string, std::string>& metadata) {
    nlohmann::json header = nlohmann::json::object();
    if (!metadata.empty()) header["__metadata__"] = metadata;
    uint64_t offset = 0;
    for (const auto& [name, tensor] : tensors) {
        const std::string where = path.string() + ": tensor " + quoted(name);
        if (name == "__metadata__") throw Error(where + ": the name is reserved by the format");
        if (!tensor.defined()) throw Error(where + ": the tensor is undefined");
        std::string dtype_name;
        try {
            dtype_name = safetensors_name_of(tensor.scalar_type());
        } catch (const Error& e) {
            throw Error(where + ": " + e.what());
        }
        const uint64_t bytes = static_cast<uint64_t>(tensor.numel()) * tensor.element_size();
        header[name] = {
            {"dtype", dtype_name}, {"shape", tensor.sizes().vec()}, {"data_offsets", {offset, offset + bytes}}};
        offset += bytes;
    }
    std::string text = header.dump();
    text.append((8 - text.size() % 8) % 8, ' ');  // the data section starts 8-byte aligned, as the format does

    AtomicFileWriter writer(path);
    std::string prefix;
    append_le_u64(prefix, text.size());
    writer.write(prefix);
    writer.write(text);
    for (const auto& [name, tensor] : tensors) {
        const torch::Tensor bytes = tensor.detach().to(torch::kCPU).contiguous();
        writer.write(bytes.data_ptr(), static_cast<size_t>(bytes.numel()) * bytes.element_size());
    }
    writer.commit();
}

}  // namespace milr
