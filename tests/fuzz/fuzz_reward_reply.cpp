// Fuzz target: a reply line of an external reward program (JSON: id, reward, passed, components, reasons, error).
#include <cmath>

#include "core/reward/external_reward.h"
#include "tests/fuzz/fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    using namespace milr::fuzz;
    expect_clean([&] {
        const milr::RewardResult result =
            milr::ExternalReward::parse_reply(as_string(data, size), 7, "python3 reward.py");
        require(std::isfinite(result.value) && result.value >= 0.0 && result.value <= 1.0, "a reward lies in [0, 1]");
        for (const auto& component : result.components)
            require(std::isfinite(component.value) && component.value >= 0.0 && component.value <= 1.0,
                    "a reward component lies in [0, 1]");
    });
    return 0;
}
