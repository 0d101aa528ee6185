#!/bin/bash
# The fidelity study behind docs/RESULTS.md, docs/results-steps.png and docs/results-ablation.png: `milr bench` with
# the embedded model on the held-out GenEval-Shapes set and the compositional split, every method (the estimators,
# the controls, the Best-of-N variants; `milr bench --list-methods`) with several seeds, the judge as reward, then
# an ablation of λt, λv and the learning rate on a subset; then tools/write-results-md.py computes the intervals and
# tests and writes the page, and milr-results-plot draws the plots.
#
# Usage: tools/make-results.sh. Settings from the environment (defaults: the study as published):
#   PER_TAG=0 (0 = every line; N = the first N lines of each tag), SEEDS="42 1042 2042", STEPS=16, PARALLEL=2 (bench
#   processes at a time, one thread each), SHARDS=4 (shards per set and seed), ABLATION_PER_TAG=8, OUT=results-study,
#   BUILD=build, REPORT_ONLY=1 (write the page from what is recorded, run nothing). Resumable: every bench folder skips the prompts it has finished, so a rerun after an interruption
#   (or with more seeds) runs only what is missing. A finished seed is boiled down to a compact record in docs/study/
#   (committed: the page is written from those records), and a seed or an ablation already recorded there is not
#   run again, so the study grows seed by seed across machines; the wall time adds up in docs/study/wall-seconds.txt.
set -euo pipefail
cd "$(dirname "$0")/.."
PER_TAG="${PER_TAG:-0}"
SEEDS="${SEEDS:-42 1042 2042}"
STEPS="${STEPS:-16}"
PARALLEL="${PARALLEL:-2}"
SHARDS="${SHARDS:-4}"
ABLATION_PER_TAG="${ABLATION_PER_TAG:-8}"
BUILD="${BUILD:-build}"
OUT="${OUT:-results-study}"
CFG="${CFG:-5}"
THRESHOLD=0.9
CONTROL_ESTIMATOR=authors  # the improved preset's estimator: the controls and the ablation use it
METHODS="base,text-authors,image-authors,both-authors,text-reinforce,image-reinforce,both-reinforce,random-direction"
METHODS="$METHODS,lr-0,best-of-n,best-of-n-reasoning,best-of-n-prompt"
ABLATION_LAMBDA_T="0.05 0.1 0.2 0.5 1.0"
ABLATION_LAMBDA_V="0.01 0.02 0.05 0.1"
ABLATION_LR="0.01 0.03 0.1"
GRID_LR=0.03  # the heat map's learning rate; the other rates run at the default λt and λv
[ -x "$BUILD/app/cli/milr" ] || { echo "make-results: $BUILD/app/cli/milr is not built (tools/build.sh milr milr-results-plot)" >&2; exit 1; }
mkdir -p "$OUT"
# The study runs a copy of milr: a rebuild while it runs cannot swap the program under it halfway (its folders
# record the commit it was built from in commands.txt).
milr="$OUT/milr"
cp "$BUILD/app/cli/milr" "$milr"
# One thread per process, PARALLEL processes; passive OpenMP waiting (spinning workers halve the speed).
export MILR_THREADS=1 OMP_NUM_THREADS=1 OMP_WAIT_POLICY=PASSIVE
mkdir -p "$OUT"
jobs="$OUT/jobs.txt"
: > "$jobs"
common="--steps $STEPS --cfg $CFG --threshold $THRESHOLD --estimator $CONTROL_ESTIMATOR --progress none"
first_seed="${SEEDS%% *}"
ablation_point() {  # lambda_t lambda_v lr
    local folder="$OUT/ablation/t$1-v$2-lr$3"
    mkdir -p "$folder"
    echo "{\"lambda_t\": $1, \"lambda_v\": $2, \"lr\": $3}" > "$folder/point.json"
    echo "$milr bench --prompts resources/geneval-shapes/evaluation_metadata.jsonl --per-tag $ABLATION_PER_TAG" \
         "--methods both --seed $first_seed --lambda-t $1 --lambda-v $2 --lr $3 $common --out $folder" >> "$jobs"
}
RECORDS=docs/study
mkdir -p "$RECORDS"
recorded() { [ -f "$RECORDS/heldout-seed$1.jsonl.gz" ] && [ -f "$RECORDS/compositional-seed$1.jsonl.gz" ]; }
ablation_jobs() {
    for t in $ABLATION_LAMBDA_T; do
        for v in $ABLATION_LAMBDA_V; do ablation_point "$t" "$v" "$GRID_LR"; done
    done
    for lr in $ABLATION_LR; do
        [ "$lr" = "$GRID_LR" ] || ablation_point 0.2 0.02 "$lr"
    done
}
# Seed after seed (so a study cut short has whole seeds), the ablation after the first seed.
for seed in $SEEDS; do
    if recorded "$seed"; then
        # Already in the record: only the ablation may be missing.
        [ "$seed" = "$first_seed" ] && [ ! -f "$RECORDS/ablation.json" ] && ablation_jobs
        continue
    fi
    for shard in $(seq 0 $((SHARDS - 1))); do
        echo "$milr bench --prompts resources/geneval-shapes/evaluation_metadata.jsonl --per-tag $PER_TAG" \
             "--methods $METHODS --seed $seed --shard $shard/$SHARDS $common --out $OUT/heldout/seed$seed/shard$shard" \
             >> "$jobs"
        echo "$milr bench --prompts resources/geneval-shapes/compositional_metadata.jsonl --per-tag $PER_TAG" \
             "--methods $METHODS --seed $seed --shard $shard/$SHARDS $common" \
             "--out $OUT/compositional/seed$seed/shard$shard" >> "$jobs"
    done
    if [ "$seed" = "$first_seed" ] && [ ! -f "$RECORDS/ablation.json" ]; then ablation_jobs; fi
done
{ echo "# $("$milr" --version 2> /dev/null | tail -1), source commit $(git rev-parse --short HEAD 2> /dev/null || echo unknown)"
  cat "$jobs"; } > "$OUT/commands.txt"
# Lines a finished seed has in each set, and in the ablation's subset (the first N lines of each tag).
count_lines() {  # FILE PER_TAG
    python3 -c 'import json, sys, collections
n = int(sys.argv[2]); tags = collections.Counter()
for line in open(sys.argv[1]):
    if line.strip(): tags[json.loads(line)["tag"]] += 1
print(sum(min(c, n) if n > 0 else c for c in tags.values()))' "$1" "$2"
}
heldout_lines=$(count_lines resources/geneval-shapes/evaluation_metadata.jsonl "$PER_TAG")
compositional_lines=$(count_lines resources/geneval-shapes/compositional_metadata.jsonl "$PER_TAG")
ablation_lines=$(count_lines resources/geneval-shapes/evaluation_metadata.jsonl "$ABLATION_PER_TAG")
cat > "$OUT/study.json" << EOF
{"seeds": [$(echo "$SEEDS" | sed 's/ /, /g')], "methods": ["$(echo "$METHODS" | sed 's/,/", "/g')"],
 "steps": $STEPS, "threshold": $THRESHOLD, "cfg": $CFG, "budgets": [1, 2, 4, 8, 16], "parallel": $PARALLEL,
 "control_estimator": "$CONTROL_ESTIMATOR", "ablation_lines": $ablation_lines, "ablation_grid_lr": $GRID_LR,
 "example_method": "${EXAMPLE_METHOD:-both-authors}",
 "lines": {"heldout": $heldout_lines, "compositional": $compositional_lines}}
EOF

echo "make-results: $(wc -l < "$jobs") bench runs, $PARALLEL at a time, into $OUT (log: $OUT/study.log)"
start=$(date +%s)
previous=$(cat "$RECORDS/wall-seconds.txt" 2> /dev/null || echo 0)
# The wall time adds up over interrupted and resumed runs and over machines, also when stopped.
record_time() { echo $(( previous + $(date +%s) - start )) > "$RECORDS/wall-seconds.txt"; }
# Each line of the job list is one `milr bench`; a failing one stops the study (its folder resumes on a rerun).
if [ "${REPORT_ONLY:-0}" != 1 ]; then
    trap record_time EXIT
    xargs -P "$PARALLEL" -I{} sh -c '{} >> "$0" 2>&1 || { echo "failed: {}" >&2; exit 255; }' "$OUT/study.log" < "$jobs"
    record_time
    trap - EXIT
fi
elapsed=$(( $(date +%s) - start ))

python3 tools/write-results-md.py "$OUT" "$OUT" "$RECORDS" > "$OUT/RESULTS.md"
"$BUILD/tools/milr-results-plot" --scores "$OUT/curves.json" --out docs/results-steps.png \
    --title "GenEval-Shapes overall score against the reward budget (95% intervals)"
# The studio's example prompts (Run > Examples), chosen by the study's numbers.
if [ -f "$OUT/examples.json" ]; then cp "$OUT/examples.json" resources/geneval-shapes/examples.json; fi
if [ -f "$OUT/ablation.json" ]; then
    "$BUILD/tools/milr-results-plot" --heatmap "$OUT/ablation.json" --out docs/results-ablation.png
fi
cp "$OUT/RESULTS.md" docs/RESULTS.md
echo "make-results: wrote docs/RESULTS.md, docs/results-steps.png and docs/results-ablation.png in $elapsed s"
