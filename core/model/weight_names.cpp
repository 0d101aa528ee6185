// DeepSeek -> transformers-native tensor names: prefixes, split qkv, squeezed pos_embed, renamed VQ blocks.
#include "core/model/weight_names.h"

#include <regex>

#include "core/util/error.h"
#include "core/util/strings.h"

namespace milr {
namespace {

bool ends_with(const std::string& s, const std::string& suffix) {
    return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// `layers.0` -> `fc1`, `layers.2k` -> `hidden_layers.(k-1)`.
std::string native_projector(const std::string& rest) {
    static const std::regex layer(R"(layers\.(\d+)\.(.*))");
    std::smatch m;
    if (!std::regex_match(rest, m, layer)) throw Error("unexpected projector tensor '" + rest + "'");
    const int index = std::stoi(m[1]);
    if (index == 0) return "fc1." + m[2].str();
    return "hidden_layers." + std::to_string(index / 2 - 1) + "." + m[2].str();
}

std::string native_vq(std::string rest) {
    static const std::vector<std::pair<std::regex, std::string>> rules = {
        {std::regex(R"(^\.decoder\.conv_blocks\.)"), ".decoder.up."},
        {std::regex(R"(^\.encoder\.conv_blocks\.)"), ".encoder.down."},
        {std::regex(R"(\.res\.(\d+)\.)"), ".block.$1."},
        {std::regex(R"(\.mid\.0\.)"), ".mid.block_1."},
        {std::regex(R"(\.mid\.1\.)"), ".mid.attn_1."},
        {std::regex(R"(\.mid\.2\.)"), ".mid.block_2."},
    };
    rest = "." + rest;  // so that the mid rules see a leading dot
    for (const auto& [pattern, replacement] : rules) rest = std::regex_replace(rest, pattern, replacement);
    return rest.substr(1);
}

std::string native_vision(const std::string& rest, bool& squeezed, std::vector<std::string>& split) {
    static const std::regex block(R"(blocks\.(\d+)\.(.*))");
    std::smatch m;
    const std::string base = "model.vision_model.";
    if (rest == "pos_embed") {
        squeezed = true;
        return base + "embeddings.position_embedding.weight";
    }
    if (starts_with(rest, "patch_embed.proj.")) return base + "embeddings.patch_embedding." + rest.substr(17);
    if (starts_with(rest, "norm.")) return base + "post_layernorm." + rest.substr(5);
    if (!std::regex_match(rest, m, block)) throw Error("unexpected vision tensor '" + rest + "'");
    const std::string layer = base + "encoder.layers." + m[1].str() + ".";
    const std::string inner = m[2];
    if (starts_with(inner, "attn.qkv.")) {
        const std::string suffix = inner.substr(9);
        for (const char* part : {"q", "k", "v"}) split.push_back(layer + "self_attn." + part + "_proj." + suffix);
        return {};
    }
    if (starts_with(inner, "attn.proj.")) return layer + "self_attn.projection_layer." + inner.substr(10);
    if (starts_with(inner, "norm1.")) return layer + "layer_norm1." + inner.substr(6);
    if (starts_with(inner, "norm2.")) return layer + "layer_norm2." + inner.substr(6);
    if (starts_with(inner, "mlp.")) return layer + inner;
    throw Error("unexpected vision tensor '" + rest + "'");
}

std::string native_name(const std::string& name, StoredTensor& stored) {
    if (starts_with(name, "language_model.model.")) return "model.language_model." + name.substr(21);
    if (name == "language_model.lm_head.weight") return "lm_head.weight";
    if (starts_with(name, "vision_model.vision_tower.")) {
        std::vector<std::string> split;
        const std::string out = native_vision(name.substr(26), stored.squeezed, split);
        if (!split.empty()) stored.names = split;
        return out;
    }
    if (starts_with(name, "aligner.")) return "model.aligner." + native_projector(name.substr(8));
    if (starts_with(name, "gen_aligner.")) return "model.generation_aligner." + native_projector(name.substr(12));
    if (starts_with(name, "gen_head.output_mlp_projector.")) return "model.generation_head.proj_out." + name.substr(30);
    if (starts_with(name, "gen_head.vision_head.")) return "model.generation_head.vision_head." + name.substr(21);
    if (name == "gen_embed.weight") return "model.generation_embeddings.weight";
    if (starts_with(name, "gen_vision_model.")) return "model.vqmodel." + native_vq(name.substr(17));
    throw Error("no transformers-layout name is known for tensor '" + name + "'");
}

}  // namespace

StoredTensor stored_tensor(const std::string& deepseek_name, CheckpointLayout layout) {
    StoredTensor stored;
    if (layout == CheckpointLayout::DeepSeek) {
        stored.names = {deepseek_name};
        return stored;
    }
    const std::string name = native_name(deepseek_name, stored);
    if (stored.names.empty()) stored.names = {name};
    return stored;
}

bool is_ignored_tensor(const std::string& name) {
    return name.find("attn_pool.") != std::string::npos || ends_with(name, "codebook_used") ||
        ends_with(name, "rotary_emb.inv_freq") || ends_with(name, ".inv_freq");
}

}  // namespace milr
