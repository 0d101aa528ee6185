// The LLaMA trunk: KV-cache decoding equals full recomputation, chunked prefill, snapshot/restore, GQA,
// causality, gradients for training, and the small-batch kernel.
#include <gtest/gtest.h>

#include "core/model/kernels.h"
#include "core/model/llama.h"
#include "core/util/error.h"
#include "tests/core/model/tiny_model.h"

namespace milr {
namespace {

using testing::relative_error;

torch::Tensor random_embeds(int64_t rows, int64_t t, uint64_t seed) {
    torch::manual_seed(seed);
    return torch::randn({rows, t, 64});
}

class Decoder : public ::testing::TestWithParam<int64_t> {
protected:
    JanusModel model = testing::tiny_model(testing::tiny_config(GetParam()));
    LlamaModel& trunk() { return model->trunk(); }
};

TEST_P(Decoder, CachedDecodingEqualsFullRecomputation) {
    torch::NoGradGuard no_grad;
    const torch::Tensor x = random_embeds(2, 12, 1);
    const torch::Tensor full = trunk()->forward(x);
    KVCache cache = trunk()->make_cache(2, 4);  // small capacity: growth is exercised
    std::vector<torch::Tensor> steps;
    for (int64_t i = 0; i < 12; ++i) steps.push_back(trunk()->forward(x.narrow(1, i, 1), &cache));
    EXPECT_EQ(cache.length(), 12);
    EXPECT_LT(relative_error(torch::cat(steps, 1), full), 1e-5);
}

// The decode step's fused kernels (q/k/v with RoPE in one pass, attention over the cache with a key mask,
// RMSNorm, gate/up with SiLU) against libtorch's operations, for one and two rows (CFG) after a prompt. In fp32
// the two agree to float rounding. In bf16 both differ from the same weights run in fp32 by bf16's rounding;
// the kernels round once where libtorch rounds after each operation, and stay within twice libtorch's error.
TEST_P(Decoder, DecodeStepKernelsEqualTheGenericOperations) {
    torch::NoGradGuard no_grad;
    for (const torch::ScalarType dtype : {torch::kFloat32, torch::kBFloat16}) {
        for (int64_t rows : {1, 2}) {
            JanusModel typed = testing::tiny_model(testing::tiny_config(GetParam()), 7, dtype);
            const torch::Tensor prompt = random_embeds(rows, 6, 20 + rows).to(dtype);
            const torch::Tensor next = random_embeds(rows, 1, 30 + rows).to(dtype);
            torch::Tensor mask = torch::ones({rows, 7}, torch::kLong);
            mask[0][1] = 0;  // a hidden position (CFG's padding) in the first row
            auto decode = [&](SmallBatchKernel kernel) {
                set_small_batch_kernel(kernel);
                KVCache cache = typed->trunk()->make_cache(rows, 0);
                typed->trunk()->forward(prompt.to(typed->trunk()->norm->weight.scalar_type()), &cache,
                                        mask.narrow(1, 0, 6));
                const torch::Tensor out =
                    typed->trunk()->forward(next.to(typed->trunk()->norm->weight.scalar_type()), &cache, mask);
                set_small_batch_kernel(SmallBatchKernel::MatrixVector);
                return out.to(torch::kFloat32);
            };
            const torch::Tensor kernels = decode(SmallBatchKernel::MatrixVector);
            const torch::Tensor generic = decode(SmallBatchKernel::Linear);
            SCOPED_TRACE(std::to_string(rows) + " rows, " + c10::toString(dtype));
            if (dtype == torch::kFloat32) {
                EXPECT_LT(relative_error(kernels, generic), 1e-5);
            } else {
                typed->to(torch::kFloat32);
                const torch::Tensor exact = decode(SmallBatchKernel::Linear);
                EXPECT_LE(relative_error(kernels, exact), 2.0 * relative_error(generic, exact) + 1e-3);
                EXPECT_LT(relative_error(kernels, exact), 0.05);
            }
        }
    }
}

TEST_P(Decoder, ChunkedPrefillEqualsTokenByToken) {
    torch::NoGradGuard no_grad;
    const torch::Tensor x = random_embeds(2, 11, 2);
    KVCache one_by_one = trunk()->make_cache(2, 0);
    const torch::Tensor a = trunk()->forward_chunked(x, one_by_one, 1);
    for (int64_t chunk : {3, 4, 11, 64}) {
        KVCache cache = trunk()->make_cache(2, 0);
        const torch::Tensor b = trunk()->forward_chunked(x, cache, chunk);
        EXPECT_LT(relative_error(b, a), 1e-5) << "chunk " << chunk;
        EXPECT_LT(relative_error(cache.keys(1), one_by_one.keys(1)), 1e-5);
    }
}

TEST_P(Decoder, SnapshotRestoreGivesIdenticalContinuations) {
    torch::NoGradGuard no_grad;
    const torch::Tensor prompt = random_embeds(2, 7, 3), more = random_embeds(2, 5, 4), other = random_embeds(2, 3, 5);
    KVCache cache = trunk()->make_cache(2, 0);
    trunk()->forward(prompt, &cache);
    const KVCache saved = cache.snapshot();
    const torch::Tensor first = trunk()->forward(more, &cache);
    cache.restore(saved);
    EXPECT_EQ(cache.length(), 7);
    trunk()->forward(other, &cache);  // a different continuation overwrites the positions after the prompt
    cache.restore(saved);
    const torch::Tensor second = trunk()->forward(more, &cache);
    EXPECT_TRUE(torch::equal(first, second));
    cache.truncate(7);
    EXPECT_TRUE(torch::equal(trunk()->forward(more, &cache), first));
    EXPECT_EQ(saved.length(), 7);  // the snapshot itself never changes
}

TEST_P(Decoder, StackedRowsEqualTheRowsRunApart) {
    torch::NoGradGuard no_grad;
    const torch::Tensor x = random_embeds(2, 6, 6), next = random_embeds(2, 1, 7);
    KVCache a = trunk()->make_cache(1, 0), b = trunk()->make_cache(1, 0), both = trunk()->make_cache(2, 0);
    trunk()->forward(x.narrow(0, 0, 1), &a);
    trunk()->forward(x.narrow(0, 1, 1), &b);
    trunk()->forward(x, &both);
    KVCache stacked = KVCache::stack_rows({a, b});
    EXPECT_LT(relative_error(trunk()->forward(next, &stacked), trunk()->forward(next, &both)), 1e-5);
}

TEST_P(Decoder, LaterPositionsDoNotChangeEarlierOnes) {
    torch::NoGradGuard no_grad;
    torch::Tensor x = random_embeds(1, 8, 8);
    const torch::Tensor before = trunk()->forward(x);
    x.narrow(1, 5, 3).add_(1.0);
    const torch::Tensor after = trunk()->forward(x);
    EXPECT_TRUE(torch::allclose(before.narrow(1, 0, 5), after.narrow(1, 0, 5), 1e-6, 1e-6));
    EXPECT_FALSE(torch::allclose(before.narrow(1, 5, 3), after.narrow(1, 5, 3)));
}

TEST_P(Decoder, FullForwardIsDifferentiableForTraining) {
    set_trainable(*model, true);
    const torch::Tensor x = random_embeds(2, 5, 9).requires_grad_(true);
    trunk()->forward(x).pow(2).mean().backward();
    ASSERT_TRUE(x.grad().defined());
    EXPECT_GT(x.grad().abs().sum().item<double>(), 0.0);
    const auto& q = trunk()->layers->ptr<LlamaDecoderLayerImpl>(0)->self_attn->q_proj->weight;
    ASSERT_TRUE(q.grad().defined());
    EXPECT_GT(q.grad().abs().sum().item<double>(), 0.0);
}

TEST_P(Decoder, KeyMaskHidesPaddedPositions) {
    torch::NoGradGuard no_grad;
    torch::Tensor x = random_embeds(1, 6, 10);
    const torch::Tensor mask = torch::tensor({0, 0, 1, 1, 1, 1}).view({1, 6});
    const torch::Tensor a = trunk()->forward(x, nullptr, mask);
    x.narrow(1, 0, 2).normal_();  // change only the masked positions
    const torch::Tensor b = trunk()->forward(x, nullptr, mask);
    EXPECT_TRUE(torch::allclose(a.narrow(1, 2, 4), b.narrow(1, 2, 4), 1e-6, 1e-6));
    EXPECT_TRUE(torch::isfinite(a).all().item<bool>());
}

INSTANTIATE_TEST_SUITE_P(HeadsAndKvHeads, Decoder, ::testing::Values(4, 2, 1));

TEST(ModelKernels, SmallBatchPathEqualsLinear) {
    torch::NoGradGuard no_grad;
    torch::manual_seed(11);
    for (const torch::ScalarType dtype : {torch::kFloat32, torch::kBFloat16}) {
        const torch::Tensor w = torch::randn({37, 29}).to(dtype), b = torch::randn({37}).to(dtype);
        for (int64_t rows : {1, 2, 3}) {
            const torch::Tensor x = torch::randn({rows, 1, 29}).to(dtype);
            set_small_batch_kernel(SmallBatchKernel::MatrixVector);
            const torch::Tensor fast = linear_forward(x, w, b);
            set_small_batch_kernel(SmallBatchKernel::Linear);
            const torch::Tensor reference = linear_forward(x, w, b);
            EXPECT_EQ(fast.sizes(), reference.sizes());
            EXPECT_EQ(fast.scalar_type(), dtype);
            // bf16: both accumulate in fp32 and round the result once
            EXPECT_LT(relative_error(fast.to(torch::kFloat32), reference.to(torch::kFloat32)),
                      dtype == torch::kFloat32 ? 1e-5 : 1e-2)
                << rows << " rows, " << c10::toString(dtype);
        }
    }
    set_small_batch_kernel(SmallBatchKernel::MatrixVector);
}

TEST(ModelKernels, RotaryTablesRotatePairsOfHalves) {
    const auto [cos, sin] = rotary_tables(3, 2, 8, 10000.0, torch::kFloat32, torch::kCPU);
    EXPECT_EQ(cos.sizes(), torch::IntArrayRef({2, 8}));
    EXPECT_NEAR(cos[0][0].item<double>(), std::cos(3.0), 1e-6);         // inv_freq 1 at j = 0
    EXPECT_NEAR(sin[1][4].item<double>(), std::sin(4.0), 1e-6);         // second half repeats the first
    EXPECT_NEAR(cos[0][1].item<double>(), std::cos(3.0 / 10.0), 1e-6);  // 10000^(-2/8) = 0.1
    // A rotation keeps the norm of each (x_j, x_{j+half}) pair.
    const torch::Tensor x = torch::randn({1, 1, 2, 8});
    const torch::Tensor y = apply_rotary(x, cos, sin);
    EXPECT_LT(relative_error(y.norm(2, -1), x.norm(2, -1)), 1e-5);
}

TEST(ModelKvCache, RejectsMismatchedRowsAndTruncation) {
    JanusModel model = testing::tiny_model();
    KVCache cache = model->make_cache(2, 0);
    EXPECT_THROW(model->forward_hidden(torch::randn({1, 3, 64}), &cache), Error);
    EXPECT_THROW(cache.truncate(1), Error);
    EXPECT_THROW(model->forward_hidden(torch::randn({1, 3, 65})), Error);
}

}  // namespace
}  // namespace milr
