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

void require_finite_logits(const torch::Tensor& logits, const LogitsSource& source) {
    if (torch::isfinite(logits.detach()).all().item<bool>()) return;
    throw NumericalError("the model's logits for " + source.token + " are not finite (NaN/Inf): the weights of " +
                         source.head + " or an earlier layer hold NaN or Inf");
}

torch::Tensor choose_tokens(const torch::Tensor& logits, double temperature, at::Generator& generator,
                            const LogitsSource& source) {
    if (logits.dim() != 2) throw Error("choose_tokens: logits must be [rows, vocabulary]");
    const torch::Tensor cpu = logits.detach().to(torch::kCPU, torch::kFloat32);
    require_finite_logits(cpu, source);
    if (temperature <= 0) return cpu.argmax(-1);
    const torch::Tensor probs = torch::softmax(cpu / temperature, -1);
    if (!torch::isfinite(probs).all().item<bool>())
        throw NumericalError("the probabilities for " + source.token + " are not finite at temperature " +
                             std::to_string(temperature));
    return torch::multinomial(probs, 1, false, generator).squeeze(-1);
}

}  // namespace milr
