#!/usr/bin/env bash
# Installs every build and test dependency of MILR Studio from Debian's archive (idempotent; fast when done).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
sudo_cmd=""
if [ "$(id -u)" -ne 0 ]; then sudo_cmd="sudo"; fi

packages=(
  build-essential cmake ninja-build ccache pkg-config dpkg-dev git libgtest-dev
  qt6-base-dev qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools qt6-translations-l10n qt6-svg-dev
  libtorch-dev libopencv-dev libqcustomplot-dev libqcustomplot2.1-qt6
  nlohmann-json3-dev libopenblas0-pthread protobuf-compiler libprotobuf-dev
  xvfb xauth imagemagick fonts-dejavu-core fonts-noto-cjk libpcre2-dev python3
  file desktop-file-utils appstream clang libclang-rt-14-dev clang-format
  libcurl4-openssl-dev libssl-dev
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  echo "setup: installing ${#missing[@]} Debian packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  $sudo_cmd apt-get update -qq
  $sudo_cmd apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  echo "setup: Debian packages already installed"
fi

# sentencepiece: Debian's shared library bundles protobuf 3.14 and crashes any process that also
# loads libtorch (system protobuf 3.21). Build Debian's own source as static PIC libraries against
# the system protobuf instead, once; the result is cached under third_party/ (ignored by git).
"$here/tools/build-sentencepiece.sh"
echo "setup: done"
