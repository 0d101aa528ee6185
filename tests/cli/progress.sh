#!/usr/bin/env bash
# Progress on stderr with the real CLI and the embedded model: redirected to a file (not a terminal), a run
# writes a few plain lines, not a redrawn bar; --progress json writes only JSON objects, one a line (progress
# events with phase, fraction, elapsed and time-left estimate; a step event per step with its reward; done
# events), the estimate absent until 5 % of the phase and 2 s have passed and never 0 before the end; --quiet
# writes nothing on stderr. Usage: progress.sh MILR
set -uo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/cli_test_lib.sh" "$1"
prompt="a photo of a red circle"

# Plain lines: loading (start, done) and the run (start, done); a line a minute at most in between.
"$milr" optimize "$prompt" --steps 2 --threshold 1 --out plain > plain.out 2> plain.err
code=$?
[ "$code" -eq 0 ] || fail "optimize (stderr to a file): exit $code: $(tail -n 3 plain.err)"
lines=$(wc -l < plain.err)
echo "optimize --steps 2, stderr to a file: $lines lines:"
sed 's/^/    /' plain.err
[ "$lines" -le 6 ] || fail "optimize wrote $lines lines on a redirected stderr, expected at most 6"
! grep -q $'\r\|\033' plain.err || fail "optimize drew a terminal bar (carriage return or escape) into a file"
[ "$(grep -c '^step ' plain.out)" -eq 3 ] || fail "optimize: expected 3 step lines on stdout: $(cat plain.out)"

# --quiet: no progress at all; the results still on stdout.
"$milr" optimize "$prompt" --steps 2 --threshold 1 --quiet --out quiet > quiet.out 2> quiet.err
code=$?
[ "$code" -eq 0 ] || fail "optimize --quiet: exit $code"
[ ! -s quiet.err ] || fail "optimize --quiet wrote on stderr: $(head -n 3 quiet.err)"
[ "$(grep -c '^step ' quiet.out)" -eq 3 ] || fail "optimize --quiet: expected 3 step lines on stdout"

# check_json FILE NAME STEPS [CONTEXT...]: every line an object, the events as documented, STEPS step events
# (each with a reward and the CONTEXT fields), the estimate's rules.
check_json() {
    python3 - "$@" << 'PYTHON' || fail "$2: $(tail -n 1 json-check.txt)"
import json, sys
path, name, steps, context = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4:]
events = []
with open(path, encoding="utf-8") as f, open("json-check.txt", "w") as report:
    def problem(text):
        report.write(text + "\n")
        sys.exit(1)
    for number, line in enumerate(f, 1):
        try:
            event = json.loads(line)
        except ValueError as error:
            problem(f"line {number} is not JSON ({error}): {line!r}")
        if not isinstance(event, dict) or "event" not in event:
            problem(f"line {number} is not an event object: {line!r}")
        events.append(event)
    progress = [e for e in events if e["event"] == "progress"]
    step_events = [e for e in events if e["event"] == "step"]
    done = {e["phase"]: e for e in events if e["event"] == "done"}
    kinds = {e["event"] for e in events}
    if not kinds <= {"progress", "step", "done"}:
        problem(f"unknown events: {kinds}")
    for e in progress:
        for key in ("phase", "detail", "fraction", "elapsed_s", "eta_s"):
            if key not in e:
                problem(f"progress event without {key}: {e}")
        if not 0 <= e["fraction"] <= 1:
            problem(f"fraction out of [0, 1]: {e}")
    phases = []
    for e in progress:
        if e["phase"] not in phases:
            phases.append(e["phase"])
    if "loading" not in phases or "loading" not in done:
        problem(f"no loading phase, or it is not done: phases {phases}, done {list(done)}")
    for phase in phases:
        if phase not in done:
            problem(f"phase {phase} has no done event")
        events_of = [e for e in progress if e["phase"] == phase]
        start = events_of[0]["fraction"]
        for e in events_of:
            if e["eta_s"] is None:
                continue
            if e["elapsed_s"] < 2 or e["fraction"] - start < 0.05 * (1 - start):
                problem(f"an estimate before 2 s and 5 % of the phase: {e}")
            if e["fraction"] < 0.95 and e["eta_s"] <= 0:
                problem(f"an estimate of {e['eta_s']} s at {e['fraction']:.0%}: {e}")
            # Far below the time the phase then took: an estimate from the last moments only, not the phase's
            # pace (the loose factor leaves room for a busy machine).
            truth = done[phase]["elapsed_s"] - e["elapsed_s"]
            if truth >= 2 and e["eta_s"] < truth / 8:
                problem(f"an estimate of {e['eta_s']} s where {truth:.1f} s were left: {e}")
    if len(step_events) != steps:
        problem(f"{len(step_events)} step events, expected {steps}: {step_events}")
    for e in step_events:
        if not isinstance(e.get("step"), int) or not isinstance(e.get("reward"), (int, float)) or "passed" not in e:
            problem(f"a step event without step, reward or passed: {e}")
        for key in context:
            if key not in e:
                problem(f"a step event without {key}: {e}")
    estimates = [e for e in progress if e["eta_s"] is not None]
    for phase in phases:
        if done[phase]["elapsed_s"] >= 4 and not any(e["phase"] == phase for e in estimates):
            problem(f"phase {phase} took {done[phase]['elapsed_s']} s and never showed an estimate")
    print(f"{name}: {len(events)} JSON lines, {len(progress)} progress events in phases {phases}, "
          f"{len(step_events)} steps, {len(estimates)} with an estimate")
    for e in estimates[:: max(1, len(estimates) // 6)]:
        truth = done[e["phase"]]["elapsed_s"] - e["elapsed_s"]
        print(f"    {e['phase']} at {e['fraction']:.0%} after {e['elapsed_s']} s: {e['eta_s']} s left (actually {truth:.1f} s)")
PYTHON
}

# Enough steps for the run to take more than the 2 s before an estimate (about 5 s on a 2-core machine).
"$milr" optimize "$prompt" --steps 24 --threshold 1 --progress json --out json > json.out 2> json.err
code=$?
[ "$code" -eq 0 ] || fail "optimize --progress json: exit $code: $(tail -n 3 json.err)"
check_json json.err "optimize --progress json" 25

"$milr" generate "$prompt" --progress json --out generated.png > generate.out 2> generate.err
code=$?
[ "$code" -eq 0 ] || fail "generate --progress json: exit $code: $(tail -n 3 generate.err)"
check_json generate.err "generate --progress json" 1

"$milr" bench --methods base,both --limit 1 --steps 1 --threshold 1 --progress json --out bench > bench.out 2> bench.err
code=$?
[ "$code" -eq 0 ] || fail "bench --progress json: exit $code: $(tail -n 3 bench.err)"
check_json bench.err "bench --progress json" 2 method prompt

echo "progress: $failures failure(s)"
[ "$failures" -eq 0 ]
