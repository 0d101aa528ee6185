// Device and precision parsing: the choices users type and the errors they get.
#include <gtest/gtest.h>

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
