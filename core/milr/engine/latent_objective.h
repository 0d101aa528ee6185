// The latents' objective of one MILR step under each estimator (the authors' loss, REINFORCE with a baseline),
// the random-direction control, and the margin of the tokens the latents stand for.
#pragma once
#include <ATen/core/Generator.h>
#include <torch/types.h>

#include <cstdint>
#include <optional>
#include <vector>

#include "core/milr/milr_options.h"

namespace milr {

// Sum over rows of log(p[argmax p] + 1e-10), p = softmax(logits) (+ epsilon): the authors' log-likelihood of the
// tokens the latents currently stand for.
torch::Tensor argmax_log_likelihood(const torch::Tensor& logits, double epsilon);

// Sum over rows of log softmax(logits / temperature)[tokens[row]]: the log-likelihood of the tokens a run used
// (temperature <= 0 means 1: the distribution of a greedy choice is the plain softmax).
torch::Tensor used_token_log_likelihood(const torch::Tensor& logits, const std::vector<int64_t>& tokens,
                                        double temperature);

// REINFORCE's baseline: the mean of the run's rewards before the current one; none on the first step.
std::optional<double> reward_baseline(const std::vector<double>& earlier_rewards);

// The weight w of the step's loss w * log-likelihood, whose gradient step is what the estimator asks for:
// authors: 1 - R (never negative: the argmax tokens are always pushed down); reinforce: -(R - b) (tokens of a
// reward above the baseline are pulled up, below it pushed down; 0 without a baseline).
double loss_weight(Estimator estimator, double reward, const std::optional<double>& baseline);

// The control: replaces `latents.grad()` by a direction drawn from `generator` (standard normal, scaled to the
// gradient's norm), so Adam sees a gradient of the same size that points nowhere in particular.
void randomise_gradient_direction(const torch::Tensor& latents, at::Generator& generator);

// Mean over rows of p(top token) - p(second token), p = softmax(logits / temperature) (temperature <= 0: 1); -1 for
// no rows. Small means a small move of the latents flips the token.
double mean_top2_margin(const torch::Tensor& logits, double temperature);

}  // namespace milr
