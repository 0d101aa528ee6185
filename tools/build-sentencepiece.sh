#!/usr/bin/env bash
# Builds sentencepiece from Debian's source package as static libraries linked to the system protobuf (cached).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
prefix="${MILR_SENTENCEPIECE_PREFIX:-$here/third_party/sentencepiece}"
stamp="$prefix/.built-0.1.97"
if [ -f "$stamp" ] && [ -f "$prefix/lib/libsentencepiece.a" ]; then
  echo "setup: static sentencepiece already built at $prefix"
  exit 0
fi

sudo_cmd=""
if [ "$(id -u)" -ne 0 ]; then sudo_cmd="sudo"; fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# A private deb-src list so the machine's apt configuration is left untouched.
cat >"$work/sources.list" <<'LIST'
deb-src http://deb.debian.org/debian bookworm main
LIST
mkdir -p "$work/lists/partial"
apt_opts=(-o "Dir::Etc::SourceList=$work/sources.list" -o "Dir::Etc::SourceParts=/dev/null"
          -o "Dir::State::Lists=$work/lists")
echo "setup: fetching Debian's sentencepiece source"
$sudo_cmd apt-get "${apt_opts[@]}" update -qq
(cd "$work" && apt-get "${apt_opts[@]}" source --download-only -qq sentencepiece >/dev/null)
(cd "$work" && dpkg-source -x --skip-patches sentencepiece_*.dsc src >/dev/null)
src="$work/src"
# Apply Debian's patches except the one that disables the static library.
if [ -f "$src/debian/patches/series" ]; then
  while read -r patch; do
    case "$patch" in ""|\#*) continue ;; *disable-static-library*) continue ;; esac
    patch -d "$src" -p1 -s <"$src/debian/patches/$patch"
  done <"$src/debian/patches/series"
fi
# Use the system protobuf header instead of the bundled copy.
sed -i 's|#include "third_party/protobuf-lite/google/protobuf/message_lite.h"|#include <google/protobuf/message_lite.h>|' "$src/src/init.h" || true

echo "setup: building static sentencepiece (about 30 s)"
cmake -S "$src" -B "$work/build" -G Ninja -DCMAKE_BUILD_TYPE=Release \
  -DSPM_USE_BUILTIN_PROTOBUF=OFF -DSPM_ENABLE_SHARED=OFF -DSPM_ENABLE_TCMALLOC=OFF \
  -DCMAKE_POSITION_INDEPENDENT_CODE=ON -DCMAKE_INSTALL_PREFIX="$prefix" >/dev/null
cmake --build "$work/build" --target install >/dev/null
touch "$stamp"
echo "setup: static sentencepiece installed at $prefix"
