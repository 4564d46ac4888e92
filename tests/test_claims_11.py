"""Claims of lesson 11, checked against the output the built page shows.

Each test declares the sentence it guards with ``@says``; see ``tests/claims.py``.
"""

from __future__ import annotations

from tests.claims import comparisons, rows, says, value, verdict

PAGE = "11-ensembles.md"
SKLEARN_TREES = "11-ensembles/compare.py"
BALANCED = "11-ensembles/balanced.py"
DIGITS = "11-ensembles/digits.py"
ROUNDS = "11-ensembles/rusboost_rounds.py"
COLUMNS = ["F1", "AP", "ROC AUC", "bal. acc.", "Brier"]
PLAIN_AND_WEIGHTED = ["random forest", "gradient boosting", "gradient boosting (balanced)"]
RESAMPLING = ["balanced random forest", "balanced bagging", "easy ensemble", "RUSBoost"]
# Each balanced ensemble next to its plain version, in the snippets that run both.
BALANCED_PAIRS = {
    SKLEARN_TREES: [("gradient boosting (balanced)", "gradient boosting")],
    DIGITS: [("balanced random forest", "random forest"), ("gradient boosting (balanced)", "gradient boosting")],
}


def test_the_tables_hold_every_model(built_site):
    """The tables the page discusses list the baseline and the ensembles it names."""
    for snippet, names in (
        (SKLEARN_TREES, PLAIN_AND_WEIGHTED),
        (BALANCED, RESAMPLING),
        (DIGITS, PLAIN_AND_WEIGHTED + RESAMPLING),
    ):
        table = rows(snippet, COLUMNS)
        assert {"plain LR", *names} == set(table), f"{snippet}: {sorted(table)}"


# --- the two-feature data -------------------------------------------------------------


@says(
    PAGE,
    "On AP, the plain random forest, plain gradient boosting and gradient boosting with balanced class weights each lose to plain logistic regression (verdicts that depend on the draw, holding in 4 of 10 draws for random forest on AP, in 3 of 10 draws for gradient boosting on AP, in 4 of 10 draws for gradient boosting (balanced) on AP).",
)
def test_sklearn_trees_lose_to_lr_on_two_features(built_site):
    for name in PLAIN_AND_WEIGHTED:
        verdict(SKLEARN_TREES, f"AP: {name} loses to plain LR")


@says(
    PAGE,
    "An earlier version of this lesson left logistic regression out of the table and named the plain random forest and gradient boosting the winners; against the baseline of the earlier lessons, neither is.",
)
def test_plain_trees_were_not_the_winners(built_site):
    verdict(SKLEARN_TREES, "AP: random forest loses to plain LR", worded=False)
    verdict(SKLEARN_TREES, "AP: gradient boosting loses to plain LR", worded=False)


@says(
    PAGE,
    "Gradient boosting with balanced class weights beats plain gradient boosting on balanced accuracy, loses to it on F1 and on Brier score, and ties with it on AP (verdicts that depend on the draw, holding in 5 of 10 draws on bal. acc., in 8 of 10 draws on F1, in 7 of 10 draws on AP).",
)
def test_weighted_boosting_on_two_features(built_site):
    verdict(SKLEARN_TREES, "bal. acc.: gradient boosting (balanced) beats gradient boosting")
    verdict(SKLEARN_TREES, "F1: gradient boosting (balanced) loses to gradient boosting")
    verdict(SKLEARN_TREES, "Brier: gradient boosting (balanced) loses to gradient boosting")
    verdict(SKLEARN_TREES, "AP: gradient boosting (balanced) ties with gradient boosting")


@says(
    PAGE,
    "On AP, each of the four balanced ensembles loses to plain logistic regression (verdicts that depend on the draw, holding in 4 of 10 draws for balanced random forest on AP, in 5 of 10 draws for balanced bagging on AP, in 5 of 10 draws for easy ensemble on AP, in 5 of 10 draws for RUSBoost on AP).",
)
def test_resampling_ensembles_lose_to_lr_on_two_features(built_site):
    for name in RESAMPLING:
        verdict(BALANCED, f"AP: {name} loses to plain LR")


@says(
    PAGE,
    "On balanced accuracy, which averages the recall of both classes, each of them beats it (verdicts that depend on the draw, holding in 7 of 10 draws for balanced random forest on bal. acc., in 7 of 10 draws for balanced bagging on bal. acc., in 7 of 10 draws for easy ensemble on bal. acc., in 7 of 10 draws for RUSBoost on bal. acc.).",
)
def test_resampling_ensembles_beat_lr_on_balanced_accuracy(built_site):
    for name in RESAMPLING:
        verdict(BALANCED, f"bal. acc.: {name} beats plain LR")


# --- digits ----------------------------------------------------------------------------


@says(PAGE, "each image is 8 by 8 pixels, and one image in ten shows an 8.")
def test_digits_data(built_site):
    images = value(DIGITS, r"(\d+) images")
    eights = value(DIGITS, r"(\d+) of them eights")
    assert value(DIGITS, r"(\d+) pixel features") == 64
    assert 0.08 < eights / images < 0.12, f"{eights} eights of {images}"


@says(PAGE, "On AP, the plain random forest beats plain logistic regression, and so does plain gradient boosting.")
def test_plain_trees_beat_lr_on_digits(built_site):
    verdict(DIGITS, "AP: random forest beats plain LR")
    verdict(DIGITS, "AP: gradient boosting beats plain LR")


@says(
    PAGE,
    "Gradient boosting with balanced class weights and the balanced random forest each edge logistic regression: they win in most folds, but the corrected test cannot rule out chance (verdicts that depend on the draw, holding in 7 of 10 draws for gradient boosting (balanced) on AP, in 6 of 10 draws for balanced random forest on AP).",
)
def test_balanced_trees_edge_lr_on_digits(built_site):
    verdict(DIGITS, "AP: gradient boosting (balanced) edges plain LR")
    verdict(DIGITS, "AP: balanced random forest edges plain LR")


@says(
    PAGE,
    "Balanced bagging trails logistic regression, RUSBoost ties with it, and EasyEnsemble loses to it (verdicts that depend on the draw, holding in 5 of 10 draws for balanced bagging on AP, in 1 of 10 draws for RUSBoost on AP).",
)
def test_other_balanced_ensembles_on_digits(built_site):
    verdict(DIGITS, "AP: balanced bagging trails plain LR")
    verdict(DIGITS, "AP: RUSBoost ties with plain LR")
    verdict(DIGITS, "AP: easy ensemble loses to plain LR")


@says(PAGE, "Balancing does not improve the ranking here either.")
def test_balancing_never_improves_ap(built_site):
    for snippet, pairs in BALANCED_PAIRS.items():
        for balanced, plain in pairs:
            [line] = [
                m
                for m in comparisons(snippet).values()
                if m["metric"] == "AP" and (m["a"], m["b"]) == (balanced, plain)
            ]
            assert line["verdict"] not in ("beats", "edges") and float(line["mean"]) < 0, f"{snippet}: {line[0]}"


@says(
    PAGE,
    "The balanced random forest trails the plain one on AP and loses to it on Brier score, while it ties with it on F1 and beats it on balanced accuracy (verdicts that depend on the draw, holding in 2 of 10 draws on AP, in 7 of 10 draws on F1).",
)
def test_balanced_forest_on_digits(built_site):
    verdict(DIGITS, "AP: balanced random forest trails random forest")
    verdict(DIGITS, "Brier: balanced random forest loses to random forest")
    verdict(DIGITS, "F1: balanced random forest ties with random forest")
    verdict(DIGITS, "bal. acc.: balanced random forest beats random forest")


@says(
    PAGE,
    "Gradient boosting with balanced class weights ties with plain gradient boosting on F1, beats it on balanced accuracy and loses to it on Brier score.",
)
def test_weighted_boosting_on_digits(built_site):
    verdict(DIGITS, "F1: gradient boosting (balanced) ties with gradient boosting")
    verdict(DIGITS, "bal. acc.: gradient boosting (balanced) beats gradient boosting")
    verdict(DIGITS, "Brier: gradient boosting (balanced) loses to gradient boosting")


@says(
    PAGE,
    "it scores a lower AP than plain gradient boosting in 18 of the 20 folds, and the corrected test gives p = 0.050 to three decimals, on the boundary of the rule.",
)
def test_weighted_boosting_ap_on_the_boundary(built_site):
    line = verdict(DIGITS, "AP: gradient boosting (balanced) loses to gradient boosting", worded=False)
    assert (int(line["losses"]), int(line["n"]), line["p"]) == (18, 20, "0.050"), line[0]


# --- key takeaways ---------------------------------------------------------------------


@says(
    PAGE,
    "On the two-feature data every ensemble loses to it on AP; on the digits, the plain random forest and gradient boosting beat it (verdicts that depend on the draw, holding in 4 of 10 draws for random forest on AP, in 3 of 10 draws for gradient boosting on AP, in 4 of 10 draws for gradient boosting (balanced) on AP, in 4 of 10 draws for balanced random forest on AP, in 5 of 10 draws for balanced bagging on AP, in 5 of 10 draws for easy ensemble on AP, in 5 of 10 draws for RUSBoost on AP).",
)
def test_takeaway_depends_on_the_data(built_site):
    test_sklearn_trees_lose_to_lr_on_two_features.__wrapped__(built_site)
    test_resampling_ensembles_lose_to_lr_on_two_features.__wrapped__(built_site)
    test_plain_trees_beat_lr_on_digits.__wrapped__(built_site)


@says(
    PAGE,
    "Balancing an ensemble, against its plain version, raised balanced accuracy and worsened the Brier score in every comparison here, and improved AP in none.",
)
def test_takeaway_balancing(built_site):
    for snippet, pairs in BALANCED_PAIRS.items():
        for balanced, plain in pairs:
            verdict(snippet, f"bal. acc.: {balanced} beats {plain}", worded=False)
            verdict(snippet, f"Brier: {balanced} loses to {plain}", worded=False)
    test_balancing_never_improves_ap.__wrapped__(built_site)


# --- the exercise ----------------------------------------------------------------------


@says(
    PAGE,
    "With the defaults, RUSBoost keeps a single stump, and a single stump is a weak ranker: its AP on the test half shows it.",
)
def test_default_rusboost_keeps_one_stump(built_site):
    assert value(ROUNDS, r"defaults\s+rounds kept:\s+(\d+)") == 1
    default_ap = value(ROUNDS, r"defaults\s+rounds kept:.*AP: ([\d.]+)")
    tuned_ap = value(ROUNDS, r"rate 0.1\s+rounds kept:.*AP: ([\d.]+)")
    assert default_ap < 0.5 * tuned_ap, f"AP defaults {default_ap}, comparison settings {tuned_ap}"


@says(PAGE, "The settings of the comparison keep all their rounds and reach a much higher AP on the same split.")
def test_comparison_settings_keep_their_rounds(built_site):
    kept = value(ROUNDS, r"rate 0.1\s+rounds kept:\s+(\d+)")
    planned = value(ROUNDS, r"rate 0.1\s+rounds kept:\s+\d+ of (\d+)")
    assert kept == planned, f"kept {kept} of {planned} rounds"
    default_ap = value(ROUNDS, r"defaults\s+rounds kept:.*AP: ([\d.]+)")
    tuned_ap = value(ROUNDS, r"rate 0.1\s+rounds kept:.*AP: ([\d.]+)")
    assert tuned_ap > 2 * default_ap, f"AP {default_ap} vs {tuned_ap}"
