#!/usr/bin/env bash
# Fault injection with the real `milr` CLI: a reward program that crashes, hangs, prints garbage, answers NaN
# or out of range or is missing; a reward timeout out of range; a checkpoint truncated mid-tensor; a file-size
# limit hit while a trajectory is written (as a full disk does); kill -9 in the middle of a run; `milr bench`
# interrupted inside a prompt, run twice on one folder, resumed with other settings and on a full disk; `milr
# judge` on a folder without prompt folders. Each must give a clear message and a known exit code, and every file
# written before must be complete (atomic writes: complete or absent). Finally a normal run still works.
# Usage: fault_injection.sh MILR SOURCE_ROOT
set -uo pipefail
source_root="$(readlink -f "$2")"
source "$(dirname "${BASH_SOURCE[0]}")/cli_test_lib.sh" "$1"
evaluator="$source_root/tests/data/reward/example_evaluator.py"
prompt="a photo of a red circle"

# Every non-hidden PNG under $1 ends with its IEND chunk and every .json parses: no half-written file.
files_complete() {
    python3 - "$1" <<'PY'
import json, pathlib, sys
bad = []
for path in pathlib.Path(sys.argv[1]).rglob("*"):
    if path.name.startswith(".") or not path.is_file():
        continue
    data = path.read_bytes()
    if path.suffix == ".png" and not (data.startswith(b"\x89PNG\r\n\x1a\n") and data.endswith(b"IEND\xaeB`\x82")):
        bad.append(str(path))
    if path.suffix == ".json":
        try:
            json.loads(data)
        except ValueError:
            bad.append(str(path))
print("\n".join(bad))
sys.exit(1 if bad else 0)
PY
}

# 1. External reward faults: exit code 1, a message naming the reward program, within the timeout.
for fault in crash hang garbage nan range wrong-id exit-at-start; do
    start=$(date +%s)
    "$milr" optimize --prompt "$prompt" --steps 2 --reward external --reward-timeout 3 \
        --reward-command "python3 $evaluator --fault $fault" --out "reward-$fault" > out.txt 2> err.txt
    code=$?
    seconds=$(( $(date +%s) - start ))
    echo "reward fault $fault: exit $code after ${seconds}s: $(tail -n 1 err.txt)"
    [ "$code" -eq 1 ] || fail "reward fault $fault: exit code $code, expected 1"
    grep -q "example_evaluator.py" err.txt || fail "reward fault $fault: the message does not name the program"
    [ "$seconds" -lt 60 ] || fail "reward fault $fault: took ${seconds}s"
    files_complete "reward-$fault" > /dev/null || fail "reward fault $fault: incomplete files"
done
"$milr" optimize --prompt "$prompt" --steps 1 --reward external --reward-timeout 3 \
    --reward-command "python3 $evaluator --fault crash-once" --out reward-crash-once > /dev/null 2> err.txt
code=$?
echo "reward fault crash-once: exit $code (restarted once)"
[ "$code" -eq 0 ] || fail "crash-once: exit $code, expected 0 after one restart: $(cat err.txt)"
"$milr" optimize --prompt "$prompt" --steps 1 --reward external --reward-command "no-such-reward-program --x" \
    --out reward-missing > /dev/null 2> err.txt
code=$?
echo "missing reward program: exit $code: $(tail -n 1 err.txt)"
[ "$code" -eq 1 ] || fail "missing program: exit $code"
grep -q "no-such-reward-program" err.txt || fail "missing program: not named"

# A reward timeout outside [0.1, 86400] s (9999999999 s overflowed the deadline and timed out at once): refused
# as a usage error naming the option.
for timeout in 9999999999 0 -1 nan; do
    "$milr" optimize --prompt "$prompt" --steps 1 --reward external --reward-timeout "$timeout" \
        --reward-command "python3 $evaluator" --out "reward-timeout-$timeout" > /dev/null 2> err.txt
    code=$?
    echo "--reward-timeout $timeout: exit $code: $(tail -n 1 err.txt)"
    [ "$code" -eq 2 ] || fail "--reward-timeout $timeout: exit $code, expected 2"
    grep -q -- "--reward-timeout must be within \[0.1, 86400\]" err.txt \
        || fail "--reward-timeout $timeout: no message naming the option and its range"
done

# 2. A checkpoint truncated in the middle of a tensor: refused naming the file, the folder left as it was.
cp -r "$source_root/resources/embedded-model" model-copy
size=$(stat -c %s model-copy/model.safetensors)
truncate -s $((size / 2)) model-copy/model.safetensors
before=$(sha256sum model-copy/* | sha256sum)
"$milr" generate --model model-copy --prompt "$prompt" --out truncated.png > /dev/null 2> err.txt
code=$?
echo "truncated checkpoint: exit $code: $(tail -n 1 err.txt)"
[ "$code" -eq 1 ] || fail "truncated checkpoint: exit $code, expected 1"
grep -q "model.safetensors" err.txt || fail "truncated checkpoint: the message does not name model.safetensors"
[ ! -e truncated.png ] || fail "truncated checkpoint: an image was written"
[ "$before" = "$(sha256sum model-copy/* | sha256sum)" ] || fail "truncated checkpoint: the model folder changed"

# 3. The disk fills while a trajectory is written (a 16 KiB file-size limit, which trajectory.json outgrows
#    after a few steps; SIGXFSZ ignored so that writes fail with EFBIG as on a full disk): a clear message,
#    exit 1, and every file there complete.
(trap '' XFSZ; ulimit -f 16; exec "$milr" optimize --prompt "$prompt" --steps 12 --threshold 1 --out full-disk) \
    > /dev/null 2> err.txt
code=$?
echo "full disk: exit $code: $(tail -n 1 err.txt)"
[ "$code" -eq 1 ] || fail "full disk: exit $code, expected 1"
grep -qi "too large\|no space\|cannot" err.txt || fail "full disk: no clear message: $(cat err.txt)"
bad=$(files_complete full-disk) || fail "full disk: incomplete files: $bad"

# 4. kill -9 in the middle of a run, once 1, 3 and 5 step images exist (the next one is being computed or
#    written): whatever is there is complete.
for target in 1 3 5; do
    "$milr" optimize --prompt "$prompt" --steps 40 --threshold 1 --out "killed-$target" > /dev/null 2>&1 &
    pid=$!
    for _ in $(seq 1 2400); do
        [ "$(find "killed-$target" -name 'step-*.png' 2> /dev/null | wc -l)" -ge "$target" ] && break
        sleep 0.05
    done
    kill -9 "$pid" 2> /dev/null
    wait "$pid" 2> /dev/null
    count=$(find "killed-$target" -name 'step-*.png' 2> /dev/null | wc -l)
    [ "$count" -ge "$target" ] || fail "kill -9: the run wrote $count step images, expected at least $target"
    bad=$(files_complete "killed-$target") || fail "kill -9 after $count steps: incomplete files: $bad"
    echo "kill -9 after $count step images: every file complete"
done

# 5. `milr bench`: Ctrl+C inside a prompt stops it within seconds (exit 3) and the prompt is not recorded as
#    finished; a second bench on the folder is refused naming the holder; a resume with other settings is
#    refused naming them; a full disk stops the bench with a clear message and every file complete; and
#    `milr judge` on a folder without prompt folders fails instead of scoring 0.
head -n 2 "$source_root/resources/geneval-shapes/evaluation_metadata.jsonl" > two-prompts.jsonl
bench=("$milr" bench --prompts two-prompts.jsonl --methods both --threshold 1)
"${bench[@]}" --steps 200 --out bench-int --progress json > /dev/null 2> bench-err.txt &
pid=$!
for _ in $(seq 1 2400); do
    grep -qE "step [0-9]+\)" bench-err.txt && break
    sleep 0.05
done
"${bench[@]}" --steps 200 --out bench-int > /dev/null 2> err.txt
code=$?
echo "second bench on the folder: exit $code: $(tail -n 1 err.txt)"
[ "$code" -eq 1 ] || fail "second bench: exit $code, expected 1"
grep -q "in use by another milr bench, pid $pid on host" err.txt || fail "second bench: the holder is not named: $(cat err.txt)"
start=$(date +%s%N)
kill -INT "$pid"
wait "$pid"
code=$?
milliseconds=$(( ($(date +%s%N) - start) / 1000000 ))
echo "bench interrupted inside a prompt: exit $code after ${milliseconds} ms"
[ "$code" -eq 3 ] || fail "bench Ctrl+C: exit $code, expected 3: $(tail -n 2 bench-err.txt)"
[ "$milliseconds" -lt 20000 ] || fail "bench Ctrl+C: took ${milliseconds} ms to stop"
[ ! -e bench-int/both/00000/samples/0000.png ] || fail "bench Ctrl+C: the interrupted prompt was recorded as finished"
"${bench[@]}" --steps 1 --seed 99 --out bench-int > /dev/null 2> err.txt
code=$?
echo "bench resumed with other settings: exit $code"
[ "$code" -eq 1 ] || fail "bench with other settings: exit $code, expected 1"
grep -q "steps: 200 in the folder, 1 now" err.txt && grep -q "seed: 42 in the folder, 99 now" err.txt ||
    fail "bench with other settings: the settings are not named: $(cat err.txt)"
(trap '' XFSZ; ulimit -f 16; exec "${bench[@]}" --steps 12 --out bench-full) > /dev/null 2> err.txt
code=$?
echo "bench on a full disk: exit $code: $(tail -n 1 err.txt)"
[ "$code" -eq 1 ] || fail "bench full disk: exit $code, expected 1"
grep -q "could not be written" err.txt || fail "bench full disk: no clear message: $(cat err.txt)"
bad=$(files_complete bench-full) || fail "bench full disk: incomplete files: $bad"
mkdir -p judge-empty/notes
"$milr" judge judge-empty > out.txt 2> err.txt
code=$?
echo "judge on a folder without prompt folders: exit $code: $(tail -n 1 err.txt)"
[ "$code" -eq 1 ] || fail "judge empty folder: exit $code, expected 1"
grep -q "holds no prompt folders" err.txt || fail "judge empty folder: no clear message: $(cat err.txt)"

# 6. Still usable: a normal run succeeds.
"$milr" optimize --prompt "$prompt" --steps 1 --out normal > /dev/null 2> err.txt || fail "normal run failed: $(cat err.txt)"
[ -s normal/final.png ] || fail "normal run: no final.png"

echo "fault injection: $failures failure(s)"
[ "$failures" -eq 0 ]
