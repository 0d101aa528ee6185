// Token choice from logits: classifier-free guidance fusion, temperature, seeded multinomial or argmax.
#pragma once
#include <ATen/core/Generator.h>
#include <torch/types.h>

#include <cstdint>

namespace milr {

// A CPU generator seeded with `seed`; sampling always draws on the CPU, so a seed gives the same tokens on
// every device.
at::Generator make_generator(uint64_t seed);

// uncond + weight * (cond - uncond), in float32. Differentiable.
torch::Tensor cfg_fuse(const torch::Tensor& cond_logits, const torch::Tensor& uncond_logits, double weight);

// One id per row of logits [rows, V]: argmax when temperature <= 0, else a draw from softmax(logits / T) over the
// full vocabulary (no top-k/top-p), as the reference does. Returns int64 [rows] on the CPU.
torch::Tensor choose_tokens(const torch::Tensor& logits, double temperature, at::Generator& generator);

}  // namespace milr
