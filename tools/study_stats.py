"""Statistics of the fidelity study (tools/make-results.sh): GenEval's overall score of per-line verdicts, paired
bootstrap intervals over prompt lines, and McNemar's exact test on paired pass/fail verdicts. Pure Python (the
standard library only), deterministic for a seed; tests/tools/test_study_stats.py checks it against hand-computed
and textbook values."""
import math
import random


def overall_score(verdicts, tags):
    """GenEval's overall score: the mean over tags of each tag's accuracy.

    verdicts: list of floats in [0, 1] (one per prompt line: its pass rate over seeds); tags: the line's tag."""
    per_tag = {}
    for value, tag in zip(verdicts, tags):
        per_tag.setdefault(tag, []).append(value)
    if not per_tag:
        return float("nan")
    return sum(sum(v) / len(v) for v in per_tag.values()) / len(per_tag)


def percentile(sorted_values, q):
    """The q-quantile (0..1) of sorted values, linear between the closest ranks (numpy's default)."""
    if not sorted_values:
        return float("nan")
    position = q * (len(sorted_values) - 1)
    low = math.floor(position)
    high = min(low + 1, len(sorted_values) - 1)
    return sorted_values[low] + (sorted_values[high] - sorted_values[low]) * (position - low)


def bootstrap_interval(statistic, n_lines, resamples=2000, seed=0, level=0.95):
    """Percentile interval of statistic(indices) over `resamples` resamples of the line indices with replacement.

    The same resampled indices serve every method in a paired comparison (pass a statistic of the difference)."""
    rng = random.Random(seed)
    values = []
    for _ in range(resamples):
        indices = [rng.randrange(n_lines) for _ in range(n_lines)]
        values.append(statistic(indices))
    values = sorted(v for v in values if not math.isnan(v))
    alpha = (1 - level) / 2
    return percentile(values, alpha), percentile(values, 1 - alpha)


def overall_interval(verdicts, tags, resamples=2000, seed=0):
    """95% bootstrap interval of the overall score, resampling prompt lines."""
    return bootstrap_interval(lambda ix: overall_score([verdicts[i] for i in ix], [tags[i] for i in ix]),
                              len(verdicts), resamples, seed)


def paired_difference_interval(a, b, tags, resamples=2000, seed=0):
    """95% paired bootstrap interval of overall(a) - overall(b): both methods on the same resampled lines."""
    def difference(ix):
        t = [tags[i] for i in ix]
        return overall_score([a[i] for i in ix], t) - overall_score([b[i] for i in ix], t)
    return bootstrap_interval(difference, len(a), resamples, seed)


def mcnemar_exact(a_passes, b_passes):
    """McNemar's exact test on paired binary verdicts (two-sided).

    Returns (b, c, p): b = pairs where only the first passed, c = where only the second did, and
    p = min(1, 2 * P[X <= min(b, c)]) for X ~ Binomial(b + c, 1/2) (1 when b + c = 0)."""
    only_a = sum(1 for x, y in zip(a_passes, b_passes) if x and not y)
    only_b = sum(1 for x, y in zip(a_passes, b_passes) if y and not x)
    n = only_a + only_b
    if n == 0:
        return only_a, only_b, 1.0
    k = min(only_a, only_b)
    tail = sum(math.comb(n, i) for i in range(k + 1)) / 2 ** n
    return only_a, only_b, min(1.0, 2 * tail)
