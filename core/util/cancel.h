// Cancellation and progress reporting shared by loading, generation, training and MILR runs.
#pragma once
#include <atomic>
#include <functional>
#include <memory>
#include <string>

#include "core/util/error.h"

namespace milr {

// A flag that another thread sets; the engine checks it between tokens.
class CancelToken {
public:
    CancelToken() : m_flag(std::make_shared<std::atomic<bool>>(false)) {}
    void cancel() const { m_flag->store(true, std::memory_order_relaxed); }
    void reset() const { m_flag->store(false, std::memory_order_relaxed); }
    bool cancelled() const { return m_flag->load(std::memory_order_relaxed); }
    // Throws milr::Cancelled naming where it stopped.
    void throw_if_cancelled(const char* where) const {
        if (cancelled()) throw Cancelled(std::string("cancelled during ") + where);
    }

private:
    std::shared_ptr<std::atomic<bool>> m_flag;
};

// fraction in [0, 1], a short description of the phase; return false to cancel.
using ProgressCallback = std::function<bool(double fraction, const std::string& phase)>;

// Calls the callback if set; throws milr::Cancelled when it returns false.
inline void report_progress(const ProgressCallback& callback, double fraction, const std::string& phase) {
    if (callback && !callback(fraction, phase)) throw Cancelled("cancelled during " + phase);
}

}  // namespace milr
