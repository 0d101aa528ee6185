// Saving and loading a trained VQ codec: safetensors weights under `gen_vision_model.` and a JSON config.
#include "core/train/vq_codec_file.h"

#include <torch/torch.h>

#include "core/io/atomic_file.h"
#include "core/io/json_file.h"
#include "core/io/safetensors.h"
#include "core/util/error.h"

namespace milr {

nlohmann::json vq_config_to_json(const VQConfig& c) {
    return {{"image_token_size", c.codebook_size},
            {"n_embed", c.codebook_dim},
            {"base_channels", c.base_channels},
            {"channel_multipliers", c.channel_multipliers},
            {"z_channels", c.z_channels},
            {"num_res_blocks", c.num_res_blocks},
            {"image_size", c.image_size},
            {"norm_groups", c.norm_groups},
            {"norm_eps", c.norm_eps},
            {"codebook_l2_norm", c.codebook_l2_norm}};
}

VQConfig vq_config_from_json(const nlohmann::json& json, const std::string& source) {
    if (!json.is_object()) throw Error(source + ": the VQ config must be a JSON object");
    VQConfig c;
    auto integer = [&](const char* key, int64_t& field) {
        if (!json.contains(key)) return;
        if (!json[key].is_number_integer()) throw Error(source + ": \"" + key + "\" must be an integer");
        field = json[key].get<int64_t>();
    };
    integer("image_token_size", c.codebook_size);
    integer("n_embed", c.codebook_dim);
    integer("base_channels", c.base_channels);
    integer("z_channels", c.z_channels);
    integer("num_res_blocks", c.num_res_blocks);
    integer("image_size", c.image_size);
    integer("norm_groups", c.norm_groups);
    if (json.contains("channel_multipliers")) {
        const auto& m = json["channel_multipliers"];
        if (!m.is_array()) throw Error(source + ": \"channel_multipliers\" must be an array of integers");
        c.channel_multipliers.clear();
        for (const auto& v : m) {
            if (!v.is_number_integer()) throw Error(source + ": \"channel_multipliers\" must be an array of integers");
            c.channel_multipliers.push_back(v.get<int64_t>());
        }
    }
    if (json.contains("norm_eps")) {
        if (!json["norm_eps"].is_number()) throw Error(source + ": \"norm_eps\" must be a number");
        c.norm_eps = json["norm_eps"].get<double>();
    }
    if (json.contains("codebook_l2_norm")) {
        if (!json["codebook_l2_norm"].is_boolean())
            throw Error(source + ": \"codebook_l2_norm\" must be true or false");
        c.codebook_l2_norm = json["codebook_l2_norm"].get<bool>();
    }
    try {
        validate(c);
    } catch (const Error& e) {
        throw Error(source + ": " + e.what());
    }
    return c;
}

std::map<std::string, torch::Tensor> vq_named_tensors(VQModel& model) {
    std::map<std::string, torch::Tensor> out;
    for (const auto& item : model->named_parameters())
        out[kVQPrefix + item.key()] = item.value().detach().to(torch::kCPU, torch::kFloat32).contiguous();
    return out;
}

void load_vq_tensors(VQModel& model, const std::map<std::string, torch::Tensor>& tensors, const std::string& source) {
    torch::NoGradGuard no_grad;
    const std::string prefix = kVQPrefix;
    size_t found = 0;
    for (auto& item : model->named_parameters()) {
        const std::string name = prefix + item.key();
        auto it = tensors.find(name);
        if (it == tensors.end()) throw Error(source + ": tensor " + name + " is missing");
        if (it->second.sizes() != item.value().sizes())
            throw Error(source + ": tensor " + name + " has shape " + c10::str(it->second.sizes()) +
                        ", the model expects " + c10::str(item.value().sizes()));
        item.value().copy_(it->second);
        ++found;
    }
    for (const auto& [name, tensor] : tensors)
        if (name.rfind(prefix, 0) == 0 && !model->named_parameters().contains(name.substr(prefix.size())))
            throw Error(source + ": unexpected tensor " + name);
    (void)found;
}

void save_vq_codec(VQModel& model, const std::filesystem::path& folder) {
    std::filesystem::create_directories(folder);
    write_safetensors(folder / kVQWeightsFile, vq_named_tensors(model), {{"format", "pt"}});
    write_file_atomic(folder / kVQConfigFile, vq_config_to_json(model->config()).dump(2) + "\n");
}

VQModel load_vq_codec(const std::filesystem::path& folder) {
    const auto config_path = folder / kVQConfigFile;
    VQModel model(vq_config_from_json(read_json_file(config_path), config_path.string()));
    const auto weights_path = folder / kVQWeightsFile;
    auto file = SafetensorsFile::open(weights_path);
    std::map<std::string, torch::Tensor> tensors;
    for (const auto& info : file->tensors()) tensors[info.name] = file->tensor(info.name);
    load_vq_tensors(model, tensors, weights_path.string());
    return model;
}

}  // namespace milr
