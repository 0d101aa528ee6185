// Start-up configuration of the C library's allocator for tensor-sized blocks.
#include "core/util/allocator.h"

#include <cstdlib>  // defines __GLIBC__ where the C library is glibc: the checks below need it first

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace milr {

bool keep_freed_memory_for_reuse() {
#if defined(__GLIBC__)
    constexpr int kLargestHeapBlock = 32 * 1024 * 1024;  // glibc's maximum mmap threshold on 64-bit systems
    constexpr int kNeverTrim = 0x7fffffff;
    const bool threshold = mallopt(M_MMAP_THRESHOLD, kLargestHeapBlock) == 1;
    const bool trim = mallopt(M_TRIM_THRESHOLD, kNeverTrim) == 1;
    return threshold && trim;
#else
    return false;
#endif
}

}  // namespace milr
