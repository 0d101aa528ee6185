#!/usr/bin/env bash
# `milr <command> --help` and `-h` print the command's usage, named "milr <command>", and exit 0; an unknown option
# exits 2 and says how to get the usage. Usage: help.sh MILR
set -uo pipefail
milr="$(readlink -f "$1")"
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
for command in generate optimize bench judge train describe-model; do
    for flag in --help -h; do
        "$milr" "$command" "$flag" > out.txt 2> err.txt
        code=$?
        [ "$code" -eq 0 ] || fail "milr $command $flag: exit $code, expected 0"
        first="$(head -n 1 out.txt)"
        [[ "$first" == "Usage: milr $command [options]"* ]] || fail "milr $command $flag: first line '$first'"
    done
    "$milr" "$command" --no-such-option > out.txt 2> err.txt
    code=$?
    [ "$code" -eq 2 ] || fail "milr $command --no-such-option: exit $code, expected 2"
    grep -q "milr $command --help" err.txt || fail "milr $command --no-such-option: no pointer to --help"
done
rm -f out.txt err.txt
echo "help: $failures failure(s)"
[ "$failures" -eq 0 ]
