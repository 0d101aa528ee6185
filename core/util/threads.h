// Start-up configuration of libtorch's intra-op thread pool (it defaults to one thread on these machines).
#pragma once

namespace milr {

// Sets torch's thread count to `threads`, or to the number of cores when threads <= 0; returns it.
int configure_torch_threads(int threads = 0);

}  // namespace milr
