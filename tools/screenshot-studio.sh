#!/usr/bin/env bash
# Starts milr-studio in a virtual X server, waits for its run to end, and takes a screenshot of the whole screen.
# Usage: tools/screenshot-studio.sh [output.png] [milr-studio arguments...]
#   default arguments: --prompt "a photo of two red circles" --run --steps 8
#   MILR_STUDIO (path of the executable, default build/app/studio/milr-studio), MILR_SCREENSHOT_TIMEOUT (seconds the
#   run may take, default 900), MILR_SCREENSHOT_SIZE (default 1400x900), MILR_SCREENSHOT_SETTINGS (an INI file of
#   studio settings to start from, e.g. "[window]" and "compare=true" for the compare view).
# Examples (docs/screenshots/):
#   tools/screenshot-studio.sh presentation.png --prompt "a photo of two red circles" --run --steps 8 --present
#   MILR_SCREENSHOT_SETTINGS=compare.ini tools/screenshot-studio.sh compare.png --prompt "..." --run --steps 8
# With --run, the screenshot is taken once the studio prints that the run ended (its --quit-after-run option);
# without it, after MILR_SCREENSHOT_WAIT seconds (default 6).
set -euo pipefail

output="${1:-studio.png}"
shift || true
if [[ $# -eq 0 ]]; then set -- --prompt "a photo of two red circles" --run --steps 8; fi
studio="${MILR_STUDIO:-build/app/studio/milr-studio}"
timeout_seconds="${MILR_SCREENSHOT_TIMEOUT:-900}"
wait_seconds="${MILR_SCREENSHOT_WAIT:-6}"
size="${MILR_SCREENSHOT_SIZE:-1400x900}"
start_settings="${MILR_SCREENSHOT_SETTINGS:-}"

for tool in xvfb-run import; do
    command -v "$tool" > /dev/null || { echo "screenshot-studio: '$tool' is missing (apt-get install xvfb imagemagick)" >&2; exit 1; }
done
[[ -x "$studio" ]] || { echo "screenshot-studio: no executable at '$studio' (build the milr-studio target, or set MILR_STUDIO)" >&2; exit 1; }
[[ -z "$start_settings" || -f "$start_settings" ]] || { echo "screenshot-studio: no settings file at '$start_settings'" >&2; exit 1; }

wants_run=0
for argument in "$@"; do [[ "$argument" == "--run" ]] && wants_run=1; done

# A private settings folder, so the screenshot shows the defaults (or the given settings) and never touches the
# user's settings.
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
if [[ -n "$start_settings" ]]; then
    mkdir -p "$work/MILR"
    cp "$start_settings" "$work/MILR/MILR Studio.conf"
fi
output="$(realpath -m "$output")"
studio="$(realpath "$studio")"

XDG_CONFIG_HOME="$work" QT_QPA_PLATFORM=xcb xvfb-run -a -s "-screen 0 ${size}x24" bash -c '
    studio="$1" output="$2" log="$3" wants_run="$4" timeout_seconds="$5" wait_seconds="$6"
    shift 6
    if [[ "$wants_run" == 1 ]]; then
        "$studio" "$@" --quit-after-run 3 > "$log" 2>&1 &
    else
        "$studio" "$@" > "$log" 2>&1 &
    fi
    pid=$!
    if [[ "$wants_run" == 1 ]]; then
        waited=0
        until grep -q "^milr-studio: run " "$log"; do
            if ! kill -0 "$pid" 2> /dev/null; then echo "screenshot-studio: milr-studio exited before its run ended:" >&2; cat "$log" >&2; exit 1; fi
            if (( waited >= timeout_seconds )); then echo "screenshot-studio: the run did not end within ${timeout_seconds} s" >&2; kill "$pid"; exit 1; fi
            sleep 1
            waited=$((waited + 1))
        done
        grep "^milr-studio: run " "$log"
        sleep 1  # the last repaint
    else
        sleep "$wait_seconds"
        if ! kill -0 "$pid" 2> /dev/null; then echo "screenshot-studio: milr-studio exited early:" >&2; cat "$log" >&2; exit 1; fi
    fi
    # The studio window alone (the top-level window of class milr-studio), else the whole screen.
    window_id="$(xwininfo -root -tree 2> /dev/null | awk '"'"'/\("milr-studio" / { print $1; exit }'"'"')"
    import -window "${window_id:-root}" "$output"
    kill "$pid" 2> /dev/null || true
    wait "$pid" 2> /dev/null || true
' _ "$studio" "$output" "$work/studio.log" "$wants_run" "$timeout_seconds" "$wait_seconds" "$@"
echo "screenshot-studio: wrote $output"
