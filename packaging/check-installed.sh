#!/usr/bin/env bash
# Checks an installed MILR Studio (the Debian package, or any prefix): milr --version, a 2-step `milr optimize`
# on the embedded model in a temporary folder, the installed metainfo and desktop entry with Debian's
# validators, and the bash and zsh completion of `milr`. Usage: packaging/check-installed.sh [PREFIX] (default /usr).
set -euo pipefail
prefix="${1:-/usr}"
app_id="org.milrstudio.MilrStudio"
milr="$prefix/bin/milr"
[ -x "$milr" ] || { echo "check-installed: $milr is not installed" >&2; exit 1; }

work="$(mktemp -d "${TMPDIR:-/tmp}/milr-installed.XXXXXX")"
trap 'rm -rf "$work"' EXIT
cd "$work"
unset MILR_EMBEDDED_MODEL

echo "== $milr --version"
"$milr" --version
echo "== milr optimize, 2 steps, in $work"
start=$(date +%s)
"$milr" optimize --prompt "a photo of two red circles" --steps 2 --threshold 1 --seed 7 --out run
echo "optimize took $(( $(date +%s) - start )) s; wrote: $(cd run && echo *)"
[ -s run/trajectory.json ] && [ -s run/final.png ] || { echo "check-installed: the run wrote no trajectory" >&2; exit 1; }

metainfo="$prefix/share/metainfo/$app_id.metainfo.xml"
desktop="$prefix/share/applications/$app_id.desktop"
if command -v appstreamcli >/dev/null; then
  echo "== appstreamcli validate --no-net $metainfo"
  appstreamcli validate --no-net "$metainfo"
fi
if command -v desktop-file-validate >/dev/null; then
  echo "== desktop-file-validate $desktop"
  desktop-file-validate "$desktop"
fi
echo "== shell completion"
bash_completion="$prefix/share/bash-completion/completions/milr"
zsh_completion="$prefix/share/zsh/vendor-completions/_milr"
for file in "$bash_completion" "$zsh_completion"; do
  [ -s "$file" ] || { echo "check-installed: $file is not installed" >&2; exit 1; }
done
# The bash script completes `milr opt` to optimize once sourced.
completed="$(bash -c 'source "$1"; COMP_WORDS=(milr opt); COMP_CWORD=1; _milr; echo "${COMPREPLY[*]}"' _ "$bash_completion")"
[ "$completed" = optimize ] || { echo "check-installed: $bash_completion completes 'milr opt' to '$completed'" >&2; exit 1; }
if command -v zsh >/dev/null; then
  zsh -n "$zsh_completion"
fi
echo "$bash_completion and $zsh_completion installed"
echo "check-installed: all good"
