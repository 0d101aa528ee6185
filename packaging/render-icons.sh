#!/usr/bin/env bash
# Renders resources/icons/milr-studio.svg into resources/icons/hicolor/<size>x<size>.png (the PNGs are committed;
# run this after editing the SVG). Uses Qt's SVG renderer, the one the app draws its icon with.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
svg="$here/resources/icons/milr-studio.svg"
out="$here/resources/icons/hicolor"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# shellcheck disable=SC2046
g++ -std=c++17 -O1 -fPIC -o "$work/render_icons" "$here/packaging/icons/render_icons.cpp" \
    $(pkg-config --cflags --libs Qt6Svg Qt6Gui Qt6Core)
mkdir -p "$out"
QT_QPA_PLATFORM=offscreen "$work/render_icons" "$svg" "$out" 16 24 32 48 64 128 256
ls -l "$out"
