// Checkpoint cross-checking and loading for both layouts, with progress and cancellation; and saving.
#include "core/model/loader.h"

#include <set>

#include <torch/torch.h>

#include "core/io/safetensors.h"
#include "core/model/parameter_specs.h"
#include "core/model/weight_names.h"
#include "core/util/error.h"
#include "core/util/strings.h"

namespace milr {
namespace {

bool part_wanted(const std::string& module, const ModelParts& parts) {
    if (module == "vision_tower" || module == "aligner") return parts.vision;
    if (module == "gen_vision_model") return parts.vq;
    return true;
}

// The shape each stored piece must have for a DeepSeek tensor of `shape`.
std::vector<int64_t> stored_shape(const std::vector<int64_t>& shape, const StoredTensor& stored) {
    std::vector<int64_t> out = shape;
    if (stored.names.size() > 1) out[0] /= static_cast<int64_t>(stored.names.size());
    if (stored.squeezed) out.erase(out.begin());
    return out;
}

std::string layout_text(CheckpointLayout layout) {
    return layout == CheckpointLayout::DeepSeek ? "DeepSeek layout" : "transformers layout";
}

// Assembles a DeepSeek tensor from its stored pieces.
torch::Tensor read_tensor(const Checkpoint& checkpoint, const StoredTensor& stored) {
    std::vector<torch::Tensor> pieces;
    for (const std::string& name : stored.names) pieces.push_back(checkpoint.load(name));
    torch::Tensor t = pieces.size() == 1 ? pieces[0] : torch::cat(pieces, 0);
    return stored.squeezed ? t.unsqueeze(0) : t;
}

}  // namespace

CheckpointLayout detect_checkpoint_layout(const Checkpoint& checkpoint) {
    for (const TensorInfo& info : checkpoint.tensors()) {
        if (starts_with(info.name, "language_model.model.")) return CheckpointLayout::DeepSeek;
        if (starts_with(info.name, "model.language_model.")) return CheckpointLayout::TransformersNative;
    }
    const std::string example = checkpoint.tensors().empty() ? "(none)" : checkpoint.tensors().front().name;
    throw Error(
        "checkpoint has no language-model tensors in either the DeepSeek layout (language_model.model.*) or "
        "the transformers layout (model.language_model.*); first tensor: " +
        example);
}

void check_checkpoint(const JanusConfig& config, const Checkpoint& checkpoint, CheckpointLayout layout,
                      const ModelParts& parts) {
    std::set<std::string> consumed;
    for (const ParameterSpec& spec : janus_parameter_specs(config, false)) {
        const StoredTensor stored = stored_tensor(spec.name, layout);
        for (const std::string& name : stored.names) consumed.insert(name);
        if (!part_wanted(spec.module, parts)) continue;
        const std::vector<int64_t> expected = stored_shape(spec.shape, stored);
        for (const std::string& name : stored.names) {
            if (!checkpoint.contains(name))
                throw Error("checkpoint is missing tensor '" + name + "' (" + layout_text(layout) +
                            ", expected shape " + shape_text(expected) + ")");
            const TensorInfo& info = checkpoint.info(name);
            if (info.shape != expected)
                throw Error("tensor '" + name + "' has shape " + shape_text(info.shape) + " but config.json implies " +
                            shape_text(expected));
            if (!torch::isFloatingType(info.dtype))
                throw Error("tensor '" + name + "' has dtype " + info.dtype_name + "; a floating-point type is needed");
        }
    }
    for (const TensorInfo& info : checkpoint.tensors()) {
        if (consumed.count(info.name) || is_ignored_tensor(info.name)) continue;
        throw Error("checkpoint has an unexpected tensor '" + info.name + "' " + shape_text(info.shape) +
                    " that this configuration does not use (" + layout_text(layout) + ")");
    }
}

JanusModel load_janus_model(const std::filesystem::path& folder, const LoadOptions& options) {
    report_progress(options.progress, 0.0, "reading configuration");
    const JanusConfig config = read_janus_config(folder);
    const Checkpoint checkpoint = Checkpoint::open(folder);
    const CheckpointLayout layout = detect_checkpoint_layout(checkpoint);
    check_checkpoint(config, checkpoint, layout, options.parts);
    options.cancel.throw_if_cancelled("model loading");

    torch::NoGradGuard no_grad;
    const auto tensor_options = torch::TensorOptions().dtype(options.target.dtype).device(options.target.device);
    JanusModel model(config, tensor_options, options.parts);
    auto parameters = model->named_parameters(true);
    double total = 0, done = 0;
    for (const auto& item : parameters) total += double(item.value().numel());
    for (auto& item : parameters) {
        options.cancel.throw_if_cancelled("model loading");
        const StoredTensor stored = stored_tensor(item.key(), layout);
        const torch::Tensor source = read_tensor(checkpoint, stored);
        torch::Tensor& target = item.value();
        if (!source.sizes().equals(target.sizes()))
            throw Error("tensor '" + stored.names[0] + "' does not fit parameter '" + item.key() + "'");
        target.copy_(source);
        done += double(target.numel());
        report_progress(options.progress, total > 0 ? done / total : 1.0, "loading weights");
    }
    set_trainable(*model, !options.frozen);
    if (options.frozen) model->eval();
    return model;
}

std::map<std::string, torch::Tensor> checkpoint_tensors(JanusModel& model, CheckpointLayout layout) {
    torch::NoGradGuard no_grad;
    std::map<std::string, torch::Tensor> out;
    for (const auto& item : model->named_parameters(true)) {
        const StoredTensor stored = stored_tensor(item.key(), layout);
        torch::Tensor value = item.value().detach().to(torch::kCPU);
        if (stored.squeezed) value = value.squeeze(0);
        const auto pieces = value.chunk(static_cast<int64_t>(stored.names.size()), 0);
        for (size_t i = 0; i < stored.names.size(); ++i) out[stored.names[i]] = pieces[i].contiguous();
    }
    return out;
}

void save_janus_model(JanusModel& model, const std::filesystem::path& folder, CheckpointLayout layout) {
    std::filesystem::create_directories(folder);
    write_janus_config(model->config(), folder / "config.json", layout);
    write_safetensors(folder / "model.safetensors", checkpoint_tensors(model, layout),
                      {{"format", "pt"}, {"layout", layout_name(layout)}});
}

}  // namespace milr
