// CFG fusion and token choice.
#include "core/generate/sampling.h"

#include <ATen/CPUGeneratorImpl.h>
#include <torch/torch.h>

#include "core/util/error.h"

namespace milr {

at::Generator make_generator(uint64_t seed) { return at::detail::createCPUGenerator(seed); }

torch::Tensor cfg_fuse(const torch::Tensor& cond_logits, const torch::Tensor& uncond_logits, double weight) {
    const torch::Tensor c = cond_logits.to(torch::kFloat32), u = uncond_logits.to(torch::kFloat32);
    return u + weight * (c - u);
}

torch::Tensor choose_tokens(const torch::Tensor& logits, double temperature, at::Generator& generator) {
    if (logits.dim() != 2) throw Error("choose_tokens: logits must be [rows, vocabulary]");
    const torch::Tensor cpu = logits.detach().to(torch::kCPU, torch::kFloat32);
    if (temperature <= 0) return cpu.argmax(-1);
    const torch::Tensor probs = torch::softmax(cpu / temperature, -1);
    if (!torch::isfinite(probs).all().item<bool>()) throw Error("choose_tokens: logits are not finite");
    return torch::multinomial(probs, 1, false, generator).squeeze(-1);
}

}  // namespace milr
