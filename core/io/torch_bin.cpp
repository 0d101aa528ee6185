// PyTorch zip checkpoints (.bin/.pt): the archive's sizes checked, then read through libtorch's zip reader,
// data.pkl through the restricted unpickler, nested containers flattened to dotted tensor names.
#include <caffe2/serialize/inline_container.h>

#include <array>
#include <cstring>
#include <fstream>
#include <limits>
#include <unordered_map>

#include "core/io/checkpoint.h"
#include "core/io/dtype_name.h"
#include "core/io/pickle.h"
#include "core/io/torch_bin.h"
#include "core/util/error.h"

namespace milr {
namespace {

using Kind = PickleValue::Kind;
constexpr int kMaxNesting = 32;
constexpr size_t kMaxNameBytes = 4096;  // a tensor's dotted name; real ones are under 200

// What the first bytes say: a zip archive, the legacy torch.save format, or something else.
void check_zip_signature(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw Error(path.string() + ": cannot open (" + std::strerror(errno) + ")");
    std::array<unsigned char, 14> head{};
    in.read(reinterpret_cast<char*>(head.data()), head.size());
    const auto count = static_cast<size_t>(in.gcount());
    if (count >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4) return;
    // torch.save(..., _use_new_zipfile_serialization=False) starts with a pickled magic number.
    constexpr std::array<unsigned char, 14> kLegacy{0x80, 0x02, 0x8a, 0x0a, 0x6c, 0xfc, 0x9c,
                                                    0x46, 0xf9, 0x20, 0x6a, 0xa8, 0x50, 0x19};
    if (count == head.size() && head == kLegacy)
        throw Error(path.string() +
                    ": is in PyTorch's legacy (non-zip) format, which is not read here; convert it once with "
                    "python3 -c \"import torch,sys; torch.save(torch.load(sys.argv[1], map_location='cpu'), "
                    "sys.argv[2])\" OLD NEW (zip format, the default since PyTorch 1.6), or to safetensors");
    throw Error(path.string() + ": not a PyTorch zip checkpoint (no zip signature at the start; " +
                (count < 4 ? std::string("the file is nearly empty") : std::string("truncated or another format")) +
                ")");
}

// The zip reader allocates each entry's declared size and inflates into it, so the sizes are checked first,
// from the central directory.
constexpr uint16_t kStored = 0;
constexpr uint16_t kDeflated = 8;

// "archive/data.pkl": the zip reader strips the first folder of every name.
bool is_data_pkl(const std::string& entry_name) {
    const auto slash = entry_name.find('/');
    return slash != std::string::npos && entry_name.compare(slash + 1, std::string::npos, "data.pkl") == 0;
}

void check_entry(const ZipEntry& entry, const std::string& source) {
    if (entry.method != kStored && entry.method != kDeflated)
        throw Error(source + ": archive entry \"" + entry.name + "\" uses compression method " +
                    std::to_string(entry.method) +
                    "; only stored (as torch.save writes) and deflated entries are read");
    if (entry.method == kStored && entry.compressed_size != entry.uncompressed_size)
        throw Error(source + ": archive entry \"" + entry.name + "\" is stored but declares " +
                    std::to_string(entry.uncompressed_size) + " bytes for " + std::to_string(entry.compressed_size));
    if (is_data_pkl(entry.name) && entry.uncompressed_size > kMaxPickleBytes)
        throw Error(source + ": data.pkl is " + std::to_string(entry.uncompressed_size) + " bytes; at most " +
                    std::to_string(kMaxPickleBytes) + " are read");
}

std::string record_text(caffe2::serialize::PyTorchStreamReader& reader, const std::string& name) {
    auto [data, size] = reader.getRecord(name);
    return size == 0 ? std::string() : std::string(static_cast<const char*>(data.get()), size);
}

std::string reason_of(const c10::Error& e) {
    std::string text = e.what_without_backtrace();
    const auto newline = text.find('\n');
    return newline == std::string::npos ? text : text.substr(0, newline);
}

// Reads the storages that data.pkl refers to, once each (tensors may share one).
class StorageLoader {
public:
    StorageLoader(const ArchiveRecordReader& records, std::string source)
        : m_records(records), m_source(std::move(source)) {}

    // ('storage', torch.<Type>Storage, key, location, numel)
    PickleRef operator()(const PickleRef& id) {
        if (id->kind != Kind::Tuple || id->items.size() != 5 || id->items[0]->kind != Kind::String ||
            id->items[0]->text != "storage" || id->items[1]->kind != Kind::Global ||
            id->items[2]->kind != Kind::String || id->items[4]->kind != Kind::Int)
            throw Error(m_source + ": a persistent id that is not ('storage', type, key, location, numel)");
        const torch::ScalarType dtype = storage_class_dtype(id->items[1]->text, m_source);
        const std::string& key = id->items[2]->text;
        const int64_t numel = id->items[4]->integer;
        auto found = m_storages.find(key);
        if (found == m_storages.end()) found = m_storages.emplace(key, read_storage(key, dtype, numel)).first;
        if (found->second.scalar_type() != dtype)
            throw Error(m_source + ": storage " + key + " is read as two different types");
        auto storage = PickleValue::make(Kind::Storage);
        storage->tensor = found->second;
        return storage;
    }

private:
    torch::Tensor read_storage(const std::string& key, torch::ScalarType dtype, int64_t numel) {
        const std::string record = "data/" + key;
        const auto element_size = static_cast<int64_t>(c10::elementSize(dtype));
        if (numel < 0 || numel > std::numeric_limits<int64_t>::max() / element_size)
            throw Error(m_source + ": storage " + key + " has an invalid element count " + std::to_string(numel));
        const auto options = torch::TensorOptions().dtype(dtype);
        if (numel == 0) return torch::empty({0}, options);
        const std::optional<ArchiveRecord> found = m_records(record);
        if (!found) throw Error(m_source + ": the archive has no record " + record);
        if (static_cast<uint64_t>(found->size) < static_cast<uint64_t>(numel * element_size))
            throw Error(m_source + ": record " + record + " holds " + std::to_string(found->size) +
                        " bytes but its storage needs " + std::to_string(numel * element_size) + " (truncated?)");
        if (dtype == torch::kBool && !bytes_are_valid_bools(found->data, static_cast<size_t>(numel)))
            throw Error(m_source + ": storage " + key + " of bools holds bytes other than 0 and 1");
        std::shared_ptr<void> owner = found->owner;
        return torch::from_blob(
            const_cast<void*>(found->data), {numel}, [owner](void*) {}, options);
    }

    const ArchiveRecordReader& m_records;
    std::string m_source;
    std::map<std::string, torch::Tensor> m_storages;
};

// Tensors anywhere in dicts, lists and tuples become "outer.inner.0" names; scalars and strings (an
// "epoch", a "version") are ignored; storages or globals outside a tensor are rejected.
//
// The pickle memo lets one container appear in many places, and containers of shared containers multiply:
// a few hundred bytes can describe billions of paths. So each container is expanded once. Reached again,
// it is skipped when it held no tensors (an optimizer's shared hyper-parameter tuple), and refused when it
// did (naming it twice would give each tensor a second name). A tensor reached under two names (tied
// weights) is kept under both: it is one tensor, not a copy.
class Flattener {
public:
    explicit Flattener(const std::string& source) : m_source(source) {}

    std::map<std::string, torch::Tensor> take(const PickleRef& root) {
        visit(root, "", 0);
        return std::move(m_tensors);
    }

private:
    // A container's first expansion: where it was, whether it is done (else a second visit is a cycle),
    // and how many tensors it named.
    struct Expansion {
        std::string name;
        bool finished = false;
        size_t tensors = 0;
    };

    [[noreturn]] void fail(const std::string& what) const { throw Error(m_source + ": " + what); }

    void visit(const PickleRef& value, const std::string& name, int depth) {
        if (depth > kMaxNesting)
            fail("containers nested deeper than " + std::to_string(kMaxNesting) + " levels at \"" + name + "\"");
        switch (value->kind) {
            case Kind::Tensor:
                if (name.empty()) fail("holds a single unnamed tensor, not a dict of named tensors");
                if (!m_tensors.emplace(name, value->tensor).second) fail("tensor \"" + name + "\" appears twice");
                return;
            case Kind::Dict:
            case Kind::List:
            case Kind::Tuple:
                expand_once(*value, name, depth);
                return;
            case Kind::Global:
            case Kind::Storage:
                fail("holds a " + value->kind_name() + " outside a tensor at \"" + name + "\"");
            default:
                return;
        }
    }

    void expand_once(const PickleValue& container, const std::string& name, int depth) {
        const auto [found, first] = m_expanded.try_emplace(&container, Expansion{name});
        Expansion& expansion = found->second;  // stays valid while the map grows
        if (!first) {
            if (!expansion.finished) fail("the container at \"" + name + "\" contains itself (a cyclic pickle)");
            if (expansion.tensors > 0)
                fail("the container at \"" + name + "\" is the one at \"" + expansion.name +
                     "\" again; a container of tensors is read at one place only (shared containers are not "
                     "expanded twice)");
            return;
        }
        const size_t before = m_tensors.size();
        if (container.kind == Kind::Dict) {
            for (const auto& [key, item] : container.entries) visit(item, child_name(name, key_text(key)), depth + 1);
        } else {
            for (size_t i = 0; i < container.items.size(); ++i)
                visit(container.items[i], child_name(name, std::to_string(i)), depth + 1);
        }
        expansion.finished = true;
        expansion.tensors = m_tensors.size() - before;
    }

    std::string key_text(const PickleRef& key) const {
        if (key->kind == Kind::String) return key->text;
        if (key->kind == Kind::Int) return std::to_string(key->integer);
        fail("a dict key of type " + key->kind_name() + " cannot name a tensor");
    }

    std::string child_name(const std::string& name, const std::string& key) const {
        if (name.size() + key.size() + 1 > kMaxNameBytes)
            fail("a tensor name longer than " + std::to_string(kMaxNameBytes) + " bytes under \"" + name.substr(0, 80) +
                 "\"");
        return name.empty() ? key : name + "." + key;
    }

    const std::string& m_source;
    std::map<std::string, torch::Tensor> m_tensors;
    std::unordered_map<const PickleValue*, Expansion> m_expanded;
};

}  // namespace

void check_torch_archive(const std::vector<ZipEntry>& entries, uint64_t archive_size, const std::string& source) {
    const uint64_t limit = archive_size * kMaxUnpackedRatio;
    uint64_t total = 0;
    for (const ZipEntry& entry : entries) {
        check_entry(entry, source);
        if (entry.uncompressed_size > limit - total)
            throw Error(source + ": the archive's entries unpack to more than " + std::to_string(kMaxUnpackedRatio) +
                        " times its " + std::to_string(archive_size) + " bytes (the limit is " + std::to_string(limit) +
                        " bytes; torch.save stores entries uncompressed, so this is a damaged archive or a zip bomb)");
        total += entry.uncompressed_size;
    }
}

std::map<std::string, torch::Tensor> tensors_from_torch_pickle(const std::string& pickle,
                                                               const ArchiveRecordReader& records,
                                                               const std::string& source) {
    StorageLoader storages(records, source);
    const PersistentLoader loader = [&storages](const PickleRef& id) { return storages(id); };
    const PickleTree tree = unpickle_restricted(pickle, source + " (data.pkl)", loader);
    std::map<std::string, torch::Tensor> tensors = Flattener(source).take(tree.root());
    if (tensors.empty()) throw Error(source + ": holds no tensors");
    return tensors;
}

std::map<std::string, torch::Tensor> read_torch_bin(const std::filesystem::path& path) {
    check_zip_signature(path);
    const std::string source = path.string();
    check_torch_archive(read_zip_directory(path), std::filesystem::file_size(path), source);
    try {
        caffe2::serialize::PyTorchStreamReader reader(path.string());
        if (reader.hasRecord("byteorder")) {
            const std::string order = record_text(reader, "byteorder");
            if (order != "little")
                throw Error(source + ": written on a \"" + order + "\"-endian machine; only little-endian is read");
        }
        if (!reader.hasRecord("data.pkl"))
            throw Error(source + ": the archive has no data.pkl (not a torch.save file)");
        const ArchiveRecordReader records = [&reader](const std::string& name) -> std::optional<ArchiveRecord> {
            if (!reader.hasRecord(name)) return std::nullopt;
            auto [data, size] = reader.getRecord(name);
            auto owner = std::make_shared<at::DataPtr>(std::move(data));
            return ArchiveRecord{owner, owner->get(), size};
        };
        return tensors_from_torch_pickle(record_text(reader, "data.pkl"), records, source);
    } catch (const c10::Error& e) {
        throw Error(source + ": cannot read the zip archive (" + reason_of(e) + ")");
    }
}

}  // namespace milr
