"""Claims of lesson 11, checked against the output the built page shows.

Each test declares the sentence it guards with ``@says``; see ``tests/claims.py``.
"""

from __future__ import annotations

from tests.claims import rows, says, value

# --- 11. Balanced ensembles ----------------------------------------------------------------

ENSEMBLE_COLUMNS = ["F1", "AP", "ROC AUC", "bal. acc.", "Brier"]
PLAIN_TREES = ["random forest", "gradient boosting"]
BALANCED_TREES = ["balanced random forest", "balanced bagging", "easy ensemble", "RUSBoost"]


def ensembles() -> dict[str, dict[str, float]]:
    table = rows("11-ensembles/compare.py", ENSEMBLE_COLUMNS)
    assert set(table) == set(PLAIN_TREES + BALANCED_TREES), f"unexpected models: {sorted(table)}"
    return table


@says(
    "11-ensembles.md",
    "The plain random forest and gradient boosting have the best F1 and by far the best Brier scores.",
)
def test_plain_trees_best_f1_and_brier(built_site):
    t = ensembles()
    assert min(t[m]["F1"] for m in PLAIN_TREES) > max(t[m]["F1"] for m in BALANCED_TREES), str(t)
    assert 3 * max(t[m]["Brier"] for m in PLAIN_TREES) < min(t[m]["Brier"] for m in BALANCED_TREES), str(t)


@says(
    "11-ensembles.md",
    "The four balanced ensembles have a higher balanced accuracy than both plain ones, and every one of them has a higher ROC AUC than the plain random forest, but their F1 is much lower and their probabilities are poorly calibrated.",
)
def test_balanced_trees_win_balanced_accuracy_and_auc(built_site):
    t = ensembles()
    for m in BALANCED_TREES:
        assert t[m]["bal. acc."] > max(t[p]["bal. acc."] for p in PLAIN_TREES), f"{m}: {t}"
        assert t[m]["ROC AUC"] > t["random forest"]["ROC AUC"], f"{m}: {t}"
        assert t[m]["F1"] < t["random forest"]["F1"] / 2, f"{m}: {t}"


@says("11-ensembles.md", "None of them beats the plain random forest on average precision.")
def test_no_balanced_tree_beats_random_forest_ap(built_site):
    t = ensembles()
    for m in BALANCED_TREES:
        assert t[m]["AP"] < t["random forest"]["AP"], f"{m}: {t[m]} vs {t['random forest']}"


@says(
    "11-ensembles.md",
    "Here the plain ones win on F1, AP and Brier score; the balanced ones win on balanced accuracy, which rewards flagging more examples.",
)
def test_plain_trees_win_f1_ap_brier(built_site):
    t = ensembles()
    for metric, better in (("F1", max), ("AP", max), ("Brier", min), ("bal. acc.", max)):
        winner = better(t, key=lambda m: t[m][metric])
        expected = BALANCED_TREES if metric == "bal. acc." else PLAIN_TREES
        assert winner in expected, f"best {metric}: {winner}"
    assert min(t[m]["AP"] for m in PLAIN_TREES) > max(t[m]["AP"] for m in BALANCED_TREES), str(t)


@says("11-ensembles.md", "The settings of the comparison keep more rounds and rank far better, but still stop early.")
def test_rusboost_settings_keep_more_rounds(built_site):
    snippet = "11-ensembles/rusboost_rounds.py"
    default_rounds = value(snippet, r"defaults\s+rounds kept:\s+(\d+)")
    default_ap = value(snippet, r"defaults\s+rounds kept:.*AP: ([\d.]+)")
    tuned_rounds = value(snippet, r"rate 0.1\s+rounds kept:\s+(\d+)")
    tuned_ap = value(snippet, r"rate 0.1\s+rounds kept:.*AP: ([\d.]+)")
    assert default_rounds < tuned_rounds < 50, f"rounds {default_rounds} vs {tuned_rounds}"
    assert tuned_ap > 2 * default_ap, f"AP {default_ap} vs {tuned_ap}"


@says(
    "11-ensembles.md",
    "With the defaults, RUSBoost keeps a single stump: scikit-learn's AdaBoost stops as soon as a round's weighted error reaches one half, and after the first round reweights the data, the next undersampled stump does no better than that.",
)
def test_default_rusboost_keeps_one_stump(built_site):
    rounds = value("11-ensembles/rusboost_rounds.py", r"defaults\s+rounds kept:\s+(\d+)")
    assert rounds == 1, f"RUSBoost with its defaults kept {rounds} rounds"
