// Device and precision parsing, cancel tokens, thread and allocator start-up: what every program relies on.
#include <gtest/gtest.h>

#include <cstdlib>
#include <cstring>

#include <torch/utils.h>
#if defined(__GLIBC__)
#include <malloc.h>
#endif

#include "core/util/allocator.h"
#include "core/util/device.h"
#include "core/util/error.h"
#include "core/util/cancel.h"
#include "core/util/threads.h"

using namespace milr;

TEST(Device, ParsesCpuPrecisions) {
    EXPECT_EQ(parse_compute_target("cpu", "fp32").dtype, torch::kFloat32);
    EXPECT_EQ(parse_compute_target("cpu", "bf16").dtype, torch::kBFloat16);
    EXPECT_TRUE(parse_compute_target("cpu", "fp32").device.is_cpu());
}

TEST(Device, RejectsUnknownNames) {
    EXPECT_THROW(parse_compute_target("tpu", "fp32"), Error);
    EXPECT_THROW(parse_compute_target("cpu", "fp8"), Error);
}

TEST(Device, CudaAbsentIsAClearError) {
    if (cuda_available()) GTEST_SKIP() << "this libtorch has CUDA";
    try {
        parse_compute_target("cuda", "bf16");
        FAIL() << "expected an error";
    } catch (const Error& e) {
        EXPECT_NE(std::string(e.what()).find("CUDA"), std::string::npos);
    }
}

TEST(Cancel, TokenStopsAndProgressCancels) {
    CancelToken token;
    EXPECT_NO_THROW(token.throw_if_cancelled("think"));
    token.cancel();
    EXPECT_THROW(token.throw_if_cancelled("think"), Cancelled);
    EXPECT_THROW(report_progress([](double, const std::string&) { return false; }, 0.5, "loading"), Cancelled);
    EXPECT_NO_THROW(report_progress(nullptr, 0.5, "loading"));
}

TEST(Threads, ConfiguresTorch) {
    EXPECT_EQ(configure_torch_threads(2), 2);
    EXPECT_EQ(torch::get_num_threads(), 2);
}

#if defined(__SANITIZE_ADDRESS__)
#define MILR_ALLOCATOR_REPLACED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define MILR_ALLOCATOR_REPLACED 1
#endif
#endif

// Training and MILR steps free and allocate the same activations every step; they must come back from the
// heap, not from fresh zeroed pages of the system (core/util/allocator.h).
TEST(Allocator, FreedTensorSizedBlocksStayInTheHeap) {
#if !defined(__GLIBC__) || defined(MILR_ALLOCATOR_REPLACED)
    GTEST_SKIP() << "the C library's allocator is not glibc's here";
#else
    ASSERT_TRUE(keep_freed_memory_for_reuse());
    constexpr size_t kActivation = 16 * 1024 * 1024;  // a codec activation at batch 16
    const size_t mapped_before = mallinfo2().hblkhd;
    void* block = std::malloc(kActivation);
    ASSERT_NE(block, nullptr);
    std::memset(block, 1, kActivation);
    EXPECT_EQ(mallinfo2().hblkhd, mapped_before)
        << "a 16 MiB block was mapped from the system, not taken from the heap";
    std::free(block);
    EXPECT_GE(mallinfo2().arena, kActivation) << "the heap was trimmed when the block was freed";
    void* again = std::malloc(kActivation);
    EXPECT_EQ(mallinfo2().hblkhd, mapped_before);
    std::free(again);
#endif
}
