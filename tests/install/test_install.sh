#!/usr/bin/env bash
# Installs the build into a temporary prefix and runs the installed milr there: --version, and a 2-step
# `milr optimize` on the embedded model found from the prefix (with the source tree's resources hidden when
# the system allows a private mount), then checks the installed layout, the binaries' run paths and the
# trajectory the run wrote.
# Usage: test_install.sh BUILD_DIR SOURCE_DIR VERSION APP_ID
set -euo pipefail
build="$1" source="$2" version="$3" app_id="$4"

fail() { echo "FAIL: $*" >&2; exit 1; }

prefix="$(mktemp -d "${TMPDIR:-/tmp}/milr-install-test.XXXXXX")"
trap 'rm -rf "$prefix"' EXIT
case "$prefix" in "$source"/*) fail "the temporary prefix $prefix lies inside the source tree" ;; esac

echo "== cmake --install $build --prefix $prefix/usr"
cmake --install "$build" --prefix "$prefix/usr" >"$prefix/install.log" || { cat "$prefix/install.log"; fail "cmake --install failed"; }
usr="$prefix/usr"

echo "== installed layout"
expected=(
  bin/milr bin/milr-studio
  share/milr-studio/embedded-model/config.json share/milr-studio/embedded-model/model.safetensors
  share/milr-studio/embedded-model/tokenizer.model share/milr-studio/embedded-model/tokenizer_config.json
  share/milr-studio/embedded-model/README.md
  share/milr-studio/geneval-shapes/evaluation_metadata.jsonl share/milr-studio/geneval-shapes/compositional_metadata.jsonl
  "share/applications/$app_id.desktop" "share/metainfo/$app_id.metainfo.xml"
  "share/icons/hicolor/scalable/apps/$app_id.svg"
  share/doc/milr-studio/README.md share/doc/milr-studio/user-guide.md share/doc/milr-studio/developer-guide.md
  share/bash-completion/completions/milr share/zsh/vendor-completions/_milr
)
for size in 16 24 32 48 64 128 256; do expected+=("share/icons/hicolor/${size}x${size}/apps/$app_id.png"); done
for file in "${expected[@]}"; do [ -s "$usr/$file" ] || fail "$file is missing or empty in the installed tree"; done
cmp -s "$source/resources/embedded-model/model.safetensors" "$usr/share/milr-studio/embedded-model/model.safetensors" \
  || fail "the installed model.safetensors differs from resources/embedded-model/model.safetensors"
echo "${#expected[@]} files present"

echo "== run paths and libraries of the installed binaries"
for exe in milr milr-studio; do
  runpath="$(readelf -d "$usr/bin/$exe" | grep -E 'R(UN)?PATH' || true)"
  case "$runpath" in *"$build"*|*"$source"*) fail "$exe keeps a run path into the build or source tree: $runpath" ;; esac
  missing="$(ldd "$usr/bin/$exe" | grep 'not found' || true)"
  [ -z "$missing" ] || fail "$exe needs libraries that are not found: $missing"
  echo "$exe: ${runpath:-no RPATH/RUNPATH}; every library found"
done

# Run from a folder outside the source tree, with no model override.
work="$prefix/work"
mkdir -p "$work"
cd "$work"
unset MILR_EMBEDDED_MODEL

echo "== milr --version"
out="$("$usr/bin/milr" --version)"
echo "$out"
[[ "$out" == *"$version"* ]] || fail "milr --version does not name the version $version"
out="$(QT_QPA_PLATFORM=offscreen "$usr/bin/milr-studio" --version 2>/dev/null)"
echo "$out"
[[ "$out" == *"$version"* ]] || fail "milr-studio --version does not name the version $version"

# Hide the source tree's resources from the run (a private tmpfs mount in a user namespace), so only the
# installed copy of the embedded model can be found; where the system forbids that, run as it is.
hide=()
if unshare --mount --map-root-user true 2>/dev/null; then
  hide=(unshare --mount --map-root-user sh -c 'mount -t tmpfs none "$0" && exec "$@"' "$source/resources")
  echo "== milr optimize (source resources hidden by a private mount)"
else
  echo "== milr optimize (a private mount is not allowed here: the source resources stay visible)"
fi
"${hide[@]}" "$usr/bin/milr" optimize --prompt "a photo of two red circles" --steps 2 --threshold 1 --seed 7 \
  --out "$work/run" || fail "milr optimize from the installed prefix failed"

echo "== trajectory"
python3 - "$work/run" <<'PY'
import json, os, sys
run = sys.argv[1]
t = json.load(open(os.path.join(run, "trajectory.json")))
def check(ok, what):
    if not ok:
        sys.exit("FAIL: trajectory: " + what)
check(t.get("format") == "milr-trajectory", "format is %r" % t.get("format"))
check(t.get("model") == "embedded-model", "model is %r, not the embedded model" % t.get("model"))
check(t.get("error") == "" and not t.get("cancelled"), "the run reports error %r" % t.get("error"))
check(t["options"]["steps"] == 2, "options.steps is %r" % t["options"]["steps"])
steps = [s["step"] for s in t["steps"]]
check(steps == [0, 1, 2], "steps are %r, expected the initial draw and 2 MILR steps" % steps)
for s in t["steps"]:
    check(0.0 <= s["reward"] <= 1.0, "step %d reward %r outside [0, 1]" % (s["step"], s["reward"]))
    with open(os.path.join(run, s["image"]), "rb") as f:
        check(f.read(8) == b"\x89PNG\r\n\x1a\n", "%s is not a PNG" % s["image"])
check(os.path.getsize(os.path.join(run, "final.png")) > 0, "final.png is missing")
print("steps %s, rewards %s, returned step %d" % (steps, [round(s["reward"], 3) for s in t["steps"]], t["returned_step"]))
PY

if command -v appstreamcli >/dev/null; then
  echo "== appstreamcli validate-tree --no-net"
  appstreamcli validate-tree --no-net "$usr" || fail "the installed tree does not validate"
fi
echo "PASS"
