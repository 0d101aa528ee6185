#!/usr/bin/env bash
# Builds the Debian package of MILR Studio (cpack -G DEB) from a configured build folder and prints its size,
# its control fields and its contents. Usage: tools/package.sh [BUILD_DIR] (default: $MILR_BUILD_DIR or build/).
# The package lands in BUILD_DIR/package/milr-studio_<version>_<arch>.deb.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="$(realpath "${1:-${MILR_BUILD_DIR:-$here/build}}")"
if [ ! -f "$build/CPackConfig.cmake" ]; then
  echo "package: $build has no CPackConfig.cmake; configure and build it first (tools/build.sh)" >&2
  exit 1
fi
for tool in cpack dpkg-deb dpkg-shlibdeps; do
  command -v "$tool" >/dev/null || { echo "package: $tool is missing (Debian packages cmake, dpkg-dev)" >&2; exit 1; }
done

echo "package: building milr and milr-studio in $build"
cmake --build "$build" --target milr milr-studio -j "${MILR_JOBS:-$(nproc)}"

out="$build/package"
rm -f "$out"/milr-studio_*.deb
echo "package: cpack -G DEB into $out"
(cd "$build" && cpack -G DEB -B "$out")
deb="$(ls "$out"/milr-studio_*.deb)"

echo
echo "== $deb"
echo "size: $(stat -c %s "$deb") bytes ($(du -h "$deb" | cut -f1))"
echo
dpkg-deb --info "$deb"
echo
echo "== contents ($(dpkg-deb --contents "$deb" | grep -vc '/$') files)"
dpkg-deb --contents "$deb" | grep -v '/$' | awk '{ printf "%10s  %s\n", $3, $6 }'
