#!/usr/bin/env bash
# Shell completion of `milr` (packaging/completions/): the bash script, sourced, completes commands, options
# and option values; both scripts list exactly the options each command's --help lists (so an option added to
# a command without its completion fails here). The zsh script is checked when zsh is installed.
# Usage: completion.sh MILR SOURCE_ROOT
set -uo pipefail
export LC_ALL=C
source_root="$(readlink -f "$2")"
source "$(dirname "${BASH_SOURCE[0]}")/cli_test_lib.sh" "$1"
bash_script="$source_root/packaging/completions/milr.bash"
zsh_script="$source_root/packaging/completions/_milr"
# The words of stdin, sorted, unique, on one line.
sorted_words() { tr -s ' \t\n' '\n\n\n' | sed '/^$/d' | sort -u | tr '\n' ' ' | sed 's/ $//'; }
commands="describe-model fetch models generate optimize bench judge train"

# shellcheck source=/dev/null
source "$bash_script" || fail "sourcing $bash_script failed"
[[ "$(complete -p milr 2> /dev/null)" == *"-F _milr"* ]] || fail "the bash script does not register _milr for milr"

# completes EXPECTED WORD...: completing the last WORD of the command line WORD... offers EXPECTED.
completes() {
    local expected="$1"
    shift
    COMP_WORDS=("$@")
    COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ))
    COMPREPLY=()
    _milr
    local got
    got="$( ((${#COMPREPLY[@]})) && printf '%s\n' "${COMPREPLY[@]}" | sorted_words)"
    [ "$got" = "$expected" ] || fail "completing '$*': '$got', expected '$expected'"
}
completes "optimize" milr opt
completes "describe-model" milr d
completes "--help --version bench describe-model fetch generate judge models optimize train" milr ""
completes "--lambda-t --lambda-v" milr optimize --lam
completes "--lambda-t --lambda-v" milr optimize --steps 3 --lam
completes "cpu cuda" milr optimize --device ""
completes "cpu cuda" milr optimize --device = c
completes "bf16" milr generate --precision b
completes "best-of-n both" milr bench --mode b
completes "both,base both,best-of-n both,best-of-n-prompt both,best-of-n-reasoning both,both-authors both,both-reinforce" \
    milr bench --methods both,b
completes "authors reinforce" milr optimize --estimator ""
completes "prompt" milr bench --best-of-n-from p
completes "base,text,image base,text,image-authors base,text,image-reinforce" milr bench --methods base,text,i
completes "json" milr train --progress j
completes "judge judge+self judge-binary" milr optimize --reward judge
completes "" milr optimize --steps ""
completes "--vq-decoder-steps --vq-edge-weight --vq-minutes --vq-steps" milr train --vq
completes "--no-think" milr generate --no
mkdir -p models/one && touch models/file.txt
completes "models/one" milr describe-model models/
completes "models/file.txt models/one" milr optimize --metadata models/

# options_of_help COMMAND: the option names `milr COMMAND --help` lists; value_options_of_help: those taking a value.
options_of_help() {
    "$milr" "$1" --help | awk '/^  -/ { split($0, parts, /  +/); print parts[2] }' | tr ',' '\n' |
        awk '{ print $1 }' | sorted_words
}
value_options_of_help() {
    "$milr" "$1" --help | awk '/^  -/ { split($0, parts, /  +/); print parts[2] }' | grep '<' | tr ',' '\n' |
        awk '$1 ~ /^--/ { print $1 }' | sorted_words
}
for command in $commands; do
    help_options="$(options_of_help "$command")"
    [ -n "$help_options" ] || fail "milr $command --help lists no options"
    bash_options="$(_milr_options "$command" | sorted_words)"
    [ "$bash_options" = "$help_options" ] ||
        fail "bash completion of milr $command: '$bash_options', --help lists '$help_options'"
    for option in $(value_options_of_help "$command"); do
        _milr_value_options | grep -qw -- "$option" || fail "bash completion: $option takes a value but is not in _milr_value_options"
    done
done

if command -v zsh > /dev/null; then
    zsh -n "$zsh_script" || fail "zsh -n $zsh_script"
    for command in $commands; do
        help_options="$(options_of_help "$command")"
        # The _arguments specifications of the command, reduced to option names ("(--quiet)--progress=[...]").
        zsh_options="$(zsh -fc 'compdef() { :; }; source "$1"; _milr_specs "$2"; print -rl -- $reply' _ "$zsh_script" "$command" |
            sed -E 's/^\([^)]*\)//; s/^\*//' | grep '^-' | sed -E 's/(=|\[|:).*//' | sorted_words)"
        [ "$zsh_options" = "$help_options" ] ||
            fail "zsh completion of milr $command: '$zsh_options', --help lists '$help_options'"
    done
else
    echo "zsh is not installed: the zsh script is not checked"
fi

echo "completion: $failures failure(s)"
[ "$failures" -eq 0 ]
