// Start-up configuration of the C library's allocator for tensor-sized blocks.
#pragma once

namespace milr {

// glibc hands blocks above its mmap threshold (128 KiB, raised on the fly up to 32 MiB) straight back to the
// system when they are freed, and trims the heap top above 128 KiB, so every step of training or of MILR
// maps its activations again and the kernel zeroes the new pages: a quarter of a codec training step was
// spent in page faults. This keeps blocks up to 32 MiB in the heap and never trims it, so a step reuses
// the previous step's memory (docs/BENCHMARKS.md has the measurements). Call it first thing in main. Returns false where the C library is not glibc or
// refuses a setting; nothing else changes then.
bool keep_freed_memory_for_reuse();

}  // namespace milr
