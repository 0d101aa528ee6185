#!/usr/bin/env bash
# `milr <command> --help` and `-h` print the command's usage, named "milr <command>" (not the program's path),
# list each option's default where it has one, and exit 0; --help-all (Qt's own options) is refused with a
# pointer to --help; an unknown option exits 2 and says how to get the usage. Usage: help.sh MILR
set -uo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/cli_test_lib.sh" "$1"

# entry FILE OPTION: the help entry of --OPTION (its lines up to the next option or the end of the list).
entry() {
    awk -v option="--$2" '
        /^  -/ { inside = 0; n = split($0, words, /[ ,]+/); for (i = 1; i <= n; ++i) if (words[i] == option) inside = 1 }
        /^$/ { inside = 0 }
        inside { print }' "$1"
}

declare -A usage=(
    [generate]="Usage: milr generate [options] <prompt>"
    [optimize]="Usage: milr optimize [options] <prompt>"
    [bench]="Usage: milr bench [options]"
    [judge]="Usage: milr judge [options] DIR"
    [train]="Usage: milr train [options]"
    [describe-model]="Usage: milr describe-model [options] FOLDER"
    [fetch]="Usage: milr fetch [options] MODEL"
    [models]="Usage: milr models [options]"
)
for command in generate optimize bench judge train describe-model fetch models; do
    for flag in --help -h; do
        "$milr" "$command" "$flag" > out.txt 2> err.txt
        code=$?
        [ "$code" -eq 0 ] || fail "milr $command $flag: exit $code, expected 0"
        first="$(head -n 1 out.txt)"
        [ "$first" = "${usage[$command]}" ] || fail "milr $command $flag: first line '$first', expected '${usage[$command]}'"
    done
    # Qt's lines are at most 79 characters; a default appended to a description keeps to that.
    long="$(awk 'length($0) > 79' out.txt)"
    [ -z "$long" ] || fail "milr $command --help: lines over 79 characters: $long"
    "$milr" "$command" --no-such-option > out.txt 2> err.txt
    code=$?
    [ "$code" -eq 2 ] || fail "milr $command --no-such-option: exit $code, expected 2"
    grep -q "milr $command --help" err.txt || fail "milr $command --no-such-option: no pointer to --help"
    # --help-all would list Qt's own options (-platform, -qmljsdebugger ...), which milr does not take.
    "$milr" "$command" --help-all > out.txt 2> err.txt
    code=$?
    [ "$code" -eq 2 ] || fail "milr $command --help-all: exit $code, expected 2"
    grep -q "milr $command --help" err.txt || fail "milr $command --help-all: no pointer to --help: $(cat err.txt)"
    ! grep -qi "platform\|qmljsdebugger" out.txt err.txt || fail "milr $command --help-all: lists Qt's options"
    "$milr" "$command" --help > out.txt 2> /dev/null
    ! grep -q -- "--help-all" out.txt || fail "milr $command --help: lists --help-all"
done

# Defaults: appended to the descriptions ("(default: 0.2)"), also when the description wraps, and not to
# options without one or whose description already names it.
# expect_default COMMAND OPTION DEFAULT (a glob pattern: the run options' defaults are the engine's, "[0-9.]*")
expect_default() {
    "$milr" "$1" --help > out.txt 2> /dev/null
    local text
    text="$(entry out.txt "$2" | tr -s ' \n' '  ')"
    # shellcheck disable=SC2053
    [[ "$text" == *"(default: "$3")"* ]] || fail "milr $1 --help: --$2 does not show '(default: $3)': '$text'"
}
# expect_no_default COMMAND OPTION
expect_no_default() {
    "$milr" "$1" --help > out.txt 2> /dev/null
    local text
    text="$(entry out.txt "$2")"
    [ -n "$text" ] || fail "milr $1 --help: no entry for --$2"
    [ "$(grep -o "default" <<< "$text" | wc -l)" -le 1 ] || fail "milr $1 --help: --$2 names its default twice: '$text'"
    [[ "$text" != *"(default: )"* ]] || fail "milr $1 --help: --$2 shows an empty default"
}
number="[0-9]*([0-9.])"
shopt -s extglob
expect_default optimize lambda-t "$number"
expect_default optimize lambda-v "$number"
expect_default optimize steps "$number"
expect_default generate temperature "$number"
expect_default bench max-reasoning-tokens "$number"
expect_default optimize device cpu
expect_default optimize reward judge
expect_default optimize reward-timeout 60
expect_default optimize progress auto
expect_default generate out generated.png
expect_default bench methods "base,text,image,both,best-of-n"
expect_default bench shard 0/1
expect_default train vq-edge-weight 1
expect_default train lr 0.002
expect_default judge progress auto
for option in model metadata preset prompt quiet; do expect_no_default optimize "$option"; done
expect_no_default train threads
# A value given with --help does not show as the default.
"$milr" optimize --device cuda:7 --help > out.txt 2> /dev/null
[[ "$(entry out.txt device | tr -s ' \n' '  ')" == *"(default: cpu)"* ]] || fail "milr optimize --device cuda:7 --help: --device does not show its default cpu"

rm -f out.txt err.txt
echo "help: $failures failure(s)"
[ "$failures" -eq 0 ]
