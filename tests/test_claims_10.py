"""Claims of lesson 10, checked against the output the built page shows.

Each test declares the sentence it guards with ``@says``; see ``tests/claims.py``.
"""

from __future__ import annotations

from tests.claims import rows, says, value

# --- 10. Calibration -------------------------------------------------------------------


@says(
    "10-calibration.md",
    "The two rebalanced models predict, on average, a probability many times higher than the real positive rate, and their Brier scores are much worse.",
)
def test_rebalancing_inflates_probabilities(built_site):
    snippet = "10-calibration/reliability.py"
    rate = value(snippet, r"observed positive rate on the test half: ([\d.]+)")
    table = rows(snippet, ["mean proba", "Brier", "ROC AUC"])
    for name in ("undersampled", "class_weight"):
        assert table[name]["mean proba"] > 5 * rate, f"rate {rate}, {name} {table[name]}"
        assert table[name]["Brier"] > 5 * table["plain"]["Brier"], str(table)


@says("10-calibration.md", "The plain model's average probability is close to the share of positives it is predicting.")
def test_plain_mean_probability_matches_rate(built_site):
    snippet = "10-calibration/reliability.py"
    rate = value(snippet, r"observed positive rate on the test half: ([\d.]+)")
    plain = rows(snippet, ["mean proba", "Brier", "ROC AUC"])["plain"]
    assert abs(plain["mean proba"] - rate) <= 0.25 * rate, f"rate {rate}, plain {plain}"


@says("10-calibration.md", "Their ROC AUC, which only looks at the order of the examples, barely moves.")
def test_rebalancing_keeps_roc_auc(built_site):
    table = rows("10-calibration/reliability.py", ["mean proba", "Brier", "ROC AUC"])
    for name in ("undersampled", "class_weight"):
        gap = abs(table[name]["ROC AUC"] - table["plain"]["ROC AUC"])
        assert gap < 0.01, str(table)


RECALIBRATION_COLUMNS = ["Brier before", "Brier after", "AUC before", "AUC after"]


@says(
    "10-calibration.md",
    "Recalibration repairs the probabilities: the Brier scores of the undersampled and class-weighted models fall close to the plain model's.",
)
def test_recalibration_repairs_brier(built_site):
    table = rows("10-calibration/recalibrate.py", RECALIBRATION_COLUMNS)
    for name in ("undersampled", "class_weight"):
        row = table[name]
        assert row["Brier after"] < row["Brier before"] / 3, f"{name} {row}"
        assert row["Brier after"] < 2 * table["plain"]["Brier after"], str(table)


@says(
    "10-calibration.md",
    "The sigmoid is increasing, so the order of the examples, and with it ROC AUC, is exactly what it was: whatever ranking quality undersampling lost (it threw away most of the majority class) stays lost.",
)
def test_recalibration_keeps_ranking(built_site):
    table = rows("10-calibration/recalibrate.py", RECALIBRATION_COLUMNS)
    for name, row in table.items():
        assert row["AUC after"] == row["AUC before"], f"{name} {row}"
    assert table["undersampled"]["AUC after"] < table["plain"]["AUC after"], str(table)


@says(
    "10-calibration.md",
    "After recalibration, neither rebalanced model has a better Brier score than the plain model, which needed no repair in the first place.",
)
def test_recalibrated_models_do_not_beat_plain(built_site):
    table = rows("10-calibration/recalibrate.py", RECALIBRATION_COLUMNS)
    plain = min(table["plain"]["Brier before"], table["plain"]["Brier after"])
    for name in ("undersampled", "class_weight"):
        assert table[name]["Brier after"] > plain, str(table)


@says(
    "10-calibration.md",
    "With few positives in the calibration set it learns only a few steps, many test examples end up tied, and ROC AUC drops.",
)
def test_isotonic_ties_lower_roc_auc(built_site):
    snippet = "10-calibration/isotonic.py"
    base = value(snippet, r"undersampled\s+Brier [\d.]+\s+ROC AUC ([\d.]+)")
    sigmoid_auc = value(snippet, r"sigmoid\s+Brier [\d.]+\s+ROC AUC ([\d.]+)")
    isotonic_auc = value(snippet, r"isotonic\s+Brier [\d.]+\s+ROC AUC ([\d.]+)")
    sigmoid_distinct = value(snippet, r"sigmoid.*distinct values\s+(\d+)")
    isotonic_distinct = value(snippet, r"isotonic.*distinct values\s+(\d+)")
    assert sigmoid_auc == base and isotonic_auc < base, (
        f"AUC base {base}, sigmoid {sigmoid_auc}, isotonic {isotonic_auc}"
    )
    assert isotonic_distinct < sigmoid_distinct / 10, (
        f"distinct values: sigmoid {sigmoid_distinct}, isotonic {isotonic_distinct}"
    )


@says("10-calibration.md", "Its Brier score is no better than the sigmoid's here either.")
def test_isotonic_brier_no_better_than_sigmoid(built_site):
    snippet = "10-calibration/isotonic.py"
    sigmoid = value(snippet, r"sigmoid\s+Brier ([\d.]+)")
    isotonic = value(snippet, r"isotonic\s+Brier ([\d.]+)")
    assert isotonic >= sigmoid, f"Brier sigmoid {sigmoid}, isotonic {isotonic}"
