"""Claims of lesson 9, checked against the output the built page shows.

Each test declares the sentence it guards with ``@says``; see ``tests/claims.py``.
"""

from __future__ import annotations

import ast
import re

from tests.claims import numeric_rows, rows, says, stdout, value, verdict

PAGE = "09-threshold-moving.md"
FIXED = "09-threshold-moving/fixed.py"
TUNED = "09-threshold-moving/tuned.py"
COST = "09-threshold-moving/cost.py"
RATIOS = "09-threshold-moving/cost_ratios.py"


def fixed_table() -> list[list[float]]:
    return numeric_rows(FIXED, 4)  # threshold, precision, recall, F1


def tuned_table() -> dict[str, dict[str, float]]:
    return rows(TUNED, ["precision", "recall", "F1"])


def shortlist_picks() -> dict[float, int]:
    return ast.literal_eval(re.search(r"picked in each training fold: (\{.*\})", stdout(TUNED)).group(1))


@says(
    PAGE,
    "As the threshold falls, recall rises and precision falls: more positives are found, at the price of more false alarms.",
)
def test_lower_threshold_trades_precision_for_recall(built_site):
    table = fixed_table()
    thresholds = [row[0] for row in table]
    assert thresholds == sorted(thresholds, reverse=True), f"thresholds not falling: {thresholds}"
    precision, recall = [row[1] for row in table], [row[2] for row in table]
    assert precision == sorted(precision, reverse=True), f"precision {precision}"
    assert recall == sorted(recall), f"recall {recall}"


@says(PAGE, "F1, which balances the two, peaks somewhere in between.")
def test_f1_peaks_between_extremes(built_site):
    f1 = [row[3] for row in fixed_table()]
    best = f1.index(max(f1))
    assert 0 < best < len(f1) - 1, f"F1 by falling threshold: {f1}"


@says(PAGE, "On average the tuned threshold buys recall with precision and ends with a higher F1 than the default 0.5.")
def test_tuned_threshold_trades_precision_for_recall(built_site):
    default, tuned = tuned_table()["threshold 0.5"], tuned_table()["tuned threshold"]
    assert tuned["recall"] > default["recall"] and tuned["precision"] < default["precision"], f"{default} {tuned}"
    assert tuned["F1"] > default["F1"], f"default {default}, tuned {tuned}"


@says(
    PAGE,
    "Fold by fold, though, the tuned threshold ties with threshold 0.5: it wins most folds, but the gain varies so much from fold to fold that the corrected test cannot rule out no gain at all (a verdict that held in 4 of 10 draws).",
)
def test_tuned_threshold_ties_with_default(built_site):
    verdict(TUNED, "F1: tuned threshold ties with threshold 0.5")
    wins = value(TUNED, r"(?m)^F1: tuned threshold ties with threshold 0.5 .*wins (\d+)")
    folds = value(TUNED, r"(?m)^F1: tuned threshold ties with threshold 0.5 .* of (\d+)")
    assert wins > folds / 2, f"the tuned threshold wins {wins} of {folds} folds"


@says(
    PAGE,
    "Chosen on training folds only, the best of four picked 0.3 in every training fold, and the best of four ties with threshold 0.5 as well; its mean F1 equals the best row of the table, so reading that row off the test folds did not flatter it here (a verdict that held in 4 of 10 draws).",
)
def test_shortlist_picks_the_best_row(built_site):
    assert shortlist_picks() == {0.3: 20}, f"thresholds picked: {shortlist_picks()}"
    verdict(TUNED, "F1: best of four ties with threshold 0.5")
    best_row = max(fixed_table(), key=lambda row: row[3])
    assert best_row[0] == 0.3, f"best row of the table: {best_row}"
    assert tuned_table()["best of four"]["F1"] == best_row[3], f"{tuned_table()['best of four']} vs {best_row}"


@says(PAGE, "The tuner and the shortlist tie with each other.")
def test_tuner_ties_with_shortlist(built_site):
    verdict(TUNED, "F1: tuned threshold ties with best of four")


@says(
    PAGE,
    "The tuned thresholds themselves spread widely across the 20 training folds (the minimum, median and maximum are printed), while the shortlist, whose candidates lie far apart, picked the same one every time.",
)
def test_tuned_thresholds_spread(built_site):
    low = value(TUNED, r"training folds: min ([\d.]+)")
    high = value(TUNED, r"training folds: min [\d.]+, median [\d.]+, max ([\d.]+)")
    assert high - low > 0.1, f"tuned thresholds from {low} to {high}"
    assert len(shortlist_picks()) == 1, f"thresholds picked: {shortlist_picks()}"


@says(PAGE, "The tuned point sits to the right of the default one, with more recall and less precision.")
def test_tuned_point_sits_at_higher_recall(built_site):
    # The figure's alt text says the same; both are checked against the printed points.
    snippet = "09-threshold-moving/pr_curve.py"
    default_p = value(snippet, r"threshold 0.5\s+precision ([\d.]+)")
    default_r = value(snippet, r"threshold 0.5\s+precision [\d.]+\s+recall ([\d.]+)")
    tuned_p = value(snippet, r"tuned threshold\s+precision ([\d.]+)")
    tuned_r = value(snippet, r"tuned threshold\s+precision [\d.]+\s+recall ([\d.]+)")
    assert tuned_r > default_r and tuned_p < default_p, (
        f"default P={default_p} R={default_r}, tuned P={tuned_p} R={tuned_r}"
    )


@says(
    PAGE,
    "The cost-ratio threshold is far below 0.5, and both it and the tuned threshold beat threshold 0.5 on cost, in every fold.",
)
def test_cost_thresholds_beat_default(built_site):
    assert value(COST, r"cost-ratio threshold: ([\d.]+)") < 0.25
    for model in ("cost ratio", "tuned threshold"):
        verdict(COST, f"cost: {model} beats threshold 0.5")
        losses = value(COST, rf"(?m)^cost: {model} beats threshold 0.5 .*losses (\d+)")
        assert losses == 0, f"{model} costs more than 0.5 in {losses} folds"


@says(
    PAGE,
    "The cost ratio ties with the tuned threshold: the one-line rule, applied to the plain logistic regression, did as well as the tuner.",
)
def test_cost_ratio_ties_with_tuner(built_site):
    verdict(COST, "cost: cost ratio ties with tuned threshold")


def ratio_table() -> list[list[float]]:
    return numeric_rows(RATIOS, 5)  # FN cost, tuned, ratio, recall, alarms


@says(PAGE, "The dearer a miss, the lower the threshold and the more examples are flagged.")
def test_dearer_misses_lower_the_threshold(built_site):
    table = ratio_table()
    assert [r[0] for r in table] == sorted(r[0] for r in table), "FN costs not rising"
    tuned, alarms = [r[1] for r in table], [r[4] for r in table]
    assert tuned == sorted(tuned, reverse=True) and len(set(tuned)) == len(tuned), f"tuned {tuned}"
    assert alarms == sorted(alarms) and len(set(alarms)) == len(alarms), f"alarms {alarms}"


@says(
    PAGE,
    "Recall rises overall but not at every step: the test half holds only 50 positives, so recall moves in steps of 0.02, and a few more alarms need not catch another positive.",
)
def test_recall_rises_in_steps(built_site):
    recall = [r[3] for r in ratio_table()]
    assert recall == sorted(recall) and recall[-1] > recall[0], f"recall {recall}"
    assert any(a == b for a, b in zip(recall, recall[1:], strict=False)), f"recall rises at every step: {recall}"
    assert value(RATIOS, r"positives in the test half: (\d+)") == 50


@says(PAGE, "The tuned thresholds follow the cost-ratio rule in direction but not exactly")
def test_tuner_follows_rule_only_in_direction(built_site):
    table = ratio_table()
    ratio = [r[2] for r in table]
    assert ratio == sorted(ratio, reverse=True), f"cost-ratio thresholds {ratio}"
    assert any(r[1] != r[2] for r in table), f"tuned equals ratio everywhere: {table}"


@says(
    PAGE,
    "Judge the gain with the paired rule: here the tuned threshold ties with 0.5 on F1, while for an explicit cost both the tuner and the cost-ratio rule beat 0.5 in every fold (a verdict that held in 4 of 10 draws).",
)
def test_takeaway_verdicts(built_site):
    verdict(TUNED, "F1: tuned threshold ties with threshold 0.5")
    for model in ("cost ratio", "tuned threshold"):
        verdict(COST, f"cost: {model} beats threshold 0.5")
        assert value(COST, rf"(?m)^cost: {model} beats threshold 0.5 .*losses (\d+)") == 0
