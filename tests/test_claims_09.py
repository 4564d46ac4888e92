"""Claims of lesson 9, checked against the output the built page shows.

Each test declares the sentence it guards with ``@says``; see ``tests/claims.py``.
"""

from __future__ import annotations

import re

from tests.claims import says, stdout, rows, numeric_rows, value


# --- 9. Threshold moving -----------------------------------------------------------


@says("09-threshold-moving.md", 'As the threshold falls, recall rises and precision falls: more positives are found, at the price of more false alarms.')
def test_lower_threshold_trades_precision_for_recall(built_site):
    table = numeric_rows("09-threshold-moving/fixed.py", 4)  # threshold, precision, recall, F1
    thresholds = [row[0] for row in table]
    assert thresholds == sorted(thresholds, reverse=True), f"thresholds not falling: {thresholds}"
    precision, recall = [row[1] for row in table], [row[2] for row in table]
    assert precision == sorted(precision, reverse=True), (f"precision {precision}")
    assert recall == sorted(recall), (f"recall {recall}")


@says("09-threshold-moving.md", 'F1, which balances the two, peaks somewhere in between.')
def test_f1_peaks_between_extremes(built_site):
    f1 = [row[3] for row in numeric_rows("09-threshold-moving/fixed.py", 4)]
    best = f1.index(max(f1))
    assert 0 < best < len(f1) - 1, (f"F1 by falling threshold: {f1}")


@says("09-threshold-moving.md", 'The tuned threshold buys recall with precision and ends with a higher F1 than the default 0.5.')
def test_tuned_threshold_beats_default_on_f1(built_site):
    table = rows("09-threshold-moving/tuned.py", ["precision", "recall", "F1"])
    default, tuned = table["threshold 0.5"], table["tuned threshold"]
    assert tuned["F1"] > default["F1"], (f"default {default}, tuned {tuned}")
    assert tuned["recall"] > default["recall"], (f"default {default}, tuned {tuned}")
    assert tuned["precision"] < default["precision"], (f"default {default}, tuned {tuned}")


@says("09-threshold-moving.md", 'Notice that its F1 is lower than the best row of the hand-made table above.')
def test_best_hand_picked_row_is_optimistic(built_site):
    tuned = rows("09-threshold-moving/tuned.py", ["precision", "recall", "F1"])["tuned threshold"]
    best_fixed = max(row[3] for row in numeric_rows("09-threshold-moving/fixed.py", 4))
    assert tuned["F1"] < best_fixed, (f"tuned F1 {tuned['F1']}, best fixed row {best_fixed}")


@says("09-threshold-moving.md", 'The tuned point sits to the right of the default one, with more recall and less precision.')
def test_tuned_point_sits_at_higher_recall(built_site):
    # The figure's alt text says the same; both are checked against the printed points.
    snippet = "09-threshold-moving/pr_curve.py"
    default_p = value(snippet, r"threshold 0.5\s+precision ([\d.]+)")
    default_r = value(snippet, r"threshold 0.5\s+precision [\d.]+\s+recall ([\d.]+)")
    tuned_p = value(snippet, r"tuned threshold\s+precision ([\d.]+)")
    tuned_r = value(snippet, r"tuned threshold\s+precision [\d.]+\s+recall ([\d.]+)")
    assert tuned_r > default_r and tuned_p < default_p, (f"default P={default_p} R={default_r}, tuned P={tuned_p} R={tuned_r}"
    )


def cost_table() -> tuple[dict[str, float], dict[str, float]]:
    """Threshold and test cost of each line "<name> threshold <t> test cost <c>"."""
    found = re.findall(r"^(.+?)\s+threshold ([\d.]+)\s+test cost\s+([\d.]+)$", stdout("09-threshold-moving/cost.py"), re.M)
    assert {name for name, _, _ in found} == {"default", "tuned", "cost ratio"}, f"cost.py rows: {found}"
    return {n: float(t) for n, t, _ in found}, {n: float(c) for n, _, c in found}


@says("09-threshold-moving.md", 'Both the tuned threshold and the cost-ratio threshold are far below 0.5, and both cut the total cost on the test half well below what the default threshold costs.')
def test_cost_thresholds_cut_cost(built_site):
    threshold, cost = cost_table()
    for name in ("tuned", "cost ratio"):
        assert threshold[name] < 0.25, (f"thresholds {threshold}")
        assert cost[name] < 0.8 * cost["default"], (f"costs {cost}")


@says("09-threshold-moving.md", 'The plain logistic regression is close to calibrated (lesson 10), so the one-line rule did at least as well as the tuner here; the tuner has the advantage of working for any cost function and any model, calibrated or not.')
def test_cost_ratio_rule_as_good_as_tuner(built_site):
    _, cost = cost_table()
    assert cost["cost ratio"] <= cost["tuned"], (f"costs {cost}")


@says("09-threshold-moving.md", 'The dearer a miss, the lower the threshold, and the more examples are flagged so that more positives are caught.')
def test_dearer_misses_lower_the_threshold(built_site):
    table = numeric_rows("09-threshold-moving/cost_ratios.py", 5)  # FN cost, tuned, ratio, recall, alarms
    assert [r[0] for r in table] == sorted(r[0] for r in table), "FN costs not rising"
    tuned, recall, alarms = ([r[i] for r in table] for i in (1, 3, 4))
    assert tuned == sorted(tuned, reverse=True) and len(set(tuned)) == len(tuned), (f"tuned {tuned}")
    assert alarms == sorted(alarms) and len(set(alarms)) == len(alarms), (f"alarms {alarms}")
    assert recall == sorted(recall), (f"recall {recall}")


@says("09-threshold-moving.md", 'The tuned thresholds follow the cost-ratio rule in direction but not exactly: with so few positives in each inner fold, the chosen threshold is noisy.')
def test_tuner_follows_rule_only_in_direction(built_site):
    table = numeric_rows("09-threshold-moving/cost_ratios.py", 5)
    assert any(r[1] != r[2] for r in table), (f"tuned equals ratio everywhere: {table}")


