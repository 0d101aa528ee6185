// A trained VQ codec on disk: `vq.safetensors` (names `gen_vision_model.*`) and `vq_config.json`.
#pragma once
#include <filesystem>
#include <map>
#include <string>

#include <nlohmann/json.hpp>

#include "core/model/vq.h"

namespace milr {

constexpr const char* kVQWeightsFile = "vq.safetensors";
constexpr const char* kVQConfigFile = "vq_config.json";
constexpr const char* kVQPrefix = "gen_vision_model.";

// The config as gen_vision_config.params keys (image_token_size, n_embed, base_channels, channel_multipliers,
// z_channels, num_res_blocks, image_size) plus norm_groups, norm_eps and codebook_l2_norm.
nlohmann::json vq_config_to_json(const VQConfig& config);
// The inverse; absent keys keep VQConfig's defaults, a wrongly typed key is an error naming it and `source`.
VQConfig vq_config_from_json(const nlohmann::json& json, const std::string& source);

// Parameters by checkpoint name (`gen_vision_model.` + the module's own name), fp32 on the CPU.
std::map<std::string, torch::Tensor> vq_named_tensors(VQModel& model);
// Copies every `gen_vision_model.*` tensor of `tensors` into the model; a missing, extra or misshapen
// tensor is an error naming it and `source`.
void load_vq_tensors(VQModel& model, const std::map<std::string, torch::Tensor>& tensors, const std::string& source);

// Writes both files into `folder` (created if needed), atomically each.
void save_vq_codec(VQModel& model, const std::filesystem::path& folder);
// Builds the model from vq_config.json and loads vq.safetensors from `folder`.
VQModel load_vq_codec(const std::filesystem::path& folder);

}  // namespace milr
