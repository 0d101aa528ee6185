#!/usr/bin/env python3
"""Writes docs/RESULTS.md (to stdout) and the plots' input files from the fidelity study (tools/make-results.sh).

Usage: write-results-md.py STUDY_FOLDER PLOT_FOLDER [RECORD_FOLDER]. The bench folders under STUDY_FOLDER
(STUDY/{heldout,compositional}/seed<S>/shard<i>/<method>/: GenEval's layout with results.jsonl and trajectories;
STUDY/ablation/<point>/both/) are boiled down, per set and seed once every method finished every line, to one
compact record, RECORD_FOLDER/<set>-seed<S>.jsonl.gz (default docs/study: committed, so a study grows seed by seed
across machines). Every number of the page comes from those records and the ablation's summaries. Writes
PLOT_FOLDER/curves.json (budget curves with their intervals), PLOT_FOLDER/ablation.json (the heat map's grid) and
PLOT_FOLDER/examples.json (the studio's examples)."""
import gzip
import hashlib
import json
import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import study_stats  # noqa: E402

STUDY = pathlib.Path(sys.argv[1])
PLOTS = pathlib.Path(sys.argv[2])
RECORDS = pathlib.Path(sys.argv[3]) if len(sys.argv) > 3 else pathlib.Path("docs/study")
SETTINGS = json.loads((STUDY / "study.json").read_text())
BUDGETS = SETTINGS["budgets"]
RESAMPLES = 2000
REFERENCE = "best-of-n"  # every method is compared with Best-of-N at the same reward budget
CONTROLS = ["random-direction", "lr-0"]
MILR_METHODS = ["text-authors", "image-authors", "both-authors", "text-reinforce", "image-reinforce",
                "both-reinforce", "random-direction", "lr-0"]


def prompt_index(filename):
    return int(pathlib.Path(filename).parent.parent.name)


def compact_step(s):
    """What the statistics need of a step record: its reward and verdict, whether the optimised prefixes changed,
    a digest of its image tokens (to tell identical samples) and its wall time."""
    return {"step": s["step"], "reward": s["reward"], "passed": s["passed"],
            "text_changed": any(p < s["optimised_text_tokens"] for p in s["reasoning_changed_since_previous"]),
            "image_changed": any(p < s["optimised_image_tokens"] for p in s["image_changed_since_previous"]),
            "tokens": hashlib.sha1(json.dumps(s["image_tokens"]).encode()).hexdigest()[:16],
            "ms": round(sum(s["timings_ms"].values()), 1)}


class Run:
    """One prompt line's run of one method with one seed: its verdict and what its trajectory says (compact)."""

    def __init__(self, tag, correct, steps, prompt="", metadata="", preset_last=False):
        self.tag = tag
        self.prompt = prompt
        self.metadata = metadata
        self.correct = bool(correct)
        self.steps = steps
        self.preset_last = preset_last

    @staticmethod
    def from_trajectory(tag, correct, trajectory, prompt, metadata):
        steps = [compact_step(s) for s in trajectory["steps"]] if trajectory else []
        last = bool(trajectory) and trajectory["options"].get("returned_image") == "last"
        return Run(tag, correct, steps, prompt, metadata, last)

    def to_json(self):
        return {"tag": self.tag, "correct": self.correct, "prompt": self.prompt, "metadata": self.metadata,
                "preset_last": self.preset_last, "steps": self.steps}

    def reward_calls(self):
        return len(self.steps)

    def seconds(self):
        return sum(s["ms"] for s in self.steps) / 1000.0

    def passed_with_budget(self, k):
        """The verdict of the image the run would have returned after k steps (its records 0..k)."""
        if not self.steps:
            return self.correct
        kept = [s for s in self.steps if s["step"] <= k]
        if self.preset_last:
            return bool(kept[-1]["passed"])
        best = max(range(len(kept)), key=lambda i: (kept[i]["reward"], -i))
        return bool(kept[best]["passed"])

    def prefix_changes(self):
        """Per optimisation step: (the optimised text prefix changed, the optimised image prefix changed)."""
        return [(s["text_changed"], s["image_changed"]) for s in self.steps[1:]]

    def image_tokens(self):
        return [s["tokens"] for s in self.steps]


def read_method(set_name, seed, method):
    """{line index: Run} over the shards of one set, seed and method."""
    runs = {}
    for shard in sorted((STUDY / set_name / f"seed{seed}").glob("shard*")):
        folder = shard / method
        results = folder / "results.jsonl"
        if not results.exists():
            continue
        for line in results.read_text().splitlines():
            if not line.strip():
                continue
            row = json.loads(line)
            index = prompt_index(row["filename"])
            trajectory_file = folder / f"{index:05d}" / "trajectory" / "trajectory.json"
            trajectory = json.loads(trajectory_file.read_text()) if trajectory_file.exists() else None
            runs[index] = Run.from_trajectory(row["tag"], row["correct"], trajectory, row["prompt"],
                                              row.get("metadata", ""))
    return runs


def record_path(set_name, seed):
    return RECORDS / f"{set_name}-seed{seed}.jsonl.gz"


def expected_lines(set_name):
    """How many lines a finished seed has: the prompt file's lines (--per-tag 0), as the study's settings say."""
    return SETTINGS.get("lines", {}).get(set_name)


def update_record(set_name, seed):
    """Boils a finished seed's bench folders down to its compact record (kept when the folders are gone)."""
    path = record_path(set_name, seed)
    if not (STUDY / set_name / f"seed{seed}").is_dir():
        return
    runs = {m: read_method(set_name, seed, m) for m in SETTINGS["methods"]}
    want = expected_lines(set_name)
    if want is None or any(len(r) < want for r in runs.values()):
        return  # not finished: every method, every line
    path.parent.mkdir(parents=True, exist_ok=True)
    with gzip.open(path, "wt", encoding="utf-8", compresslevel=9) as out:
        for method, by_line in runs.items():
            for index in sorted(by_line):
                out.write(json.dumps({"method": method, "line": index, **by_line[index].to_json()}) + "\n")


def read_record(set_name, seed):
    """{method: {line: Run}} of a seed's compact record, or None."""
    path = record_path(set_name, seed)
    if not path.exists():
        return None
    data = {}
    with gzip.open(path, "rt", encoding="utf-8") as lines:
        for line in lines:
            r = json.loads(line)
            data.setdefault(r["method"], {})[r["line"]] = Run(r["tag"], r["correct"], r["steps"], r["prompt"],
                                                              r["metadata"], r["preset_last"])
    return data


def load_set(set_name):
    """{method: {seed: {index: Run}}} over the seeds whose record holds every method, the lines they all have, and
    their tags (a study cut short reports the seeds it finished, and says how many lines and seeds)."""
    for seed in SETTINGS["seeds"]:
        update_record(set_name, seed)
    records = {seed: read_record(set_name, seed) for seed in SETTINGS["seeds"]}
    seeds = [s for s in SETTINGS["seeds"] if records[s] and all(m in records[s] for m in SETTINGS["methods"])]
    if not seeds:
        return {}, [], [], []
    data = {m: {s: records[s][m] for s in seeds} for m in SETTINGS["methods"]}
    lines = None
    for per_seed in data.values():
        for runs in per_seed.values():
            lines = set(runs) if lines is None else lines & set(runs)
    lines = sorted(lines or [])
    any_runs = next(iter(next(iter(data.values())).values()))
    tags = [any_runs[i].tag for i in lines]
    return data, lines, tags, seeds


def pass_rates(per_seed, lines, verdict=lambda run: run.correct):
    """Per line, the fraction of seeds whose run passed."""
    seeds = list(per_seed)
    return [sum(verdict(per_seed[s][i]) for s in seeds) / len(seeds) for i in lines]


def paired_verdicts(per_seed, lines):
    """Pass/fail per (line, seed) pair, in a fixed order, for McNemar's test."""
    return [per_seed[s][i].correct for s in sorted(per_seed) for i in lines]


def interval(low_high):
    return f"[{low_high[0]:.3f}, {low_high[1]:.3f}]"


def signed_interval(low_high):
    return f"[{low_high[0]:+.3f}, {low_high[1]:+.3f}]"


def p_text(p):
    return f"{p:.2g}" if p >= 0.001 else "<0.001"


def comparison(data, lines, tags, method, other):
    a = pass_rates(data[method], lines)
    b = pass_rates(data[other], lines)
    difference = study_stats.overall_score(a, tags) - study_stats.overall_score(b, tags)
    low_high = study_stats.paired_difference_interval(a, b, tags, RESAMPLES, seed=1)
    only_a, only_b, p = study_stats.mcnemar_exact(paired_verdicts(data[method], lines),
                                                  paired_verdicts(data[other], lines))
    return {"difference": difference, "interval": low_high, "only_a": only_a, "only_b": only_b, "p": p}


def mean(values):
    values = list(values)
    return sum(values) / len(values) if values else float("nan")


def method_table(data, lines, tags, title):
    print(f"## {title}\n")
    tag_names = sorted(set(tags), key=tags.index)
    print("| method | overall [95% interval] | vs Best-of-N [95% interval] | only this / only Best-of-N passed, "
          "McNemar p | " + " | ".join(tag_names) + " | reward calls / prompt | seconds / prompt |")
    print("|---|---|---|---|" + "---|" * len(tag_names) + "---|---|")
    results = {}
    for method in data:
        rates = pass_rates(data[method], lines)
        overall = study_stats.overall_score(rates, tags)
        low_high = study_stats.overall_interval(rates, tags, RESAMPLES, seed=1)
        per_tag = []
        for tag in tag_names:
            values = [r for r, t in zip(rates, tags) if t == tag]
            per_tag.append(f"{mean(values):.3f}")
        runs = [data[method][s][i] for s in data[method] for i in lines]
        calls = mean(r.reward_calls() for r in runs) if method != "base" else None
        seconds = mean(r.seconds() for r in runs) if method != "base" else None
        versus = "-"
        if method != REFERENCE and REFERENCE in data:
            c = comparison(data, lines, tags, method, REFERENCE)
            versus = f"{c['difference']:+.3f} {signed_interval(c['interval'])}"
            mcnemar = f"{c['only_a']} / {c['only_b']}, p = {p_text(c['p'])}"
            results[method] = c
        else:
            mcnemar = "-"
        print(f"| {method} | **{overall:.3f}** {interval(low_high)} | {versus} | {mcnemar} | " + " | ".join(per_tag) +
              f" | {'-' if calls is None else f'{calls:.1f}'} | {'-' if seconds is None else f'{seconds:.2f}'} |")
        results.setdefault(method, {})["overall"] = overall
    print()
    return results


def estimator_table(data, lines, tags):
    """REINFORCE against the authors' loss, mode by mode, paired."""
    rows = []
    for mode in ("text", "image", "both"):
        a, r = f"{mode}-authors", f"{mode}-reinforce"
        if a in data and r in data:
            rows.append((mode, comparison(data, lines, tags, r, a)))
    if not rows:
        return {}
    print("REINFORCE against the authors' loss (the same paired interval and test):\n")
    print("| mode | reinforce - authors [95% interval] | only reinforce / only authors passed, McNemar p |")
    print("|---|---|---|")
    for mode, c in rows:
        print(f"| {mode} | {c['difference']:+.3f} {signed_interval(c['interval'])} | {c['only_a']} / {c['only_b']}, "
              f"p = {p_text(c['p'])} |")
    print()
    return dict(rows)


def controls_table(data, lines, tags):
    print("Each MILR method against the controls (the same paired interval and test; a method whose gain over "
          "`lr-0` or `random-direction` is not clear of zero gains nothing from the gradient's direction):\n")
    print("| method | vs random-direction | p | vs lr-0 | p |")
    print("|---|---|---|---|---|")
    found = {}
    for method in [m for m in MILR_METHODS if m in data and m not in CONTROLS]:
        cells = []
        for control in CONTROLS:
            if control not in data:
                cells += ["-", "-"]
                continue
            c = comparison(data, lines, tags, method, control)
            found[(method, control)] = c
            cells += [f"{c['difference']:+.3f} {signed_interval(c['interval'])}", p_text(c["p"])]
        print(f"| {method} | " + " | ".join(cells) + " |")
    print()
    return found


def change_table(data, lines):
    print("How often the optimisation changed anything (over every optimisation step of every run): the optimised "
          "text prefix (the first λt of the reasoning tokens) or image prefix (the first λv of the image tokens) "
          "differs from the previous step's; and the share of runs whose images equal Best-of-N's (same seed) at "
          "every step both made.\n")
    print("| method | steps with a new text prefix | steps with a new image prefix | either | runs equal to Best-of-N |")
    print("|---|---|---|---|---|")
    shares = {}
    for method in [m for m in MILR_METHODS if m in data]:
        changes = [c for s in data[method] for i in lines for c in data[method][s][i].prefix_changes()]
        equal, equal_share = "-", None
        if REFERENCE in data:
            same = 0
            for s in data[method]:
                for i in lines:
                    mine = data[method][s][i].image_tokens()
                    theirs = data[REFERENCE][s][i].image_tokens()
                    n = min(len(mine), len(theirs))
                    same += mine[:n] == theirs[:n]
            equal_share = same / (len(lines) * len(data[method]))
            equal = f"{equal_share:.3f}"
        text = mean(c[0] for c in changes)
        image = mean(c[1] for c in changes)
        either = mean(c[0] or c[1] for c in changes)
        shares[method] = (text, image, either, equal_share)
        print(f"| {method} | {text:.3f} | {image:.3f} | {either:.3f} | {equal} |")
    print()
    return shares


def budget_curves(data, lines, tags):
    curves = {}
    print("| method | " + " | ".join(f"k={k}" for k in BUDGETS) + " |")
    print("|---|" + "---|" * len(BUDGETS))
    for method in data:
        if method == "base":
            continue
        overall, low, high = [], [], []
        for k in BUDGETS:
            rates = pass_rates(data[method], lines, lambda run, k=k: run.passed_with_budget(k))
            overall.append(study_stats.overall_score(rates, tags))
            lo, hi = study_stats.overall_interval(rates, tags, RESAMPLES // 4, seed=1)
            low.append(lo)
            high.append(hi)
        curves[method] = {"budgets": BUDGETS, "overall": overall, "low": low, "high": high}
        print(f"| {method} | " + " | ".join(f"{v:.3f} [{a:.2f}, {b:.2f}]" for v, a, b in zip(overall, low, high)) +
              " |")
    print()
    return curves


def ablation():
    """[(point settings, overall)] from the record docs/study/ablation.json, written from the ablation's bench folders
    once every point finished every line of the subset."""
    record = RECORDS / "ablation.json"
    folder = STUDY / "ablation"
    points = []
    for point in sorted(folder.glob("*")):
        summary = point / "both" / "summary.json"
        settings = point / "point.json"
        if summary.exists() and settings.exists():
            done = json.loads(summary.read_text())
            if done.get("total_images") == SETTINGS["ablation_lines"]:
                points.append([json.loads(settings.read_text()), done["overall"]])
    expected = len(list(folder.glob("*/point.json")))
    if points and len(points) == expected and not record.exists():
        record.parent.mkdir(parents=True, exist_ok=True)
        record.write_text(json.dumps(points, indent=1) + "\n")
    return json.loads(record.read_text()) if record.exists() else []


def curated_examples(data, lines, method, per_tag=2, limit=10):
    """The studio's example prompts: held-out lines whose base image failed and whose `method` run passed with every
    seed of the study (so the example shows MILR working, not one lucky seed), at most `per_tag` per tag."""
    examples = []
    taken = {}
    prompts = set()
    seeds = sorted(data["base"])

    def best_of_n_passes(i):
        return sum(data[REFERENCE][s][i].correct for s in seeds) if REFERENCE in data else 0

    # Lines where Best-of-N failed too come first: they show what the optimisation adds.
    for i in sorted(lines, key=lambda i: (best_of_n_passes(i), i)):
        base = [data["base"][s][i].correct for s in seeds]
        milr = [data[method][s][i].correct for s in seeds]
        if any(base) or not all(milr):
            continue
        run = data[method][seeds[0]][i]
        if taken.get(run.tag, 0) >= per_tag or run.prompt in prompts:
            continue
        taken[run.tag] = taken.get(run.tag, 0) + 1
        prompts.add(run.prompt)
        best_of_n = sum(data[REFERENCE][s][i].correct for s in seeds) if REFERENCE in data else None
        examples.append({"prompt": run.prompt, "tag": run.tag, "metadata": run.metadata, "line": i, "seed": seeds[0] + i,
                         "method": method, "steps": SETTINGS["steps"], "cfg": SETTINGS.get("cfg", 5),
                         "threshold": SETTINGS["threshold"], "seeds": len(seeds),
                         "base_passed": sum(base), "milr_passed": sum(milr), "best_of_n_passed": best_of_n,
                         "reward_calls": run.reward_calls()})
        if len(examples) >= limit:
            break
    return {"made_by": "tools/make-results.sh (docs/RESULTS.md)",
            "criterion": f"held-out lines whose base image failed and whose {method} run passed with each of the "
                         f"{len(seeds)} seeds of the study", "examples": examples}


def main():
    heldout, lines, tags, seeds = load_set("heldout")
    comp, comp_lines, comp_tags, comp_seeds = load_set("compositional")
    if not heldout:
        sys.exit("write-results-md: no seed of the held-out set has every method finished yet")
    print("# Results: does the gradient do the work? MILR on the embedded model\n")
    print("Produced by `tools/make-results.sh` from the records of the bench runs it makes (`docs/study/`, one "
          "compressed line per run); nothing in this file is typed by hand. The reward is the GenEval-Shapes judge (dense: the share of its clause checks that hold), the "
          "evaluator is the same judge's pass/fail, as the paper's headline GenEval result uses the evaluator as "
          f"its reward. {SETTINGS['steps']} steps, a run stops when the reward passes {SETTINGS['threshold']}; "
          f"seeds {', '.join(map(str, seeds))} (prompt line i runs with seed + i; the study's settings name "
          f"{', '.join(map(str, SETTINGS['seeds']))}, and a seed shows here once every method finished it). Best-of-N draws at most "
          "steps + 1 samples, the same number of reward calls as a MILR run at most.\n")
    print("Statistics: overall = GenEval's mean over tags of each tag's accuracy, a line's verdict being its pass "
          f"rate over the seeds ({len(seeds)} here); 95% intervals are percentile intervals of {RESAMPLES} paired "
          "bootstrap resamples of the prompt lines (the same resampled lines for both methods of a difference); "
          "McNemar's exact test (two-sided) counts the (line, seed) pairs that only one of the two methods passed. "
          "The seeds of a line are not independent of each other, so the test's p is optimistic; the interval, "
          "which resamples whole lines, is the figure to trust.\n")
    print("Methods (`milr bench --list-methods`): `*-authors` is the authors' loss, (1 - R) × log p of the "
          "current argmax tokens, which pushes those tokens down at every step whatever the reward; `*-reinforce` "
          "is the paper's estimator, (R - b) × log p of the tokens the run used (the greedy text prefix, the "
          "sampled image prefix) with b the mean of the run's earlier rewards (the first step has no baseline and "
          "re-samples). Controls: `random-direction` moves the latents of both along a seeded random direction "
          "with the gradient's norm, `lr-0` never moves them (both re-derive and re-sample like MILR). Best-of-N "
          "draws its samples from the run's one reasoning (`best-of-n`), from a reasoning sampled anew per sample "
          "(`best-of-n-reasoning`), or from the prompt alone (`best-of-n-prompt`, the fair baseline of image mode, "
          f"which draws from the prompt alone). Controls use the `{SETTINGS['control_estimator']}` estimator.\n")

    found = method_table(heldout, lines, tags,
                         f"Held-out set ({len(lines)} prompt lines × {len(seeds)} of "
                         f"{len(SETTINGS['seeds'])} seeds)")
    controls = controls_table(heldout, lines, tags)
    estimators = estimator_table(heldout, lines, tags)
    shares = change_table(heldout, lines)
    print("## Score against the reward budget (held-out set)\n")
    print("A run of k steps is the first k steps of the longer run with the same seed, so the score at budget k is "
          "read from the trajectories: the image the method would have returned after k steps. Intervals as "
          f"above ({RESAMPLES // 4} resamples).\n")
    curves = budget_curves(heldout, lines, tags)
    print("![Overall score against the budget, with 95% intervals: text-authors, image-authors, both-authors, "
          "both-reinforce, random-direction and Best-of-N](results-steps.png)\n")
    comp_found, comp_controls, comp_estimators = {}, {}, {}
    if comp:
        comp_found = method_table(comp, comp_lines, comp_tags,
                                  f"Compositional split ({len(comp_lines)} prompt lines × {len(comp_seeds)} of "
                                  f"{len(SETTINGS['seeds'])} seeds)")
        print("Combinations held out of training altogether (see `resources/geneval-shapes/README.md`).\n")
        comp_controls = controls_table(comp, comp_lines, comp_tags)
        comp_estimators = estimator_table(comp, comp_lines, comp_tags)
        change_table(comp, comp_lines)

    points = ablation()
    if points:
        print(f"## Ablation: λt, λv and the learning rate (`both`, {SETTINGS['ablation_lines']} prompt lines of the "
              f"held-out set, seed {seeds[0]}, `{SETTINGS['control_estimator']}` estimator)\n")
        print("| λt | λv | lr | overall |")
        print("|---|---|---|---|")
        for settings, overall in sorted(points, key=lambda p: (p[0]["lr"], p[0]["lambda_t"], p[0]["lambda_v"])):
            print(f"| {settings['lambda_t']} | {settings['lambda_v']} | {settings['lr']} | {overall:.3f} |")
        print()
        grid = [p for p in points if p[0]["lr"] == SETTINGS["ablation_grid_lr"]]
        xs = sorted({p[0]["lambda_v"] for p in grid})
        ys = sorted({p[0]["lambda_t"] for p in grid})
        values = [[next((o for s, o in grid if s["lambda_t"] == y and s["lambda_v"] == x), None) for x in xs]
                  for y in ys]
        (PLOTS / "ablation.json").write_text(json.dumps(
            {"x_label": "λv (image)", "y_label": "λt (text)", "x_values": xs, "y_values": ys, "values": values,
             "title": f"Overall score of both, lr {SETTINGS['ablation_grid_lr']}"}))
        print("![Overall score over λt and λv](results-ablation.png)\n")
    # The plot draws six curves (its palette's six colours); the table above has every method. lr-0 is Best-of-N's
    # curve exactly, so it is left out.
    plotted = ["text-authors", "image-authors", "both-authors", "both-reinforce", "random-direction", "best-of-n"]
    (PLOTS / "curves.json").write_text(json.dumps({m: curves[m] for m in plotted if m in curves}))
    example_method = SETTINGS.get("example_method", "both-authors")
    if example_method in heldout:
        (PLOTS / "examples.json").write_text(json.dumps(curated_examples(heldout, lines, example_method), indent=1))

    print("## What the numbers show\n")
    print(summary_paragraph(found, controls, shares, comp_found, comp_controls, estimators, comp_estimators))
    print()
    print("## How this was made\n")
    commands = [line for line in (STUDY / "commands.txt").read_text().splitlines() if line.strip()]
    runs = [line for line in commands if not line.startswith("#")]
    print("```")
    print("tools/make-results.sh   # the study as published: every setting is its default")
    print("```\n")
    print(f"It runs {len(runs)} `milr bench` processes ({SETTINGS['parallel']} at a time, one thread each; the list is "
          "in the study folder's `commands.txt`), each on one shard of one set and seed, or one ablation point; "
          "for example:\n")
    print("```")
    for line in [line for line in commands if line.startswith("#")] + runs[:2] + [r for r in runs if "ablation" in r][:1]:
        print(line)
    print("```\n")
    wall = RECORDS / "wall-seconds.txt"
    seconds = int(wall.read_text().strip()) if wall.exists() else None
    if seconds is not None:
        print(f"Wall time of the study so far, over all the machines and runs that made its records: "
              f"{seconds // 3600} h {seconds % 3600 // 60} min on 2-core machines ({SETTINGS['parallel']} bench "
              "processes at a time, other work sharing the cores at times).\n")
    print(f"Model: `resources/embedded-model` (see its README for how it was trained).")


def clear(c):
    low, high = c["interval"]
    return "above" if low > 0 else "below" if high < 0 else "level"


def summary_paragraph(found, controls, shares, comp_found, comp_controls, estimators, comp_estimators):
    """Plain sentences generated from the comparisons: what holds and what does not."""
    sentences = []
    for method in ["both-authors", "both-reinforce", "text-authors", "text-reinforce", "image-authors",
                   "image-reinforce"]:
        if method not in found or "interval" not in found[method]:
            continue
        c = found[method]
        verdict = {"above": "beats", "below": "falls behind", "level": "is level with"}[clear(c)]
        sentences.append(f"On the held-out set, {method} {verdict} Best-of-N at the same reward budget "
                         f"({c['difference']:+.3f}, interval {signed_interval(c['interval'])}, "
                         f"McNemar p = {p_text(c['p'])}).")
    for (method, control), c in controls.items():
        if method not in ("both-authors", "both-reinforce"):
            continue
        verdict = {"above": "is clearly above", "below": "is clearly below", "level": "cannot be told apart from"}
        sentences.append(f"{method} {verdict[clear(c)]} the {control} control ({c['difference']:+.3f}, "
                         f"{signed_interval(c['interval'])}).")
    for method in ["text-authors", "text-reinforce"]:
        if method in shares:
            sentences.append(f"{method} changed its optimised reasoning prefix in {shares[method][0]:.0%} of its "
                             f"steps; where it does not, a text-mode step is a Best-of-N draw under another name.")
    for method in ["both-authors", "both-reinforce", "text-authors", "text-reinforce"]:
        if method in comp_found and "interval" in comp_found[method]:
            c = comp_found[method]
            verdict = {"above": "beats", "below": "falls behind", "level": "is level with"}[clear(c)]
            sentences.append(f"On the compositional split, {method} {verdict} Best-of-N ({c['difference']:+.3f}, "
                             f"{signed_interval(c['interval'])}, p = {p_text(c['p'])}).")
    for (method, control), c in comp_controls.items():
        if method in ("both-authors", "both-reinforce"):
            verdict = {"above": "is clearly above", "below": "is clearly below",
                       "level": "cannot be told apart from"}[clear(c)]
            sentences.append(f"There, {method} {verdict} the {control} control ({c['difference']:+.3f}, "
                             f"{signed_interval(c['interval'])}).")
    verdicts = []
    for name, table in (("held-out set", estimators), ("compositional split", comp_estimators)):
        if "both" in table:
            c = table["both"]
            verdicts.append(clear(c))
            verdict = {"above": "ahead of", "below": "behind", "level": "level with"}[clear(c)]
            sentences.append(f"On the {name}, REINFORCE in both mode is {verdict} the authors' loss "
                             f"({c['difference']:+.3f}, {signed_interval(c['interval'])}).")
    if verdicts:
        if all(v == "above" for v in verdicts):
            sentences.append("REINFORCE is ahead on every set: it is the estimator the improved preset should use.")
        elif any(v == "above" for v in verdicts) and not any(v == "below" for v in verdicts):
            sentences.append("REINFORCE is ahead on one set and level on the other: not yet enough to change the "
                             "improved preset's estimator.")
        else:
            sentences.append("Neither estimator is clearly ahead on any set, so the improved preset keeps the authors' "
                             "loss (the reference's).")
    if "lr-0" in shares and shares["lr-0"][3] == 1.0:
        sentences.append("With learning rate 0 every run equals Best-of-N's sample for sample (the same seed draws the "
                         "same tokens once the latents do not move): the re-derivation alone adds nothing, and "
                         "whatever MILR gains over Best-of-N comes from moving the latents.")
    return " ".join(sentences)


main()
