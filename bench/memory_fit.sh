#!/usr/bin/env bash
# The memory check's estimate against the measured peak: `milr describe-model` prints what a run needs on the CPU
# (weights, KV caches, working memory, latents with Adam state, the program); /usr/bin/time -v measures the peak
# resident memory of `milr optimize` with the same model and precision. Prints both and their ratio per model and
# precision. Usage: bench/memory_fit.sh [MILR] [MODEL_FOLDER...] (default: the embedded model).
set -euo pipefail
milr="${1:-build/app/cli/milr}"
shift || true
[ $# -gt 0 ] || set -- "$(dirname "$0")/../resources/embedded-model"
command -v /usr/bin/time > /dev/null || { echo "memory_fit: /usr/bin/time is missing (apt-get install time)" >&2; exit 1; }
printf "%-28s %-6s %14s %14s %8s\n" model precision "estimate (B)" "peak RSS (B)" ratio
for folder in "$@"; do
    for precision in fp32 bf16; do
        estimate=$("$milr" describe-model "$folder" | awk -v target="cpu $precision:" '$0 ~ "^  " target " [0-9]+ bytes" { print $3 }')
        report="$(mktemp)"
        /usr/bin/time -v -o "$report" "$milr" optimize --model "$folder" --precision "$precision" \
            --prompt "a photo of two red circles" --steps 4 --progress none --out "$(mktemp -d)" > /dev/null 2>&1
        peak=$(( $(awk '/Maximum resident set size/ { print $6 }' "$report") * 1024 ))
        rm -f "$report"
        awk -v m="$(basename "$folder")" -v p="$precision" -v e="$estimate" -v r="$peak" \
            'BEGIN { printf "%-28s %-6s %14d %14d %8.3f\n", m, p, e, r, e / r }'
    done
done
