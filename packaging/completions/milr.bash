# Bash completion of `milr`, MILR Studio's command line: its commands, each command's options, and the values
# of the options that take a word from a list, a folder or a file. Installed as
# share/bash-completion/completions/milr; tests/cli/completion.sh checks it against `milr <command> --help`.

# The options of a command, as `milr <command> --help` lists them.
_milr_options() {
    local model="--model --device --precision"
    local run="--mode --lambda-t --lambda-v --lr --steps --threshold --seed --cfg --temperature --preset
               --max-reasoning-tokens --estimator --update --best-of-n-from"
    local reward="--reward --reward-command --reward-timeout --metadata"
    local progress="--quiet --progress"
    case "$1" in
        describe-model) echo "-h --help" ;;
        fetch) echo "-h --help --revision --include --cache --retries $progress" ;;
        models) echo "-h --help --cache --json" ;;
        generate) echo "-h --help --prompt --out --no-think $model $run $progress" ;;
        optimize) echo "-h --help --prompt --out $model $run $reward $progress" ;;
        bench) echo "-h --help --prompts --out --methods --list-methods --shard --per-tag --limit --budgets $model $run $reward $progress" ;;
        judge) echo "-h --help --results $progress" ;;
        train) echo "-h --help --out --work --seed --examples --vocab --hidden --layers --heads --intermediate --steps
                     --minutes --batch --lr --vq-minutes --vq-steps --vq-decoder-steps --vq-edge-weight --no-bf16
                     --threads $progress" ;;
    esac
}

# The options of any command that take a value.
_milr_value_options() {
    echo "--prompt --out --model --device --precision --mode --lambda-t --lambda-v --lr --steps --threshold --seed --cfg
          --temperature --preset --max-reasoning-tokens --estimator --update --best-of-n-from --reward --reward-command --reward-timeout --metadata --prompts
          --methods --shard --per-tag --limit --budgets --results --work --examples --vocab --hidden --layers --heads
          --intermediate --minutes --batch --vq-minutes --vq-steps --vq-decoder-steps --vq-edge-weight --threads
          --progress --revision --include --cache --retries"
}

# Files (-f) or folders (-d) for the word being completed, shown and quoted as file names.
_milr_paths() {
    compopt -o filenames 2> /dev/null
    local IFS=$'\n'
    COMPREPLY=($(compgen "$1" -- "$cur"))
}

_milr() {
    local cur="${COMP_WORDS[COMP_CWORD]}" prev="" command="" i
    COMPREPLY=()
    [ "$COMP_CWORD" -gt 0 ] && prev="${COMP_WORDS[COMP_CWORD - 1]}"
    # "--device=cu": bash splits the word at "=" (COMP_WORDBREAKS).
    if [ "$cur" = "=" ]; then
        cur=""
    elif [ "$prev" = "=" ] && [ "$COMP_CWORD" -gt 1 ]; then
        prev="${COMP_WORDS[COMP_CWORD - 2]}"
    fi
    for ((i = 1; i < COMP_CWORD; i++)); do
        case "${COMP_WORDS[i]}" in
            -*) ;;
            *) command="${COMP_WORDS[i]}"; break ;;
        esac
    done
    if [ -z "$command" ]; then
        COMPREPLY=($(compgen -W "describe-model fetch models generate optimize bench judge train --help --version" -- "$cur"))
        return 0
    fi
    case "$prev" in
        --device) COMPREPLY=($(compgen -W "cpu cuda" -- "$cur")); return 0 ;;
        --precision) COMPREPLY=($(compgen -W "fp32 bf16" -- "$cur")); return 0 ;;
        --mode) COMPREPLY=($(compgen -W "text image both best-of-n" -- "$cur")); return 0 ;;
        --preset) COMPREPLY=($(compgen -W "improved reference" -- "$cur")); return 0 ;;
        --estimator) COMPREPLY=($(compgen -W "authors reinforce" -- "$cur")); return 0 ;;
        --update) COMPREPLY=($(compgen -W "gradient random" -- "$cur")); return 0 ;;
        --best-of-n-from) COMPREPLY=($(compgen -W "same-reasoning sampled-reasoning prompt" -- "$cur")); return 0 ;;
        --reward) COMPREPLY=($(compgen -W "judge judge-binary self judge+self external" -- "$cur")); return 0 ;;
        --progress) COMPREPLY=($(compgen -W "auto plain json none" -- "$cur")); return 0 ;;
        --methods)
            # A comma-separated list: complete its last item with the methods not listed yet.
            local done="" last="$cur" method left=""
            if [[ "$cur" == *,* ]]; then done="${cur%,*},"; last="${cur##*,}"; fi
            for method in base text image both text-authors image-authors both-authors text-reinforce image-reinforce both-reinforce random-direction lr-0 best-of-n best-of-n-reasoning best-of-n-prompt; do
                [[ ",$done" == *",$method,"* ]] || left="$left $method"
            done
            COMPREPLY=($(compgen -P "$done" -W "$left" -- "$last"))
            return 0 ;;
        --model|--work|--cache) _milr_paths -d; return 0 ;;
        --out)
            if [ "$command" = generate ]; then _milr_paths -f; else _milr_paths -d; fi
            return 0 ;;
        --prompts|--results|--metadata) _milr_paths -f; return 0 ;;
        --reward-command) COMPREPLY=($(compgen -c -- "$cur")); return 0 ;;
    esac
    local option
    for option in $(_milr_value_options); do
        [ "$prev" = "$option" ] && return 0  # a number or a text: nothing to offer
    done
    if [[ "$cur" == -* ]]; then
        COMPREPLY=($(compgen -W "$(_milr_options "$command")" -- "$cur"))
    elif [ "$command" = judge ] || [ "$command" = describe-model ]; then
        _milr_paths -d
    fi
    return 0
}

complete -F _milr milr
