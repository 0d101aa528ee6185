#!/usr/bin/env bash
# `milr fetch` and `milr models` against a local stand-in of the Hugging Face Hub (tests/tools/hub_test_server.py on
# 127.0.0.1) serving the embedded model as a Janus-layout snapshot: a complete fetch that the normal loader then
# draws with; a cut connection resumed by the next fetch; a corrupt file refused; a gated model without HF_TOKEN; a
# missing model; a bad name; offline mode; the model list; a model that cannot fit in the (simulated) free memory.
# Usage: fetch.sh MILR SOURCE_ROOT
set -uo pipefail
source_root="$(readlink -f "$2")"
source "$(dirname "${BASH_SOURCE[0]}")/cli_test_lib.sh" "$1"
server_pid=""
trap 'rm -rf "$work"; [ -n "$server_pid" ] && kill "$server_pid" 2> /dev/null' EXIT
export HF_HUB_CACHE="$work/cache" HF_TOKEN="" HF_HOME="$work/hf-home" XDG_CONFIG_HOME="$work/config"
unset HF_HUB_OFFLINE

# start_server ARGS...: a fresh server (the previous one stopped) serving the embedded model; sets HF_ENDPOINT.
start_server() {
    [ -n "$server_pid" ] && kill "$server_pid" 2> /dev/null && wait "$server_pid" 2> /dev/null
    rm -f port.txt
    python3 "$source_root/tests/tools/hub_test_server.py" --repo "milr-test/embedded-shapes=$source_root/resources/embedded-model" \
        --log requests.jsonl "$@" > port.txt &
    server_pid=$!
    for _ in $(seq 50); do grep -q PORT port.txt 2> /dev/null && break; sleep 0.1; done
    export HF_ENDPOINT="http://127.0.0.1:$(awk '/PORT/ {print $2}' port.txt)"
}

# 1. A complete fetch prints the snapshot folder, which the normal loader draws with.
start_server
folder=$("$milr" fetch milr-test/embedded-shapes --progress plain 2> err.txt)
code=$?
echo "fetch: exit $code, $folder"
[ "$code" -eq 0 ] || fail "fetch: exit $code: $(tail -n 3 err.txt)"
case "$folder" in "$work/cache/models--milr-test--embedded-shapes/snapshots/"*) ;; *) fail "fetch: printed '$folder'";; esac
cmp -s "$folder/model.safetensors" "$source_root/resources/embedded-model/model.safetensors" || fail "fetch: the weights differ"
"$milr" generate --model "$folder" --prompt "a photo of a red circle" --out drawn.png > out.txt 2> err.txt \
    || fail "generate with the fetched model: $(tail -n 3 err.txt)"
[ -s drawn.png ] || fail "generate with the fetched model wrote no image"
"$milr" models > models.txt 2> err.txt || fail "models: $(tail -n 2 err.txt)"
grep -q "milr-test/embedded-shapes (main)" models.txt || fail "models does not list the fetched model: $(cat models.txt)"
grep -q "complete" models.txt || fail "models does not say the model is complete: $(cat models.txt)"
"$milr" models --json | python3 -c 'import json, sys
m = [json.loads(l) for l in sys.stdin]
assert any(x["name"] == "milr-test/embedded-shapes" and x["complete"] and x["layout"] for x in m), m' \
    || fail "models --json"

# 2. Offline: the cache answers, the network is not touched.
lines=$(wc -l < requests.jsonl)
offline=$(HF_HUB_OFFLINE=1 "$milr" fetch milr-test/embedded-shapes 2> err.txt) || fail "offline fetch: $(tail -n 2 err.txt)"
[ "$offline" = "$folder" ] || fail "offline fetch printed '$offline', expected '$folder'"
[ "$(wc -l < requests.jsonl)" -eq "$lines" ] || fail "offline fetch made requests"
HF_HUB_OFFLINE=1 "$milr" fetch milr-test/other > out.txt 2> err.txt
[ $? -eq 1 ] && grep -q "not in the Hub cache" err.txt || fail "offline, not cached: $(tail -n 2 err.txt)"

# 3. A connection cut halfway; the next fetch resumes from the bytes already there.
rm -rf "$HF_HUB_CACHE" requests.jsonl
start_server --cut-after 4000000
"$milr" fetch milr-test/embedded-shapes --retries 0 > out.txt 2> err.txt
code=$?
echo "cut: exit $code: $(tail -n 1 err.txt)"
[ "$code" -eq 1 ] || fail "cut: exit $code, expected 1"
grep -q "resumes from there" err.txt || fail "cut: the message does not say the fetch resumes: $(tail -n 2 err.txt)"
ls "$HF_HUB_CACHE"/models--milr-test--embedded-shapes/blobs/*.incomplete > /dev/null 2>&1 || fail "cut: no partial file kept"
"$milr" fetch milr-test/embedded-shapes --retries 0 > out.txt 2> err.txt || fail "resume: $(tail -n 2 err.txt)"
python3 - requests.jsonl << 'PY' || fail "resume: the second download did not start at the cut"
import json, sys
gets = [r for r in map(json.loads, open(sys.argv[1])) if r["method"] == "GET" and r["path"].startswith("/cdn-lfs/")]
assert len(gets) == 2 and gets[0]["sent"] == 4000000 and gets[1]["range"] == "bytes=4000000-", gets
PY
cmp -s "$(cat out.txt)/model.safetensors" "$source_root/resources/embedded-model/model.safetensors" || fail "resume: the weights differ"

# 4. A corrupt file: refused by name, removed.
rm -rf "$HF_HUB_CACHE"
start_server --corrupt model.safetensors
"$milr" fetch milr-test/embedded-shapes > out.txt 2> err.txt
code=$?
echo "corrupt: exit $code: $(tail -n 1 err.txt)"
[ "$code" -eq 1 ] && grep -q "model.safetensors is corrupt" err.txt || fail "corrupt: exit $code: $(tail -n 2 err.txt)"
! ls "$HF_HUB_CACHE"/models--milr-test--embedded-shapes/blobs/*.incomplete > /dev/null 2>&1 || fail "corrupt: partial file kept"

# 5. Gated without a token, a model that does not exist, a bad name.
start_server --gated milr-test/embedded-shapes --token hf_test
"$milr" fetch milr-test/embedded-shapes > out.txt 2> err.txt
[ $? -eq 1 ] && grep -q "gated or private.*HF_TOKEN" err.txt || fail "gated: $(tail -n 2 err.txt)"
HF_TOKEN=hf_test "$milr" fetch milr-test/embedded-shapes --include "*.json" > out.txt 2> err.txt || fail "gated with token: $(tail -n 2 err.txt)"
"$milr" fetch milr-test/no-such-model > out.txt 2> err.txt
[ $? -eq 1 ] && grep -q "no model milr-test/no-such-model" err.txt || fail "missing model: $(tail -n 2 err.txt)"
"$milr" fetch "../etc/passwd" > out.txt 2> err.txt
[ $? -eq 2 ] && grep -q "not a Hub model name" err.txt || fail "bad name: $(tail -n 2 err.txt)"

# 6. A model that cannot fit is refused before loading, saying what it needs, what is free and what to change.
MILR_AVAILABLE_MEMORY=1000 "$milr" generate --model "$source_root/resources/embedded-model" --prompt "a photo of a red circle" --out big.png \
    > out.txt 2> err.txt
code=$?
echo "no memory: exit $code: $(tail -n 1 err.txt)"
[ "$code" -eq 1 ] && grep -q "needs about .* is free" err.txt || fail "no memory: exit $code: $(tail -n 2 err.txt)"
[ ! -e big.png ] || fail "no memory: an image was written"
"$milr" describe-model "$source_root/resources/embedded-model" | grep -q "cpu bf16: [0-9]* bytes" || fail "describe-model prints no run estimate"

echo "fetch.sh: $failures failure(s)"
[ "$failures" -eq 0 ]
