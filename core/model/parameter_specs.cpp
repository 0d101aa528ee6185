// The expected tensor table of a Janus checkpoint (docs/design/janus-pro.md §2.1), computed from a JanusConfig.
#include "core/model/parameter_specs.h"

namespace milr {
namespace {

class SpecList {
public:
    explicit SpecList(std::vector<ParameterSpec>& out) : m_out(out) {}
    void add(const std::string& name, std::vector<int64_t> shape, bool used = true) {
        m_out.push_back({m_prefix + name, std::move(shape), m_module, used});
    }
    void linear(const std::string& name, int64_t in, int64_t out, bool bias) {
        add(name + ".weight", {out, in});
        if (bias) add(name + ".bias", {out});
    }
    void conv(const std::string& name, int64_t in, int64_t out, int64_t k) {
        add(name + ".weight", {out, in, k, k});
        add(name + ".bias", {out});
    }
    void norm(const std::string& name, int64_t dim) {
        add(name + ".weight", {dim});
        add(name + ".bias", {dim});
    }
    void scope(const std::string& module, const std::string& prefix) {
        m_module = module;
        m_prefix = prefix;
    }

private:
    std::vector<ParameterSpec>& m_out;
    std::string m_module, m_prefix;
};

void add_language(SpecList& s, const LanguageConfig& c) {
    s.scope("language_model", "language_model.");
    const int64_t h = c.hidden_size, kv = c.num_kv_heads * c.head_dim();
    s.add("model.embed_tokens.weight", {c.vocab_size, h});
    for (int64_t i = 0; i < c.num_layers; ++i) {
        const std::string p = "model.layers." + std::to_string(i) + ".";
        s.linear(p + "self_attn.q_proj", h, c.num_heads * c.head_dim(), false);
        s.linear(p + "self_attn.k_proj", h, kv, false);
        s.linear(p + "self_attn.v_proj", h, kv, false);
        s.linear(p + "self_attn.o_proj", c.num_heads * c.head_dim(), h, false);
        s.linear(p + "mlp.gate_proj", h, c.intermediate_size, false);
        s.linear(p + "mlp.up_proj", h, c.intermediate_size, false);
        s.linear(p + "mlp.down_proj", c.intermediate_size, h, false);
        s.add(p + "input_layernorm.weight", {h});
        s.add(p + "post_attention_layernorm.weight", {h});
    }
    s.add("model.norm.weight", {h});
    s.add("lm_head.weight", {c.vocab_size, h});
}

void add_vision(SpecList& s, const VisionConfig& v, bool include_unused) {
    s.scope("vision_tower", "vision_model.vision_tower.");
    const int64_t w = v.width;
    s.conv("patch_embed.proj", 3, w, v.patch_size);
    s.add("pos_embed", {1, v.num_patches(), w});
    for (int64_t j = 0; j < v.layers; ++j) {
        const std::string p = "blocks." + std::to_string(j) + ".";
        s.norm(p + "norm1", w);
        s.linear(p + "attn.qkv", w, 3 * w, true);
        s.linear(p + "attn.proj", w, w, true);
        s.norm(p + "norm2", w);
        s.linear(p + "mlp.fc1", w, v.mlp_dim(), true);
        s.linear(p + "mlp.fc2", v.mlp_dim(), w, true);
    }
    s.norm("norm", w);
    if (!include_unused) return;
    s.scope("attn_pool", "vision_model.vision_tower.attn_pool.");
    const auto unused = [&](const std::string& name, std::vector<int64_t> shape) {
        s.add(name, std::move(shape), false);
    };
    unused("latent", {1, 1, w});
    unused("q.weight", {w, w});
    unused("q.bias", {w});
    unused("kv.weight", {2 * w, w});
    unused("kv.bias", {2 * w});
    unused("proj.weight", {w, w});
    unused("proj.bias", {w});
    unused("norm.weight", {w});
    unused("norm.bias", {w});
    unused("mlp.fc1.weight", {v.mlp_dim(), w});
    unused("mlp.fc1.bias", {v.mlp_dim()});
    unused("mlp.fc2.weight", {w, v.mlp_dim()});
    unused("mlp.fc2.bias", {w});
}

void add_projector(SpecList& s, const std::string& module, const ProjectorConfig& p) {
    s.scope(module, module + ".");
    for (int64_t i = 0; i < p.depth; ++i)
        s.linear("layers." + std::to_string(2 * i), i == 0 ? p.input_dim : p.output_dim, p.output_dim, true);
}

void add_res_block(SpecList& s, const std::string& p, int64_t in, int64_t out) {
    s.norm(p + ".norm1", in);
    s.conv(p + ".conv1", in, out, 3);
    s.norm(p + ".norm2", out);
    s.conv(p + ".conv2", out, out, 3);
    if (in != out) s.conv(p + ".nin_shortcut", in, out, 1);
}

void add_attn_block(SpecList& s, const std::string& p, int64_t c) {
    s.norm(p + ".norm", c);
    for (const char* name : {".q", ".k", ".v", ".proj_out"}) s.conv(p + name, c, c, 1);
}

void add_mid(SpecList& s, const std::string& p, int64_t c) {
    add_res_block(s, p + "mid.0", c, c);
    add_attn_block(s, p + "mid.1", c);
    add_res_block(s, p + "mid.2", c, c);
}

void add_vq(SpecList& s, const VQConfig& q) {
    s.scope("gen_vision_model", "gen_vision_model.");
    const auto& mult = q.channel_multipliers;
    const size_t levels = mult.size();
    // encoder
    s.conv("encoder.conv_in", 3, q.base_channels, 3);
    int64_t channels = q.base_channels;
    for (size_t level = 0; level < levels; ++level) {
        const std::string p = "encoder.conv_blocks." + std::to_string(level);
        const int64_t out = q.base_channels * mult[level];
        for (int64_t r = 0; r < q.num_res_blocks; ++r)
            add_res_block(s, p + ".res." + std::to_string(r), r == 0 ? channels : out, out);
        if (level + 1 == levels)
            for (int64_t r = 0; r < q.num_res_blocks; ++r) add_attn_block(s, p + ".attn." + std::to_string(r), out);
        else
            s.conv(p + ".downsample.conv", out, out, 3);
        channels = out;
    }
    add_mid(s, "encoder.", channels);
    s.norm("encoder.norm_out", channels);
    s.conv("encoder.conv_out", channels, q.z_channels, 3);
    // decoder
    channels = q.base_channels * mult.back();
    s.conv("decoder.conv_in", q.z_channels, channels, 3);
    add_mid(s, "decoder.", channels);
    for (size_t level = 0; level < levels; ++level) {
        const std::string p = "decoder.conv_blocks." + std::to_string(level);
        const int64_t out = q.base_channels * mult[levels - 1 - level];
        for (int64_t r = 0; r <= q.num_res_blocks; ++r)
            add_res_block(s, p + ".res." + std::to_string(r), r == 0 ? channels : out, out);
        if (level == 0)
            for (int64_t r = 0; r <= q.num_res_blocks; ++r) add_attn_block(s, p + ".attn." + std::to_string(r), out);
        if (level + 1 != levels) s.conv(p + ".upsample.conv", out, out, 3);
        channels = out;
    }
    s.norm("decoder.norm_out", channels);
    s.conv("decoder.conv_out", channels, 3, 3);
    s.add("quantize.embedding.weight", {q.codebook_size, q.codebook_dim});
    s.conv("quant_conv", q.z_channels, q.codebook_dim, 1);
    s.conv("post_quant_conv", q.codebook_dim, q.z_channels, 1);
}

}  // namespace

int64_t ParameterSpec::numel() const {
    int64_t n = 1;
    for (int64_t d : shape) n *= d;
    return n;
}

std::string shape_text(const std::vector<int64_t>& shape) {
    std::string out = "[";
    for (size_t i = 0; i < shape.size(); ++i) out += (i ? ", " : "") + std::to_string(shape[i]);
    return out + "]";
}

std::vector<ParameterSpec> janus_parameter_specs(const JanusConfig& config, bool include_unused) {
    std::vector<ParameterSpec> specs;
    SpecList s(specs);
    add_language(s, config.language);
    if (config.vision) {
        add_vision(s, *config.vision, include_unused);
        add_projector(s, "aligner", *config.aligner);
    }
    s.scope("gen_embed", "");
    s.add("gen_embed.weight", {config.gen_vision.codebook_size, config.gen_vision.codebook_dim});
    add_projector(s, "gen_aligner", config.gen_aligner);
    s.scope("gen_head", "gen_head.");
    s.linear("output_mlp_projector", config.gen_head.n_embed, config.gen_head.image_token_embed, true);
    s.linear("vision_head", config.gen_head.image_token_embed, config.gen_head.image_token_size, true);
    add_vq(s, config.gen_vision);
    return specs;
}

}  // namespace milr
