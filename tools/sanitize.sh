#!/usr/bin/env bash
# The sanitizer stage: the engine's test suite (MILR_ENGINE_ONLY: every core module that needs libtorch alone)
# built with AddressSanitizer, LeakSanitizer and UndefinedBehaviorSanitizer into build-sanitize/, then run.
# A finding fails the stage. Usage: tools/sanitize.sh [ctest arguments]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${MILR_SANITIZE_BUILD_DIR:-$here/build-sanitize}"
"$here/tools/setup.sh"
export CCACHE_BASEDIR="$here" CCACHE_NOHASHDIR=1
export CCACHE_SLOPPINESS="pch_defines,time_macros,include_file_mtime,include_file_ctime"
cmake -S "$here" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DMILR_SANITIZE=ON -DMILR_ENGINE_ONLY=ON \
    -DMILR_BUILD_BENCH=OFF >/dev/null
cmake --build "$build" -j "$(nproc)"
# libtorch itself is not instrumented; its one-time allocations at load are listed in tools/lsan.supp.
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=0:strict_string_checks=1:detect_stack_use_after_return=1"
export LSAN_OPTIONS="suppressions=$here/tools/lsan.supp:print_suppressions=0"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
ctest --test-dir "$build" --output-on-failure -j "$(nproc)" "$@"
