// Loading a Janus model from a checkpoint folder (either layout), and writing one (the embedded model).
#pragma once
#include <filesystem>
#include <map>
#include <string>

#include "core/io/checkpoint.h"
#include "core/model/janus_model.h"
#include "core/util/cancel.h"
#include "core/util/device.h"

namespace milr {

struct LoadOptions {
    ComputeTarget target;       // device and dtype of the weights
    ModelParts parts;           // leave out the understanding tower or the codec to save memory
    bool frozen = true;         // requires_grad false on every parameter (inference)
    ProgressCallback progress;  // fraction of tensor bytes copied; returning false cancels
    CancelToken cancel;
};

// The layout of the tensor names in a checkpoint; throws naming a tensor when neither layout is recognised.
CheckpointLayout detect_checkpoint_layout(const Checkpoint& checkpoint);

// Cross-checks every tensor of the config against the checkpoint's metadata (no tensor is read): a missing,
// extra or misshapen tensor is a milr::Error that names it. Ignored tensors (is_ignored_tensor) may be present.
void check_checkpoint(const JanusConfig& config, const Checkpoint& checkpoint, CheckpointLayout layout,
                      const ModelParts& parts = {});

// Reads config.json and the weights of `folder`, checks them, builds the model on the target and copies the
// weights in (converting dtype). Throws milr::Cancelled when cancelled.
JanusModel load_janus_model(const std::filesystem::path& folder, const LoadOptions& options = {});

// The model's tensors named as in `layout` (qkv split, pos_embed squeezed for the transformers layout), on CPU.
std::map<std::string, torch::Tensor> checkpoint_tensors(JanusModel& model, CheckpointLayout layout);

// Writes config.json (DeepSeek layout) and model.safetensors into `folder` (created if needed).
void save_janus_model(JanusModel& model, const std::filesystem::path& folder,
                      CheckpointLayout layout = CheckpointLayout::DeepSeek);

}  // namespace milr
