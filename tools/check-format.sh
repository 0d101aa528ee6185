#!/usr/bin/env bash
# Checks that every tracked C++ file is formatted as .clang-format says (clang-format 14, Debian's clang-format);
# with --fix, formats them in place. CI runs the check.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
command -v clang-format >/dev/null || { echo "check-format: clang-format is missing (tools/setup.sh installs it)" >&2; exit 1; }
mapfile -t files < <(git ls-files '*.cpp' '*.h' | grep -v '^third_party/')
if [ "${1:-}" = "--fix" ]; then
    clang-format -i "${files[@]}"
    echo "check-format: formatted ${#files[@]} files"
    exit 0
fi
bad=()
for file in "${files[@]}"; do
    if ! clang-format --dry-run --Werror "$file" >/dev/null 2>&1; then bad+=("$file"); fi
done
if [ "${#bad[@]}" -gt 0 ]; then
    echo "check-format: ${#bad[@]} file(s) are not formatted (tools/check-format.sh --fix formats them):" >&2
    printf '  %s\n' "${bad[@]}" >&2
    exit 1
fi
echo "check-format: ${#files[@]} files formatted"
