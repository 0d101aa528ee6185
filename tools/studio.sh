#!/usr/bin/env bash
# Sets up, builds and starts MILR Studio on the embedded model (the README's first command).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${MILR_BUILD_DIR:-$here/build}"
"$here/tools/build.sh" milr-studio  # the window only: milr and the tests are built by tools/build.sh and tools/test.sh
exec "$build/app/studio/milr-studio" "$@"
