#!/usr/bin/python3
# Writes the PyTorch .bin fixtures of tests/core/io under tests/data/io/ and the JSON of their exact values.
# Run with Debian's python3-torch: /usr/bin/python3 tools/make-bin-fixtures.py
import collections
import json
import os
import sys

import torch

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "data", "io")
SAFETENSORS_NAMES = {
    torch.float64: "F64", torch.float32: "F32", torch.float16: "F16", torch.bfloat16: "BF16",
    torch.int64: "I64", torch.int32: "I32", torch.int16: "I16", torch.int8: "I8",
    torch.uint8: "U8", torch.bool: "BOOL",
}


def describe(tensors):
    """name -> dtype, shape and every value in row-major order (floats widened exactly to float64)."""
    out = {}
    for name, t in tensors.items():
        wide = t.detach().to(torch.float64) if t.is_floating_point() else t.detach().to(torch.int64)
        out[name] = {"dtype": SAFETENSORS_NAMES[t.dtype], "shape": list(t.shape),
                     "values": wide.reshape(-1).tolist()}
    return out


def every_dtype():
    """A dict of tensors of every dtype, views with offsets and strides, a parameter and nested containers."""
    base = torch.arange(12, dtype=torch.float32).reshape(3, 4) / 8
    tensors = {
        "f64": torch.tensor([1.0 / 3.0, -2.5e-300, 1e300], dtype=torch.float64),
        "f32": torch.tensor([[0.1, -0.2], [3.5, 1e-30]], dtype=torch.float32),
        "f16": torch.tensor([0.5, -65504.0, 6.1e-5], dtype=torch.float16),
        "bf16": torch.tensor([1.0 / 3.0, -3.0e38, 7.0], dtype=torch.bfloat16),
        "i64": torch.tensor([2 ** 40 + 1, -5, 0], dtype=torch.int64),
        "i32": torch.tensor([[2 ** 31 - 1, -(2 ** 31)]], dtype=torch.int32),
        "i16": torch.tensor([-32768, 32767], dtype=torch.int16),
        "i8": torch.tensor([-128, 127, 0], dtype=torch.int8),
        "u8": torch.tensor([0, 200, 255], dtype=torch.uint8),
        "bool": torch.tensor([True, False, True]),
        "empty": torch.zeros(0, 3),
        "scalar": torch.tensor(2.25),
        "shared.base": base,
        "shared.row": base[1],               # storage offset 4
        "shared.transposed": base.t()[1:],   # non-contiguous, offset 1
    }
    saved = dict(tensors)
    saved["parameter"] = torch.nn.Parameter(torch.tensor([4.0, 5.0]))
    tensors["parameter"] = saved["parameter"]
    saved["nested"] = {"inner": torch.tensor([9, 8], dtype=torch.int32), "list": [torch.tensor([1.5])]}
    tensors["nested.inner"] = saved["nested"]["inner"]
    tensors["nested.list.0"] = saved["nested"]["list"][0]
    saved["epoch"] = 3               # a non-tensor entry, ignored by the reader
    saved["note"] = "fixture"
    return saved, tensors


class Tiny(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.proj = torch.nn.Linear(3, 2)
        self.norm = torch.nn.LayerNorm(2)
        self.register_buffer("steps", torch.tensor([7], dtype=torch.int64))


def main():
    os.makedirs(OUT, exist_ok=True)
    torch.manual_seed(0)
    expected = {}

    saved, tensors = every_dtype()
    torch.save(saved, os.path.join(OUT, "every_dtype.bin"))
    expected["every_dtype.bin"] = describe(tensors)

    # What the published Janus-Pro-1B ships: a raw state_dict (an OrderedDict carrying `_metadata`), bf16.
    state = Tiny().to(torch.bfloat16).state_dict()
    assert isinstance(state, collections.OrderedDict) and hasattr(state, "_metadata")
    torch.save(state, os.path.join(OUT, "state_dict.bin"))
    expected["state_dict.bin"] = describe(state)

    # A sharded state dict with its index, as the 7B ships it.
    sharded = os.path.join(OUT, "sharded-bin")
    os.makedirs(sharded, exist_ok=True)
    shards = {"pytorch_model-00001-of-00002.bin": collections.OrderedDict(a=torch.tensor([1.0, 2.0])),
              "pytorch_model-00002-of-00002.bin": collections.OrderedDict(b=torch.tensor([[3, 4]], dtype=torch.int32))}
    weight_map = {}
    for file, shard in shards.items():
        torch.save(shard, os.path.join(sharded, file))
        weight_map.update({name: file for name in shard})
    with open(os.path.join(sharded, "pytorch_model.bin.index.json"), "w") as f:
        json.dump({"metadata": {"total_size": 16}, "weight_map": weight_map}, f, indent=2, sort_keys=True)
        f.write("\n")
    expected["sharded-bin"] = describe({**shards["pytorch_model-00001-of-00002.bin"],
                                        **shards["pytorch_model-00002-of-00002.bin"]})

    torch.save({"w": torch.ones(2)}, os.path.join(OUT, "legacy.bin"), _use_new_zipfile_serialization=False)
    torch.save({"w": torch.ones(2), "counts": collections.Counter("aab")}, os.path.join(OUT, "disallowed.bin"))

    with open(os.path.join(OUT, "bin_expected.json"), "w") as f:
        json.dump({"torch_version": torch.__version__, "files": expected}, f, indent=1, sort_keys=True)
        f.write("\n")
    print("wrote fixtures to", os.path.normpath(OUT), file=sys.stderr)


if __name__ == "__main__":
    main()
