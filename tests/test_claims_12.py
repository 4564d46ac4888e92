"""Claims of lesson 12 and the closing page, checked against the output the built page shows.

Each test declares the sentence it guards with ``@says``; see ``tests/claims.py``.
"""

from __future__ import annotations

import re

from tests.claims import ROOT, comparisons, rows, says, stdout, verdict

PAGE = "12-leaderboard.md"
BOARD = "12-leaderboard/leaderboard.py"
COLUMNS = ["F1", "AP", "ROC AUC", "bal. acc.", "Brier"]
REBALANCED = ["class_weight", "undersampling", "SMOTE", "SMOTEENN", "SMOTETomek"]
SYNTHETIC, DIGITS, DIABETES = "synthetic", "digits", "diabetes"
DATASETS = [SYNTHETIC, DIGITS, DIABETES]


def table(dataset: str) -> dict[str, dict[str, float]]:
    return rows(BOARD, COLUMNS, dataset)


def verdicts(dataset: str, metric: str, models: list[str], *words: str) -> None:
    """Each model's verdict against plain LR is one of ``words`` (the sentence
    may state them as a group, "none of them beats", so its wording is not checked)."""
    for model in models:
        found = [
            verdict(BOARD, f"{metric}: {model} {word} plain LR", dataset, worded=False)
            for word in words
            if f"{metric}: {model} {word} plain LR" in comparisons(BOARD, dataset)
        ]
        assert found, f"{dataset}: {metric} of {model} against plain LR is none of {words}"


def test_leaderboard_has_every_model(built_site):
    """The claims below index the tables by model name; fail clearly if a row is renamed."""
    expected = {"plain LR", *REBALANCED, "tuned threshold", "gradient boosting"}
    for dataset in DATASETS:
        assert set(table(dataset)) == expected, f"{dataset}: rows {sorted(table(dataset))}"


@says(
    PAGE,
    "Every rebalanced logistic regression (class weights and the four resamplers) loses to plain logistic regression on F1, in every fold: at this ratio they flag far too many examples at 0.5 (verdicts that depend on the draw, holding in 6 of 10 draws for class_weight on F1, in 6 of 10 draws for undersampling on F1, in 6 of 10 draws for SMOTE on F1, in 6 of 10 draws for SMOTEENN on F1, in 6 of 10 draws for SMOTETomek on F1).",
)
def test_synthetic_rebalancing_loses_f1(built_site):
    for model in REBALANCED:
        line = verdict(BOARD, f"F1: {model} loses to plain LR", SYNTHETIC)
        assert line["losses"] == line["n"], line[0]
    # "flag far too many": the rebalanced models' balanced accuracy (recall-heavy) rises while F1 collapses.
    t = table(SYNTHETIC)
    assert all(t[m]["F1"] < t["plain LR"]["F1"] / 2 for m in REBALANCED), t


@says(PAGE, "Every one of them also loses to it on the Brier score.")
def test_synthetic_rebalancing_loses_brier(built_site):
    verdicts(SYNTHETIC, "Brier", REBALANCED, "loses to")


@says(
    PAGE,
    "On AP, undersampling loses to plain logistic regression, and class weights, SMOTE, SMOTEENN and SMOTETomek all trail it: a consistent small loss in ranking (a verdict that held in 5 of 10 draws).",
)
def test_synthetic_ap(built_site):
    verdict(BOARD, "AP: undersampling loses to plain LR", SYNTHETIC)
    verdicts(SYNTHETIC, "AP", ["class_weight", "SMOTE", "SMOTEENN", "SMOTETomek"], "trails")


@says(
    PAGE,
    "An earlier version of this lesson compared those AP gaps with the spread of one model's scores over the folds and called them noise; paired fold by fold, they point the same way in at least 17 of 20 folds.",
)
def test_synthetic_ap_gaps_are_consistent(built_site):
    for model in REBALANCED:
        line = next(m for head, m in comparisons(BOARD, SYNTHETIC).items() if head.startswith(f"AP: {model} "))
        assert int(line["losses"]) >= 17, line[0]


@says(
    PAGE,
    "The tuned threshold ties with plain logistic regression on F1, as in lesson 9 (verdicts that depend on the draw, holding in 5 of 10 draws for tuned threshold on F1, in 4 of 10 draws for tuned threshold on F1).",
)
def test_synthetic_tuned_ties(built_site):
    verdict(BOARD, "F1: tuned threshold ties with plain LR", SYNTHETIC)
    verdict("09-threshold-moving/tuned.py", "F1: tuned threshold ties with threshold 0.5")


@says(
    PAGE,
    "Moving the threshold changes neither ranking nor probabilities, so the tuned model's AP, ROC AUC and Brier score are those of the plain one.",
)
def test_tuning_keeps_the_plain_model(built_site):
    for dataset in DATASETS:
        t = table(dataset)
        for metric in ("AP", "ROC AUC", "Brier"):
            assert t["tuned threshold"][metric] == t["plain LR"][metric], f"{dataset} {metric}"


@says(
    PAGE,
    "Gradient boosting ties with plain logistic regression on F1 and loses to it on AP and on the Brier score (verdicts that depend on the draw, holding in 4 of 10 draws on F1, in 4 of 10 draws on AP, in 4 of 10 draws on Brier).",
)
def test_synthetic_gradient_boosting(built_site):
    verdict(BOARD, "F1: gradient boosting ties with plain LR", SYNTHETIC)
    verdict(BOARD, "AP: gradient boosting loses to plain LR", SYNTHETIC)
    verdict(BOARD, "Brier: gradient boosting loses to plain LR", SYNTHETIC)


@says(
    PAGE,
    "Here the model matters more than any rebalancing: gradient boosting beats plain logistic regression on F1, AP and the Brier score, in every fold.",
)
def test_digits_gradient_boosting_wins(built_site):
    for metric in ("F1", "AP", "Brier"):
        line = verdict(BOARD, f"{metric}: gradient boosting beats plain LR", DIGITS)
        assert line["wins"] == line["n"], line[0]


@says(
    PAGE,
    "Among the logistic regressions, class weights and undersampling lose to the plain one on F1, and SMOTE, SMOTEENN and SMOTETomek trail it; the tuned threshold ties with it.",
)
def test_digits_f1(built_site):
    verdicts(DIGITS, "F1", ["class_weight", "undersampling"], "loses to")
    verdicts(DIGITS, "F1", ["SMOTE", "SMOTEENN", "SMOTETomek"], "trails")
    verdict(BOARD, "F1: tuned threshold ties with plain LR", DIGITS)


@says(
    PAGE,
    "On AP, undersampling, which throws away most of the majority class, loses to plain logistic regression (a verdict that held in 4 of 10 draws).",
)
def test_digits_undersampling_ap(built_site):
    verdict(BOARD, "AP: undersampling loses to plain LR", DIGITS)


@says(PAGE, "SMOTETomek's row is SMOTE's row to the last digit.")
def test_digits_smotetomek_is_smote(built_site):
    t = table(DIGITS)
    assert t["SMOTETomek"] == t["SMOTE"], f"SMOTE {t['SMOTE']}, SMOTETomek {t['SMOTETomek']}"


@says(
    PAGE,
    "On the digits it finds no link at all after SMOTE, so it changes nothing and the two pipelines fit the same data; on the synthetic data it removes a few hundred rows.",
)
def test_tomek_links_counted(built_site):
    removed = dict(re.findall(r"(?m)^(\w+) .*: (\d+) rows removed$", stdout("12-leaderboard/tomek_links.py")))
    assert removed["digits"] == "0", removed
    assert 100 <= int(removed["synthetic"]) < 1000, removed


@says(
    PAGE,
    "On this small dataset the plain logistic regression is too cautious at 0.5: class weights, undersampling, SMOTE and SMOTETomek beat it on F1, and SMOTEENN edges it (a verdict that held in 7 of 10 draws).",
)
def test_diabetes_rebalancing_f1(built_site):
    verdicts(DIABETES, "F1", ["class_weight", "undersampling", "SMOTE", "SMOTETomek"], "beats")
    verdict(BOARD, "F1: SMOTEENN edges plain LR", DIABETES)


@says(PAGE, "The tuned threshold beats plain logistic regression on F1 as well, with the plain model's Brier score.")
def test_diabetes_tuned_beats(built_site):
    verdict(BOARD, "F1: tuned threshold beats plain LR", DIABETES)
    t = table(DIABETES)
    assert t["tuned threshold"]["Brier"] == t["plain LR"]["Brier"], t


@says(PAGE, "On AP every rebalanced variant ties with plain logistic regression.")
def test_diabetes_ap_ties(built_site):
    verdicts(DIABETES, "AP", REBALANCED, "ties with")


@says(
    PAGE,
    "Gradient boosting, the winner on digits, ties with plain logistic regression on F1 and trails it on AP; whether that is for lack of positives (44 in all) or of signal, this table cannot say (a verdict that held in 6 of 10 draws).",
)
def test_diabetes_gradient_boosting(built_site):
    verdict(BOARD, "F1: gradient boosting ties with plain LR", DIABETES)
    verdict(BOARD, "AP: gradient boosting trails plain LR", DIABETES)
    assert "1: 44}" in section_header(DIABETES), section_header(DIABETES)


def section_header(dataset: str) -> str:
    return next(line for line in stdout(BOARD).splitlines() if line.startswith(f"== {dataset}"))


@says(
    PAGE,
    "every rebalanced logistic regression (class weights, undersampling, SMOTE, SMOTEENN, SMOTETomek) loses to plain logistic regression on the Brier score: rebalancing always cost calibration;",
)
def test_rebalancing_always_costs_calibration(built_site):
    for dataset in DATASETS:
        verdicts(dataset, "Brier", REBALANCED, "loses to")


@says(
    PAGE,
    "on AP, no rebalanced variant beats plain logistic regression: each ties with it, trails it or loses to it, so rebalancing never improved ranking;",
)
def test_rebalancing_never_improves_ap(built_site):
    for dataset in DATASETS:
        verdicts(dataset, "AP", REBALANCED, "ties with", "trails", "loses to")


@says(PAGE, "on balanced accuracy, every rebalanced variant beats plain logistic regression on every dataset.")
def test_balanced_accuracy_favours_rebalancing(built_site):
    for dataset in DATASETS:
        verdicts(dataset, "bal. acc.", REBALANCED, "beats")


@says(
    PAGE,
    "Balanced accuracy weighs the recall of the rare class as much as that of the large one, and it can disagree with F1: on the synthetic data and on digits, the rebalanced variants beat plain logistic regression on balanced accuracy while they lose to it or trail it on F1;",
)
def test_balanced_accuracy_disagrees_with_f1(built_site):
    for dataset in (SYNTHETIC, DIGITS):
        verdicts(dataset, "bal. acc.", REBALANCED, "beats")
        verdicts(dataset, "F1", REBALANCED, "loses to", "trails")


@says(
    PAGE,
    "the tuned threshold ties with plain logistic regression on F1 on the synthetic data and on digits, and beats it on diabetes, the one dataset where rebalancing helped F1 too (a verdict that held in 5 of 10 draws).",
)
def test_tuned_threshold_across_datasets(built_site):
    verdict(BOARD, "F1: tuned threshold ties with plain LR", SYNTHETIC)
    verdict(BOARD, "F1: tuned threshold ties with plain LR", DIGITS)
    verdict(BOARD, "F1: tuned threshold beats plain LR", DIABETES)
    verdicts(DIABETES, "F1", ["class_weight"], "beats")
    for dataset in (SYNTHETIC, DIGITS):
        verdicts(dataset, "F1", REBALANCED, "loses to", "trails")


@says(PAGE, "The folds are the same; the difference is the `StandardScaler` in front of the model here.")
def test_plain_f1_differs_from_lesson_9(built_site):
    lesson_9 = rows("09-threshold-moving/tuned.py", ["precision", "recall", "F1"])["threshold 0.5"]["F1"]
    assert round(table(SYNTHETIC)["plain LR"]["F1"], 3) != lesson_9, "the two lessons print the same F1"
    board = open_snippet(BOARD)
    tuned = open_snippet("09-threshold-moving/tuned.py")
    splitter = "RepeatedStratifiedKFold(n_splits=5, n_repeats=4, random_state=SEED)"
    assert splitter in board and splitter in tuned, "the two lessons no longer use the same folds"
    assert "\nSEED = 1 " in board and "\nSEED = 1 " in tuned, "the two lessons no longer draw the same folds"
    assert "StandardScaler" in board and "StandardScaler" not in tuned


def open_snippet(snippet: str) -> str:
    return (ROOT / "snippets" / snippet).read_text(encoding="utf-8")


@says(
    PAGE,
    "The better ranker differed between datasets here: gradient boosting beats plain logistic regression on AP on digits, and loses to it on the synthetic data; only the protocol can tell you which one wins on yours (a verdict that held in 4 of 10 draws).",
)
def test_better_ranker_differs(built_site):
    verdict(BOARD, "AP: gradient boosting beats plain LR", DIGITS)
    verdict(BOARD, "AP: gradient boosting loses to plain LR", SYNTHETIC)


@says(
    PAGE,
    "Here they beat plain logistic regression only on the default-threshold F1 of the small diabetes problem, where the tuned threshold beats it too, and on balanced accuracy; never on ranking or calibration.",
)
def test_resampling_helped_only_diabetes_f1(built_site):
    assert_rebalancing_helped_only_diabetes_f1()


def assert_rebalancing_helped_only_diabetes_f1() -> None:
    verdicts(DIABETES, "F1", ["class_weight", "undersampling", "SMOTE", "SMOTETomek"], "beats")
    verdict(BOARD, "F1: tuned threshold beats plain LR", DIABETES)
    for dataset in (SYNTHETIC, DIGITS):
        verdicts(dataset, "F1", REBALANCED, "loses to", "trails")
    for dataset in DATASETS:
        verdicts(dataset, "AP", REBALANCED, "ties with", "trails", "loses to")
        verdicts(dataset, "Brier", REBALANCED, "loses to")


SMOTE_TUNED = "12-leaderboard/smote_and_threshold.py"


@says(
    PAGE,
    "On the diabetes data, SMOTE beat plain logistic regression on F1 at the default threshold, and so did threshold tuning (a verdict that held in 5 of 10 draws).",
)
def test_exercise_premise(built_site):
    verdict(BOARD, "F1: SMOTE beats plain LR", DIABETES)
    verdict(BOARD, "F1: tuned threshold beats plain LR", DIABETES)


@says(
    PAGE,
    "With its threshold tuned, the SMOTE pipeline ties with the tuned plain logistic regression on F1 and on AP, and loses to it on the Brier score.",
)
def test_smote_and_tuning_do_not_add_up(built_site):
    verdict(SMOTE_TUNED, "F1: tuned SMOTE ties with tuned plain LR")
    verdict(SMOTE_TUNED, "AP: tuned SMOTE ties with tuned plain LR")
    verdict(SMOTE_TUNED, "Brier: tuned SMOTE loses to tuned plain LR")


@says(
    PAGE,
    "Judge every difference fold by fold: rebalancing beat plain logistic regression on balanced accuracy everywhere, on F1 only on diabetes, never on AP, and lost to it on the Brier score everywhere.",
)
def test_takeaway_rebalancing(built_site):
    assert_rebalancing_helped_only_diabetes_f1()
    for dataset in DATASETS:
        verdicts(dataset, "bal. acc.", REBALANCED, "beats")


@says(PAGE, "The tuned threshold tied with or beat plain logistic regression on F1 and kept its probabilities.")
def test_takeaway_tuned(built_site):
    for dataset in DATASETS:
        verdicts(dataset, "F1", ["tuned threshold"], "ties with", "beats")
        assert table(dataset)["tuned threshold"]["Brier"] == table(dataset)["plain LR"]["Brier"]


@says(
    PAGE,
    "A better model (gradient boosting on digits) beat plain logistic regression on F1, AP and the Brier score there.",
)
def test_takeaway_better_model(built_site):
    for metric in ("F1", "AP", "Brier"):
        verdict(BOARD, f"{metric}: gradient boosting beats plain LR", DIGITS)


# The closing page's summary rests on the real datasets of lesson 18 (tests/test_claims_18.py).
