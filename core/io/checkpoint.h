// A model folder's weights behind one interface: single or sharded safetensors, or PyTorch zip .bin files.
#pragma once
#include <torch/types.h>

#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/io/safetensors.h"
#include "core/util/cancel.h"

namespace milr {

// Throws milr::Error "FOLDER: no such folder" (or "... is a file, not a folder") before anything is read from a
// model folder, so that a mistyped path is not reported as a missing config or tokenizer.
void require_model_folder(const std::filesystem::path& folder);

class CheckpointBuilder;

// Opens `model.safetensors`, `model.safetensors.index.json` (+ shards), `pytorch_model.bin`, or
// `pytorch_model.bin.index.json` (+ shards) in a folder, or one such file directly. Listing is metadata
// only (no tensor allocated for safetensors); every error names the file and the tensor.
class Checkpoint {
public:
    static Checkpoint open(const std::filesystem::path& folder_or_file);

    const std::vector<TensorInfo>& tensors() const { return m_tensors; }  // sorted by name
    bool contains(const std::string& name) const;
    const TensorInfo& info(const std::string& name) const;
    // CPU. safetensors: a zero-copy view of the copy-on-write mapping; .bin: the tensor read at open(),
    // shared by every load. In both cases an in-place change is seen by later loads: clone() to modify.
    // For .bin tensors, info().begin is 0 and info().end the tensor's byte size.
    torch::Tensor load(const std::string& name) const;
    std::string format() const { return m_format; }  // "safetensors" or "pytorch-zip"
    std::vector<std::filesystem::path> files() const;

private:
    friend class CheckpointBuilder;
    std::string m_format;
    std::vector<TensorInfo> m_tensors;
    std::map<std::string, size_t> m_index;
    std::map<std::filesystem::path, std::shared_ptr<SafetensorsFile>> m_safetensors;
    std::map<std::string, torch::Tensor> m_loaded;  // .bin files are read whole by the unpickler
};

// Reads a `torch.save(...)` zip file (a dict of tensors, or a raw state_dict OrderedDict) through libtorch's
// zip reader and a restricted unpickler (core/io/pickle.h: no Python, no code execution); rejects anything
// but tensors in plain containers, and explains the legacy non-zip format. Nested containers are flattened
// to dotted names ({"model": {"w": t}} gives "model.w"; lists give "name.0"); non-tensor leaves (ints,
// floats, strings, None) are ignored. Tensors keep their storage offsets and strides and share storage as
// they did when saved.
std::map<std::string, torch::Tensor> read_torch_bin(const std::filesystem::path& path);

// One record of a torch.save archive: its bytes, kept alive by `owner`.
struct ArchiveRecord {
    std::shared_ptr<void> owner;
    const void* data = nullptr;
    size_t size = 0;
};
// The record named `name` ("data/0"), or nothing when the archive has none.
using ArchiveRecordReader = std::function<std::optional<ArchiveRecord>(const std::string& name)>;

// The part of read_torch_bin after the zip: data.pkl's bytes through the restricted unpickler, its storages
// read from `records`, containers flattened to named tensors. Every error (milr::Error) names `source`.
std::map<std::string, torch::Tensor> tensors_from_torch_pickle(const std::string& pickle,
                                                               const ArchiveRecordReader& records,
                                                               const std::string& source);

}  // namespace milr
