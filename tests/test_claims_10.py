"""Claims of lesson 10, checked against the output the built page shows.

Each test declares the sentence it guards with ``@says``; see ``tests/claims.py``.
"""

from __future__ import annotations

import re

from tests.claims import comparisons, numeric_rows, rows, says, stdout, value, verdict

PAGE = "10-calibration.md"
RELIABILITY = "10-calibration/reliability.py"
RECALIBRATE = "10-calibration/recalibrate.py"
PAIRED = "10-calibration/paired.py"
ISOTONIC = "10-calibration/isotonic.py"
MODELS = ("plain", "undersampled", "class_weight")


def mean_probabilities() -> dict[str, float]:
    found = dict(re.findall(r"^(\w+)\s+([\d.]+)$", stdout(RELIABILITY), re.M))
    assert set(found) == set(MODELS), f"mean probability lines: {found}"
    return {name: float(p) for name, p in found.items()}


def quantile_bins() -> dict[str, list[tuple[int, float, float]]]:
    """Per model, the (examples, mean predicted, observed) of each quantile bin."""
    lines = numeric_rows(RELIABILITY, 1 + 3 * len(MODELS))
    assert [int(line[0]) for line in lines] == list(range(1, len(lines) + 1)), str(lines)
    return {
        name: [(int(line[1 + 3 * i]), line[2 + 3 * i], line[3 + 3 * i]) for line in lines]
        for i, name in enumerate(MODELS)
    }


def positive_rate() -> float:
    return value(RELIABILITY, r"observed positive rate on the test half: ([\d.]+)")


# --- Reliability, one split ---------------------------------------------------------


@says(PAGE, "The plain model's average probability is close to the share of positives it is predicting.")
def test_plain_mean_probability_matches_rate(built_site):
    rate, plain = positive_rate(), mean_probabilities()["plain"]
    assert abs(plain - rate) <= 0.25 * rate, f"rate {rate}, plain {plain}"


@says(
    PAGE, "The two rebalanced models predict, on average, a probability many times higher than the real positive rate."
)
def test_rebalancing_inflates_probabilities(built_site):
    rate, means = positive_rate(), mean_probabilities()
    for name in ("undersampled", "class_weight"):
        assert means[name] > 5 * rate, f"rate {rate}, {name} {means[name]}"


@says(
    PAGE,
    "each bin holds the same number of test examples, as the table shows, so no point of the curve rests on a handful of them.",
)
def test_quantile_bins_hold_equal_counts(built_site):
    for name, bins in quantile_bins().items():
        counts = [count for count, _, _ in bins]
        assert len(counts) >= 5 and len(set(counts)) == 1 and counts[0] >= 100, f"{name}: {counts}"


@says(
    PAGE,
    'Bins of equal width (the default, `strategy="uniform"`) put almost every example of the plain model into the first bin and leave the others nearly empty, as the last lines show',
)
def test_uniform_bins_leave_the_plain_model_few_examples(built_site):
    plain = rows(RELIABILITY, ["0-0.2", "0.2-0.4", "0.4-0.6", "0.6-0.8", "0.8-1"])["plain"]
    counts = list(plain.values())
    assert counts[0] > 0.95 * sum(counts) and max(counts[1:]) < 20, f"plain, uniform bins: {counts}"


@says(
    PAGE,
    "In the top bin, where nearly all the positives are, the plain model's mean prediction is close to the observed fraction, while the rebalanced models predict several times more positives than there are.",
)
def test_top_bin(built_site):
    bins, rate = quantile_bins(), positive_rate()
    for name, model_bins in bins.items():
        count, predicted, observed = model_bins[-1]
        positives = rate * sum(c for c, _, _ in model_bins)
        assert observed * count >= 0.8 * positives, f"{name}: top bin {model_bins[-1]}, positives {positives}"
        if name == "plain":
            assert abs(predicted - observed) <= 0.25 * observed, f"plain top bin {model_bins[-1]}"
        else:
            assert predicted > 3 * observed, f"{name} top bin {model_bins[-1]}"


@says(
    PAGE,
    "With one positive in a hundred, most bins of any model hold almost no positives, so the diagram says little about the lower bins",
)
def test_lower_bins_hold_few_positives(built_site):
    assert 0.005 <= positive_rate() <= 0.015, positive_rate()
    for name, model_bins in quantile_bins().items():
        assert all(observed <= 0.01 for _, _, observed in model_bins[:-1]), f"{name}: {model_bins}"


# --- Recalibration, one split -------------------------------------------------------

RECALIBRATION_COLUMNS = ["Brier before", "Brier after", "AUC before", "AUC after"]


@says(PAGE, 'the "before" and "after" columns of ROC AUC are identical.')
def test_sigmoid_keeps_roc_auc_on_the_split(built_site):
    for name, row in rows(RECALIBRATE, RECALIBRATION_COLUMNS).items():
        assert row["AUC after"] == row["AUC before"], f"{name} {row}"


@says(
    PAGE,
    "The Brier scores fall on this test quarter, but a quarter of this data holds only 25 positives, too few to rank techniques on.",
)
def test_brier_falls_on_the_split(built_site):
    for name in ("undersampled", "class_weight"):
        row = rows(RECALIBRATE, RECALIBRATION_COLUMNS)[name]
        assert row["Brier after"] < row["Brier before"], f"{name} {row}"
    assert value(RECALIBRATE, r"test quarter: \d+ examples, (\d+) positive") == 25


# --- Paired, 20 folds ----------------------------------------------------------------


@says(
    PAGE,
    "Rebalancing damages the probabilities: on Brier score, undersampling and class weights each lose to the plain model (a verdict that held in 8 of 10 draws).",
)
def test_rebalancing_loses_on_brier(built_site):
    verdict(PAIRED, "Brier: undersampled loses to plain")
    verdict(PAIRED, "Brier: class_weight loses to plain")


@says(
    PAGE,
    "Recalibration repairs most of the damage: the undersampled model with a sigmoid beats the undersampled model without one, and the class-weighted model with a sigmoid beats the class-weighted one (a verdict that held in 8 of 10 draws).",
)
def test_recalibration_repairs_brier(built_site):
    verdict(PAIRED, "Brier: undersampled + sigmoid beats undersampled")
    verdict(PAIRED, "Brier: class_weight + sigmoid beats class_weight")
    printed = comparisons(PAIRED)
    for name in ("undersampled", "class_weight"):
        repair = float(printed[f"Brier: {name} + sigmoid beats {name}"]["mean"])
        damage = -float(printed[f"Brier: {name} loses to plain"]["mean"])
        assert repair > 0.8 * damage, f"{name}: repair {repair}, damage {damage}"


@says(
    PAGE,
    "On Brier score, the undersampled model with a sigmoid loses to the plain model, and so does the class-weighted one: the difference is small, but it goes the same way in nearly every fold (verdicts that depend on the draw, holding in 4 of 10 draws for undersampled + sigmoid on Brier, in 5 of 10 draws for class_weight + sigmoid on Brier).",
)
def test_recalibrated_models_still_lose_to_plain(built_site):
    verdict(PAIRED, "Brier: undersampled + sigmoid loses to plain")
    verdict(PAIRED, "Brier: class_weight + sigmoid loses to plain")
    printed = comparisons(PAIRED)
    for name in ("undersampled", "class_weight"):
        line = printed[f"Brier: {name} + sigmoid loses to plain"]
        assert int(line["losses"]) >= 0.9 * int(line["n"]), line[0]


@says(
    PAGE,
    "Even the plain model gains from a sigmoid: it beats the plain model without one on Brier score (a verdict that held in 6 of 10 draws).",
)
def test_plain_gains_from_a_sigmoid(built_site):
    verdict(PAIRED, "Brier: plain + sigmoid beats plain")


@says(
    PAGE,
    "Read the mean difference next to the verdict, as lesson 8 advises: the gain is a tiny fraction of what the rebalanced models lose.",
)
def test_plain_gain_is_tiny(built_site):
    printed = comparisons(PAIRED)
    gain = float(printed["Brier: plain + sigmoid beats plain"]["mean"])
    loss = -float(printed["Brier: undersampled loses to plain"]["mean"])
    assert 0 < gain < 0.01 * loss, f"gain {gain}, loss {loss}"


@says(
    PAGE,
    "On one split with about 25 test positives, the undersampled model's ROC AUC came out lower than the plain model's",
)
def test_single_split_showed_a_roc_auc_gap(built_site):
    table = rows(RECALIBRATE, RECALIBRATION_COLUMNS)
    assert table["undersampled"]["AUC before"] < table["plain"]["AUC before"], str(table)


@says(
    PAGE,
    "Fold by fold, undersampling ties with the plain model on ROC AUC, and so do class weights: these folds show no loss of ROC AUC to keep (a verdict that held in 8 of 10 draws).",
)
def test_undersampling_ties_on_roc_auc(built_site):
    verdict(PAIRED, "ROC AUC: undersampled ties with plain")
    verdict(PAIRED, "ROC AUC: class_weight ties with plain")


@says(
    PAGE,
    "across the 33 real datasets of lesson 18, undersampling loses a little ROC AUC to no remedy.",
)
def test_undersampling_loses_a_little_roc_auc_on_real_data(built_site):
    from tests.claims import verdict_across

    for snippet in ("18-real-data/logistic.py", "18-real-data/boosting.py"):
        line = verdict_across(snippet, "ROC AUC: undersampling loses to none", worded=False)
        assert -0.01 < float(line["median"]) < 0, line[0]


def assert_unchanged(metric: str, a: str, b: str) -> None:
    verdict(PAIRED, f"{metric}: {a} ties with {b}")
    line = comparisons(PAIRED)[f"{metric}: {a} ties with {b}"]
    assert float(line["mean"]) == 0 and float(line["sd"]) == 0 and line["ties"] == line["n"], line[0]


@says(
    PAGE,
    "The sigmoid leaves ROC AUC exactly as it was: the recalibrated undersampled model ties with the undersampled one, with a difference of zero in every fold.",
)
def test_sigmoid_keeps_roc_auc(built_site):
    assert_unchanged("ROC AUC", "undersampled + sigmoid", "undersampled")


@says(
    PAGE,
    "On AP, undersampling loses to the plain model, and class weights trail it (verdicts that depend on the draw, holding in 5 of 10 draws for undersampled on AP, in 3 of 10 draws for class_weight on AP).",
)
def test_rebalancing_loses_ap(built_site):
    verdict(PAIRED, "AP: undersampled loses to plain")
    verdict(PAIRED, "AP: class_weight trails plain")


@says(
    PAGE,
    "Recalibration cannot change that either: on AP the recalibrated undersampled model ties with the undersampled one, again with a difference of zero in every fold, because the sigmoid keeps the order of the examples.",
)
def test_sigmoid_keeps_ap(built_site):
    assert_unchanged("AP", "undersampled + sigmoid", "undersampled")


# --- Isotonic (the exercise) ------------------------------------------------------------


@says(
    PAGE,
    "it maps whole ranges of scores to the same value, so on the first fold the 2000 test examples share only the few distinct probabilities printed above, where the sigmoid gives each its own.",
)
def test_isotonic_ties_examples(built_site):
    assert value(ISOTONIC, r"first fold: (\d+) test examples") == 2000
    assert value(ISOTONIC, r"sigmoid\s+distinct probabilities:\s+(\d+)") == 2000
    assert value(ISOTONIC, r"isotonic\s+distinct probabilities:\s+(\d+)") < 100


@says(
    PAGE,
    "Tied examples cannot be told apart, and ranking suffers: on ROC AUC, isotonic trails the sigmoid, and on AP it loses to the sigmoid (verdicts that depend on the draw, holding in 2 of 10 draws on ROC AUC, in 6 of 10 draws on AP).",
)
def test_isotonic_ranks_worse(built_site):
    verdict(ISOTONIC, "ROC AUC: isotonic trails sigmoid")
    verdict(ISOTONIC, "AP: isotonic loses to sigmoid")


@says(
    PAGE,
    "On Brier score, isotonic ties with the sigmoid (a verdict that held in 6 of 10 draws).",
)
def test_isotonic_ties_on_brier(built_site):
    verdict(ISOTONIC, "Brier: isotonic ties with sigmoid")


# --- Key takeaways ----------------------------------------------------------------------


@says(
    PAGE,
    "Undersampling and class weights inflate the predicted probability of the rare class; on Brier score both lose to the plain model (a verdict that held in 8 of 10 draws).",
)
def test_takeaway_rebalancing_loses_on_brier(built_site):
    verdict(PAIRED, "Brier: undersampled loses to plain")
    verdict(PAIRED, "Brier: class_weight loses to plain")


@says(
    PAGE,
    "Judge techniques on paired folds: on one split with 25 positives, undersampling looked like a loss of ROC AUC, but over 20 folds it ties with the plain model (a verdict that held in 8 of 10 draws).",
)
def test_takeaway_single_split_misleads(built_site):
    test_single_split_showed_a_roc_auc_gap.__wrapped__(built_site)
    verdict(PAIRED, "ROC AUC: undersampled ties with plain")


@says(
    "conclusion.md",
    "A sigmoid leaves the ranking exactly as it was; isotonic regression, which maps many scores to one value, loses to the sigmoid on AP in every fold (a verdict that held in 6 of 10 draws).",
)
def test_conclusion_recalibration_and_ranking(built_site):
    # The sigmoid is monotone: ROC AUC before and after are printed equal for every model.
    table = rows("10-calibration/recalibrate.py", ["Brier before", "after", "ROC AUC before", "after auc"])
    assert all(r["ROC AUC before"] == r["after auc"] for r in table.values()), table
    line = verdict("10-calibration/isotonic.py", "AP: isotonic loses to sigmoid")
    assert line["losses"] == line["n"], line[0]
    distinct = re.findall(r"(sigmoid|isotonic)\s+distinct probabilities:\s+(\d+)", stdout("10-calibration/isotonic.py"))
    assert int(dict(distinct)["isotonic"]) < int(dict(distinct)["sigmoid"]) / 10, distinct
