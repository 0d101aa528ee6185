#!/usr/bin/env bash
# Out-of-range run options are usage errors (exit 2) named by their option, from the one range table, and are found
# before anything is loaded. Usage: ranges.sh MILR
set -uo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/cli_test_lib.sh" "$1"
check() {  # check "<message>" args...
    local says="$1"
    shift
    "$milr" "$@" > out.txt 2> err.txt
    local code=$?
    echo "milr $*: exit $code: $(tail -n 1 err.txt)"
    [ "$code" -eq 2 ] || fail "milr $*: exit $code, expected 2"
    grep -qF -- "$says" err.txt || fail "milr $*: no '$says' in: $(cat err.txt)"
    ! grep -qi "loading" err.txt || fail "milr $*: loaded the model before refusing the option"
}
for command in optimize generate; do
    check "--lambda-t must be within [0, 1], not 1.5" "$command" --prompt "a red circle" --lambda-t 1.5
    check "--steps must be a whole number within [0, 200], not 10000" "$command" --prompt "a red circle" --steps 10000
    check "--steps must be a whole number within [0, 200], not 2.5" "$command" --prompt "a red circle" --steps 2.5
    check "--lr must be within [0, 1], not -0.1" "$command" --prompt "a red circle" --lr -0.1
    check "--cfg must be within [0, 20], not -1" "$command" --prompt "a red circle" --cfg -1
    check "--seed must be a whole number >= 0" "$command" --prompt "a red circle" --seed -4
done
check "--threshold must be within [0, 1], not nan" optimize --prompt "a red circle" --threshold nan
check "--reward: unknown reward 'magic'" optimize --prompt "a red circle" --reward magic
check "--reward external needs --reward-command (the program" optimize --prompt "a red circle" --reward external
rm -f out.txt err.txt
echo "ranges: $failures failure(s)"
[ "$failures" -eq 0 ]
