#!/bin/bash
# Produces docs/RESULTS.md and docs/results-steps.png: `milr bench` on the held-out GenEval-Shapes set with the
# embedded model, every method at 16 steps with the judge as reward, the score against the step budget read
# from the same run's trajectories, the compositional split, and the plot drawn by milr-results-plot.
# Usage: tools/make-results.sh [PER_TAG] (default 16 prompts per tag; 0 = the whole set). Resumable: a rerun
# skips the prompts already done in $OUT (default results-bench/).
set -euo pipefail
cd "$(dirname "$0")/.."
PER_TAG="${1:-16}"
BUILD="${BUILD:-build}"
OUT="${OUT:-results-bench}"
CFG="${CFG:-5}"
# Passive OpenMP waiting: spinning workers halve the engine's speed when anything else runs (toolchain notes).
export OMP_WAIT_POLICY="${OMP_WAIT_POLICY:-PASSIVE}"
mkdir -p "$OUT"
bench=("$BUILD/app/cli/milr" bench --per-tag "$PER_TAG" --steps 16 --cfg "$CFG" --seed 42 --budgets 1,2,4,8,16 --out "$OUT")
echo "${bench[*]}" > "$OUT/command.txt"
start=$(date +%s)
"${bench[@]}" | tee "$OUT/bench.log"
echo $(( $(date +%s) - start )) > "$OUT/seconds.txt"
# The compositional split: colour-shape pairs and position shape pairs never seen in training.
comp=("$BUILD/app/cli/milr" bench --prompts resources/geneval-shapes/compositional_metadata.jsonl --per-tag "$PER_TAG"
      --methods base,text,both,best-of-n --steps 16 --cfg "$CFG" --seed 42 --out "$OUT/compositional")
echo "${comp[*]}" > "$OUT/command-compositional.txt"
"${comp[@]}" | tee "$OUT/bench-compositional.log"
"$BUILD/tools/milr-results-plot" --scores "$OUT/scores-by-budget.json" --base "$OUT/base/summary.json" \
    --out docs/results-steps.png
python3 tools/write-results-md.py "$OUT" "$PER_TAG" > docs/RESULTS.md
echo "wrote docs/RESULTS.md and docs/results-steps.png"
