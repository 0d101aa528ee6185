#!/usr/bin/env bash
# The fuzz stage: builds the libFuzzer targets of tests/fuzz with clang (AddressSanitizer, LeakSanitizer,
# UndefinedBehaviorSanitizer) into build-fuzz/, seeds each corpus from the test fixtures and tests/fuzz/seeds,
# runs every target, and prints the table (target, executions, seconds, findings). A crash, leak, timeout or
# broken promise fails the stage; the input that caused it is kept in build-fuzz/findings/<target>/.
# Usage: tools/fuzz.sh [--seconds N | --runs N] [--jobs N] [--seed N] [target ...]
#   --seconds N  run each target N seconds (default 30)
#   --runs N     run each target until N executions, at most an hour each: with a fixed seed, the same
#                budget on any machine (the CI step: --runs 300000); long runs to find new bugs are by
#                hand (--runs 1000000 --seed 0)
#   --jobs N     targets run side by side (default: the number of cores)
#   --seed N     libFuzzer's random seed (default 1, so that runs are comparable; 0 = a new one each run)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${MILR_FUZZ_BUILD_DIR:-$here/build-fuzz}"
seconds=30 runs=0 seed=1 jobs="$(nproc)" targets=()
while [ $# -gt 0 ]; do
  case "$1" in
    --seconds) seconds="$2"; shift 2 ;;
    --runs) runs="$2"; seconds=3600; shift 2 ;;
    --jobs) jobs="$2"; shift 2 ;;
    --seed) seed="$2"; shift 2 ;;
    -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
    *) targets+=("$1"); shift ;;
  esac
done
all_targets=(safetensors config_json tokenizer_json bpe_encode sentencepiece_model geneval_jsonl reward_reply
             png_metadata torch_pickle torch_zip)
[ ${#targets[@]} -gt 0 ] || targets=("${all_targets[@]}")

"$here/tools/setup.sh"
[ -f "$here/third_party/sentencepiece/lib/libsentencepiece.a" ] || "$here/tools/build-sentencepiece.sh"
export CCACHE_BASEDIR="$here" CCACHE_NOHASHDIR=1
cmake -S "$here/tests/fuzz" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=clang++ >/dev/null
cmake --build "$build" -j "$(nproc)"

# Seed corpora: the fixtures the unit tests read, cut to what each parser takes.
add_seeds() {  # add_seeds TARGET FILE...
  mkdir -p "$build/corpus/$1"
  local target="$1"; shift
  for f in "$@"; do cp "$f" "$build/corpus/$target/seed-$(basename "$(dirname "$f")")-$(basename "$f")"; done
}
for dir in "$here"/tests/fuzz/seeds/*/; do add_seeds "$(basename "$dir")" "$dir"*; done
add_seeds config_json "$here"/tests/data/janus-pro-configs/*/config.json "$here/resources/embedded-model/config.json"
add_seeds sentencepiece_model "$here/resources/embedded-model/tokenizer.model"
python3 - "$here" "$build/corpus" <<'PY'
import json, pathlib, sys, zipfile
root, corpus = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
def put(target, name, data):
    (corpus / target).mkdir(parents=True, exist_ok=True)
    (corpus / target / name).write_bytes(data if isinstance(data, bytes) else data.encode())
for i, case in enumerate(json.loads((root / "tests/data/text/bpe_reference_cases.json").read_text())):
    put("bpe_encode", f"seed-case-{i}", case["text"])
lines = (root / "tests/data/world/geneval_sample.jsonl").read_text().splitlines()
for name in ("evaluation_metadata.jsonl", "compositional_metadata.jsonl"):
    lines += (root / "resources/geneval-shapes" / name).read_text().splitlines()[:12]
for i, line in enumerate(lines):
    put("geneval_jsonl", f"seed-line-{i}", line)
for path in sorted((root / "tests/data/io").rglob("*.bin")):
    if not zipfile.is_zipfile(path): continue  # legacy.bin: the pre-1.6 format, refused before unpickling
    with zipfile.ZipFile(path) as archive:
        for member in archive.namelist():
            if member.endswith("/data.pkl"):
                put("torch_pickle", f"seed-{path.stem}.pkl", archive.read(member))
    if path.stat().st_size <= 16384:
        put("torch_zip", f"seed-{path.name}", path.read_bytes())
PY

export ASAN_OPTIONS="detect_leaks=1:abort_on_error=0:strict_string_checks=1"
export LSAN_OPTIONS="suppressions=$here/tools/lsan.supp:print_suppressions=0"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
mkdir -p "$build/logs"
run_target() {  # run_target TARGET: one libFuzzer run; its log is build-fuzz/logs/TARGET.log
  local target="$1" findings="$build/findings/$1/"
  mkdir -p "$findings"
  local limits=(-max_total_time="$seconds" -timeout=10 -rss_limit_mb=4096 -max_len=16384 -print_final_stats=1 -seed="$seed")
  [ "$runs" -gt 0 ] && limits+=(-runs="$runs")
  "$build/fuzz_$target" "${limits[@]}" -artifact_prefix="$findings" "$build/corpus/$target" \
    >"$build/logs/$target.log" 2>&1 && echo 0 >"$build/logs/$target.status" || echo $? >"$build/logs/$target.status"
}
export -f run_target
export build seconds runs seed
printf '%s\n' "${targets[@]}" | xargs -P "$jobs" -I{} bash -c 'run_target {}'

report="$build/fuzz-report.md"
failed=0
{
  echo "| target | executions | exec/s | corpus | findings |"
  echo "|---|---|---|---|---|"
} >"$report"
for target in "${targets[@]}"; do
  log="$build/logs/$target.log"
  executions=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
  corpus=$(find "$build/corpus/$target" -type f | wc -l)
  found=$(find "$build/findings/$target" -type f | wc -l)
  status=$(cat "$build/logs/$target.status")
  if [ "$status" != 0 ] || [ "$found" != 0 ]; then failed=1; found="$found (exit $status, see $log)"; fi
  echo "| $target | ${executions:-?} | ${rate:-?} | $corpus | $found |" >>"$report"
done
cat "$report"
if [ "$failed" != 0 ]; then
  # The report of each finding and its input, so that a CI log alone is enough to reproduce it.
  for target in "${targets[@]}"; do
    log="$build/logs/$target.log"
    [ "$(cat "$build/logs/$target.status")" != 0 ] || [ -n "$(ls -A "$build/findings/$target")" ] || continue
    echo "--- $target: $log" >&2
    first=$(grep -m1 -n -E 'ERROR|runtime error|broken promise|terminate called|deadly signal' "$log" | cut -d: -f1 || true)
    [ -z "$first" ] || sed -n "$first,+30p" "$log" >&2
    for input in "$build/findings/$target"/*; do
      [ -f "$input" ] || continue
      echo "input $(basename "$input") ($(stat -c %s "$input") bytes), base64:" >&2
      head -c 4096 "$input" | base64 >&2
    done
  done
  echo "fuzz: findings above; inputs in $build/findings/" >&2
  exit 1
fi
echo "fuzz: no findings ($report)"
