"""Every sentence of lessons 8 to 12 that ranks techniques, checked against the
output the built page shows.

Each test's docstring is ``<page>: "<sentence>"``, quoting the sentence it
guards; the test checks that the sentence is still on that page, then reads
the cached output of the snippet the page renders (fresh, because the
``built_site`` fixture builds the site first) and asserts the ranking. When a
library upgrade flips a ranking, the test names the sentence to rewrite.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from snippet_runner.render import cached_entry
from snippet_runner.settings import load_settings

ROOT = Path(__file__).resolve().parents[1]
NUMBER = re.compile(r"-?\d+(?:\.\d+)?")

LEADERBOARD_COLUMNS = ["F1", "AP", "ROC AUC", "bal. acc.", "Brier", "AP sd"]
REBALANCED = ["class_weight", "undersampling", "SMOTE", "SMOTEENN", "SMOTETomek"]
LOGISTIC = ["plain LR", *REBALANCED, "tuned threshold"]
DATASETS = ["synthetic", "digits", "diabetes"]


# --- reading pages and outputs ----------------------------------------------


def _squash(text: str) -> str:
    return " ".join(text.split())


def page_says(request: pytest.FixtureRequest) -> str:
    """Check that the sentence quoted in the test's docstring is on its page."""
    doc = _squash(request.function.__doc__ or "")
    # The sentence's closing quote merges into the docstring's closing quotes.
    match = re.fullmatch(r'(\S+\.md): "(.+?)"?', doc)
    assert match, f"{request.function.__name__}: docstring must be <page>.md: \"<sentence>\""
    page, sentence = match.groups()
    text = (ROOT / "docs" / page).read_text(encoding="utf-8")
    text = _squash(re.sub(r"\[([^\]]+)\]\([^)]+\)", r"\1", text))  # [lesson 9](09-...md) reads "lesson 9"
    assert sentence in text, (
        f"docs/{page} no longer contains the sentence this test guards:\n  {sentence}\n"
        "Update the test together with the page."
    )
    return sentence


def stdout(snippet: str) -> str:
    entry = cached_entry(load_settings(ROOT), snippet)
    assert entry is not None, f"no cached output for snippets/{snippet}: did the site build?"
    return entry["stdout"]


def rows(snippet: str, columns: list[str]) -> dict[str, dict[str, float]]:
    """Rows of a printed table: a name, then exactly ``len(columns)`` numbers."""
    table = {}
    for line in stdout(snippet).splitlines():
        parts = line.rsplit(maxsplit=len(columns))
        if len(parts) == len(columns) + 1 and all(NUMBER.fullmatch(p) for p in parts[1:]):
            table[parts[0].strip()] = dict(zip(columns, map(float, parts[1:])))
    assert table, f"no rows with {len(columns)} numbers in the output of snippets/{snippet}"
    return table


def numeric_rows(snippet: str, width: int) -> list[list[float]]:
    """Lines of a printed table made only of ``width`` numbers, in order."""
    found = []
    for line in stdout(snippet).splitlines():
        parts = line.split()
        if len(parts) == width and all(NUMBER.fullmatch(p) for p in parts):
            found.append([float(p) for p in parts])
    assert found, f"no lines of {width} numbers in the output of snippets/{snippet}"
    return found


def value(snippet: str, pattern: str) -> float:
    match = re.search(pattern, stdout(snippet))
    assert match, f"snippets/{snippet}: output does not match {pattern!r}:\n{stdout(snippet)}"
    return float(match.group(1))


def leaderboard(dataset: str) -> dict[str, dict[str, float]]:
    return rows(f"12-leaderboard/{dataset}.py", LEADERBOARD_COLUMNS)


def flipped(sentence: str, evidence: str) -> str:
    return f"The page says:\n  {sentence}\nbut the output shows otherwise:\n  {evidence}"


# --- 8. Fair evaluation --------------------------------------------------------


def test_smote_before_cv_inflates_f1(built_site, request):
    """08-fair-evaluation.md: "The leaky version scores on folds that are half synthetic and balanced, and reports an F1 several times higher than the pipeline does."""
    sentence = page_says(request)
    leaky = value("08-fair-evaluation/leak.py", r"SMOTE before CV:\s+F1 = ([\d.]+)")
    fair = value("08-fair-evaluation/leak.py", r"SMOTE inside CV:\s+F1 = ([\d.]+)")
    assert leaky > 3 * fair, flipped(sentence, f"F1 before CV {leaky}, inside CV {fair}")
    folds = [ast.literal_eval(m) for m in re.findall(r"\{[^}]*\}", stdout("08-fair-evaluation/leak.py"))]
    assert folds[0][0] == folds[0][1], flipped(sentence, f"leaky test fold counts {folds[0]}")
    assert folds[1][1] * 50 < folds[1][0], flipped(sentence, f"fair test fold counts {folds[1]}")


def test_f1_micro_is_accuracy(built_site, request):
    """08-fair-evaluation.md: "The accuracy and `f1_micro` columns are identical for both models, and the model that always answers "majority" scores well on both."""
    sentence = page_says(request)
    table = rows("08-fair-evaluation/f1_micro.py", ["accuracy", "f1_micro", "f1"])
    for name, scores in table.items():
        assert scores["accuracy"] == scores["f1_micro"], flipped(sentence, f"{name}: {scores}")
    assert table["always majority"]["accuracy"] > 0.95, flipped(sentence, str(table["always majority"]))


def test_f1_shows_the_majority_model_finds_nothing(built_site, request):
    """08-fair-evaluation.md: "Only `scoring="f1"` shows that it never finds a positive."""
    sentence = page_says(request)
    table = rows("08-fair-evaluation/f1_micro.py", ["accuracy", "f1_micro", "f1"])
    assert table["always majority"]["f1"] == 0, flipped(sentence, str(table["always majority"]))


def test_no_skill_average_precision_is_the_positive_rate(built_site, request):
    """08-fair-evaluation.md: "The no-skill model's AP equals the positive rate, and logistic regression is far above it."""
    sentence = page_says(request)
    rate = value("08-fair-evaluation/metrics.py", r"positive rate: ([\d.]+)")
    table = rows("08-fair-evaluation/metrics.py", ["AP", "ROC AUC", "F1"])
    assert table["no skill (prior)"]["AP"] == rate, flipped(sentence, f"rate {rate}, {table}")
    assert table["logistic regression"]["AP"] > 10 * rate, flipped(sentence, str(table))


def test_smote_does_not_rank_better_and_loses_f1(built_site, request):
    """08-fair-evaluation.md: "SMOTE, evaluated fairly, does not rank examples better than the plain model: its AP is no higher."""
    sentence = page_says(request)
    table = rows("08-fair-evaluation/metrics.py", ["AP", "ROC AUC", "F1"])
    smote, plain = table["SMOTE + LR"], table["logistic regression"]
    assert smote["AP"] <= plain["AP"], flipped(sentence, f"SMOTE {smote}, plain {plain}")
    # "...and at this ratio that costs it most of its F1."
    assert smote["F1"] < plain["F1"] / 2, flipped(sentence, f"SMOTE {smote}, plain {plain}")


def test_undersampling_before_cv_inflates_f1(built_site, request):
    """08-fair-evaluation.md: "No test point is a copy of a training point this time, but each test fold is balanced, far from the real ratio, so precision (and F1 with it) is measured on a much easier problem than the one the model will face."""
    sentence = page_says(request)
    snippet = "08-fair-evaluation/undersampling_leak.py"
    before = value(snippet, r"before CV: F1 = ([\d.]+)")
    inside = value(snippet, r"inside CV: F1 = ([\d.]+)")
    assert before > 2 * inside, flipped(sentence, f"before CV {before}, inside CV {inside}")
    fold = ast.literal_eval(re.search(r"\{[^}]*\}", stdout(snippet)).group(0))
    assert fold[0] == fold[1], flipped(sentence, f"test fold counts {fold}")


# --- 9. Threshold moving -----------------------------------------------------------


def test_lower_threshold_trades_precision_for_recall(built_site, request):
    """09-threshold-moving.md: "As the threshold falls, recall rises and precision falls: more positives are found, at the price of more false alarms."""
    sentence = page_says(request)
    table = numeric_rows("09-threshold-moving/fixed.py", 4)  # threshold, precision, recall, F1
    thresholds = [row[0] for row in table]
    assert thresholds == sorted(thresholds, reverse=True), f"thresholds not falling: {thresholds}"
    precision, recall = [row[1] for row in table], [row[2] for row in table]
    assert precision == sorted(precision, reverse=True), flipped(sentence, f"precision {precision}")
    assert recall == sorted(recall), flipped(sentence, f"recall {recall}")


def test_f1_peaks_between_extremes(built_site, request):
    """09-threshold-moving.md: "F1, which balances the two, peaks somewhere in between."""
    sentence = page_says(request)
    f1 = [row[3] for row in numeric_rows("09-threshold-moving/fixed.py", 4)]
    best = f1.index(max(f1))
    assert 0 < best < len(f1) - 1, flipped(sentence, f"F1 by falling threshold: {f1}")


def test_tuned_threshold_beats_default_on_f1(built_site, request):
    """09-threshold-moving.md: "The tuned threshold buys recall with precision and ends with a higher F1 than the default 0.5."""
    sentence = page_says(request)
    table = rows("09-threshold-moving/tuned.py", ["precision", "recall", "F1"])
    default, tuned = table["threshold 0.5"], table["tuned threshold"]
    assert tuned["F1"] > default["F1"], flipped(sentence, f"default {default}, tuned {tuned}")
    assert tuned["recall"] > default["recall"], flipped(sentence, f"default {default}, tuned {tuned}")
    assert tuned["precision"] < default["precision"], flipped(sentence, f"default {default}, tuned {tuned}")


def test_best_hand_picked_row_is_optimistic(built_site, request):
    """09-threshold-moving.md: "Notice that its F1 is lower than the best row of the hand-made table above."""
    sentence = page_says(request)
    tuned = rows("09-threshold-moving/tuned.py", ["precision", "recall", "F1"])["tuned threshold"]
    best_fixed = max(row[3] for row in numeric_rows("09-threshold-moving/fixed.py", 4))
    assert tuned["F1"] < best_fixed, flipped(sentence, f"tuned F1 {tuned['F1']}, best fixed row {best_fixed}")


def test_tuned_point_sits_at_higher_recall(built_site, request):
    """09-threshold-moving.md: "The tuned point sits to the right of the default one, with more recall and less precision."""
    sentence = page_says(request)
    # The figure's alt text says the same; both are checked against the printed points.
    snippet = "09-threshold-moving/pr_curve.py"
    default_p = value(snippet, r"threshold 0.5\s+precision ([\d.]+)")
    default_r = value(snippet, r"threshold 0.5\s+precision [\d.]+\s+recall ([\d.]+)")
    tuned_p = value(snippet, r"tuned threshold\s+precision ([\d.]+)")
    tuned_r = value(snippet, r"tuned threshold\s+precision [\d.]+\s+recall ([\d.]+)")
    assert tuned_r > default_r and tuned_p < default_p, flipped(
        sentence, f"default P={default_p} R={default_r}, tuned P={tuned_p} R={tuned_r}"
    )


def cost_table() -> tuple[dict[str, float], dict[str, float]]:
    """Threshold and test cost of each line "<name> threshold <t> test cost <c>"."""
    found = re.findall(r"^(.+?)\s+threshold ([\d.]+)\s+test cost\s+([\d.]+)$", stdout("09-threshold-moving/cost.py"), re.M)
    assert {name for name, _, _ in found} == {"default", "tuned", "cost ratio"}, f"cost.py rows: {found}"
    return {n: float(t) for n, t, _ in found}, {n: float(c) for n, _, c in found}


def test_cost_thresholds_cut_cost(built_site, request):
    """09-threshold-moving.md: "Both the tuned threshold and the cost-ratio threshold are far below 0.5, and both cut the total cost on the test half well below what the default threshold costs."""
    sentence = page_says(request)
    threshold, cost = cost_table()
    for name in ("tuned", "cost ratio"):
        assert threshold[name] < 0.25, flipped(sentence, f"thresholds {threshold}")
        assert cost[name] < 0.8 * cost["default"], flipped(sentence, f"costs {cost}")


def test_cost_ratio_rule_as_good_as_tuner(built_site, request):
    """09-threshold-moving.md: "The plain logistic regression is close to calibrated (lesson 10), so the one-line rule did at least as well as the tuner here; the tuner has the advantage of working for any cost function and any model, calibrated or not."""
    sentence = page_says(request)
    _, cost = cost_table()
    assert cost["cost ratio"] <= cost["tuned"], flipped(sentence, f"costs {cost}")


def test_dearer_misses_lower_the_threshold(built_site, request):
    """09-threshold-moving.md: "The dearer a miss, the lower the threshold, and the more examples are flagged so that more positives are caught."""
    sentence = page_says(request)
    table = numeric_rows("09-threshold-moving/cost_ratios.py", 5)  # FN cost, tuned, ratio, recall, alarms
    assert [r[0] for r in table] == sorted(r[0] for r in table), "FN costs not rising"
    tuned, recall, alarms = ([r[i] for r in table] for i in (1, 3, 4))
    assert tuned == sorted(tuned, reverse=True) and len(set(tuned)) == len(tuned), flipped(sentence, f"tuned {tuned}")
    assert alarms == sorted(alarms) and len(set(alarms)) == len(alarms), flipped(sentence, f"alarms {alarms}")
    assert recall == sorted(recall), flipped(sentence, f"recall {recall}")


def test_tuner_follows_rule_only_in_direction(built_site, request):
    """09-threshold-moving.md: "The tuned thresholds follow the cost-ratio rule in direction but not exactly: with so few positives in each inner fold, the chosen threshold is noisy."""
    sentence = page_says(request)
    table = numeric_rows("09-threshold-moving/cost_ratios.py", 5)
    assert any(r[1] != r[2] for r in table), flipped(sentence, f"tuned equals ratio everywhere: {table}")


# --- 10. Calibration -------------------------------------------------------------------


def test_rebalancing_inflates_probabilities(built_site, request):
    """10-calibration.md: "The two rebalanced models predict, on average, a probability many times higher than the real positive rate, and their Brier scores are much worse."""
    sentence = page_says(request)
    snippet = "10-calibration/reliability.py"
    rate = value(snippet, r"observed positive rate on the test half: ([\d.]+)")
    table = rows(snippet, ["mean proba", "Brier", "ROC AUC"])
    for name in ("undersampled", "class_weight"):
        assert table[name]["mean proba"] > 5 * rate, flipped(sentence, f"rate {rate}, {name} {table[name]}")
        assert table[name]["Brier"] > 5 * table["plain"]["Brier"], flipped(sentence, str(table))


def test_plain_mean_probability_matches_rate(built_site, request):
    """10-calibration.md: "The plain model's average probability is close to the share of positives it is predicting."""
    sentence = page_says(request)
    snippet = "10-calibration/reliability.py"
    rate = value(snippet, r"observed positive rate on the test half: ([\d.]+)")
    plain = rows(snippet, ["mean proba", "Brier", "ROC AUC"])["plain"]
    assert abs(plain["mean proba"] - rate) <= 0.25 * rate, flipped(sentence, f"rate {rate}, plain {plain}")


def test_rebalancing_keeps_roc_auc(built_site, request):
    """10-calibration.md: "Their ROC AUC, which only looks at the order of the examples, barely moves."""
    sentence = page_says(request)
    table = rows("10-calibration/reliability.py", ["mean proba", "Brier", "ROC AUC"])
    for name in ("undersampled", "class_weight"):
        gap = abs(table[name]["ROC AUC"] - table["plain"]["ROC AUC"])
        assert gap < 0.01, flipped(sentence, str(table))


RECALIBRATION_COLUMNS = ["Brier before", "Brier after", "AUC before", "AUC after"]


def test_recalibration_repairs_brier(built_site, request):
    """10-calibration.md: "Recalibration repairs the probabilities: the Brier scores of the undersampled and class-weighted models fall close to the plain model's."""
    sentence = page_says(request)
    table = rows("10-calibration/recalibrate.py", RECALIBRATION_COLUMNS)
    for name in ("undersampled", "class_weight"):
        row = table[name]
        assert row["Brier after"] < row["Brier before"] / 3, flipped(sentence, f"{name} {row}")
        assert row["Brier after"] < 2 * table["plain"]["Brier after"], flipped(sentence, str(table))


def test_recalibration_keeps_ranking(built_site, request):
    """10-calibration.md: "The sigmoid is increasing, so the order of the examples, and with it ROC AUC, is exactly what it was: whatever ranking quality undersampling lost (it threw away most of the majority class) stays lost."""
    sentence = page_says(request)
    table = rows("10-calibration/recalibrate.py", RECALIBRATION_COLUMNS)
    for name, row in table.items():
        assert row["AUC after"] == row["AUC before"], flipped(sentence, f"{name} {row}")
    assert table["undersampled"]["AUC after"] < table["plain"]["AUC after"], flipped(sentence, str(table))


def test_recalibrated_models_do_not_beat_plain(built_site, request):
    """10-calibration.md: "After recalibration, neither rebalanced model has a better Brier score than the plain model, which needed no repair in the first place."""
    sentence = page_says(request)
    table = rows("10-calibration/recalibrate.py", RECALIBRATION_COLUMNS)
    plain = min(table["plain"]["Brier before"], table["plain"]["Brier after"])
    for name in ("undersampled", "class_weight"):
        assert table[name]["Brier after"] > plain, flipped(sentence, str(table))


def test_isotonic_ties_lower_roc_auc(built_site, request):
    """10-calibration.md: "With few positives in the calibration set it learns only a few steps, many test examples end up tied, and ROC AUC drops."""
    sentence = page_says(request)
    snippet = "10-calibration/isotonic.py"
    base = value(snippet, r"undersampled\s+Brier [\d.]+\s+ROC AUC ([\d.]+)")
    sigmoid_auc = value(snippet, r"sigmoid\s+Brier [\d.]+\s+ROC AUC ([\d.]+)")
    isotonic_auc = value(snippet, r"isotonic\s+Brier [\d.]+\s+ROC AUC ([\d.]+)")
    sigmoid_distinct = value(snippet, r"sigmoid.*distinct values\s+(\d+)")
    isotonic_distinct = value(snippet, r"isotonic.*distinct values\s+(\d+)")
    assert sigmoid_auc == base and isotonic_auc < base, flipped(
        sentence, f"AUC base {base}, sigmoid {sigmoid_auc}, isotonic {isotonic_auc}"
    )
    assert isotonic_distinct < sigmoid_distinct / 10, flipped(
        sentence, f"distinct values: sigmoid {sigmoid_distinct}, isotonic {isotonic_distinct}"
    )


def test_isotonic_brier_no_better_than_sigmoid(built_site, request):
    """10-calibration.md: "Its Brier score is no better than the sigmoid's here either."""
    sentence = page_says(request)
    snippet = "10-calibration/isotonic.py"
    sigmoid = value(snippet, r"sigmoid\s+Brier ([\d.]+)")
    isotonic = value(snippet, r"isotonic\s+Brier ([\d.]+)")
    assert isotonic >= sigmoid, flipped(sentence, f"Brier sigmoid {sigmoid}, isotonic {isotonic}")


# --- 11. Balanced ensembles ----------------------------------------------------------------

ENSEMBLE_COLUMNS = ["F1", "AP", "ROC AUC", "bal. acc.", "Brier"]
PLAIN_TREES = ["random forest", "gradient boosting"]
BALANCED_TREES = ["balanced random forest", "balanced bagging", "easy ensemble", "RUSBoost"]


def ensembles() -> dict[str, dict[str, float]]:
    table = rows("11-ensembles/compare.py", ENSEMBLE_COLUMNS)
    assert set(table) == set(PLAIN_TREES + BALANCED_TREES), f"unexpected models: {sorted(table)}"
    return table


def test_plain_trees_best_f1_and_brier(built_site, request):
    """11-ensembles.md: "The plain random forest and gradient boosting have the best F1 and by far the best Brier scores."""
    sentence = page_says(request)
    t = ensembles()
    assert min(t[m]["F1"] for m in PLAIN_TREES) > max(t[m]["F1"] for m in BALANCED_TREES), flipped(sentence, str(t))
    assert 3 * max(t[m]["Brier"] for m in PLAIN_TREES) < min(t[m]["Brier"] for m in BALANCED_TREES), flipped(
        sentence, str(t)
    )


def test_balanced_trees_win_balanced_accuracy_and_auc(built_site, request):
    """11-ensembles.md: "The four balanced ensembles have a higher balanced accuracy than both plain ones, and every one of them has a higher ROC AUC than the plain random forest, but their F1 is much lower and their probabilities are poorly calibrated."""
    sentence = page_says(request)
    t = ensembles()
    for m in BALANCED_TREES:
        assert t[m]["bal. acc."] > max(t[p]["bal. acc."] for p in PLAIN_TREES), flipped(sentence, f"{m}: {t}")
        assert t[m]["ROC AUC"] > t["random forest"]["ROC AUC"], flipped(sentence, f"{m}: {t}")
        assert t[m]["F1"] < t["random forest"]["F1"] / 2, flipped(sentence, f"{m}: {t}")


def test_no_balanced_tree_beats_random_forest_ap(built_site, request):
    """11-ensembles.md: "None of them beats the plain random forest on average precision."""
    sentence = page_says(request)
    t = ensembles()
    for m in BALANCED_TREES:
        assert t[m]["AP"] < t["random forest"]["AP"], flipped(sentence, f"{m}: {t[m]} vs {t['random forest']}")


def test_plain_trees_win_f1_ap_brier(built_site, request):
    """11-ensembles.md: "Here the plain ones win on F1, AP and Brier score; the balanced ones win on balanced accuracy, which rewards flagging more examples."""
    sentence = page_says(request)
    t = ensembles()
    for metric, better in (("F1", max), ("AP", max), ("Brier", min), ("bal. acc.", max)):
        winner = better(t, key=lambda m: t[m][metric])
        expected = BALANCED_TREES if metric == "bal. acc." else PLAIN_TREES
        assert winner in expected, flipped(sentence, f"best {metric}: {winner}")
    assert min(t[m]["AP"] for m in PLAIN_TREES) > max(t[m]["AP"] for m in BALANCED_TREES), flipped(sentence, str(t))


def test_rusboost_settings_keep_more_rounds(built_site, request):
    """11-ensembles.md: "The settings of the comparison keep more rounds and rank far better, but still stop early."""
    sentence = page_says(request)
    snippet = "11-ensembles/rusboost_rounds.py"
    default_rounds = value(snippet, r"defaults\s+rounds kept:\s+(\d+)")
    default_ap = value(snippet, r"defaults\s+rounds kept:.*AP: ([\d.]+)")
    tuned_rounds = value(snippet, r"rate 0.1\s+rounds kept:\s+(\d+)")
    tuned_ap = value(snippet, r"rate 0.1\s+rounds kept:.*AP: ([\d.]+)")
    assert default_rounds < tuned_rounds < 50, flipped(sentence, f"rounds {default_rounds} vs {tuned_rounds}")
    assert tuned_ap > 2 * default_ap, flipped(sentence, f"AP {default_ap} vs {tuned_ap}")


def test_default_rusboost_keeps_one_stump(built_site, request):
    """11-ensembles.md: "With the defaults, RUSBoost keeps a single stump: scikit-learn's AdaBoost stops as soon as a round's weighted error reaches one half, and after the first round reweights the data, the next undersampled stump does no better than that."""
    sentence = page_says(request)
    rounds = value("11-ensembles/rusboost_rounds.py", r"defaults\s+rounds kept:\s+(\d+)")
    assert rounds == 1, flipped(sentence, f"RUSBoost with its defaults kept {rounds} rounds")


# --- 12. The leaderboard ----------------------------------------------------------------------


def test_leaderboards_have_every_model(built_site):
    """The claims below index the tables by model name; fail clearly if a row is renamed."""
    expected = {*LOGISTIC, "gradient boosting", "balanced RF"}
    for dataset in DATASETS:
        assert set(leaderboard(dataset)) == expected, f"{dataset}: rows {sorted(leaderboard(dataset))}"


def best(table, metric, among=None, lowest=False):
    names = among or list(table)
    return (min if lowest else max)(names, key=lambda m: table[m][metric])


def test_synthetic_tuned_threshold_best_f1(built_site, request):
    """12-leaderboard.md: "The tuned threshold has the best F1 of all nine models, and every rebalanced logistic regression (class weights and the four resamplers) has a much lower F1 than the plain one: at this ratio they flag far too many examples at 0.5."""
    sentence = page_says(request)
    t = leaderboard("synthetic")
    assert best(t, "F1") == "tuned threshold", flipped(sentence, f"best F1: {best(t, 'F1')}")
    for m in REBALANCED:
        assert t[m]["F1"] < t["plain LR"]["F1"] / 2, flipped(sentence, f"{m} {t[m]} vs plain {t['plain LR']}")


def test_synthetic_rebalancing_worse_brier(built_site, request):
    """12-leaderboard.md: "They also have far worse Brier scores."""
    sentence = page_says(request)
    t = leaderboard("synthetic")
    for m in REBALANCED:
        assert t[m]["Brier"] > 5 * t["plain LR"]["Brier"], flipped(sentence, f"{m} {t[m]} vs plain {t['plain LR']}")


def test_synthetic_ranking_is_mixed(built_site, request):
    """12-leaderboard.md: "On ranking, the picture is mixed: the rebalanced variants edge ahead of plain logistic regression on ROC AUC, but none of them matches it on AP, and all the logistic regressions' APs lie within one standard deviation of each other."""
    sentence = page_says(request)
    t = leaderboard("synthetic")
    for m in REBALANCED:
        assert t[m]["ROC AUC"] > t["plain LR"]["ROC AUC"], flipped(sentence, f"{m} {t[m]} vs plain {t['plain LR']}")
        assert t[m]["AP"] < t["plain LR"]["AP"], flipped(sentence, f"{m} {t[m]} vs plain {t['plain LR']}")
    assert_ap_within_one_sd(t, sentence)


def assert_ap_within_one_sd(table, sentence):
    aps = [table[m]["AP"] for m in LOGISTIC]
    spread = min(table[m]["AP sd"] for m in LOGISTIC)
    assert max(aps) - min(aps) < spread, flipped(
        sentence, f"logistic regression APs span {max(aps) - min(aps):.4f}, smallest AP sd {spread}"
    )


def test_tuning_keeps_the_plain_model(built_site, request):
    """12-leaderboard.md: "Moving the threshold changes neither ranking nor probabilities, so the tuned model's AP, ROC AUC and Brier score are those of the plain one."""
    sentence = page_says(request)
    for dataset in DATASETS:
        t = leaderboard(dataset)
        for metric in ("AP", "ROC AUC", "Brier"):
            assert t["tuned threshold"][metric] == t["plain LR"][metric], flipped(sentence, f"{dataset} {metric}")


def test_digits_gradient_boosting_wins(built_site, request):
    """12-leaderboard.md: "Gradient boosting, with no rebalancing at all, has the best F1, AP, ROC AUC and Brier score of the nine."""
    sentence = page_says(request)
    t = leaderboard("digits")
    for metric in ("F1", "AP", "ROC AUC"):
        assert best(t, metric) == "gradient boosting", flipped(sentence, f"best {metric}: {best(t, metric)}")
    assert best(t, "Brier", lowest=True) == "gradient boosting", flipped(sentence, "best Brier elsewhere")


def test_digits_plain_lr_best_f1_of_logistic(built_site, request):
    """12-leaderboard.md: "Among the logistic regressions, the plain one has the best F1: no rebalancing method improves on it, and neither does threshold tuning."""
    sentence = page_says(request)
    t = leaderboard("digits")
    assert best(t, "F1", LOGISTIC) == "plain LR", flipped(sentence, f"best F1 among LR: {best(t, 'F1', LOGISTIC)}")


def test_digits_undersampling_lowest_ap(built_site, request):
    """12-leaderboard.md: "Undersampling, which throws away most of the majority class, has the lowest AP of the logistic regressions."""
    sentence = page_says(request)
    t = leaderboard("digits")
    assert best(t, "AP", LOGISTIC, lowest=True) == "undersampling", flipped(sentence, str(t))


def test_rebalancing_always_costs_calibration(built_site, request):
    """12-leaderboard.md: "every rebalanced logistic regression (class weights, undersampling, SMOTE, SMOTEENN, SMOTETomek) has a worse Brier score than plain logistic regression: rebalancing always cost calibration;"""
    sentence = page_says(request)
    for dataset in DATASETS:
        t = leaderboard(dataset)
        for m in REBALANCED:
            assert t[m]["Brier"] > t["plain LR"]["Brier"], flipped(sentence, f"{dataset}: {m} {t[m]}")


def test_diabetes_rebalancing_helps_f1_tuning_more(built_site, request):
    """12-leaderboard.md: "On this small dataset the plain logistic regression is too cautious at 0.5, and every rebalanced variant has a higher F1 than it. Threshold tuning is higher still, with the best F1 of all nine models and the plain model's Brier score."""
    sentence = page_says(request)
    t = leaderboard("diabetes")
    for m in REBALANCED:
        assert t[m]["F1"] > t["plain LR"]["F1"], flipped(sentence, f"{m} {t[m]} vs plain {t['plain LR']}")
    assert best(t, "F1") == "tuned threshold", flipped(sentence, f"best F1: {best(t, 'F1')}")


def test_diabetes_gradient_boosting_last(built_site, request):
    """12-leaderboard.md: "Gradient boosting, the winner on digits, comes last on F1 and AP: with so few positives, a flexible model has too little to learn from."""
    sentence = page_says(request)
    t = leaderboard("diabetes")
    for metric in ("F1", "AP"):
        assert best(t, metric, lowest=True) == "gradient boosting", flipped(sentence, f"lowest {metric}")


def test_diabetes_ap_within_noise(built_site, request):
    """12-leaderboard.md: "The logistic regressions' APs again lie within one standard deviation of each other."""
    assert_ap_within_one_sd(leaderboard("diabetes"), page_says(request))


def test_rebalancing_never_clearly_improves_ap(built_site, request):
    """12-leaderboard.md: "no rebalanced variant beats plain logistic regression on AP by more than one standard deviation of the folds: rebalancing never clearly improved ranking;"""
    sentence = page_says(request)
    for dataset in DATASETS:
        t = leaderboard(dataset)
        for m in REBALANCED:
            gain = t[m]["AP"] - t["plain LR"]["AP"]
            assert gain < t["plain LR"]["AP sd"], flipped(sentence, f"{dataset}: {m} gains {gain:.4f} AP")


def test_tuned_threshold_at_least_as_good_as_rebalancing(built_site, request):
    """12-leaderboard.md: "on F1, the tuned threshold is at least as good as every rebalancing method on every dataset, and it keeps the plain model's probabilities;"""
    sentence = page_says(request)
    for dataset in DATASETS:
        t = leaderboard(dataset)
        for m in REBALANCED:
            assert t["tuned threshold"]["F1"] >= t[m]["F1"], flipped(sentence, f"{dataset}: {m} {t[m]}")


def test_balanced_accuracy_favours_rebalancing(built_site, request):
    """12-leaderboard.md: "balanced accuracy favours rebalancing everywhere: each rebalanced variant scores higher on it than plain logistic regression."""
    sentence = page_says(request)
    for dataset in DATASETS:
        t = leaderboard(dataset)
        for m in REBALANCED:
            assert t[m]["bal. acc."] > t["plain LR"]["bal. acc."], flipped(sentence, f"{dataset}: {m}")


def test_balanced_accuracy_disagrees_with_f1(built_site, request):
    """12-leaderboard.md: "on the synthetic data and on digits, plain logistic regression has a higher F1 than every rebalanced variant, yet a lower balanced accuracy than all of them."""
    sentence = page_says(request)
    for dataset in ("synthetic", "digits"):
        t = leaderboard(dataset)
        for m in REBALANCED:
            assert t["plain LR"]["F1"] > t[m]["F1"], flipped(sentence, f"{dataset}: F1 of {m}")
            assert t["plain LR"]["bal. acc."] < t[m]["bal. acc."], flipped(sentence, f"{dataset}: bal. acc. of {m}")


def test_best_ranker_differs_between_datasets(built_site, request):
    """12-leaderboard.md: "The best ranker differed between datasets here (by AP, gradient boosting on digits, a logistic regression on the other two); only the protocol can tell you which one wins on yours."""
    sentence = page_says(request)
    assert best(leaderboard("digits"), "AP") == "gradient boosting", flipped(sentence, "digits")
    for dataset in ("synthetic", "diabetes"):
        winner = best(leaderboard(dataset), "AP")
        assert winner in LOGISTIC, flipped(sentence, f"{dataset}: best AP is {winner}")


def test_resampling_helped_only_diabetes_f1(built_site, request):
    """12-leaderboard.md: "Here they improved only the default-threshold F1 of the small diabetes problem, where threshold tuning did better still, and never ranking or calibration."""
    sentence = page_says(request)
    for dataset in DATASETS:
        t = leaderboard(dataset)
        helped = [m for m in REBALANCED if t[m]["F1"] > t["plain LR"]["F1"]]
        if dataset == "diabetes":
            assert helped and all(t["tuned threshold"]["F1"] > t[m]["F1"] for m in helped), flipped(sentence, str(t))
        else:
            assert not helped, flipped(sentence, f"{dataset}: rebalancing raised F1 for {helped}")


def test_tuning_matches_rebalancing_and_keeps_probabilities(built_site, request):
    """12-leaderboard.md: "Threshold tuning matched or beat every rebalancing method on F1 and kept the probabilities intact."""
    sentence = page_says(request)
    for dataset in DATASETS:
        t = leaderboard(dataset)
        assert all(t["tuned threshold"]["F1"] >= t[m]["F1"] for m in REBALANCED), flipped(sentence, dataset)
        assert t["tuned threshold"]["Brier"] == t["plain LR"]["Brier"], flipped(sentence, dataset)


def test_better_model_matters_more(built_site, request):
    """12-leaderboard.md: "A better model (gradient boosting on digits) mattered more than either."""
    sentence = page_says(request)
    t = leaderboard("digits")
    assert all(t["gradient boosting"]["F1"] > t[m]["F1"] for m in LOGISTIC), flipped(sentence, str(t))


def test_smote_and_tuning_do_not_add_up(built_site, request):
    """12-leaderboard.md: "With its threshold tuned, the SMOTE pipeline's F1 is no higher than that of the tuned plain logistic regression: once the threshold is chosen well, SMOTE has nothing left to contribute to F1."""
    sentence = page_says(request)
    snippet = "12-leaderboard/smote_and_threshold.py"
    f1 = value(snippet, r"F1 ([\d.]+)")
    ap = value(snippet, r"AP ([\d.]+)")
    brier = value(snippet, r"Brier ([\d.]+)")
    t = leaderboard("diabetes")
    assert f1 <= t["tuned threshold"]["F1"], flipped(sentence, f"SMOTE + tuned F1 {f1}, tuned plain {t['tuned threshold']}")
    # "Tuning does not change its AP (the ranking is SMOTE's), and its Brier score keeps SMOTE's damage."
    assert ap == t["SMOTE"]["AP"], f"SMOTE + tuned AP {ap} differs from SMOTE's {t['SMOTE']['AP']}"
    assert brier > t["plain LR"]["Brier"], f"SMOTE + tuned Brier {brier} is not worse than plain {t['plain LR']}"


def test_rebalancing_summary(built_site, request):
    """12-leaderboard.md: "Rebalancing moved F1 and balanced accuracy at the default threshold, never clearly improved ranking, and always cost calibration."""
    sentence = page_says(request)
    for dataset in DATASETS:
        t = leaderboard(dataset)
        for m in REBALANCED:
            assert t[m]["F1"] != t["plain LR"]["F1"], flipped(sentence, f"{dataset}: {m} F1 unchanged")
            assert t[m]["bal. acc."] > t["plain LR"]["bal. acc."], flipped(sentence, f"{dataset}: {m}")
            assert t[m]["AP"] - t["plain LR"]["AP"] < t["plain LR"]["AP sd"], flipped(sentence, f"{dataset}: {m}")
            assert t[m]["Brier"] > t["plain LR"]["Brier"], flipped(sentence, f"{dataset}: {m}")


# --- What next ----------------------------------------------------------------


def test_conclusion_rebalancing_loses_to_tuning_on_synthetic(built_site, request):
    """conclusion.md: "On the seed's synthetic data, every rebalanced logistic regression had a much lower F1 than the plain one at the default threshold, while tuning the threshold did best."""
    sentence = page_says(request)
    t = leaderboard("synthetic")
    assert best(t, "F1") == "tuned threshold", flipped(sentence, f"best F1: {best(t, 'F1')}")
    for m in REBALANCED:
        assert t[m]["F1"] < t["plain LR"]["F1"] / 2, flipped(sentence, f"{m} {t[m]} vs plain {t['plain LR']}")


def test_conclusion_rebalancing_always_costs_calibration(built_site, request):
    """conclusion.md: "On the other datasets of the leaderboard the picture is more mixed, but rebalancing always cost calibration."""
    sentence = page_says(request)
    for dataset in DATASETS:
        t = leaderboard(dataset)
        for m in REBALANCED:
            assert t[m]["Brier"] > t["plain LR"]["Brier"], flipped(sentence, f"{dataset}: {m} {t[m]} vs plain {t['plain LR']}")
