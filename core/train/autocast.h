// A scope that runs CPU ops in bf16 under autocast, across libtorch 1.13 and 2.x (whose API was renamed).
#pragma once
#include <ATen/autocast_mode.h>
#include <torch/version.h>

namespace milr {

class CpuAutocastScope {
public:
    explicit CpuAutocastScope(bool enabled) : m_enabled(enabled) {
        if (!m_enabled) return;
#if TORCH_VERSION_MAJOR > 2 || (TORCH_VERSION_MAJOR == 2 && TORCH_VERSION_MINOR >= 4)
        m_previous = at::autocast::is_autocast_enabled(at::kCPU);
        at::autocast::set_autocast_dtype(at::kCPU, at::kBFloat16);
        at::autocast::set_autocast_enabled(at::kCPU, true);
#else
        m_previous = at::autocast::is_cpu_enabled();
        at::autocast::set_autocast_cpu_dtype(at::kBFloat16);
        at::autocast::set_cpu_enabled(true);
#endif
        at::autocast::increment_nesting();
    }
    ~CpuAutocastScope() {
        if (!m_enabled) return;
        if (at::autocast::decrement_nesting() == 0) at::autocast::clear_cache();
#if TORCH_VERSION_MAJOR > 2 || (TORCH_VERSION_MAJOR == 2 && TORCH_VERSION_MINOR >= 4)
        at::autocast::set_autocast_enabled(at::kCPU, m_previous);
#else
        at::autocast::set_cpu_enabled(m_previous);
#endif
    }
    CpuAutocastScope(const CpuAutocastScope&) = delete;
    CpuAutocastScope& operator=(const CpuAutocastScope&) = delete;

private:
    bool m_enabled;
    bool m_previous = false;
};

}  // namespace milr
