#!/usr/bin/env bash
# Start-up of the studio beside the CLI, measured side by side in one run: for each of N rounds, milr-studio
# --startup-report (time before main, main to a window that accepts a prompt) and the wall time of the process,
# then milr --version (the CLI links the same engine: its wall time is the floor that loading libtorch sets).
# Prints each round and the medians, and the ratio of the studio's wall time to the CLI's. Offscreen platform.
# Usage: bench/studio_startup.sh [BUILD_DIR] [ROUNDS] (defaults: build, 5).
set -euo pipefail
build="${1:-build}"
rounds="${2:-5}"
studio="$build/app/studio/milr-studio"
cli="$build/app/cli/milr"
for program in "$studio" "$cli"; do
    [ -x "$program" ] || { echo "studio_startup: $program is not built" >&2; exit 1; }
done
export QT_QPA_PLATFORM=offscreen
milliseconds() { date +%s%3N; }
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
: > /tmp/milr-startup.$$
for round in $(seq 1 "$rounds"); do
    start=$(milliseconds)
    report=$("$studio" --startup-report 2> /dev/null)
    studio_wall=$(( $(milliseconds) - start ))
    start=$(milliseconds)
    "$cli" --version > /dev/null
    cli_wall=$(( $(milliseconds) - start ))
    before=$(echo "$report" | sed -n 's/.*before main \([0-9]*\) ms.*/\1/p')
    ready=$(echo "$report" | sed -n 's/.*prompt \([0-9]*\) ms.*/\1/p')
    echo "round $round: studio wall $studio_wall ms (before main $before ms, main to ready $ready ms), milr --version $cli_wall ms"
    echo "$studio_wall $before $ready $cli_wall" >> /tmp/milr-startup.$$
done
studio_median=$(cut -d' ' -f1 /tmp/milr-startup.$$ | median)
before_median=$(cut -d' ' -f2 /tmp/milr-startup.$$ | median)
ready_median=$(cut -d' ' -f3 /tmp/milr-startup.$$ | median)
cli_median=$(cut -d' ' -f4 /tmp/milr-startup.$$ | median)
rm -f /tmp/milr-startup.$$
echo "median: studio $studio_median ms (before main $before_median ms, main to ready $ready_median ms), milr --version $cli_median ms"
awk -v s="$studio_median" -v c="$cli_median" 'BEGIN { printf "studio / milr --version: %.2f (goal: the window within 1500 ms)\n", s / c }'
