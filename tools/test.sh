#!/usr/bin/env bash
# Sets up, builds and runs the whole test suite (the README's test command; CI runs exactly this).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${MILR_BUILD_DIR:-$here/build}"
start=$(date +%s)
"$here/tools/build.sh"
echo "test: build ready after $(( $(date +%s) - start )) s"
export QT_QPA_PLATFORM=offscreen
ctest --test-dir "$build" --output-on-failure -j "$(nproc)" "$@"
