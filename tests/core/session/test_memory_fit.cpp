// The memory check before a load: the estimate's parts, a refusal that names what is needed, what is free and what to
// change, and the free figure a test simulates; allocation failures turned into the same kind of message.
#include <gtest/gtest.h>

#include <cstdlib>
#include <new>

#include "core/session/memory_fit.h"
#include "core/session/model_bundle.h"

namespace milr {
namespace {

const std::filesystem::path kConfigs = std::filesystem::path(MILR_TEST_DATA) / "janus-pro-configs";

class SimulatedMemory {
public:
    explicit SimulatedMemory(const char* value) { ::setenv("MILR_AVAILABLE_MEMORY", value, 1); }
    ~SimulatedMemory() { ::unsetenv("MILR_AVAILABLE_MEMORY"); }
};

TEST(MemoryFit, EstimatesEveryPartAtThePrecision) {
    const ModelDescription description = describe_model(kConfigs / "1b");
    const SimulatedMemory memory("64G");
    const MemoryFit fp32 = memory_fit(description, "cpu", "fp32");
    const MemoryFit bf16 = memory_fit(description, "cpu", "bf16");
    EXPECT_EQ(fp32.weight_bytes, description.used_parameters * 4);
    EXPECT_EQ(bf16.weight_bytes, description.used_parameters * 2);
    EXPECT_GT(fp32.kv_cache_bytes, 0);
    EXPECT_GT(fp32.latent_bytes, 0);
    EXPECT_GT(fp32.runtime_bytes, 0);
    EXPECT_EQ(fp32.available, 64'000'000'000ll);
    EXPECT_TRUE(fp32.fits());
    EXPECT_EQ(memory_fit(description, "cuda", "bf16").target, "cuda bf16");
    EXPECT_GT(memory_fit(description, "cuda", "bf16").runtime_bytes, bf16.runtime_bytes);  // the CUDA context
}

TEST(MemoryFit, RefusesWhatCannotFitAndSaysWhatWould) {
    const ModelDescription description = describe_model(kConfigs / "1b");
    // Between the bf16 and the fp32 estimates: fp32 is refused, and bf16 is the advice.
    const SimulatedMemory memory("7G");
    ASSERT_FALSE(memory_fit(description, "cpu", "fp32").fits());
    ASSERT_TRUE(memory_fit(description, "cpu", "bf16").fits());
    try {
        check_memory_fit(kConfigs / "1b", "cpu", "fp32");
        FAIL() << "fp32 does not fit in 7 GB";
    } catch (const MemoryError& e) {
        const std::string message = e.what();
        EXPECT_NE(message.find("needs about"), std::string::npos) << message;
        EXPECT_NE(message.find("7.0 GB is free"), std::string::npos) << message;
        EXPECT_NE(message.find("choose bf16"), std::string::npos) << message;
        EXPECT_NE(message.find("MILR_AVAILABLE_MEMORY"), std::string::npos) << message;
    }
    EXPECT_NO_THROW(check_memory_fit(kConfigs / "1b", "cpu", "bf16"));
    // The 7B in bf16 on 7 GB: nothing on this machine fits; the 1B is suggested.
    try {
        check_memory_fit(kConfigs / "7b", "cpu", "bf16");
        FAIL() << "the 7B does not fit in 7 GB";
    } catch (const MemoryError& e) {
        EXPECT_NE(std::string(e.what()).find("Janus-Pro-1B"), std::string::npos) << e.what();
    }
}

TEST(MemoryFit, TheLoaderRefusesBeforeReadingAWeight) {
    const SimulatedMemory memory("1000");
    EXPECT_THROW(load_model_bundle(embedded_model_folder()), MemoryError);
}

TEST(MemoryFit, AllocationFailuresSayWhatToChange) {
    EXPECT_NE(allocation_failure_message(std::bad_alloc()).find("ran out of memory"), std::string::npos);
    EXPECT_NE(allocation_failure_message(Error("DefaultCPUAllocator: can't allocate memory: you tried to allocate 1 "
                                               "bytes"))
                  .find("choose bf16"),
              std::string::npos);
    EXPECT_TRUE(allocation_failure_message(Error("config.json is missing")).empty());
}

}  // namespace
}  // namespace milr
