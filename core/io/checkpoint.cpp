// Checkpoint: finds the weight files of a model folder (single or sharded, safetensors or PyTorch zip) and
// lists and loads their tensors by name.
#include "core/io/checkpoint.h"

#include <algorithm>
#include <fstream>
#include <set>

#include "core/io/dtype_name.h"
#include "core/io/json_file.h"
#include "core/util/error.h"

namespace milr {
namespace {

namespace fs = std::filesystem;

enum class Layout { Safetensors, SafetensorsIndex, TorchBin, TorchBinIndex };

bool ends_with(const std::string& text, const std::string& suffix) {
    return text.size() >= suffix.size() && text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

bool starts_with_zip_signature(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    char head[4] = {};
    in.read(head, 4);
    return in.gcount() == 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4;
}

Layout layout_of_file(const fs::path& file) {
    const std::string name = file.filename().string();
    if (ends_with(name, ".safetensors.index.json")) return Layout::SafetensorsIndex;
    if (ends_with(name, ".bin.index.json")) return Layout::TorchBinIndex;
    if (ends_with(name, ".safetensors")) return Layout::Safetensors;
    if (ends_with(name, ".bin") || ends_with(name, ".pt") || ends_with(name, ".pth")) return Layout::TorchBin;
    return starts_with_zip_signature(file) ? Layout::TorchBin : Layout::Safetensors;
}

// The weight file of a folder, in the order Hugging Face's loaders prefer.
std::pair<fs::path, Layout> locate(const fs::path& folder_or_file) {
    std::error_code code;
    if (!fs::exists(folder_or_file, code)) throw Error(folder_or_file.string() + ": no such file or folder");
    if (!fs::is_directory(folder_or_file, code)) return {folder_or_file, layout_of_file(folder_or_file)};
    const std::pair<const char*, Layout> candidates[] = {
        {"model.safetensors", Layout::Safetensors},
        {"model.safetensors.index.json", Layout::SafetensorsIndex},
        {"pytorch_model.bin", Layout::TorchBin},
        {"pytorch_model.bin.index.json", Layout::TorchBinIndex},
    };
    for (const auto& [name, layout] : candidates)
        if (fs::is_regular_file(folder_or_file / name, code)) return {folder_or_file / name, layout};
    throw Error(folder_or_file.string() +
                ": no weights found (looked for model.safetensors, model.safetensors.index.json, pytorch_model.bin "
                "and pytorch_model.bin.index.json; pass a weight file's path to open another name)");
}

// weight_map of an index: tensor name -> shard file name (a plain name in the index's folder).
std::map<std::string, std::string> read_weight_map(const fs::path& index) {
    const nlohmann::json json = read_json_file(index);
    if (!json.is_object() || !json.contains("weight_map") || !json["weight_map"].is_object())
        throw Error(index.string() + ": no \"weight_map\" object");
    std::map<std::string, std::string> weight_map;
    for (const auto& [tensor, shard] : json["weight_map"].items()) {
        if (!shard.is_string())
            throw Error(index.string() + ": the shard of tensor \"" + tensor + "\" is not a string");
        const std::string name = shard.get<std::string>();
        if (name.empty() || name == "." || name == ".." || name.find('/') != std::string::npos ||
            name.find('\\') != std::string::npos)
            throw Error(index.string() + ": shard \"" + name + "\" of tensor \"" + tensor +
                        "\" is not a file name in the index's folder");
        weight_map[tensor] = name;
    }
    if (weight_map.empty()) throw Error(index.string() + ": \"weight_map\" lists no tensors");
    return weight_map;
}

TensorInfo info_of_loaded(const std::string& name, const torch::Tensor& tensor, const fs::path& file) {
    TensorInfo info;
    info.name = name;
    info.dtype = tensor.scalar_type();
    info.dtype_name = safetensors_name_of(info.dtype);
    info.shape = tensor.sizes().vec();
    info.begin = 0;
    info.end = static_cast<uint64_t>(tensor.numel()) * tensor.element_size();
    info.file = file;
    return info;
}

}  // namespace

// Builds a Checkpoint from its weight files; the private members are filled through this helper.
class CheckpointBuilder {
public:
    explicit CheckpointBuilder(Checkpoint& checkpoint) : m_checkpoint(checkpoint) {}

    void add_file(const fs::path& file, bool safetensors) {
        if (safetensors) {
            auto opened = SafetensorsFile::open(file);
            m_checkpoint.m_safetensors[file] = opened;
            for (const auto& info : opened->tensors()) add(info);
        } else {
            for (const auto& [name, tensor] : read_torch_bin(file)) {
                add(info_of_loaded(name, tensor, file));
                m_checkpoint.m_loaded[name] = tensor;
            }
        }
    }

    void add_index(const fs::path& index, bool safetensors) {
        const auto weight_map = read_weight_map(index);
        std::map<std::string, std::string> first_tensor_of_shard;
        for (const auto& [tensor, shard] : weight_map) first_tensor_of_shard.emplace(shard, tensor);
        for (const auto& [shard, tensor] : first_tensor_of_shard) {
            const fs::path file = index.parent_path() / shard;
            std::error_code code;
            if (!fs::is_regular_file(file, code))
                throw Error(index.string() + ": shard " + shard + " (holding tensor \"" + tensor +
                            "\" and others) is missing: " + file.string());
            add_file(file, safetensors);
        }
        for (const auto& [tensor, shard] : weight_map) {
            const auto found = m_files.find(tensor);
            if (found == m_files.end() || found->second.filename() != shard)
                throw Error(index.string() + ": lists tensor \"" + tensor + "\" in shard " + shard +
                            ", but that shard does not hold it");
        }
    }

    void finish() {
        auto& tensors = m_checkpoint.m_tensors;
        std::sort(tensors.begin(), tensors.end(),
                  [](const TensorInfo& a, const TensorInfo& b) { return a.name < b.name; });
        for (size_t i = 0; i < tensors.size(); ++i) m_checkpoint.m_index[tensors[i].name] = i;
    }

private:
    void add(const TensorInfo& info) {
        const auto [found, inserted] = m_files.emplace(info.name, info.file);
        if (!inserted)
            throw Error("tensor \"" + info.name + "\" is in two files: " + found->second.string() + " and " +
                        info.file.string());
        m_checkpoint.m_tensors.push_back(info);
    }

    Checkpoint& m_checkpoint;
    std::map<std::string, fs::path> m_files;
};

void require_model_folder(const fs::path& folder) {
    std::error_code error;
    const fs::file_status status = fs::status(folder, error);
    if (!fs::exists(status)) throw Error(folder.string() + ": no such folder");
    if (!fs::is_directory(status)) throw Error(folder.string() + " is a file, not a model folder");
}

Checkpoint Checkpoint::open(const fs::path& folder_or_file) {
    const auto [file, layout] = locate(folder_or_file);
    Checkpoint checkpoint;
    const bool safetensors = layout == Layout::Safetensors || layout == Layout::SafetensorsIndex;
    checkpoint.m_format = safetensors ? "safetensors" : "pytorch-zip";
    CheckpointBuilder builder(checkpoint);
    if (layout == Layout::SafetensorsIndex || layout == Layout::TorchBinIndex)
        builder.add_index(file, safetensors);
    else
        builder.add_file(file, safetensors);
    builder.finish();
    return checkpoint;
}

bool Checkpoint::contains(const std::string& name) const { return m_index.count(name) > 0; }

const TensorInfo& Checkpoint::info(const std::string& name) const {
    const auto found = m_index.find(name);
    if (found == m_index.end()) {
        const std::string where = files().empty() ? std::string("checkpoint") : files().front().string();
        throw Error(where + ": no tensor named \"" + name + "\"");
    }
    return m_tensors[found->second];
}

torch::Tensor Checkpoint::load(const std::string& name) const {
    const TensorInfo& entry = info(name);
    const auto safetensors = m_safetensors.find(entry.file);
    if (safetensors != m_safetensors.end()) return safetensors->second->tensor(name);
    return m_loaded.at(name);
}

std::vector<fs::path> Checkpoint::files() const {
    std::set<fs::path> unique;
    for (const auto& [file, opened] : m_safetensors) unique.insert(file);
    for (const auto& info : m_tensors) unique.insert(info.file);
    return {unique.begin(), unique.end()};
}

}  // namespace milr
