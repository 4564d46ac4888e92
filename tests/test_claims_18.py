"""Claims of lesson 18 (the benchmark across real datasets), and the notes it
adds to earlier lessons, checked against the output the built pages show.

Each test declares the sentence it guards with ``@says``; see ``tests/claims.py``.
"""

from __future__ import annotations

import ast
import re

import numpy as np
from sklearn.metrics import f1_score

from tests.claims import ROOT, across, says, stdout, value, verdict_across

PAGE = "18-real-data.md"
DATASETS = "18-real-data/datasets.py"
DEMSAR = "18-real-data/demsar.py"
WILCOXON = "18-real-data/demsar_wilcoxon.py"
LOGISTIC = "18-real-data/logistic.py"
BOOSTING = "18-real-data/boosting.py"
TUNED = "18-real-data/boosting_threshold.py"
DASK = "18-real-data/dask_cluster.py"
REBALANCING = ["class_weight", "undersampling", "oversampling", "SMOTE"]
N = 33


def collection() -> dict[str, dict[str, int]]:
    """The printed table of datasets: rows, features and positives of each that loaded."""
    table = {}
    for line in stdout(DATASETS).splitlines():
        parts = line.split()
        if len(parts) == 5 and all(re.fullmatch(r"[\d.]+", p) for p in parts[1:]):
            table[parts[0]] = {"rows": int(parts[1]), "positives": int(parts[3])}
    return table


def precision_traded_for_recall() -> None:
    """With logistic regression, every rebalancing remedy loses precision and gains recall."""
    for remedy in REBALANCING:
        verdict_across(LOGISTIC, f"precision: {remedy} loses to none", datasets=N)
        verdict_across(LOGISTIC, f"recall: {remedy} beats none", datasets=N)


def calibration_lost() -> None:
    """With both learners, every rebalancing remedy loses to none on the Brier score."""
    for snippet in (LOGISTIC, BOOSTING):
        for remedy in REBALANCING:
            verdict_across(snippet, f"Brier: {remedy} loses to none", datasets=N)


def no_ap_gain() -> None:
    """With both learners, no rebalancing remedy beats none on AP."""
    for snippet in (LOGISTIC, BOOSTING):
        for remedy in REBALANCING:
            heads = [h for h in across(snippet) if h.startswith(f"AP: {remedy} ") and h.endswith(" none")]
            assert heads and not any(" beats " in h for h in heads), (snippet, heads)


@says(
    PAGE,
    "One dataset passes the rule but no longer loads with the current pandas; it is left out, and every result below uses the other 33.",
)
def test_collection(built_site):
    passed = value(DATASETS, r"(\d+) datasets pass the rule")
    assert len(re.findall(r"not loaded:", stdout(DATASETS))) == 1
    assert passed == len(collection()) + 1 == N + 1, collection()
    assert all(m["n"] == str(N) for snippet in (LOGISTIC, BOOSTING, TUNED) for m in across(snippet).values())
    # The rule as stated: at least 20 positives, under 10,000 rows, ratio at least 1.5.
    for name, row in collection().items():
        assert row["positives"] >= 20 and row["rows"] < 10_000, name
        assert (row["rows"] - row["positives"]) / row["positives"] >= 1.5, name


# --- comparing across datasets: Demšar's example --------------------------------


@says(
    PAGE,
    "The average ranks (3.143, 2.000, 2.893, 1.964), the Friedman statistic (9.28), its F version (3.69, above the critical 2.85) and the Nemenyi critical differences (1.25 at 0.05, 1.12 at 0.10) are the paper's.",
)
def test_demsar_reproduced(built_site):
    # Demšar (2006), section 3.2.2, as printed in the paper.
    paper_ranks = {"C4.5": 3.143, "C4.5+m": 2.0, "C4.5+cf": 2.893, "C4.5+m+cf": 1.964}
    printed = ast.literal_eval(re.search(r"average ranks: (\{.*\})", stdout(DEMSAR))[1])
    assert printed == paper_ranks
    assert value(DEMSAR, r"Friedman chi2_F = ([\d.]+)") == 9.28
    assert value(DEMSAR, r"F_F = ([\d.]+)") == 3.69
    assert value(DEMSAR, r"critical F\(3, 39\) at 0.05 = ([\d.]+)") == 2.85
    assert value(DEMSAR, r"Nemenyi at 0.05: q = 2.569, CD = ([\d.]+)") == 1.25
    assert value(DEMSAR, r"Nemenyi at 0.10: q = 2.291, CD = ([\d.]+)") == 1.12


@says(PAGE, "The Bonferroni-Dunn difference comes out at 1.168, which the paper prints as 1.16.")
def test_demsar_bonferroni_dunn(built_site):
    assert value(DEMSAR, r"Bonferroni-Dunn .* q = 2.394, CD = ([\d.]+)") == 1.168


@says(
    PAGE,
    "As in the paper, at 0.10 plain C4.5 differs from C4.5+m and C4.5+m+cf, and the data cannot place C4.5+cf.",
)
def test_demsar_nemenyi_groups(built_site):
    text = stdout(DEMSAR)
    p = {line.split()[0]: [float(x) for x in line.split()[1:]] for line in text.splitlines()[-4:]}
    names = ["C4.5", "C4.5+m", "C4.5+cf", "C4.5+m+cf"]
    pairs = {(a, b): p[a][names.index(b)] for a in names for b in names if a < b}
    differ = {pair for pair, pv in pairs.items() if pv < 0.10}
    assert differ == {("C4.5", "C4.5+m"), ("C4.5", "C4.5+m+cf")}, pairs


@says(
    PAGE,
    "The same three verdicts: both variants that fit `m` come out ahead of plain C4.5, and the one that fits `cf` alone shows no difference.",
)
def test_exercise_wilcoxon_holm(built_site):
    verdict_across(WILCOXON, "AUC: C4.5+m beats C4.5", worded=False, datasets=14)
    verdict_across(WILCOXON, "AUC: C4.5+m+cf beats C4.5", worded=False, datasets=14)
    verdict_across(WILCOXON, "AUC: C4.5+cf ties with C4.5", worded=False, datasets=14)


@says(PAGE, "With 14 datasets, ten or eleven wins against two losses is enough for the signed-rank test.")
def test_exercise_counts(built_site):
    for variant in ("C4.5+m", "C4.5+m+cf"):
        line = verdict_across(WILCOXON, f"AUC: {variant} beats C4.5", worded=False)
        assert line["wins"] in ("10", "11") and line["losses"] == "2", line[0]


# --- the benchmark ---------------------------------------------------------------


def test_quick_f1_is_f1_score():
    """The examples hand the tuner ``quick_f1``; it must be ``f1_score`` of class 1."""
    for snippet in (LOGISTIC, TUNED):
        source = (ROOT / "snippets" / snippet).read_text(encoding="utf-8")
        node = next(n for n in ast.parse(source).body if isinstance(n, ast.FunctionDef) and n.name == "quick_f1")
        namespace: dict = {"np": np}
        exec(compile(ast.Module([node], []), snippet, "exec"), namespace)
        rng = np.random.default_rng(0)
        for _ in range(200):
            y_true, y_pred = rng.integers(0, 2, 50), rng.integers(0, 2, 50)
            y_true[0] = 1
            assert np.isclose(namespace["quick_f1"](y_true, y_pred), f1_score(y_true, y_pred)), snippet


@says(
    PAGE,
    'The Friedman test rejects "all remedies rank alike" on every score, so the remedies do differ; the question is how.',
)
def test_friedman_rejects(built_site):
    printed = re.search(r"Friedman p: (.*)", stdout(LOGISTIC))[1]
    p_values = [float(part.rsplit(maxsplit=1)[1]) for part in printed.split(", ")]
    assert len(p_values) == 7 and max(p_values) < 0.05, printed


@says(
    PAGE,
    "Each of the four rebalancing remedies loses to none on precision and beats it on recall, across the 33 datasets.",
)
def test_precision_for_recall(built_site):
    precision_traded_for_recall()


@says(PAGE, "Each of the four loses to none on the Brier score, with both learners.")
def test_calibration(built_site):
    calibration_lost()


@says(
    PAGE,
    "No rebalancing remedy beats none on AP with either learner; undersampling loses to none with both learners, oversampling with logistic regression, and class weights with gradient boosting.",
)
def test_average_precision(built_site):
    no_ap_gain()
    for snippet in (LOGISTIC, BOOSTING):
        verdict_across(snippet, "AP: undersampling loses to none")
    verdict_across(LOGISTIC, "AP: oversampling loses to none")
    verdict_across(BOOSTING, "AP: class_weight loses to none")


@says(
    PAGE,
    "Class weights, oversampling and SMOTE each tie with the tuned threshold on F1, and undersampling loses to it.",
)
def test_threshold_as_good_as_rebalancing(built_site):
    for remedy in ("class_weight", "oversampling", "SMOTE"):
        verdict_across(LOGISTIC, f"F1: {remedy} ties with threshold")
    verdict_across(LOGISTIC, "F1: undersampling loses to threshold")


@says(
    PAGE,
    "On the real datasets class weights, oversampling and SMOTE each beat none on F1 at 0.5, and undersampling ties with it, with both learners.",
)
def test_rebalancing_f1_on_real_data(built_site):
    for snippet in (LOGISTIC, BOOSTING):
        for remedy in ("class_weight", "oversampling", "SMOTE"):
            verdict_across(snippet, f"F1: {remedy} beats none")
        verdict_across(snippet, "F1: undersampling ties with none")


@says(PAGE, "At 0.5 the plain logistic regression's recall ranks last of all seven methods.")
def test_plain_recall_ranks_last(built_site):
    ranks = {}
    for line in stdout(LOGISTIC).splitlines():
        parts = line.rsplit(maxsplit=7)
        if len(parts) == 8 and all(re.fullmatch(r"\d+\.\d+|=", p) for p in parts[1:]):
            ranks[parts[0]] = float(parts[6])  # the recall column
    assert len(ranks) == 7 and max(ranks, key=ranks.get) == "none", ranks


@says(
    PAGE,
    "On the gain from rebalancing, logistic regression beats gradient boosting on balanced accuracy and on AP across the datasets, and ties with it on F1.",
)
def test_weak_gains_more(built_site):
    for metric in ("bal. acc.", "AP"):
        verdict_across(BOOSTING, f"{metric} gain: logistic regression beats gradient boosting", datasets=N)
    verdict_across(BOOSTING, "F1 gain: logistic regression ties with gradient boosting", datasets=N)


@says(
    PAGE,
    "tuned threshold here, and more than confirmed: undersampling + threshold loses to the threshold alone on F1 and on balanced accuracy, with both learners.",
)
def test_tuned_threshold_leaves_nothing_to_balance(built_site):
    for snippet in (LOGISTIC, TUNED):
        verdict_across(snippet, "F1: undersampling + threshold loses to threshold")
        verdict_across(snippet, "bal. acc.: undersampling + threshold loses to threshold")


@says(PAGE, "SMOTE ties with oversampling on AP, F1 and balanced accuracy, with both learners.")
def test_smote_against_oversampling(built_site):
    for snippet in (LOGISTIC, BOOSTING):
        for metric in ("AP", "F1", "bal. acc."):
            verdict_across(snippet, f"{metric}: SMOTE ties with oversampling")


@says(
    PAGE,
    "Undersampling loses to none on ROC AUC with both learners: a median loss of 0.004 with logistic regression and 0.017 with gradient boosting.",
)
def test_undersampling_ranking(built_site):
    for snippet, loss in ((LOGISTIC, 0.004), (BOOSTING, 0.017)):
        line = verdict_across(snippet, "ROC AUC: undersampling loses to none")
        assert round(-float(line["median"]), 3) == loss, line[0]


@says(PAGE, "It loses to none on the Brier score with both learners, by the largest median of the four remedies.")
def test_undersampling_probabilities(built_site):
    for snippet in (LOGISTIC, BOOSTING):
        medians = {r: float(verdict_across(snippet, f"Brier: {r} loses to none")["median"]) for r in REBALANCING}
        assert min(medians, key=medians.get) == "undersampling", (snippet, medians)


@says(
    PAGE,
    "And gradient boosting on undersampled data predicted a single constant value in some folds of ten datasets, each with fewer than 45 positives (the third example lists them), which weighs on its undersampling results.",
)
def test_constant_predictions(built_site):
    listed = re.search(r"undersampling \+ threshold: constant predictions.* in folds of (.*)", stdout(TUNED))[1]
    names = listed.split(", ")
    table = collection()
    assert len(names) == 10 and all(table[name]["positives"] < 45 for name in names), names
    assert "threshold: constant" not in stdout(TUNED).replace("undersampling + threshold: constant", "")


@says(
    PAGE,
    "The example starts a local cluster of two worker processes, runs the same loop on the four smallest datasets there and on this machine, and checks that both give the same numbers.",
)
def test_dask_same_numbers(built_site):
    assert "same numbers as on this machine: True" in stdout(DASK)
    assert len(re.findall(r"(?m)^\S+\s+\d\.\d{4}\s+\d\.\d{4}$", stdout(DASK))) == 4


# --- what lesson 18 adds to earlier pages ------------------------------------------


@says(
    "04-undersampling.md",
    "On real data two of these verdicts change: across the 33 datasets of lesson 18, undersampling ties with no remedy on F1 at 0.5 and loses to it on ROC AUC, with both learners tested there.",
)
def test_lesson_4_note(built_site):
    for snippet in (LOGISTIC, BOOSTING):
        verdict_across(snippet, "F1: undersampling ties with none", datasets=N)
        verdict_across(snippet, "ROC AUC: undersampling loses to none", datasets=N)


@says(
    "05-oversampling.md",
    "On real data the F1 verdict turns round: across the 33 datasets of lesson 18, SMOTE beats no remedy on F1 at 0.5, with both learners tested there.",
)
def test_lesson_5_note(built_site):
    for snippet in (LOGISTIC, BOOSTING):
        verdict_across(snippet, "F1: SMOTE beats none", datasets=N)


@says(
    "07-cost-sensitive.md",
    "On real data the F1 verdict turns round: across the 33 datasets of lesson 18, class weights beat no remedy on F1 at 0.5, with both learners tested there.",
)
def test_lesson_7_note(built_site):
    for snippet in (LOGISTIC, BOOSTING):
        verdict_across(snippet, "F1: class_weight beats none", datasets=N)


@says(
    "12-leaderboard.md",
    "The F1 verdict is this dataset's, not a rule: across the 33 real datasets of lesson 18, class weights, oversampling and SMOTE each beat no remedy on F1 at 0.5.",
)
def test_lesson_12_note(built_site):
    for remedy in ("class_weight", "oversampling", "SMOTE"):
        verdict_across(LOGISTIC, f"F1: {remedy} beats none", datasets=N)


CONCLUSION = "conclusion.md"


@says(
    CONCLUSION,
    "Across the 33 real datasets of lesson 18, each of the four rebalancing remedies loses to no remedy on precision, beats it on recall, and loses to it on the Brier score: rebalancing cost calibration with both learners tested.",
)
def test_conclusion_trade(built_site):
    precision_traded_for_recall()
    calibration_lost()


@says(
    CONCLUSION,
    "None of them beats no remedy on average precision, so none created information about the minority class that the data did not hold.",
)
def test_conclusion_ap(built_site):
    no_ap_gain()


@says(
    CONCLUSION,
    "At the default threshold, though, class weights, oversampling and SMOTE beat no remedy on F1 there, where on the course's synthetic data every rebalanced logistic regression lost to the plain one: a fixed 0.5 suits many real datasets badly.",
)
def test_conclusion_f1_real_against_synthetic(built_site):
    from tests.claims import verdict

    for remedy in ("class_weight", "oversampling", "SMOTE"):
        verdict_across(LOGISTIC, f"F1: {remedy} beats none", datasets=N)
    for remedy in ("class_weight", "undersampling", "SMOTE", "SMOTEENN", "SMOTETomek"):
        verdict("12-leaderboard/leaderboard.py", f"F1: {remedy} loses to plain LR", "synthetic", worded=False)


@says(
    CONCLUSION,
    "Moving the threshold does as well: on F1 the tuned threshold ties with class weights, oversampling and SMOTE.",
)
def test_conclusion_threshold(built_site):
    for remedy in ("class_weight", "oversampling", "SMOTE"):
        verdict_across(LOGISTIC, f"F1: {remedy} ties with threshold", datasets=N)


@says(CONCLUSION, "And with the threshold tuned, undersampling on top of it loses to the threshold alone on F1.")
def test_conclusion_undersampling_after_threshold(built_site):
    for snippet in (LOGISTIC, TUNED):
        verdict_across(snippet, "F1: undersampling + threshold loses to threshold", datasets=N)


@says(
    CONCLUSION,
    "Rebalancing improved F1 at the default threshold on real data, and undersampling cost a little ranking.",
)
def test_conclusion_two_changes(built_site):
    for snippet in (LOGISTIC, BOOSTING):
        verdict_across(snippet, "F1: SMOTE beats none", worded=False)
        line = verdict_across(snippet, "ROC AUC: undersampling loses to none", worded=False)
        # "a little": under 0.02 of ROC AUC
        assert -0.02 < float(line["median"]) < 0, line[0]
