// PyTorch zip checkpoints (.bin/.pt): the archive through libtorch's zip reader, data.pkl through the
// restricted unpickler, nested containers flattened to dotted tensor names.
#include <caffe2/serialize/inline_container.h>

#include <array>
#include <cstring>
#include <fstream>
#include <limits>

#include "core/io/checkpoint.h"
#include "core/io/dtype_name.h"
#include "core/io/pickle.h"
#include "core/util/error.h"

namespace milr {
namespace {

using Kind = PickleValue::Kind;
constexpr int kMaxNesting = 32;

// What the first bytes say: a zip archive, the legacy torch.save format, or something else.
void check_zip_signature(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw Error(path.string() + ": cannot open (" + std::strerror(errno) + ")");
    std::array<unsigned char, 14> head{};
    in.read(reinterpret_cast<char*>(head.data()), head.size());
    const auto count = static_cast<size_t>(in.gcount());
    if (count >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4) return;
    // torch.save(..., _use_new_zipfile_serialization=False) starts with a pickled magic number.
    constexpr std::array<unsigned char, 14> kLegacy{0x80, 0x02, 0x8a, 0x0a, 0x6c, 0xfc, 0x9c, 0x46,
                                                    0xf9, 0x20, 0x6a, 0xa8, 0x50, 0x19};
    if (count == head.size() && head == kLegacy)
        throw Error(path.string() +
                    ": is in PyTorch's legacy (non-zip) format, which is not read here; convert it once with "
                    "python3 -c \"import torch,sys; torch.save(torch.load(sys.argv[1], map_location='cpu'), "
                    "sys.argv[2])\" OLD NEW (zip format, the default since PyTorch 1.6), or to safetensors");
    throw Error(path.string() + ": not a PyTorch zip checkpoint (no zip signature at the start; " +
                (count < 4 ? std::string("the file is nearly empty") : std::string("truncated or another format")) +
                ")");
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
    StorageLoader(const ArchiveRecordReader& records, std::string source) : m_records(records), m_source(std::move(source)) {}

    // ('storage', torch.<Type>Storage, key, location, numel)
    PickleRef operator()(const PickleRef& id) {
        if (id->kind != Kind::Tuple || id->items.size() != 5 || id->items[0]->kind != Kind::String ||
            id->items[0]->text != "storage" || id->items[1]->kind != Kind::Global || id->items[2]->kind != Kind::String ||
            id->items[4]->kind != Kind::Int)
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
        return torch::from_blob(const_cast<void*>(found->data), {numel}, [owner](void*) {}, options);
    }

    const ArchiveRecordReader& m_records;
    std::string m_source;
    std::map<std::string, torch::Tensor> m_storages;
};

std::string key_text(const PickleRef& key, const std::string& source) {
    if (key->kind == Kind::String) return key->text;
    if (key->kind == Kind::Int) return std::to_string(key->integer);
    throw Error(source + ": a dict key of type " + key->kind_name() + " cannot name a tensor");
}

// Tensors anywhere in dicts, lists and tuples become "outer.inner.0" names; scalars and strings (an
// "epoch", a "version") are ignored; storages or globals outside a tensor are rejected.
void flatten(const PickleRef& value, const std::string& name, int depth, const std::string& source,
             std::map<std::string, torch::Tensor>& out) {
    if (depth > kMaxNesting) throw Error(source + ": containers nested deeper than " + std::to_string(kMaxNesting) +
                                         " levels (or cyclic) at \"" + name + "\"");
    const auto child = [&name](const std::string& key) { return name.empty() ? key : name + "." + key; };
    switch (value->kind) {
        case Kind::Tensor:
            if (name.empty()) throw Error(source + ": holds a single unnamed tensor, not a dict of named tensors");
            if (!out.emplace(name, value->tensor).second) throw Error(source + ": tensor \"" + name + "\" appears twice");
            return;
        case Kind::Dict:
            for (const auto& [key, item] : value->entries) flatten(item, child(key_text(key, source)), depth + 1, source, out);
            return;
        case Kind::List:
        case Kind::Tuple:
            for (size_t i = 0; i < value->items.size(); ++i)
                flatten(value->items[i], child(std::to_string(i)), depth + 1, source, out);
            return;
        case Kind::Global:
        case Kind::Storage:
            throw Error(source + ": holds a " + value->kind_name() + " outside a tensor at \"" + name + "\"");
        default:
            return;
    }
}

}  // namespace

std::map<std::string, torch::Tensor> tensors_from_torch_pickle(const std::string& pickle, const ArchiveRecordReader& records,
                                                               const std::string& source) {
    StorageLoader storages(records, source);
    const PersistentLoader loader = [&storages](const PickleRef& id) { return storages(id); };
    const PickleTree tree = unpickle_restricted(pickle, source + " (data.pkl)", loader);
    std::map<std::string, torch::Tensor> tensors;
    flatten(tree.root(), "", 0, source, tensors);
    if (tensors.empty()) throw Error(source + ": holds no tensors");
    return tensors;
}

std::map<std::string, torch::Tensor> read_torch_bin(const std::filesystem::path& path) {
    check_zip_signature(path);
    const std::string source = path.string();
    try {
        caffe2::serialize::PyTorchStreamReader reader(path.string());
        if (reader.hasRecord("byteorder")) {
            const std::string order = record_text(reader, "byteorder");
            if (order != "little") throw Error(source + ": written on a \"" + order + "\"-endian machine; only little-endian is read");
        }
        if (!reader.hasRecord("data.pkl")) throw Error(source + ": the archive has no data.pkl (not a torch.save file)");
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
