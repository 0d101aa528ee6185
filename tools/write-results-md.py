#!/usr/bin/env python3
"""Writes docs/RESULTS.md (to stdout) from a `milr bench` folder made by tools/make-results.sh."""
import json
import pathlib
import sys

out = pathlib.Path(sys.argv[1])
methods = ["base", "text", "image", "both", "best-of-n"]
summaries = {m: json.loads((out / m / "summary.json").read_text()) for m in methods if (out / m / "summary.json").exists()}
curves = json.loads((out / "scores-by-budget.json").read_text())
command = (out / "command.txt").read_text().strip()
seconds = int((out / "seconds.txt").read_text().strip()) if (out / "seconds.txt").exists() else None
tags = list(next(iter(summaries.values()))["tags"].keys())
calls = {}
for line in (out / "bench.log").read_text().splitlines():
    parts = line.split()
    if parts and parts[0] in methods and len(parts) == len(tags) + 3:
        calls[parts[0]] = parts[-1]

print("# Results: MILR on the embedded model (GenEval-Shapes held-out set)\n")
print("Produced by `tools/make-results.sh` from one `milr bench` run; nothing in this file is typed by hand.\n")
print("The reward is the GenEval-Shapes judge itself (dense score over the clause checks), as the paper's "
      "headline GenEval result uses the GenEval evaluator as its reward; a run stops when the reward passes 0.9. "
      "Scores are GenEval's: accuracy per tag, overall = the mean over the six tags. Best-of-N draws "
      "N = steps + 1 independent samples, the same number of reward calls as a MILR run at most, and keeps the best.\n")
base = summaries.get("base", {}).get("overall")
def counted(summary):
    return f"{summary['total_images']} prompt lines, {summary['total_prompts']} distinct prompts"


print(f"## Per tag, 16 steps ({counted(summaries['base'])})\n")
print("| method | overall | " + " | ".join(tags) + " | reward calls / prompt |")
print("|---|---|" + "---|" * len(tags) + "---|")
for m in methods:
    if m not in summaries:
        continue
    s = summaries[m]
    cells = [f"{s['tags'][t]['accuracy']:.3f}" for t in tags]
    delta = f" ({s['overall'] - base:+.3f})" if base is not None and m != "base" else ""
    print(f"| {m} | **{s['overall']:.3f}**{delta} | " + " | ".join(cells) + f" | {calls.get(m, '-') if m != 'base' else '-'} |")
print()
# The targets, checked on these numbers.
overall = {m: summaries[m]["overall"] for m in summaries}
rising = {m: all(b >= a for a, b in zip(c["overall"], c["overall"][1:])) for m, c in curves.items()}
yes = lambda ok: "yes" if ok else "**no**"
print("Checks against the paper's pattern:\n")
if "both" in overall:
    print(f"- both at 16 steps at least base + 0.15: {yes(overall['both'] >= base + 0.15)} ({overall['both'] - base:+.3f})")
for m in ("text", "image"):
    if m in overall:
        print(f"- {m}-only above base: {yes(overall[m] > base)} ({overall[m] - base:+.3f})")
if "best-of-n" in overall:
    for m in ("text", "image", "both"):
        if m in overall:
            print(f"- {m} at or above Best-of-N with the same reward budget: {yes(overall[m] >= overall['best-of-n'])} "
                  f"({overall[m] - overall['best-of-n']:+.3f})")
print(f"- scores rise with steps: " + ", ".join(f"{m} {yes(r)}" for m, r in rising.items()))
best = max((m for m in overall if m != "base"), key=lambda m: overall[m])
print(f"- highest at 16 steps: {best} ({overall[best]:.3f}); the paper has both (0.95) above text-only (0.94) and "
      f"image-only (0.93) on GenEval with Janus-Pro-7B")
print()
print("## Overall score against the step budget\n")
print("A run of k steps is the first k steps of the 16-step run with the same seed, so the score at budget k is "
      "read from the trajectories (`milr bench --budgets`): the image the method returns after k steps "
      "(the best so far), judged.\n")
budgets = next(iter(curves.values()))["budgets"]
print("| method | " + " | ".join(f"k={k}" for k in budgets) + " |")
print("|---|" + "---|" * len(budgets))
if base is not None:
    print("| base | " + " | ".join(f"{base:.3f}" for _ in budgets) + " |")
for m, c in curves.items():
    print(f"| {m} | " + " | ".join(f"{v:.3f}" for v in c["overall"]) + " |")
print()
print("![Overall score against steps](results-steps.png)\n")
comp = out / "compositional"
if comp.exists():
    comp_summaries = {m: json.loads((comp / m / "summary.json").read_text())
                      for m in methods if (comp / m / "summary.json").exists()}
    comp_tags = list(next(iter(comp_summaries.values()))["tags"].keys())
    print(f"## Compositional split, 16 steps ({counted(comp_summaries['base'])})\n")
    print("Combinations held out of training altogether (yellow triangle, purple cross and green square in "
          "color_attr; the shape pairs circle/triangle and square/cross in position; see "
          "`resources/geneval-shapes/README.md`).\n")
    print("| method | overall | " + " | ".join(comp_tags) + " |")
    print("|---|---|" + "---|" * len(comp_tags))
    comp_base = comp_summaries.get("base", {}).get("overall")
    for m in methods:
        if m not in comp_summaries:
            continue
        s = comp_summaries[m]
        delta = f" ({s['overall'] - comp_base:+.3f})" if comp_base is not None and m != "base" else ""
        print(f"| {m} | **{s['overall']:.3f}**{delta} | " +
              " | ".join(f"{s['tags'][t]['accuracy']:.3f}" for t in comp_tags) + " |")
    print()
print("## How this was made\n")
print("```")
print("tools/make-results.sh " + (sys.argv[2] if len(sys.argv) > 2 else "16"))
print("# which runs:")
print(command)
if (out / "command-compositional.txt").exists():
    print((out / "command-compositional.txt").read_text().strip())
print("build/tools/milr-results-plot --scores OUT/scores-by-budget.json --base OUT/base/summary.json --out docs/results-steps.png")
print("```\n")
if seconds is not None:
    print(f"Wall time of the main bench: {seconds // 60} min {seconds % 60} s on a 2-core machine.\n")
print("Model: `resources/embedded-model` (see its README for how it was trained). Seeds: prompt i uses seed 42 + i.")
