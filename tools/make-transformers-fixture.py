#!/usr/bin/env python3
"""Builds a tiny random Janus model with the transformers port and saves it in the transformers-native layout,
with inputs and expected outputs, into tests/data/transformers-fixture/ (read by
tests/core/generate/test_generate_transformers_fixture.cpp).

Needs: torch, transformers with models/janus (4.51 or newer), safetensors. Untested on the machine where it was
written (transformers is not installed there); run it where they are, then commit the folder it writes.

Outputs (expected.safetensors, all float32 unless stated):
  input_ids [1, T] int64            text_hidden [1, T, H] (language model last_hidden_state)
  text_logits [1, T, V] (lm_head)   pixel_values [1, 3, S, S]   image_features [1, N, H] (aligner(vision))
  cond_ids / uncond_ids [1, P] int64 image_tokens [1, N] int64 (greedy CFG)   decoded [1, 3, S', S'] (VQ decode)
and fixture.json with the CFG weight and the special ids used.
"""
import argparse
import json
import os

import torch
from safetensors.torch import save_file
from transformers import JanusConfig, JanusForConditionalGeneration, JanusVisionConfig, JanusVQVAEConfig, LlamaConfig

CFG_WEIGHT = 5.0
BOS, PAD, BOI = 1, 2, 3


def tiny_config():
    text = LlamaConfig(hidden_size=64, intermediate_size=96, num_hidden_layers=2, num_attention_heads=4,
                       num_key_value_heads=2, vocab_size=64, max_position_embeddings=256, rms_norm_eps=1e-6,
                       rope_theta=10000.0, tie_word_embeddings=False, bos_token_id=BOS, pad_token_id=PAD)
    vision = JanusVisionConfig(hidden_size=32, num_hidden_layers=2, num_attention_heads=2, patch_size=8, image_size=32,
                               mlp_ratio=2.0, projection_dim=64, depth=2, num_image_tokens=16, layer_norm_eps=1e-6)
    vq = JanusVQVAEConfig(embed_dim=8, num_embeddings=24, latent_channels=32, base_channels=32, channel_multiplier=[1, 2],
                          num_res_blocks=1, projection_dim=64, image_token_embed_dim=64, num_hidden_layers=2)
    return JanusConfig(text_config=text.to_dict(), vision_config=vision.to_dict(), vq_config=vq.to_dict(),
                       image_token_id=5)


@torch.no_grad()
def greedy_cfg_tokens(model, cond_ids, uncond_ids, count):
    """Greedy CFG by full recomputation at every step (no cache): rows [cond, uncond]."""
    lm = model.model.language_model
    embeds = lm.get_input_embeddings()(torch.cat([cond_ids, uncond_ids], 0))
    tokens = []
    for _ in range(count):
        hidden = lm(inputs_embeds=embeds).last_hidden_state[:, -1, :]
        scores = model.model.generation_head(hidden)
        fused = scores[1:2] + CFG_WEIGHT * (scores[0:1] - scores[1:2])
        token = int(fused.argmax(-1))
        tokens.append(token)
        step = model.prepare_embeddings_for_image_generation(torch.tensor([[token], [token]]))
        embeds = torch.cat([embeds, step], 1)
    return torch.tensor([tokens], dtype=torch.int64)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    parser.add_argument("--out", default=os.path.join(root, "tests", "data", "transformers-fixture"))
    args = parser.parse_args()

    torch.manual_seed(1234)
    model = JanusForConditionalGeneration(tiny_config()).eval().to(torch.float32)
    with torch.no_grad():  # spread every parameter so that biases and norm scales matter
        for p in model.parameters():
            p.add_(0.05 * torch.randn_like(p))

    os.makedirs(args.out, exist_ok=True)
    model.save_pretrained(args.out, safe_serialization=True)

    with torch.no_grad():
        input_ids = torch.tensor([[BOS, 17, 4, 33, 8, 21, 40, 9]], dtype=torch.int64)
        lm_out = model.model.language_model(input_ids=input_ids)
        text_hidden = lm_out.last_hidden_state
        text_logits = model.lm_head(text_hidden)
        pixel_values = torch.rand(1, 3, 32, 32) * 2 - 1
        vision = model.model.vision_model(pixel_values=pixel_values).last_hidden_state
        image_features = model.model.aligner(vision)
        cond_ids = torch.tensor([[BOS, 17, 4, 33, 8, 21, BOI]], dtype=torch.int64)
        uncond_ids = torch.tensor([[BOS, PAD, PAD, PAD, PAD, PAD, BOI]], dtype=torch.int64)
        image_tokens = greedy_cfg_tokens(model, cond_ids, uncond_ids, 16)
        decoded = model.model.vqmodel.decode(image_tokens)

    save_file({"input_ids": input_ids, "text_hidden": text_hidden.contiguous(), "text_logits": text_logits.contiguous(),
               "pixel_values": pixel_values, "image_features": image_features.contiguous(), "cond_ids": cond_ids,
               "uncond_ids": uncond_ids, "image_tokens": image_tokens, "decoded": decoded.float().contiguous()},
              os.path.join(args.out, "expected.safetensors"))
    with open(os.path.join(args.out, "fixture.json"), "w") as f:
        json.dump({"cfg_weight": CFG_WEIGHT, "bos_id": BOS, "pad_id": PAD, "boi_id": BOI,
                   "transformers_version": __import__("transformers").__version__,
                   "torch_version": torch.__version__}, f, indent=2)
    print("wrote", args.out)


if __name__ == "__main__":
    main()
