#!/usr/bin/env bash
# The sanitizer stage: the whole test suite (core, world, session, CLI, widgets and the studio under the
# offscreen Qt platform) built with AddressSanitizer, LeakSanitizer and UndefinedBehaviorSanitizer into
# build-sanitize/, then run. A finding fails the stage.
# Usage: tools/sanitize.sh [--engine-only] [ctest arguments]
#   --engine-only  only the modules that need libtorch alone (MILR_ENGINE_ONLY): a quicker build
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${MILR_SANITIZE_BUILD_DIR:-$here/build-sanitize}"
scope=(-DMILR_ENGINE_ONLY=OFF)
if [ "${1:-}" = "--engine-only" ]; then scope=(-DMILR_ENGINE_ONLY=ON); shift; fi
"$here/tools/setup.sh"
export CCACHE_BASEDIR="$here" CCACHE_NOHASHDIR=1
export CCACHE_SLOPPINESS="pch_defines,time_macros,include_file_mtime,include_file_ctime"
# -O1 with line tables only (-g1): what the sanitizers' documentation advises for usable speed, and stack traces
# with file:line at less compile time than full debug information over libtorch's headers.
cmake -S "$here" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g1 -DNDEBUG" \
    -DMILR_SANITIZE=ON "${scope[@]}" -DMILR_BUILD_BENCH=OFF >/dev/null
cmake --build "$build" -j "${MILR_JOBS:-$(nproc)}"
# libtorch itself is not instrumented; its one-time allocations at load are listed in tools/lsan.supp.
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=0:strict_string_checks=1:detect_stack_use_after_return=1"
export LSAN_OPTIONS="suppressions=$here/tools/lsan.supp:print_suppressions=0"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
export QT_QPA_PLATFORM=offscreen
ctest --test-dir "$build" --output-on-failure -j "$(nproc)" "$@"
