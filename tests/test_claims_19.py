"""Claims of lesson 19 (the KC1 case study), checked against the output the built page shows.

Each test declares the sentence it guards with ``@says``; see ``tests/claims.py``.
"""

from __future__ import annotations

import re

from tests.claims import rows, says, stdout, value, verdict

PAGE = "19-case-study.md"
LOOK = "19-case-study/look.py"
DUPLICATES = "19-case-study/duplicates.py"
BASELINE = "19-case-study/baseline.py"
REMEDIES = "19-case-study/remedies.py"
EFFORT = "19-case-study/effort.py"
FINAL = "19-case-study/final.py"
PC1 = "19-case-study/pc1.py"
REBALANCING = ["class_weight", "undersampling", "SMOTE"]
PERCENT = r"([\d.]+)%"


def most_repeated() -> list[dict[str, float]]:
    """The look's table of the five most repeated rows: lines of code and copies."""
    table = []
    for line in stdout(LOOK).split("the five most repeated rows:")[1].splitlines()[2:7]:
        numbers = [float(n) for n in line.split()]
        table.append({"loc": numbers[0], "copies": numbers[-2]})
    return table


def repeats() -> dict[str, list[dict[str, float]]]:
    """The duplicates example's table: per repeat, each model's AP by rows and by groups."""
    table = {"logistic regression": [], "random forest": []}
    for line in stdout(DUPLICATES).splitlines():
        parts = line.split()
        if len(parts) == 7 and parts[0].isdigit():
            numbers = [float(p) for p in parts[1:]]
            table["logistic regression"].append(dict(rows=numbers[0], groups=numbers[1], gap=numbers[2]))
            table["random forest"].append(dict(rows=numbers[3], groups=numbers[4], gap=numbers[5]))
    assert len(table["random forest"]) == 6, stdout(DUPLICATES)
    return table


def interval(name: str) -> tuple[float, float, float]:
    """A line of the final example's table: score, and its 95% bootstrap interval."""
    match = re.search(rf"^{re.escape(name)}\s+([-+][\d.]+)\s+([-+][\d.]+) to ([-+][\d.]+)$", stdout(FINAL), re.M)
    assert match, f"snippets/{FINAL} prints no line for {name!r}"
    return tuple(float(g) for g in match.groups())


@says(
    PAGE,
    "The median module has 9 lines, the largest a few hundred, and the defective modules hold more than twice their share of the code: they are larger on average, and more expensive to read.",
)
def test_sizes(built_site):
    assert value(LOOK, r"median (\d+)") == 9
    assert 100 <= value(LOOK, r"max (\d+)") < 1000
    share_of_modules = value(LOOK, r"defective \(" + PERCENT)
    share_of_lines = value(LOOK, r"hold " + PERCENT + " of all lines")
    assert share_of_lines > 2 * share_of_modules, (share_of_lines, share_of_modules)


@says(PAGE, "KC1 has 2,109 rows but only 1,192 distinct rows of metrics.")
def test_distinct_rows(built_site):
    assert value(LOOK, r"^(\d+) modules") == 2109
    assert value(LOOK, r"(\d+) distinct rows of metrics") == 1192


@says(
    PAGE,
    "The most repeated ones describe tiny modules of one to four lines, each present dozens of times.",
)
def test_most_repeated_rows_are_tiny(built_site):
    for row in most_repeated():
        assert 1 <= row["loc"] <= 4 and row["copies"] >= 24, row


@says(
    PAGE,
    "resampling before the split filled them with synthetic positives, and the balanced folds, not what the model learned, inflated the score.",
)
def test_lesson_8s_leak_is_quoted_as_it_was_measured(built_site):
    # The leak alone (resampled before the split, scored on real-ratio folds) ties with the pipeline.
    verdict("08-fair-evaluation/leak.py", "F1: leak only ties with pipeline", worded=False)


@says(
    PAGE,
    "The most repeated rows describe modules of one to four lines, present 50 to over a hundred times: plausibly real stubs, of a kind the team will keep meeting.",
)
def test_the_most_repeated_rows_are_stubs_present_fifty_to_over_a_hundred_times(built_site):
    copies = [row["copies"] for row in most_repeated()]
    assert all(1 <= row["loc"] <= 4 for row in most_repeated()), most_repeated()
    assert min(copies) >= 50 and max(copies) > 100, copies


@says(PAGE, "Some repeated rows carry both labels, and no model can tell those copies apart.")
def test_rows_with_both_labels(built_site):
    assert value(LOOK, r"(\d+) of them carry both labels") > 0


@says(
    PAGE,
    "every row of metrics is a *group*, and every split below, from the test set to the folds of cross-validation, puts a whole group on one side.",
)
def test_test_set_shares_no_row_of_metrics(built_site):
    assert value(LOOK, r"rows of metrics found in both sets: (\d+)") == 0


@says(PAGE, "With 81 defective modules in the test set, every score on it is uncertain.")
def test_test_set_size(built_site):
    assert value(LOOK, r"test set: +\d+ modules, (\d+) defective") == 81
    assert value(FINAL, r"(\d+) defective;") == 81


@says(
    PAGE,
    "Folds of rows give the random forest a higher average precision than folds of groups in every repeat.",
)
def test_row_split_flatters_the_forest(built_site):
    assert all(r["rows"] > r["groups"] for r in repeats()["random forest"])


@says(PAGE, "Logistic regression's two estimates differ in both directions, by less.")
def test_row_split_barely_moves_logistic_regression(built_site):
    logistic, forest = (repeats()[name] for name in ("logistic regression", "random forest"))
    gaps = [r["gap"] for r in logistic]
    assert min(gaps) < 0 < max(gaps), gaps
    assert max(abs(g) for g in gaps) < min(r["gap"] for r in forest)


@says(
    PAGE,
    "In every repeat, folds of rows put the forest's mean score above logistic regression's and folds of groups put it below",
)
def test_split_decides_which_model_looks_better(built_site):
    table = repeats()
    for logistic, forest in zip(table["logistic regression"], table["random forest"], strict=True):
        assert forest["rows"] > logistic["rows"] and forest["groups"] < logistic["groups"], (logistic, forest)


@says(
    PAGE,
    "compared fold by fold under lesson 8's rule, the forest ties with logistic regression over the 30 folds of rows, and ties with it over the 30 folds of groups",
)
def test_neither_split_separates_the_two_models(built_site):
    for split in ("rows", "groups"):
        line = verdict(DUPLICATES, f"AP, folds of {split}: random forest ties with logistic regression")
        assert int(line["n"]) == 30, line[0]


@says(
    PAGE,
    "Gradient boosting ties with logistic regression on average precision, ROC AUC and the Brier score.",
)
def test_boosting_ties_with_logistic_regression(built_site):
    for metric in ["AP", "ROC AUC", "Brier"]:
        verdict(BASELINE, f"{metric}: gradient boosting ties with logistic regression")


@says(PAGE, "The grid's choice changes from one training set to the next.")
def test_grid_choice_varies(built_site):
    choices = re.findall(r"^\{.*\}\s+(\d+)$", stdout(BASELINE), re.M)
    assert len(choices) > 1 and sum(map(int, choices)) == 20, choices


@says(
    PAGE,
    "None of the three rebalancing remedies improves average precision: class weights and undersampling trail the plain model, and SMOTE ties with it (verdicts that depend on the draw, holding in 5 of 10 draws for class_weight on AP, in 7 of 10 draws for undersampling on AP, in 4 of 10 draws for SMOTE on AP).",
)
def test_no_remedy_improves_ap(built_site):
    no_ap_gain(worded=True)


@says(PAGE, "All three lose to it on the Brier score.")
def test_remedies_lose_calibration(built_site):
    for remedy in REBALANCING:
        verdict(REMEDIES, f"Brier: {remedy} loses to plain")


@says(
    PAGE,
    "On F1, each remedy trades precision for recall (the table's last two columns), and the tuned threshold beats the plain model at its default threshold of 0.5.",
)
def test_precision_for_recall_and_threshold(built_site):
    table = rows(REMEDIES, ["AP", "Brier", "F1", "precision", "recall"])
    for remedy in [*REBALANCING, "tuned threshold"]:
        assert table[remedy]["precision"] < table["plain"]["precision"], remedy
        assert table[remedy]["recall"] > table["plain"]["recall"], remedy
    verdict(REMEDIES, "F1: tuned threshold beats plain")


@says(
    PAGE,
    "Class weights and SMOTE beat it as well, with p just under 0.05, and undersampling edges it with p just over, a verdict that held in 1 of 10 draws.",
)
def test_rebalancing_on_f1_straddles_the_line(built_site):
    found = {
        remedy: verdict(REMEDIES, f"F1: {remedy} {word} plain")
        for remedy, word in [("class_weight", "beats"), ("SMOTE", "beats"), ("undersampling", "edges")]
    }
    for match in found.values():
        assert 0.04 <= float(match["p"]) <= 0.06, match[0]
    means = [float(m["mean"]) for m in found.values()]
    assert max(means) - min(means) < 0.01, means


@says(
    PAGE,
    "class weights and SMOTE beat the plain model on F1 in all ten, and undersampling beats it in nine.",
)
def test_over_the_draws_every_remedy_beats_the_plain_model_on_f1(built_site):
    from tests.claims import stability_record

    swept = stability_record()[REMEDIES]
    for remedy, held in (("class_weight", 10), ("SMOTE", 10), ("undersampling", 9)):
        words = swept.verdicts[f"F1: {remedy} … plain"]
        assert len(words) == 10 and words.count("beats") == held, (remedy, words)


@says(
    PAGE,
    "Against the tuned threshold, all three rebalancing remedies tie with it on F1, and only the threshold leaves the probabilities as they were (verdicts that depend on the draw, holding in 5 of 10 draws for class_weight on F1, in 4 of 10 draws for undersampling on F1, in 3 of 10 draws for SMOTE on F1).",
)
def test_rebalancing_ties_with_threshold(built_site):
    for remedy in REBALANCING:
        verdict(REMEDIES, f"F1: {remedy} ties with tuned threshold")
    table = rows(REMEDIES, ["AP", "Brier", "F1", "precision", "recall"])
    assert table["tuned threshold"]["Brier"] == table["plain"]["Brier"]
    assert table["tuned threshold"]["AP"] == table["plain"]["AP"]


def no_ap_gain(worded: bool) -> None:
    """Class weights and undersampling trail the plain model on AP, and SMOTE ties with it."""
    verdict(REMEDIES, "AP: class_weight trails plain", worded=worded)
    verdict(REMEDIES, "AP: undersampling trails plain", worded=worded)
    verdict(REMEDIES, "AP: SMOTE ties with plain", worded=worded)


def reading(order: str) -> tuple[float, float]:
    """Share of defective modules found and of modules read, reading in ``order``."""
    match = re.search(rf"by {order} +defective modules found {PERCENT}, modules read {PERCENT}", stdout(EFFORT))
    assert match, f"snippets/{EFFORT} prints no line for reading by {order}"
    return float(match[1]) / 100, float(match[2]) / 100


@says(
    PAGE,
    "Reading by risk per line beats reading by risk, in all 20 folds: the same budget of lines finds about twice as many defective modules.",
)
def test_risk_per_line_beats_risk(built_site):
    match = verdict(EFFORT, "defects found: by risk per line beats by risk")
    assert match["wins"] == match["n"] == "20", match[0]
    per_line, risk = reading("risk per line")[0], reading("risk")[0]
    assert 1.7 < per_line / risk < 2.5, (per_line, risk)


@says(PAGE, "It does so by reading many more, smaller modules: almost half of them, against a few percent.")
def test_risk_per_line_reads_many_modules(built_site):
    assert 0.35 < reading("risk per line")[1] < 0.5
    assert reading("risk")[1] < 0.1


@says(
    PAGE,
    "The threshold tuned for modules arriving one at a time ties with reading by risk, and it flagged more than the budget in about a third of the test folds",
)
def test_threshold_ties_and_overspends(built_site):
    verdict(EFFORT, "defects found: tuned threshold ties with by risk")
    over = value(EFFORT, r"over the budget in (\d+) of 20 folds")
    assert 5 <= over <= 8, over


@says(
    PAGE,
    "The intervals are wide: the average precision could be anywhere from about a third to over a half.",
)
def test_ap_interval(built_site):
    _, low, high = interval("AP")
    assert 0.28 < low < 0.38 and high > 0.5, (low, high)


@says(
    PAGE,
    "On this test set alone, the gain of reading by risk per line has an interval that reaches zero; the 20 development folds, where it found more in every one, are the stronger evidence, and the test set agrees with them in direction and size.",
)
def test_test_set_gain_and_development_folds(built_site):
    gain, low, _ = interval("found, per line minus risk")
    assert low <= 0 < gain, (gain, low)
    match = verdict(EFFORT, "defects found: by risk per line beats by risk", worded=False)
    assert match["wins"] == match["n"], match[0]
    assert abs(gain - float(match["mean"])) < 0.05, (gain, match["mean"])
    assert "an interval that reaches zero" in stdout(FINAL)


@says(
    PAGE,
    "The reliability diagram's points lie within 0.1 of the diagonal, and the mean predicted risk is close to the share of defective modules",
)
def test_probabilities_are_calibrated(built_site):
    bins = re.findall(r"^  (0\.\d+)  (0\.\d+)$", stdout(FINAL), re.M)
    assert len(bins) == 5, bins
    assert all(abs(float(p) - float(o)) < 0.1 for p, o in bins), bins
    predicted = value(FINAL, r"mean predicted risk ([\d.]+)")
    observed = value(FINAL, r"observed share of defective modules ([\d.]+)")
    assert abs(predicted - observed) < 0.02, (predicted, observed)


@says(
    PAGE,
    "The answer is thousands of defective modules, more than ten times all the defective modules KC1 holds.",
)
def test_positives_needed(built_site):
    needed = int(re.search(r"about ([\d,]+) defective modules in the test set", stdout(FINAL))[1].replace(",", ""))
    assert needed >= 1000 and needed > 10 * value(LOOK, r"(\d+) defective \("), needed


def test_report_repeats_the_table(built_site):
    """The report's percentages are the table's scores, rounded: nothing in it is typed by hand."""
    report = stdout(FINAL).split("for the team:")[1]
    numbers = [float(n) for n in re.findall(r"(\d+(?:\.\d+)?)%(?! interval)", report)]
    found, low, high = interval("found, by risk per line")
    risk, risk_low, risk_high = interval("found, by risk")
    gain, gain_low, gain_high = interval("found, per line minus risk")
    expected = [round(100 * x) for x in (found, low, high, risk, risk_low, risk_high, gain)]
    assert numbers[:7] == expected, (numbers, expected)


@says(
    PAGE,
    "In short: read in order of predicted risk per line, expect to find about a third of the defective modules in a fifth of the lines",
)
def test_summary_of_the_report(built_site):
    found, _, _ = interval("found, by risk per line")
    assert 0.25 <= found <= 0.4, found


@says(
    PAGE,
    "PC1 has a surprise that KC1 does not: modules with no lines of code at all, none of them defective.",
)
def test_pc1_empty_modules(built_site):
    assert value(PC1, r"(\d+) modules have no lines of code") > 0
    assert value(PC1, r"(\d+) of them are defective") == 0
    assert value(LOOK, r"lines of code per module: min (\d+)") >= 1


@says(
    PAGE,
    "With that, reading by risk per line beats reading by risk on PC1 too, with a gain of about the same size as on KC1 (a verdict that held in 8 of 10 draws).",
)
def test_pc1_risk_per_line(built_site):
    pc1 = verdict(PC1, "defects found: by risk per line beats by risk")
    kc1 = verdict(EFFORT, "defects found: by risk per line beats by risk", worded=False)
    assert abs(float(pc1["mean"]) - float(kc1["mean"])) < 0.1, (pc1[0], kc1[0])


# --- what lesson 19 adds to earlier pages -------------------------------------------


@says(
    "08-fair-evaluation.md",
    "NASA's KC1 defect data, in lesson 19, repeats some rows dozens of times, and folds of rows give a random forest a higher average precision than folds of groups of identical rows in every repeat.",
)
def test_lesson_8_note(built_site):
    test_most_repeated_rows_are_tiny.__wrapped__(built_site)
    test_row_split_flatters_the_forest.__wrapped__(built_site)


@says(
    "14-operating-point.md",
    "On real data, lesson 19 reads software modules in order of risk per line of code, and for the same budget of lines it finds about twice as many defective modules as reading in order of risk.",
)
def test_lesson_14_note(built_site):
    per_line, risk = reading("risk per line")[0], reading("risk")[0]
    assert 1.7 < per_line / risk < 2.5, (per_line, risk)
    verdict(EFFORT, "defects found: by risk per line beats by risk", worded=False)


@says(
    "conclusion.md",
    "On NASA's KC1 defect data, repeated rows made folds of rows flatter a random forest; tuned gradient boosting tied with logistic regression; the remedies repeated lesson 18's pattern on one dataset; and reading modules in order of risk per line of code found about twice as many defective modules within a budget of lines as reading in order of risk.",
)
def test_conclusion_summary(built_site):
    test_row_split_flatters_the_forest.__wrapped__(built_site)
    for metric in ["AP", "ROC AUC", "Brier"]:
        verdict(BASELINE, f"{metric}: gradient boosting ties with logistic regression", worded=False)
    # Lesson 18's pattern: rebalancing costs calibration and does not raise AP.
    for remedy in REBALANCING:
        verdict(REMEDIES, f"Brier: {remedy} loses to plain", worded=False)
    no_ap_gain(worded=False)
    test_lesson_14_note.__wrapped__(built_site)


@says(PAGE, "KC1 is one of lesson 18's 33 datasets, so it already counted there, once among many")
def test_kc1_is_among_lesson_18s_datasets(built_site):
    listed = [line.split()[0] for line in stdout("18-real-data/datasets.py").splitlines() if line.strip()]
    assert "KC1" in listed, listed
