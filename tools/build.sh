#!/usr/bin/env bash
# Sets up the dependencies (tools/setup.sh) and builds MILR Studio into build/ (or $MILR_BUILD_DIR): every target,
# or only the targets named as arguments (tools/studio.sh builds just the two programs).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${MILR_BUILD_DIR:-$here/build}"
"$here/tools/setup.sh"
jobs="$(nproc)"
# ccache: hits across clones in other folders, and for translation units that use the precompiled header.
export CCACHE_BASEDIR="$here" CCACHE_NOHASHDIR=1
export CCACHE_SLOPPINESS="pch_defines,time_macros,include_file_mtime,include_file_ctime"
cmake -S "$here" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE="${MILR_BUILD_TYPE:-RelWithDebInfo}" ${MILR_CMAKE_ARGS:-} >/dev/null
echo "build: compiling with $jobs jobs into $build"
if [ "$#" -gt 0 ]; then
  cmake --build "$build" -j "$jobs" --target "$@"
else
  cmake --build "$build" -j "$jobs"
fi
