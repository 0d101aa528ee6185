#!/usr/bin/env bash
# Bad command lines are refused before anything loads: exit code 2, a message naming the option (and, for
# --methods, every valid method), no "loading" line on stderr, nothing written, well within the time the model
# takes to load. Usage: usage.sh MILR
set -uo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/cli_test_lib.sh" "$1"
now_ms() { date +%s%3N; }
prompt="a photo of a red circle"

# refused NAME EXPECTED_TEXT COMMAND...: exit 2, EXPECTED_TEXT (a grep pattern) in the message, no loading.
refused() {
    local name="$1" expected="$2"
    shift 2
    local started
    started=$(now_ms)
    "$@" > out.txt 2> err.txt
    local code=$? elapsed=$(( $(now_ms) - started ))
    echo "$name: exit $code after $elapsed ms: $(tail -n 1 err.txt)"
    [ "$code" -eq 2 ] || fail "$name: exit $code, expected 2 (bad command line)"
    grep -q -- "$expected" err.txt || fail "$name: the message does not say '$expected': $(tail -n 2 err.txt)"
    ! grep -qi "loading" err.txt || fail "$name: refused only after loading: $(grep -ai -m 2 loading err.txt)"
    [ ! -e out ] || fail "$name: wrote the output folder"
}

refused "bench unknown method" "unknown method 'magic'" "$milr" bench --methods both,magic --out out
grep -q "base, text, image, both, .*, best-of-n, best-of-n-reasoning, best-of-n-prompt" err.txt || fail "bench unknown method: the valid methods are not listed: $(tail -n 1 err.txt)"
refused "bench no method" "no method" "$milr" bench --methods , --out out
refused "bench method twice" "'both' is listed twice" "$milr" bench --methods both,text,both --out out
refused "bench bad lambda" "lambda" "$milr" bench --methods both --lambda-t 2 --out out
refused "bench bad steps" "steps" "$milr" bench --methods both --steps -1 --out out
refused "bench unknown reward" "unknown reward 'magic'" "$milr" bench --reward magic --out out
refused "bench external reward without a program" "--reward-command" "$milr" bench --reward external --out out
refused "bench missing prompt file" "no-such.jsonl: no such file" "$milr" bench --prompts no-such.jsonl --out out
refused "bench bad shard" "shard" "$milr" bench --shard 3/2 --out out
refused "bench bad budgets" "budgets" "$milr" bench --budgets 1,x --out out
refused "bench argument" "no arguments" "$milr" bench both --out out
refused "bench bad progress" "unknown style 'bar'" "$milr" bench --progress bar --out out
touch a-file
refused "bench out is a file" "a-file is a file, not a folder" "$milr" bench --methods both --out a-file
refused "optimize out is a file" "a-file is a file, not a folder" "$milr" optimize "$prompt" --out a-file
refused "generate out in a missing folder" "no folder no-such-folder" "$milr" generate "$prompt" --out no-such-folder/x.png
refused "generate bad lambda" "lambda" "$milr" generate "$prompt" --lambda-v 3 --out out
refused "generate no prompt" "no prompt" "$milr" generate --out out
refused "generate two prompts" "give one prompt" "$milr" generate a photo --out out
refused "optimize prompt twice" "give the prompt once" "$milr" optimize "$prompt" --prompt "$prompt" --out out
refused "optimize unknown reward" "unknown reward 'magic'" "$milr" optimize "$prompt" --reward magic --out out
refused "optimize bad temperature" "temperature" "$milr" optimize "$prompt" --temperature 0 --out out
refused "optimize quiet and json" "contradict" "$milr" optimize "$prompt" --quiet --progress json --out out
refused "train bad threads" "--threads" "$milr" train --threads many --out out --work out
refused "train bad progress" "unknown style" "$milr" train --progress fancy --out out --work out
refused "judge bad progress" "unknown style" "$milr" judge --progress fancy out

echo "usage: $failures failure(s)"
[ "$failures" -eq 0 ]
