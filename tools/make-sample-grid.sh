#!/bin/bash
# Draws docs/embedded-model-samples.png: the embedded model's base images for the first PER_TAG prompts of each
# tag of a `milr bench` folder (OUT/base from tools/make-results.sh), each labelled with its prompt and the
# judge's verdict (results.jsonl). Uses ImageMagick's montage (installed by tools/setup.sh).
# Usage: tools/make-sample-grid.sh [BENCH_BASE_FOLDER] [PER_TAG]
set -euo pipefail
cd "$(dirname "$0")/.."
base="${1:-results-bench/base}"
per_tag="${2:-4}"
list="$(mktemp)"
trap 'rm -f "$list"' EXIT
python3 - "$base" "$per_tag" > "$list" <<'PY'
import json, pathlib, sys, textwrap
base, per_tag = pathlib.Path(sys.argv[1]), int(sys.argv[2])
rows = {}  # one row per tag, in the order tags first appear
for line in (base / "results.jsonl").read_text().splitlines():
    r = json.loads(line)
    row = rows.setdefault(r["tag"], [])
    if len(row) < per_tag:
        mark = "PASS" if r["correct"] else "fail"
        label = "\n".join(textwrap.wrap(f"[{mark}] {r['prompt'].removeprefix('a photo of ')}", 26))
        row.append([r["filename"], label])
for row in rows.values():
    for entry in row:
        print(json.dumps(entry))
PY
args=()
while IFS= read -r entry; do
    file=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])[0])' "$entry")
    label=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])[1])' "$entry")
    args+=(-label "$label" "$file")
done < "$list"
montage "${args[@]}" -tile "${per_tag}x" -geometry 128x128+6+6 -font /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf -pointsize 10 -background white \
    docs/embedded-model-samples.png
echo "wrote docs/embedded-model-samples.png"
