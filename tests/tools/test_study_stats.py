"""The fidelity study's statistics (tools/study_stats.py) against hand-computed and textbook values."""
import math
import os
import sys
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "tools"))
import study_stats  # noqa: E402


class McNemarExact(unittest.TestCase):
    def test_textbook_values(self):
        # b = 1, c = 6: p = 2 * (C(7,0) + C(7,1)) / 2^7 = 16 / 128 = 0.125.
        a = [1] * 1 + [0] * 6 + [1] * 10 + [0] * 5
        b = [0] * 1 + [1] * 6 + [1] * 10 + [0] * 5
        self.assertEqual(study_stats.mcnemar_exact(a, b), (1, 6, 0.125))
        # Balanced discordant pairs give p = 1; b = 0, c = 10 gives 2 / 1024.
        self.assertEqual(study_stats.mcnemar_exact([1, 0], [0, 1])[2], 1.0)
        self.assertAlmostEqual(study_stats.mcnemar_exact([0] * 10, [1] * 10)[2], 2 / 1024)
        # The classic example (Agresti, presidential approval): b = 150, c = 86; the exact p is about 3.7e-5,
        # next to the chi-square test's 3.1e-5.
        a = [1] * 150 + [0] * 86
        c = [0] * 150 + [1] * 86
        self.assertAlmostEqual(study_stats.mcnemar_exact(a, c)[2] * 1e5, 3.7, delta=0.15)

    def test_no_discordant_pairs(self):
        self.assertEqual(study_stats.mcnemar_exact([1, 1, 0], [1, 1, 0]), (0, 0, 1.0))


class Overall(unittest.TestCase):
    def test_mean_over_tags(self):
        # tag x: 1/2, tag y: 1/1 -> 0.75, not the line mean 2/3.
        self.assertAlmostEqual(study_stats.overall_score([1, 0, 1], ["x", "x", "y"]), 0.75)

    def test_percentile_is_linear_between_ranks(self):
        self.assertAlmostEqual(study_stats.percentile([0, 10], 0.25), 2.5)
        self.assertAlmostEqual(study_stats.percentile([1, 2, 3, 4, 5], 0.5), 3)


class Bootstrap(unittest.TestCase):
    def test_interval_of_a_proportion_is_the_normal_one(self):
        # 400 lines, 30% pass: the 95% interval is about 0.3 +- 1.96 * sqrt(0.3 * 0.7 / 400) = 0.3 +- 0.045.
        verdicts = [1] * 120 + [0] * 280
        low, high = study_stats.overall_interval(verdicts, ["t"] * 400, resamples=2000, seed=1)
        half = 1.96 * math.sqrt(0.3 * 0.7 / 400)
        self.assertAlmostEqual(low, 0.3 - half, delta=0.01)
        self.assertAlmostEqual(high, 0.3 + half, delta=0.01)

    def test_identical_methods_have_a_zero_width_difference(self):
        verdicts = [1, 0, 1, 1, 0, 0, 1, 0]
        low, high = study_stats.paired_difference_interval(verdicts, verdicts, ["t"] * 8, resamples=200)
        self.assertEqual((low, high), (0.0, 0.0))

    def test_pairing_narrows_the_interval_of_a_difference(self):
        # b passes wherever a does plus 10 more lines: the paired difference is tight, unlike two unpaired intervals.
        a = [1] * 100 + [0] * 100
        b = [1] * 110 + [0] * 90
        low, high = study_stats.paired_difference_interval(b, a, ["t"] * 200, resamples=1000, seed=2)
        self.assertGreater(low, 0.0)
        self.assertLess(high - low, 0.07)

    def test_same_seed_same_interval(self):
        verdicts = [1, 0, 0, 1, 1, 0, 1]
        tags = ["a", "b"] * 3 + ["a"]
        self.assertEqual(study_stats.overall_interval(verdicts, tags, 300, 5),
                         study_stats.overall_interval(verdicts, tags, 300, 5))


if __name__ == "__main__":
    unittest.main()
