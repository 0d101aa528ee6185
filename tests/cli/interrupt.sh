#!/usr/bin/env bash
# SIGTERM and Ctrl+C (SIGINT) with the real `milr` CLI: every long command (generate, optimize, bench, judge,
# train) stops soon after the signal with exit code 3 (interrupted), and a second signal exits at once. The
# 5-second limit is a generous guard against commands that ignore the signal, not a speed test; the measured
# times are printed (well under a second on an idle machine; train checks twice a codec step).
# Usage: interrupt.sh MILR SOURCE_ROOT
set -uo pipefail
source_root="$(readlink -f "$2")"
source "$(dirname "${BASH_SOURCE[0]}")/cli_test_lib.sh" "$1"
limit_ms=5000
prompt="a photo of a red circle"

now_ms() { date +%s%3N; }

# ready NAME READY: whether the command is at work: READY is a file it writes, or "phase:TEXT" for a phase its
# progress shows on stderr (a grep pattern; --progress json where the plain lines, one per phase, say too little).
ready() {
    case "$2" in
        phase:*) grep -aq "${2#phase:}" "$1.err" ;;
        *) [ -e "$2" ] ;;
    esac
}

# interrupt NAME SIGNAL READY COMMAND...: starts the command, waits until it is ready (see above), sends SIGNAL
# and checks the exit code and the time to exit.
interrupt() {
    local name="$1" signal="$2" ready="$3"
    shift 3
    "$@" > "$name.out" 2> "$name.err" &
    local pid=$!
    for _ in $(seq 1 1200); do
        ready "$name" "$ready" && break
        kill -0 "$pid" 2> /dev/null || break
        sleep 0.05
    done
    if ! kill -0 "$pid" 2> /dev/null; then
        wait "$pid"
        fail "$name: ended (exit $?) before the signal: $(tail -n 2 "$name.err")"
        return
    fi
    local sent
    sent=$(now_ms)
    kill "-$signal" "$pid"
    while kill -0 "$pid" 2> /dev/null && [ $(( $(now_ms) - sent )) -lt "$limit_ms" ]; do sleep 0.02; done
    local elapsed=$(( $(now_ms) - sent ))
    if kill -0 "$pid" 2> /dev/null; then
        kill -9 "$pid"
        wait "$pid" 2> /dev/null
        fail "$name: still running ${elapsed} ms after SIG$signal"
        return
    fi
    wait "$pid"
    local code=$?
    echo "$name: SIG$signal -> exit $code after ${elapsed} ms: $(tail -n 1 "$name.err")"
    [ "$code" -eq 3 ] || fail "$name: exit code $code, expected 3 (interrupted)"
}

# generate: interrupted while it thinks.
interrupt generate TERM phase:thinking "$milr" generate --prompt "$prompt" --out generate.png
[ ! -e generate.png ] || fail "generate: an image was written after the interrupt"

interrupt optimize TERM optimize/step-0000.png \
    "$milr" optimize --prompt "$prompt" --steps 200 --threshold 1 --out optimize
interrupt optimize-sigint INT optimize-sigint/step-0000.png \
    "$milr" optimize --prompt "$prompt" --steps 200 --threshold 1 --out optimize-sigint

interrupt bench TERM phase:both: "$milr" bench --methods both --steps 200 --threshold 1 --per-tag 1 --out bench

# judge: a folder in GenEval's layout with many copies of one image.
mkdir -p judged/00000/samples
cp optimize/step-0000.png judged/00000/samples/0000.png
for i in $(seq 1 3000); do ln -s 0000.png "judged/00000/samples/$(printf %04d "$i").png"; done
echo '{"tag": "single_object", "include": [{"class": "circle", "count": 1, "color": "red"}], "prompt": "'"$prompt"'"}' \
    > judged/00000/metadata.jsonl
interrupt judge TERM 'phase:"detail":"[1-9]' "$milr" judge --progress json judged

# train: a codec step takes up to a few seconds on a busy 2-core machine; the checks are before and inside it.
interrupt train TERM 'phase:"phase":"codec","detail":"step' "$milr" train --out train-out --work train-work --examples 4000 \
    --steps 100000 --vq-steps 100000 --threads 2 --progress json

# A second signal exits at once, even while the first one is being honoured.
"$milr" optimize --prompt "$prompt" --steps 200 --threshold 1 --out twice > /dev/null 2> twice.err &
pid=$!
for _ in $(seq 1 1200); do [ -e twice/step-0000.png ] && break; sleep 0.05; done
kill -TERM "$pid"; kill -TERM "$pid"
for _ in $(seq 1 250); do kill -0 "$pid" 2> /dev/null || break; sleep 0.02; done
kill -0 "$pid" 2> /dev/null && { kill -9 "$pid"; fail "second signal: still running after 5 s"; }
wait "$pid"
code=$?
echo "second signal: exit $code: $(tail -n 1 twice.err)"
[ "$code" -eq 3 ] || fail "second signal: exit code $code, expected 3"

echo "interrupt: $failures failure(s)"
[ "$failures" -eq 0 ]
