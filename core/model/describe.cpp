// describe_model: parameter counts per module, stored bytes and memory estimates, with no weight allocated.
#include "core/model/describe.h"

#include <cstdio>
#include <sstream>

#include "core/io/checkpoint.h"
#include "core/model/loader.h"
#include "core/model/parameter_specs.h"
#include "core/model/weight_names.h"

namespace milr {
namespace {

constexpr int64_t kPromptPositions = 512;  // a generous image prompt (reasoning text included)

void add_to_module(std::vector<ModuleSize>& modules, const std::string& module, bool used, int64_t count) {
    for (ModuleSize& m : modules)
        if (m.module == module) {
            m.parameters += count;
            return;
        }
    modules.push_back({module, count, used});
}

void finish(ModelDescription& d) {
    for (const ModuleSize& m : d.modules) {
        d.total_parameters += m.parameters;
        if (m.used) d.used_parameters += m.parameters;
    }
    const LanguageConfig& l = d.config.language;
    d.context_positions = kPromptPositions + d.config.image_tokens_per_image();
    const int64_t kv_elements =
        2 /*rows*/ * 2 /*k,v*/ * l.num_layers * l.num_kv_heads * l.head_dim() * d.context_positions;
    const VQConfig& q = d.config.gen_vision;
    const int64_t vq_peak = 3 * q.base_channels * q.channel_multipliers.front() * q.image_size * q.image_size;
    const int64_t logits = 2 * (l.vocab_size + q.codebook_size);
    for (const auto& [target, bytes] :
         {std::pair<const char*, int64_t>{"cpu fp32", 4}, {"cpu bf16", 2}, {"cuda bf16", 2}})
        d.estimates.push_back({target, d.used_parameters * bytes, kv_elements * bytes, (vq_peak + logits) * bytes});
}

std::string grouped(int64_t n) {
    std::string digits = std::to_string(n), out;
    for (size_t i = 0; i < digits.size(); ++i) {
        if (i && (digits.size() - i) % 3 == 0) out += ',';
        out += digits[i];
    }
    return out;
}

std::string gib(int64_t bytes) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.2f GiB", double(bytes) / double(1ll << 30));
    return buffer;
}

}  // namespace

ModelDescription describe_config(const JanusConfig& config) {
    ModelDescription d;
    d.config = config;
    d.layout = config.layout;
    for (const ParameterSpec& spec : janus_parameter_specs(config, true))
        add_to_module(d.modules, spec.module, spec.used, spec.numel());
    finish(d);
    d.bytes_per_dtype["BF16"] = d.total_parameters * 2;
    return d;
}

ModelDescription describe_model(const std::filesystem::path& folder) {
    require_model_folder(folder);
    const JanusConfig config = read_janus_config(folder);
    const bool has_weights = std::filesystem::exists(folder / "model.safetensors") ||
        std::filesystem::exists(folder / "model.safetensors.index.json") ||
        std::filesystem::exists(folder / "pytorch_model.bin") ||
        std::filesystem::exists(folder / "pytorch_model.bin.index.json");
    if (!has_weights) {
        ModelDescription d = describe_config(config);
        d.folder = folder;
        return d;
    }
    const Checkpoint checkpoint = Checkpoint::open(folder);
    ModelDescription d;
    d.folder = folder;
    d.config = config;
    d.from_weights = true;
    d.weight_format = checkpoint.format();
    d.layout = detect_checkpoint_layout(checkpoint);
    check_checkpoint(config, checkpoint, d.layout);
    for (const ParameterSpec& spec : janus_parameter_specs(config, false)) {
        int64_t count = 0;
        for (const std::string& name : stored_tensor(spec.name, d.layout).names) count += checkpoint.info(name).numel();
        add_to_module(d.modules, spec.module, true, count);
    }
    for (const TensorInfo& info : checkpoint.tensors()) {
        d.bytes_per_dtype[info.dtype_name] += static_cast<int64_t>(info.byte_size());
        if (is_ignored_tensor(info.name)) add_to_module(d.modules, "unused (ignored by name)", false, info.numel());
    }
    finish(d);
    return d;
}

std::string ModelDescription::text() const {
    std::ostringstream out;
    const LanguageConfig& l = config.language;
    out << "model: " << (folder.empty() ? std::string("(configuration)") : folder.string()) << "\n";
    out << "layout: " << layout_name(layout) << (from_weights ? " (" + weight_format + " weights)" : " (config only)")
        << "\n";
    out << "language: hidden " << l.hidden_size << ", layers " << l.num_layers << ", heads " << l.num_heads << " (kv "
        << l.num_kv_heads << "), intermediate " << l.intermediate_size << ", vocab " << l.vocab_size << ", rope_theta "
        << l.rope_theta << "\n";
    if (config.vision) {
        const VisionConfig& v = *config.vision;
        out << "vision: " << v.image_size << " px, patch " << v.patch_size << " (" << v.num_patches()
            << " tokens), width " << v.width << ", layers " << v.layers << ", heads " << v.heads << "\n";
    } else {
        out << "vision: none (no understanding path)\n";
    }
    const VQConfig& q = config.gen_vision;
    out << "image codec: " << q.image_size << " px, " << q.grid_size() << "x" << q.grid_size() << " tokens, "
        << q.codebook_size << " codes of dim " << q.codebook_dim << ", base channels " << q.base_channels << "\n";
    out << "parameters per module:\n";
    for (const ModuleSize& m : modules) {
        char line[160];
        std::snprintf(line, sizeof line, "  %-26s %16s%s\n", m.module.c_str(), grouped(m.parameters).c_str(),
                      m.used ? "" : "  (stored, unused)");
        out << line;
    }
    out << "  total stored: " << grouped(total_parameters) << " (" << grouped((total_parameters + 500000) / 1000000)
        << " M); run: " << grouped(used_parameters) << "\n";
    out << "stored bytes per dtype:";
    for (const auto& [dtype, bytes] : bytes_per_dtype) out << " " << dtype << " " << gib(bytes);
    out << (from_weights ? "" : " (as if stored in bf16)") << "\n";
    out << "memory estimate (CFG pair, " << context_positions << " positions):\n";
    for (const MemoryEstimate& e : estimates)
        out << "  " << e.target << ": weights " << gib(e.weight_bytes) << " + KV cache " << gib(e.kv_cache_bytes)
            << " + working " << gib(e.working_bytes) << " = " << gib(e.total()) << "\n";
    return out.str();
}

}  // namespace milr
