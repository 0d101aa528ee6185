// Start-up configuration of libtorch's intra-op thread pool.
#include "core/util/threads.h"

#include <torch/torch.h>

#include <unistd.h>

#include <cstdlib>
#include <thread>

namespace milr {

int configure_torch_threads(int threads) {
    if (threads <= 0) {
        if (const char* env = std::getenv("MILR_THREADS")) threads = std::atoi(env);
    }
    if (threads <= 0) threads = static_cast<int>(std::thread::hardware_concurrency());
    if (threads <= 0) threads = 1;
    torch::set_num_threads(threads);
    return threads;
}

void rerun_with_passive_omp_wait(char** argv) {
    if (std::getenv("OMP_WAIT_POLICY")) return;
    setenv("OMP_WAIT_POLICY", "PASSIVE", 1);
    execv("/proc/self/exe", argv);  // returns only on failure: continue with the default policy
    unsetenv("OMP_WAIT_POLICY");
}

}  // namespace milr
