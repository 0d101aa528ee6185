#!/usr/bin/env bash
# Starts milr-studio in a virtual X server and takes a screenshot of the whole screen.
# Usage: tools/screenshot-studio.sh [output.png] [milr-studio arguments...]
#   MILR_STUDIO (path of the executable, default build/app/studio/milr-studio), MILR_SCREENSHOT_WAIT (seconds
#   before the screenshot, default 6), MILR_SCREENSHOT_SIZE (default 1400x900).
set -euo pipefail

output="${1:-studio.png}"
shift || true
studio="${MILR_STUDIO:-build/app/studio/milr-studio}"
wait_seconds="${MILR_SCREENSHOT_WAIT:-6}"
size="${MILR_SCREENSHOT_SIZE:-1400x900}"

for tool in xvfb-run import; do
    command -v "$tool" > /dev/null || { echo "screenshot-studio: '$tool' is missing (apt-get install xvfb imagemagick)" >&2; exit 1; }
done
[[ -x "$studio" ]] || { echo "screenshot-studio: no executable at '$studio' (build the milr-studio target, or set MILR_STUDIO)" >&2; exit 1; }

# A private settings folder, so the screenshot shows the defaults and never touches the user's settings.
config_home="$(mktemp -d)"
trap 'rm -rf "$config_home"' EXIT
output="$(realpath -m "$output")"
studio="$(realpath "$studio")"

XDG_CONFIG_HOME="$config_home" QT_QPA_PLATFORM=xcb xvfb-run -a -s "-screen 0 ${size}x24" bash -c '
    "$0" "${@:3}" &
    pid=$!
    sleep "$1"
    if ! kill -0 "$pid" 2> /dev/null; then echo "screenshot-studio: milr-studio exited early" >&2; exit 1; fi
    import -window root "$2"
    kill "$pid"
    wait "$pid" 2> /dev/null || true
' "$studio" "$wait_seconds" "$output" "$@"
echo "screenshot-studio: wrote $output"
