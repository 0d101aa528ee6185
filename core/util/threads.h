// Start-up configuration of libtorch's intra-op thread pool (it defaults to one thread on these machines).
#pragma once

namespace milr {

// Sets torch's thread count to `threads`, or to the number of cores when threads <= 0; returns it.
int configure_torch_threads(int threads = 0);

// OpenMP workers that spin between the many small parallel regions of a decode step take the cores from the
// memory-bound products on a busy machine (docs/BENCHMARKS.md has the measurement). libgomp reads
// OMP_WAIT_POLICY when it loads, before main, so a program calls this first thing: unless the caller chose a
// policy, it re-runs itself with passive waiting (returns only when that is not possible or already done).
void rerun_with_passive_omp_wait(char** argv);

}  // namespace milr
