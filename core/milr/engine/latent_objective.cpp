// The estimators' log-likelihoods and weights, the random-direction control and the top-2 margin.
#include "core/milr/engine/latent_objective.h"

#include <torch/torch.h>

#include <numeric>

#include "core/util/error.h"

namespace milr {

torch::Tensor argmax_log_likelihood(const torch::Tensor& logits, double epsilon) {
    torch::Tensor p = torch::softmax(logits.to(torch::kFloat), -1);
    if (epsilon > 0) p = p + epsilon;
    const torch::Tensor chosen = p.argmax(-1, true);
    return torch::log(p.gather(-1, chosen) + 1e-10).sum();
}

torch::Tensor used_token_log_likelihood(const torch::Tensor& logits, const std::vector<int64_t>& tokens,
                                        double temperature) {
    if (logits.dim() != 2 || logits.size(0) != static_cast<int64_t>(tokens.size()))
        throw Error("REINFORCE: " + std::to_string(tokens.size()) + " used tokens for " +
                    std::to_string(logits.dim() == 2 ? logits.size(0) : -1) + " rows of logits");
    torch::Tensor scaled = logits.to(torch::kFloat);
    if (temperature > 0) scaled = scaled / temperature;
    const torch::Tensor ids =
        torch::tensor(tokens, torch::TensorOptions().dtype(torch::kLong)).to(logits.device()).unsqueeze(1);
    return torch::log_softmax(scaled, -1).gather(-1, ids).sum();
}

std::optional<double> reward_baseline(const std::vector<double>& earlier_rewards) {
    if (earlier_rewards.empty()) return std::nullopt;
    return std::accumulate(earlier_rewards.begin(), earlier_rewards.end(), 0.0) /
        static_cast<double>(earlier_rewards.size());
}

double loss_weight(Estimator estimator, double reward, const std::optional<double>& baseline) {
    if (estimator == Estimator::authors) return 1.0 - reward;  // -(R - 1): the reference's reward shifted to [-1, 0]
    return baseline ? -(reward - *baseline) : 0.0;
}

void randomise_gradient_direction(const torch::Tensor& latents, at::Generator& generator) {
    torch::Tensor grad = latents.grad();
    if (!grad.defined() || grad.numel() == 0) return;
    const torch::Tensor norm = grad.to(torch::kFloat).norm();
    // Drawn on the CPU from the run's own stream, so a seed gives the same direction on every device.
    torch::Tensor direction =
        at::normal(0.0, 1.0, grad.sizes(), generator, torch::TensorOptions().dtype(torch::kFloat));
    direction = direction * (norm.to(torch::kCPU) / direction.norm().clamp_min(1e-12));
    grad.copy_(direction.to(grad.device(), grad.scalar_type()));
}

double mean_top2_margin(const torch::Tensor& logits, double temperature) {
    if (!logits.defined() || logits.dim() != 2 || logits.size(0) == 0) return -1.0;
    torch::Tensor scaled = logits.detach().to(torch::kFloat);
    if (temperature > 0) scaled = scaled / temperature;
    const torch::Tensor top = std::get<0>(torch::softmax(scaled, -1).topk(std::min<int64_t>(2, scaled.size(1)), -1));
    const torch::Tensor margin = top.size(1) == 2 ? top.select(1, 0) - top.select(1, 1) : top.select(1, 0);
    return margin.mean().item<double>();
}

}  // namespace milr
