"""Claims of lesson 8, checked against the output the built page shows.

Each test declares the sentence it guards with ``@says``; see ``tests/claims.py``.
"""

from __future__ import annotations

import ast
import re

from tests.claims import rows, says, stdout, value, verdict

LEAK = "08-fair-evaluation/leak.py"
PAIRED = "08-fair-evaluation/paired.py"


def fold_counts(snippet: str) -> list[dict[int, int]]:
    return [ast.literal_eval(m) for m in re.findall(r"\{[^}]*\}", stdout(snippet))]


@says(
    "08-fair-evaluation.md",
    "Same data, same model, same sampler: only the place of the resampling differs, and the leaky version reports an F1 several times higher than the pipeline does.",
)
def test_smote_before_cv_inflates_f1(built_site):
    leaky = value(LEAK, r"SMOTE before CV: F1 = ([\d.]+)")
    fair = value(LEAK, r"SMOTE inside CV: F1 = ([\d.]+)")
    assert leaky > 3 * fair, f"F1 before CV {leaky}, inside CV {fair}"


@says(
    "08-fair-evaluation.md",
    "The class counts of one test fold show the first reason: the leaky fold has as many positives as negatives, most of them synthetic, while the fair one keeps the real ratio.",
)
def test_leaky_fold_is_balanced_and_synthetic(built_site):
    leaky, fair = fold_counts(LEAK)
    assert leaky[0] == leaky[1], f"leaky test fold counts {leaky}"
    # A real fold of the same size holds fair[1] positives; the rest are synthetic.
    assert leaky[1] > 10 * fair[1], f"leaky {leaky}, fair {fair}"
    assert fair[1] * 50 < fair[0], f"fair test fold counts {fair}"


@says(
    "08-fair-evaluation.md",
    "On this data the leak alone ties with the pipeline: nearly all of the inflated score comes from the balanced, partly synthetic test folds, not from what the model learned.",
)
def test_leak_alone_ties_with_pipeline(built_site):
    verdict(LEAK, "F1: leak only ties with pipeline")
    leaky = value(LEAK, r"SMOTE before CV: F1 = ([\d.]+)")
    fair = value(LEAK, r"SMOTE inside CV: F1 = ([\d.]+)")
    leak_only = value(LEAK, r"leak only: +F1 = ([\d.]+)")
    assert abs(leak_only - fair) < 0.1 * (leaky - fair), f"before CV {leaky}, leak only {leak_only}, pipeline {fair}"


@says(
    "08-fair-evaluation.md",
    'The accuracy and `f1_micro` columns are identical for both models, and the model that always answers "majority" scores well on both.',
)
def test_f1_micro_is_accuracy(built_site):
    table = rows("08-fair-evaluation/f1_micro.py", ["accuracy", "f1_micro", "f1"])
    for name, scores in table.items():
        assert scores["accuracy"] == scores["f1_micro"], f"{name}: {scores}"
    assert table["always majority"]["accuracy"] > 0.95, str(table["always majority"])


@says("08-fair-evaluation.md", 'Only `scoring="f1"` shows that it never finds a positive.')
def test_f1_shows_the_majority_model_finds_nothing(built_site):
    table = rows("08-fair-evaluation/f1_micro.py", ["accuracy", "f1_micro", "f1"])
    assert table["always majority"]["f1"] == 0, str(table["always majority"])


@says(
    "08-fair-evaluation.md",
    "The no-skill model's AP equals the positive rate, and logistic regression is far above it.",
)
def test_no_skill_average_precision_is_the_positive_rate(built_site):
    rate = value("08-fair-evaluation/metrics.py", r"positive rate: ([\d.]+)")
    table = rows("08-fair-evaluation/metrics.py", ["AP", "ROC AUC", "F1"])
    assert table["no skill (prior)"]["AP"] == rate, f"rate {rate}, {table}"
    assert table["logistic regression"]["AP"] > 10 * rate, str(table)


@says("08-fair-evaluation.md", "SMOTE's mean AP is a little lower than the plain model's, and its F1 much lower")
def test_smote_mean_ap_lower_f1_much_lower(built_site):
    table = rows("08-fair-evaluation/metrics.py", ["AP", "ROC AUC", "F1"])
    smote, plain = table["SMOTE + LR"], table["logistic regression"]
    assert plain["AP"] - 0.05 < smote["AP"] < plain["AP"], f"SMOTE {smote}, plain {plain}"
    assert smote["F1"] < plain["F1"] / 2, f"SMOTE {smote}, plain {plain}"


def spreads() -> dict[str, tuple[float, float]]:
    found = re.findall(r"^\s+(.+?)\s+AP ([\d.]+) ± ([\d.]+)$", stdout(PAIRED), re.M)
    assert len(found) == 2, f"{PAIRED}: per-model AP lines {found}"
    return {name: (float(mean), float(sd)) for name, mean, sd in found}


@says(
    "08-fair-evaluation.md",
    "Each model's own spread over the folds is many times the gap between their means, so judged by that spread the two look the same.",
)
def test_unpaired_spread_dwarfs_the_gap(built_site):
    (plain, plain_sd), (smote, smote_sd) = spreads()["plain LR"], spreads()["SMOTE"]
    assert min(plain_sd, smote_sd) > 5 * abs(plain - smote), spreads()


@says(
    "08-fair-evaluation.md",
    "Fold by fold, the picture is sharper: SMOTE trails plain logistic regression on AP, a small loss in most folds of this draw that the corrected test cannot tell from zero, and a word that held in 3 of 10 draws (in the others SMOTE ties or loses, never wins).",
)
def test_smote_trails_on_ap(built_site):
    from tests.claims import stability_record

    verdict(PAIRED, "AP: SMOTE trails plain LR")
    words = stability_record()[PAIRED].verdicts["AP: SMOTE … plain LR"]
    assert set(words) <= {"trails", "ties with", "loses to"}, words  # "ties or loses, never wins"


@says(
    "08-fair-evaluation.md",
    "On ROC AUC SMOTE ties with plain logistic regression, and on F1 at the default threshold SMOTE loses to it in every fold of this draw; both words depend on the draw, holding in 8 of 10 draws on ROC AUC and in 6 of 10 draws on F1.",
)
def test_smote_ties_on_auc_loses_on_f1(built_site):
    verdict(PAIRED, "ROC AUC: SMOTE ties with plain LR")
    verdict(PAIRED, "F1: SMOTE loses to plain LR")
    losses = value(PAIRED, r"(?m)^F1: .*losses (\d+) of \d+")
    n = value(PAIRED, r"(?m)^F1: .*losses \d+ of (\d+)")
    assert losses == n, f"SMOTE loses {losses} of {n} folds on F1"


@says(
    "08-fair-evaluation.md",
    "No test point is a copy of a training point this time, but each test fold is balanced, far from the real ratio, so precision (and F1 with it) is measured on a much easier problem than the one the model will face.",
)
def test_undersampling_before_cv_inflates_f1(built_site):
    snippet = "08-fair-evaluation/undersampling_leak.py"
    before = value(snippet, r"before CV: F1 = ([\d.]+)")
    inside = value(snippet, r"inside CV: F1 = ([\d.]+)")
    assert before > 2 * inside, f"before CV {before}, inside CV {inside}"
    fold = ast.literal_eval(re.search(r"\{[^}]*\}", stdout(snippet)).group(0))
    assert fold[0] == fold[1], f"test fold counts {fold}"
