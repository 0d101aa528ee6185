// Token choice from logits: classifier-free guidance fusion, temperature, seeded multinomial or argmax.
#pragma once
#include <ATen/core/Generator.h>
#include <torch/types.h>

#include <cstdint>
#include <string>

namespace milr {

// A CPU generator seeded with `seed`; sampling always draws on the CPU, so a seed gives the same tokens on
// every device.
at::Generator make_generator(uint64_t seed);

// uncond + weight * (cond - uncond), in float32. Differentiable.
torch::Tensor cfg_fuse(const torch::Tensor& cond_logits, const torch::Tensor& uncond_logits, double weight);

// What a row of logits stands for, for the error when it holds NaN or Inf: e.g. {"reasoning token 3", "lm_head"}.
struct LogitsSource {
    std::string token = "a token";  // which token the logits choose
    std::string head = "the output head";
};

// Throws milr::Error naming the token and the head when any logit is NaN or Inf ("the model's logits for
// reasoning token 3 are not finite (NaN/Inf): the weights of lm_head or an earlier layer hold NaN or Inf").
// One isfinite().all() over the row: cheap next to the forward pass that made it.
void require_finite_logits(const torch::Tensor& logits, const LogitsSource& source);

// One id per row of logits [rows, V]: argmax when temperature <= 0, else a draw from softmax(logits / T) over the
// full vocabulary (no top-k/top-p), as the reference does. Returns int64 [rows] on the CPU. Non-finite logits
// are an error on both paths (see require_finite_logits).
torch::Tensor choose_tokens(const torch::Tensor& logits, double temperature, at::Generator& generator,
                            const LogitsSource& source = {});

}  // namespace milr
