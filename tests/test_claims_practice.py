"""Claims of lessons 13 to 17, checked against the output the built pages show.

Each test declares the sentence it guards with ``@says``; see ``tests/claims.py``.
"""

from __future__ import annotations

import ast
import re
from itertools import pairwise

from tests.claims import ROOT, comparisons, rows, rule, says, stdout, value, verdict

# --- 13. Probabilities after rebalancing -------------------------------------------

SHIFT = "13-probabilities/shift.py"
CORRECTIONS = "13-probabilities/compare.py"
UPWEIGHT = "13-probabilities/downsample_upweight.py"
PREVALENCE = "13-probabilities/prevalence_shift.py"
SMOTE_FORMULA = "13-probabilities/smote_correction.py"
SCREENING = "13-probabilities/screening.py"


def table_rows(snippet: str, columns: list[str]) -> dict[str, dict[str, float]]:
    """The rows of a printed table, without the comparison lines (which also end in a number)."""
    return {name: scores for name, scores in rows(snippet, columns).items() if "|" not in name}


def shift_table():
    return rows(SHIFT, ["mean P(1)", "Brier", "log loss"])


@says(
    "13-probabilities.md",
    "Both rebalanced models predict, on average, a probability of class 1 about twenty times the real share of positives.",
)
def test_rebalancing_inflates_mean_probability(built_site):
    rate = value(SHIFT, r"share of positives in the test half: ([\d.]+)")
    table = shift_table()
    for name in ("undersampled", "class_weight"):
        assert 15 * rate < table[name]["mean P(1)"] < 25 * rate, f"{name}: {table[name]}, rate {rate}"


@says(
    "13-probabilities.md",
    "The corrections bring their mean probability down to about two thirds of the real rate, too low now, and take their Brier score and log loss (lower is better for both) from more than ten times the plain model's to less than one and a half times it.",
)
def test_corrections_bring_probabilities_back(built_site):
    rate = value(SHIFT, r"share of positives in the test half: ([\d.]+)")
    table = shift_table()
    plain = table["plain"]
    for name in ("undersampled", "class_weight"):
        corrected = table[f"{name}, corrected"]
        # "about two thirds of the real rate"
        assert 0.6 * rate <= corrected["mean P(1)"] <= 0.75 * rate, f"{name}, corrected: {corrected}, rate {rate}"
        for metric in ("Brier", "log loss"):
            assert table[name][metric] > 10 * plain[metric], f"{name} {metric}: {table[name]}, plain {plain}"
            assert corrected[metric] < 1.5 * plain[metric], f"{name}, corrected {metric}: {corrected}, plain {plain}"


@says(
    "13-probabilities.md",
    "Every correction repairs most of the damage: the uncorrected undersampled model's log loss is about ten times the others'.",
)
def test_uncorrected_log_loss_is_ten_times(built_site):
    table = table_rows(CORRECTIONS, ["log loss"])
    others = [scores["log loss"] for name, scores in table.items() if name != "undersampling"]
    assert table["undersampling"]["log loss"] > 8 * max(others), str(table)


@says(
    "13-probabilities.md",
    "Undersampling + formula loses to plain LR, and so do undersampling + recalibration and class_weight + shift, by smaller margins (verdicts that depend on the draw, holding in 8 of 10 draws for undersampling + formula on log loss, in 4 of 10 draws for undersampling + recalibration on log loss, in 4 of 10 draws for class_weight + shift on log loss).",
)
def test_no_correction_reaches_plain(built_site):
    verdict(CORRECTIONS, "log loss: undersampling + formula loses to plain LR")
    verdict(CORRECTIONS, "log loss: undersampling + recalibration loses to plain LR")
    verdict(CORRECTIONS, "log loss: class_weight + shift loses to plain LR")
    table = table_rows(CORRECTIONS, ["log loss"])
    formula = table["undersampling + formula"]["log loss"]
    for name in ("undersampling + recalibration", "class_weight + shift"):
        assert table[name]["log loss"] < formula, str(table)


@says(
    "13-probabilities.md",
    "Between the two repairs of the undersampled model, undersampling + formula loses to undersampling + recalibration (a verdict that held in 7 of 10 draws).",
)
def test_formula_loses_to_recalibration(built_site):
    verdict(CORRECTIONS, "log loss: undersampling + formula loses to undersampling + recalibration")


@says(
    "13-probabilities.md",
    "Downsample + upweight ties with all rows, on log loss and on average precision, while training on about a ninth of the rows (a verdict that held in 8 of 10 draws).",
)
def test_downsample_upweight_ties(built_site):
    verdict(UPWEIGHT, "log loss: downsample + upweight ties with all rows")
    verdict(UPWEIGHT, "AP: downsample + upweight ties with all rows")
    everything = value(UPWEIGHT, r"training rows: all (\d+)")
    kept = value(UPWEIGHT, r"downsampled about (\d+)")
    assert 8 < everything / kept < 10, f"all {everything}, kept {kept}"


@says(
    "13-probabilities.md",
    "Dropping the same rows without the weights is not the same recipe: downsample only loses to all rows on both.",
)
def test_downsample_only_loses(built_site):
    verdict(UPWEIGHT, "log loss: downsample only loses to all rows")
    verdict(UPWEIGHT, "AP: downsample only loses to all rows")


@says("13-probabilities.md", "On log loss, shifted beats as trained, and on the cost per case too.")
def test_prevalence_shift_beats(built_site):
    verdict(PREVALENCE, "log loss: shifted beats as trained")
    verdict(PREVALENCE, "cost: shifted beats as trained")


def estimated_shares(snippet: str, cases: str) -> tuple[float, float]:
    """The lowest and highest fold's estimate of the share of positives, as printed."""
    match = re.search(
        rf"estimated from unlabelled {cases} cases: [\d.]+ \(folds from ([\d.]+) to ([\d.]+)\)", stdout(snippet)
    )
    assert match, f"snippets/{snippet} prints no estimated share:\n{stdout(snippet)}"
    return float(match[1]), float(match[2])


@says(
    "13-probabilities.md",
    "The estimate from unlabelled cases lands within a percentage point of the true 10% in every fold, and shifted (EM) beats as trained as well; against the shift with the true share it loses to shifted, by a log loss difference about a hundredth of what the shift gains (a verdict that held in 7 of 10 draws).",
)
def test_estimated_prevalence_works(built_site):
    assert value(PREVALENCE, r"([\d.]+)% at deployment") == 10.0, stdout(PREVALENCE)
    low, high = estimated_shares(PREVALENCE, "deployment")
    assert 0.09 < low <= high < 0.11, f"estimates from {low} to {high}"
    verdict(PREVALENCE, "log loss: shifted (EM) beats as trained")
    cost_of_estimating = -float(verdict(PREVALENCE, "log loss: shifted (EM) loses to shifted")["mean"])
    gain = float(verdict(PREVALENCE, "log loss: shifted beats as trained")["mean"])
    assert 0.005 <= cost_of_estimating / gain <= 0.02, f"estimating costs {cost_of_estimating}, shifting gains {gain}"


@says(
    "13-probabilities.md",
    "Now the shift does harm: shifted loses to as trained, its log loss nearly twice the unshifted one, although it uses the true 10%.",
)
def test_shift_harms_after_screening(built_site):
    assert value(SCREENING, r"([\d.]+)% after screening") == 10.0, stdout(SCREENING)
    verdict(SCREENING, "log loss: shifted loses to as trained")
    table = table_rows(SCREENING, ["log loss"])
    ratio = table["shifted"]["log loss"] / table["as trained"]["log loss"]
    assert 1.7 <= ratio < 2.0, f"shifted / as trained = {ratio:.2f}: {table}"


@says(
    "13-probabilities.md",
    "The EM estimate goes wrong too, above 15% in every fold, and shifted (EM) loses to as trained by even more.",
)
def test_estimate_fails_after_screening(built_site):
    low, _ = estimated_shares(SCREENING, "screened")
    assert low > 0.15, f"lowest fold's estimate {low}"
    em = verdict(SCREENING, "log loss: shifted (EM) loses to as trained")
    known = verdict(SCREENING, "log loss: shifted loses to as trained")
    assert float(em["mean"]) < float(known["mean"]), f"{em[0]}\n{known[0]}"


@says(
    "13-probabilities.md",
    "The formula removes nearly all of SMOTE's damage to the log loss: SMOTE + formula beats SMOTE by a wide margin (a verdict that held in 8 of 10 draws).",
)
def test_formula_repairs_smote(built_site):
    verdict(SMOTE_FORMULA, "log loss: SMOTE + formula beats SMOTE")
    plain = value(SMOTE_FORMULA, r"plain LR +log loss ([\d.]+)")
    smote = value(SMOTE_FORMULA, r"SMOTE +log loss ([\d.]+)")
    fixed = value(SMOTE_FORMULA, r"SMOTE \+ formula +log loss ([\d.]+)")
    assert fixed - plain < 0.1 * (smote - plain), f"plain {plain}, SMOTE {smote}, corrected {fixed}"


@says(
    "13-probabilities.md",
    "It still loses to plain LR, as every repair in this lesson did (a verdict that held in 5 of 10 draws).",
)
def test_smote_formula_loses_to_plain(built_site):
    verdict(SMOTE_FORMULA, "log loss: SMOTE + formula loses to plain LR")


# --- 14. Choosing the operating point ----------------------------------------------

BUDGET = "14-operating-point/review_budget.py"
COSTS = "14-operating-point/expected_cost.py"
CURVE = "14-operating-point/decision_curve.py"
REPORT = "14-operating-point/report.py"
RECALL_TARGETS = "14-operating-point/budget_for_recall.py"
THRESHOLDS = [0.02, 0.05, 0.10, 0.20, 0.30]


def at_k() -> dict[int, dict[str, float]]:
    found = {}
    for line in stdout(BUDGET).splitlines():
        parts = line.split()
        if len(parts) == 3 and parts[0].isdigit():
            found[int(parts[0])] = {"precision": float(parts[1]), "recall": float(parts[2])}
    assert found, f"no precision@k table in snippets/{BUDGET}"
    return found


@says(
    "14-operating-point.md",
    "The first few dozen reviews are almost all hits; after that, each extra review finds fewer positives, and recall grows far more slowly than the budget.",
)
def test_precision_at_k_falls(built_site):
    table = at_k()
    assert table[50]["precision"] > 0.9, str(table)
    budgets = sorted(table)
    assert all(table[a]["precision"] >= table[b]["precision"] for a, b in zip(budgets, budgets[1:], strict=False)), str(
        table
    )
    assert table[400]["recall"] < 2 * table[50]["recall"], str(table)


@says(
    "14-operating-point.md",
    "For the top 50 cases, class_weight loses to plain LR on precision@50: the weights changed which cases come first, and not for the better here.",
)
def test_class_weight_loses_at_50(built_site):
    verdict(BUDGET, "precision@50: class_weight loses to plain LR")


@says(
    "14-operating-point.md",
    "The lowest point on the test half is close to the rule's threshold, and its cost is a little lower, but it was found by looking at the test data, so its small advantage may be optimism rather than a better rule.",
)
def test_cost_minimum_near_rule(built_site):
    rule_threshold = value(COSTS, r"threshold from the cost matrix: ([\d.]+)")
    rule_cost = value(COSTS, r"threshold from the cost matrix: [\d.]+, cost per case ([\d.]+)")
    best = value(COSTS, r"lowest cost on this test half: +([\d.]+)")
    best_cost = value(COSTS, r"lowest cost on this test half: +[\d.]+, cost per case ([\d.]+)")
    assert abs(best - rule_threshold) <= 0.05, f"minimum at {best}, rule {rule_threshold}"
    assert best_cost <= rule_cost < 1.1 * best_cost, f"minimum {best_cost}, rule {rule_cost}"


@says("14-operating-point.md", "Over 20 folds, the rule's threshold 0.10 beats threshold 0.5 on cost.")
def test_rule_beats_default(built_site):
    verdict(COSTS, "cost: threshold 0.10 beats threshold 0.5")


def net_benefits() -> dict[str, dict[float, float]]:
    table = table_rows(CURVE, [str(t) for t in THRESHOLDS])
    return {name: {t: scores[str(t)] for t in THRESHOLDS} for name, scores in table.items()}


@says(
    "14-operating-point.md",
    "Flagging everyone has a positive net benefit only at the lowest thresholds, where a false alarm is nearly free.",
)
def test_flag_everyone_only_at_low_thresholds(built_site):
    everyone = net_benefits()["flag everyone"]
    assert everyone[0.02] > 0 and all(everyone[t] < 0 for t in THRESHOLDS[1:]), str(everyone)


@says("14-operating-point.md", "The plain logistic regression is above both references at every threshold printed.")
def test_plain_above_references(built_site):
    table = net_benefits()
    for t in THRESHOLDS:
        assert table["plain LR"][t] > max(table["flag everyone"][t], table["flag no one"][t]), f"{t}: {table}"


@says(
    "14-operating-point.md",
    "The class-weighted model, whose probabilities are inflated (lesson 10), flags far too many cases when its probabilities are read at face value, and its net benefit falls below zero, worse than flagging no one: at a threshold probability of 0.10, class_weight loses to plain LR.",
)
def test_class_weight_net_benefit(built_site):
    weighted = net_benefits()["class_weight"]
    assert all(weighted[t] < 0 for t in THRESHOLDS[1:]), str(weighted)
    verdict(CURVE, "net benefit at 0.10: class_weight loses to plain LR")


def report_table():
    """The table of four decisions (the report above it has rows of numbers too)."""
    table = rows(REPORT, ["false alarms", "precision", "recall", "F1", "G-mean", "MCC", "cost"])
    decisions = ["plain, 0.5", "plain, 0.1", "class_weight, 0.5", "flag everyone"]
    return {name: table[name] for name in decisions}


@says(
    "14-operating-point.md",
    "The geometric mean ranks the class-weighted model at 0.5 first: it rewards recall and specificity, and specificity divides the false alarms by all the negatives, so even that model's many false alarms (the false alarms column) barely dent it, and precision never enters.",
)
def test_geometric_mean_prefers_class_weight(built_site):
    table = report_table()
    assert max(table, key=lambda name: table[name]["G-mean"]) == "class_weight, 0.5", str(table)
    assert table["class_weight, 0.5"]["false alarms"] > 4 * table["plain, 0.1"]["false alarms"], str(table)
    assert table["class_weight, 0.5"]["precision"] < 0.5 * table["plain, 0.1"]["precision"], str(table)


@says("14-operating-point.md", "MCC ranks the plain model at 0.5 first, which misses many positives.")
def test_mcc_prefers_plain_at_half(built_site):
    table = report_table()
    assert max(table, key=lambda name: table[name]["MCC"]) == "plain, 0.5", str(table)
    assert table["plain, 0.5"]["recall"] < 0.5, str(table)


@says(
    "14-operating-point.md",
    "The cost per case, the only one that knows what a miss costs here, prefers the plain model at 0.1.",
)
def test_cost_prefers_plain_at_rule(built_site):
    table = report_table()
    assert min(table, key=lambda name: table[name]["cost"]) == "plain, 0.1", str(table)


@says(
    "14-operating-point.md",
    "Flagging everyone has a recall of 1 and a geometric mean and MCC of 0: both summaries see through it.",
)
def test_flag_everyone_summaries(built_site):
    everyone = report_table()["flag everyone"]
    assert everyone["recall"] == 1 and everyone["G-mean"] == 0 and everyone["MCC"] == 0, str(everyone)


@says(
    "14-operating-point.md",
    "Half the positives sit in a small top slice of the ranking, where precision is high; the last ones are spread among thousands of negatives, so each extra point of recall costs far more reviews than the one before.",
)
def test_recall_targets_cost_ever_more(built_site):
    k = {target: value(RECALL_TARGETS, rf"recall {target}%: review the top +(\d+)") for target in (50, 80, 90)}
    precision_half = value(RECALL_TARGETS, r"recall 50%: review the top +\d+ of \d+ cases, precision ([\d.]+)")
    assert k[50] < 500 and precision_half > 0.8, f"{k}, precision {precision_half}"
    assert k[80] > 10 * k[50] and k[90] > 2 * k[80], str(k)


# --- 15. Tuning the rebalancing honestly -------------------------------------------

WORKFLOW = "15-tuning-honestly/workflow.py"
NESTED = "15-tuning-honestly/nested.py"
PEEK = "15-tuning-honestly/peek.py"


def assignment(snippet: str, name: str) -> ast.Assign:
    """The module-level assignment to ``name`` in ``snippets/<snippet>``."""
    source = (ROOT / "snippets" / snippet).read_text(encoding="utf-8")
    for node in ast.parse(source).body:
        if isinstance(node, ast.Assign) and any(getattr(t, "id", None) == name for t in node.targets):
            return node
    raise AssertionError(f"snippets/{snippet} assigns no {name}")


def inner_folds(snippet: str) -> int:
    """The number of folds of the search's ``StratifiedKFold`` (its first argument)."""
    calls = [
        node
        for node in ast.walk(assignment(snippet, "search"))
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "StratifiedKFold"
    ]
    assert len(calls) == 1, f"snippets/{snippet}: {len(calls)} StratifiedKFold calls in the search"
    return calls[0].args[0].value


def test_lesson_15_searches_the_same_candidates():
    """The page compares the search, nested CV and the peeking exercise as choices among the same candidates."""
    for name in ("thresholds", "grid"):
        found = {snippet: ast.dump(assignment(snippet, name).value) for snippet in (WORKFLOW, NESTED, PEEK)}
        assert len(set(found.values())) == 1, f"{name} differs between {sorted(found)}"


@says(
    "15-tuning-honestly.md",
    "Of the 68 candidates, the search prefers no resampling and no class weights, with a low threshold: the same answer lesson 9 reached by hand.",
)
def test_search_prefers_threshold_alone(built_site):
    assert value(WORKFLOW, r"candidates tried: (\d+)") == 68
    assert value(PEEK, r"best test F1 among (\d+) candidates") == 68
    assert "best: sampler none, class_weight None" in stdout(WORKFLOW), stdout(WORKFLOW)
    assert value(WORKFLOW, r"threshold ([\d.]+)\n") < 0.5, stdout(WORKFLOW)


def best_threshold_of_each_branch() -> dict[str, float]:
    found = dict(re.findall(r"best of (.+?): +threshold ([\d.]+),", stdout(WORKFLOW)))
    assert len(found) == 4, stdout(WORKFLOW)
    return {name: float(threshold) for name, threshold in found.items()}


@says(
    "15-tuning-honestly.md",
    "Each branch's best threshold is a different one, the plain model's the lowest, as the inflated probabilities of rebalanced models (lesson 10) would lead you to expect.",
)
def test_each_branch_has_its_own_threshold(built_site):
    best = best_threshold_of_each_branch()
    assert len(set(best.values())) == len(best), str(best)
    plain = best.pop("sampler none, class_weight None")
    assert all(plain < threshold for threshold in best.values()), f"plain {plain}, others {best}"


@says(
    "15-tuning-honestly.md",
    "The steps are fine because each branch has its best threshold somewhere else, and a coarse grid can step right over it; each threshold refits the pipeline, so the grid's size is paid for in fits.",
)
def test_best_thresholds_fall_between_coarse_grid_points(built_site):
    best = best_threshold_of_each_branch()
    assert len(set(best.values())) == len(best), str(best)
    coarse = {0.2, 0.4, 0.6, 0.8}  # the grid this lesson used before
    assert any(threshold not in coarse for threshold in best.values()), f"best thresholds {best}"


@says("15-tuning-honestly.md", "The held-out test score is a little below the search's best score.")
def test_held_out_a_little_below(built_site):
    inner = value(WORKFLOW, r"inner best score \(F1, 3-fold CV on the development set\): ([\d.]+)")
    held_out = value(WORKFLOW, r"held-out test F1: +([\d.]+)")
    assert inner - 0.05 < held_out < inner, f"inner {inner}, held out {held_out}"


@says(
    "15-tuning-honestly.md",
    "The outer folds here are 5 folds repeated twice, ten rather than the usual twenty, because each outer fold runs the full search, 68 candidates on three inner folds, 204 fits; the paired comparison is still made on the same folds.",
)
def test_fits_per_outer_fold(built_site):
    candidates = value(WORKFLOW, r"candidates tried: (\d+)")
    assert (candidates, inner_folds(NESTED), candidates * inner_folds(NESTED)) == (68, 3, 204), candidates


@says(
    "15-tuning-honestly.md",
    "On this data the inner best score ties with the outer test score: the selection's optimism, if any, is lost in the fold-to-fold noise.",
)
def test_optimism_inside_noise(built_site):
    verdict(NESTED, "F1: inner best score ties with outer test score")


@says(
    "15-tuning-honestly.md",
    "The two scores are not measured on equal terms either: each inner score comes from models fitted on two thirds of the outer training part (1,600 cases of 2,400), while the outer score is that of the chosen settings refitted on all 2,400.",
)
def test_inner_fits_see_fewer_rows(built_site):
    development = value(WORKFLOW, r"development set: (\d+) cases")
    outer = {k.arg: getattr(k.value, "value", None) for k in assignment(NESTED, "outer").value.keywords}
    outer_training = development * (outer["n_splits"] - 1) / outer["n_splits"]
    k = inner_folds(NESTED)
    inner_training = outer_training * (k - 1) / k
    assert (outer_training, inner_training) == (2_400, 1_600), f"outer {outer_training}, inner {inner_training}"


@says(
    "15-tuning-honestly.md",
    "The tuned pipeline edges plain LR: it wins in eight of the ten outer folds, exactly the rule's line of 80%, and the difference is not significant under the rule of lesson 8 (a verdict that held in 4 of 10 draws).",
)
def test_tuned_pipeline_edges_plain(built_site):
    match = verdict(NESTED, "F1: tuned pipeline edges plain LR")
    wins, n = int(match["wins"]), int(match["n"])
    assert (wins, n) == (8, 10), match[0]
    assert wins == 0.8 * n, match[0]


@says(
    "15-tuning-honestly.md",
    "That verdict hangs on a single fold: with one win fewer, the tuned pipeline ties with plain LR.",
)
def test_edges_verdict_is_fragile(built_site):
    match = verdict(NESTED, "F1: tuned pipeline edges plain LR", worded=False)
    wins, losses, n, p = int(match["wins"]), int(match["losses"]), int(match["n"]), float(match["p"])
    # One fold turned from a win into a loss; p would move too, but stays far above 0.05 for one fold of ten.
    assert p > 0.1, match[0]
    assert rule(float(match["mean"]), wins - 1, losses + 1, n, p) == "ties with", match[0]


@says(
    "15-tuning-honestly.md", "The reported test score is higher than what the chosen candidate achieves on new cases."
)
def test_peeked_score_is_optimistic(built_site):
    peeked = value(PEEK, r"best test F1 among \d+ candidates: ([\d.]+)")
    future = value(PEEK, r"the same candidate on \d+ new cases: +([\d.]+)")
    assert peeked > future, f"test {peeked}, new cases {future}"


@says(
    "15-tuning-honestly.md",
    "Peeking also picked a different candidate from the one that is best on the new cases, though that one scores less than a hundredth of F1 higher there.",
)
def test_peek_picked_another_candidate(built_site):
    assert "(a different candidate)" in stdout(PEEK), stdout(PEEK)
    future = value(PEEK, r"the same candidate on \d+ new cases: +([\d.]+)")
    best = value(PEEK, r"best F1 on the new cases, any candidate: +([\d.]+)")
    assert 0 < best - future < 0.01, f"peeked {future}, best {best}"


def over_draws() -> dict[str, dict[str, float]]:
    """The mean F1 over the drawn test sets: on the test set, on the rest of the new cases, and the gap."""
    table = {}
    for name in ("best candidate on each test set", "one candidate fixed in advance"):
        match = re.search(rf"^{name} +([\d.]+) +([\d.]+) +([-+][\d.]+)$", stdout(PEEK), re.M)
        assert match, f"no row {name!r} in:\n{stdout(PEEK)}"
        table[name] = dict(zip(["test set", "rest", "gap"], map(float, match.groups()), strict=True))
    return table


@says(
    "15-tuning-honestly.md",
    "The candidate that is best on its test set scores there, on average, a few hundredths of F1 above what it scores on the rest of the new cases, while one candidate fixed in advance scores on average the same on both: the gap is the optimism of choosing, and it comes from the choice, not from the test sets.",
)
def test_optimism_of_choosing_over_many_test_sets(built_site):
    assert value(PEEK, r"over (\d+) test sets drawn from the new cases") == 1000
    table = over_draws()
    assert 0.02 <= table["best candidate on each test set"]["gap"] < 0.05, str(table)
    assert abs(table["one candidate fixed in advance"]["gap"]) <= 0.005, str(table)


@says(
    "15-tuning-honestly.md",
    "This test set itself is an ordinary one: over all 68 candidates it scores them about a hundredth higher than the new cases do, and more than a third of the drawn test sets are at least as kind.",
)
def test_this_test_set_is_ordinary(built_site):
    kindness = value(PEEK, r"all 68 candidates, mean F1 on this test set minus on the new cases: ([-+][\d.]+)")
    assert 0.005 <= kindness <= 0.015, f"mean difference {kindness}"
    share = value(PEEK, r"as kind to all candidates as this one \(mean difference [-+][\d.]+ or more\): (\d+)%")
    assert 100 / 3 < share < 80, f"{share}% of the drawn test sets are as kind"


# --- 16. When positives are extremely rare -------------------------------------------

CURVE_IN_POSITIVES = "16-extreme-rarity/learning_curve.py"
DETECTORS = "16-extreme-rarity/anomaly.py"
SAMPLERS = "16-extreme-rarity/smote_vs_ros.py"
TEN = "16-extreme-rarity/ten_positives.py"


def ap_by_count() -> dict[int, float]:
    table = table_rows(CURVE_IN_POSITIVES, ["AP", "sd"])
    return {int(count): scores["AP"] for count, scores in table.items()}


@says(
    "16-extreme-rarity.md",
    "Average precision climbs steeply over the first few dozen positives and then flattens: going from 10 to 50 positives gains several times as much as going from 100 to 400.",
)
def test_learning_curve_flattens(built_site):
    ap = ap_by_count()
    assert ap[50] - ap[10] > 3 * (ap[400] - ap[100]), str(ap)


@says(
    "16-extreme-rarity.md",
    "Against that, SMOTE at a fixed count does harm here: 25 positives + SMOTE loses to 25 positives, and 50 positives + SMOTE loses to 50 positives.",
)
def test_smote_harms_at_fixed_count(built_site):
    verdict(CURVE_IN_POSITIVES, "AP: 25 positives + SMOTE loses to 25 positives")
    verdict(CURVE_IN_POSITIVES, "AP: 50 positives + SMOTE loses to 50 positives")


@says(
    "16-extreme-rarity.md",
    "Doubling the real positives does what SMOTE does not: 50 positives beats 25 positives (a verdict that held in 1 of 10 draws).",
)
def test_more_positives_beat(built_site):
    verdict(CURVE_IN_POSITIVES, "AP: 50 positives beats 25 positives")


@says("16-extreme-rarity.md", "on this data, average precision rises at every step of the table.")
def test_learning_curve_rises(built_site):
    ap = ap_by_count()
    counts = sorted(ap)
    assert all(ap[a] < ap[b] for a, b in pairwise(counts)), str(ap)


@says(
    "16-extreme-rarity.md",
    "With 10 positives, each test fold holds only two of them, and both detectors tie with logistic regression: the per-fold differences spread wider (their sd) than their mean, so this rarity tells you little either way (verdicts that depend on the draw, holding in 7 of 10 draws for IsolationForest on AP at 10 positives, in 5 of 10 draws for LocalOutlierFactor on AP at 10 positives).",
)
def test_detectors_tie_at_ten(built_site):
    for detector in ("IsolationForest", "LocalOutlierFactor"):
        verdict(DETECTORS, f"AP at 10 positives: {detector} ties with logistic regression")
        line = rf"AP at 10 positives: {detector} ties with logistic regression \| difference ([-+\d.]+), sd ([\d.]+)"
        mean = value(DETECTORS, line)
        sd = float(re.search(line, stdout(DETECTORS)).group(2))
        assert sd > abs(mean), f"{detector}: mean difference {mean}, sd {sd}"


@says(
    "16-extreme-rarity.md",
    "From 50 positives on, the labels pay: both detectors trail logistic regression at 50 positives and lose to it at 200 (verdicts that depend on the draw, holding in 3 of 10 draws for IsolationForest on AP at 50 positives, in 5 of 10 draws for LocalOutlierFactor on AP at 50 positives).",
)
def test_labels_pay_from_fifty(built_site):
    for detector in ("IsolationForest", "LocalOutlierFactor"):
        verdict(DETECTORS, f"AP at 50 positives: {detector} trails logistic regression")
        verdict(DETECTORS, f"AP at 200 positives: {detector} loses to logistic regression")


@says(
    "16-extreme-rarity.md",
    "Here, with 50 labelled positives both detectors trail logistic regression, and with 200 both lose to it (verdicts that depend on the draw, holding in 3 of 10 draws for IsolationForest on AP at 50 positives, in 5 of 10 draws for LocalOutlierFactor on AP at 50 positives).",
)
def test_takeaway_detectors(built_site):
    for detector in ("IsolationForest", "LocalOutlierFactor"):
        verdict(DETECTORS, f"AP at 50 positives: {detector} trails logistic regression")
        verdict(DETECTORS, f"AP at 200 positives: {detector} loses to logistic regression")


@says("16-extreme-rarity.md", "On this data no detector comes out ahead at any rarity.")
def test_no_detector_ahead(built_site):
    assert not re.search(r"(IsolationForest|LocalOutlierFactor) (beats|edges)", stdout(DETECTORS)), stdout(DETECTORS)


@says(
    "16-extreme-rarity.md",
    "With gradient boosting, SMOTE ties with ROS on average precision and trails it on F1 at the fixed 0.5 threshold, and on average precision both samplers tie with no resampling (verdicts that depend on the draw, holding in 6 of 10 draws for SMOTE on F1, gradient boosting, in 8 of 10 draws for SMOTE on AP, gradient boosting, in 8 of 10 draws for ROS on AP, gradient boosting).",
)
def test_smote_and_ros_with_boosting(built_site):
    verdict(SAMPLERS, "AP, gradient boosting: SMOTE ties with ROS")
    verdict(SAMPLERS, "F1, gradient boosting: SMOTE trails ROS")
    verdict(SAMPLERS, "AP, gradient boosting: SMOTE ties with no resampling")
    verdict(SAMPLERS, "AP, gradient boosting: ROS ties with no resampling")


@says(
    "16-extreme-rarity.md",
    "With logistic regression, SMOTE ties with ROS on both metrics, and SMOTE loses to no resampling on average precision, and ROS loses to no resampling too (verdicts that depend on the draw, holding in 4 of 10 draws for SMOTE on AP, logistic regression, in 6 of 10 draws for ROS on AP, logistic regression).",
)
def test_smote_and_ros_with_logistic_regression(built_site):
    verdict(SAMPLERS, "AP, logistic regression: SMOTE ties with ROS")
    verdict(SAMPLERS, "F1, logistic regression: SMOTE ties with ROS")
    verdict(SAMPLERS, "AP, logistic regression: SMOTE loses to no resampling")
    verdict(SAMPLERS, "AP, logistic regression: ROS loses to no resampling")


@says(
    "16-extreme-rarity.md",
    "So neither classifier shows SMOTE ahead of its simpler cousin, and for the weak classifier neither sampler is worth having.",
)
def test_smote_never_ahead_of_ros(built_site):
    assert not re.search(r"SMOTE (beats|edges) ROS", stdout(SAMPLERS)), stdout(SAMPLERS)


@says(
    "16-extreme-rarity.md",
    "At 10 positives, SMOTE ties with no resampling, and so does ROS: even where the model has the least to learn from, neither kind of oversampling adds what the missing positives would (verdicts that depend on the draw, holding in 3 of 10 draws for SMOTE on AP at 10 positives, in 3 of 10 draws for ROS on AP at 10 positives).",
)
def test_oversampling_ties_at_ten(built_site):
    verdict(TEN, "AP at 10 positives: SMOTE ties with no resampling")
    verdict(TEN, "AP at 10 positives: ROS ties with no resampling")


@says("16-extreme-rarity.md", "Both stay far below what 25 real positives give without any resampling.")
def test_oversampled_ten_below_twenty_five(built_site):
    best = max(value(TEN, r"SMOTE +AP ([\d.]+)"), value(TEN, r"ROS +AP ([\d.]+)"))
    assert best < ap_by_count()[25] - 0.05, f"best oversampled AP at 10: {best}, AP at 25: {ap_by_count()[25]}"


# --- 17. More than two classes -----------------------------------------------------------

AVERAGES = "17-multiclass/averaging.py"
REBALANCED = "17-multiclass/rebalance.py"
RARE_THRESHOLD = "17-multiclass/rare_class_threshold.py"
IDENTITIES = "17-multiclass/identities.py"


def averages() -> dict[str, dict[str, float]]:
    table = rows(AVERAGES, ["F1 macro", "weighted", "micro", "accuracy", "bal. acc."])
    return {name: table[name] for name in ("model", "never predicts class 2")}


@says(
    "17-multiclass.md",
    "The report shows what the averages summarise: class 0 is almost perfect, the rare class 2 is found only about a third of the time.",
)
def test_per_class_report(built_site):
    report = rows(AVERAGES, ["precision", "recall", "f1-score", "support"])
    assert report["0"]["f1-score"] > 0.95, str(report)
    assert 0.25 < report["2"]["recall"] < 0.45, str(report)


@says(
    "17-multiclass.md",
    "When class 2 is dropped altogether, macro F1 and balanced accuracy fall sharply, while the weighted and micro averages, and accuracy, barely move.",
)
def test_which_averages_notice(built_site):
    table = averages()
    model, blind = table["model"], table["never predicts class 2"]
    for column in ("F1 macro", "bal. acc."):
        assert model[column] - blind[column] > 0.1, f"{column}: {model} vs {blind}"
    for column in ("weighted", "micro", "accuracy"):
        assert model[column] - blind[column] < 0.03, f"{column}: {model} vs {blind}"


@says(
    "17-multiclass.md",
    "On macro F1, class_weight loses to plain LR, and so do oversampling and undersampling (verdicts that depend on the draw, holding in 8 of 10 draws for class_weight on F1 macro, in 3 of 10 draws for oversampling on F1 macro, in 3 of 10 draws for undersampling on F1 macro).",
)
def test_rebalancing_loses_on_macro_f1(built_site):
    for name in ("class_weight", "oversampling", "undersampling"):
        verdict(REBALANCED, f"F1 macro: {name} loses to plain LR")


@says(
    "17-multiclass.md", "On balanced accuracy, class_weight beats plain LR, and so do oversampling and undersampling."
)
def test_rebalancing_beats_on_balanced_accuracy(built_site):
    for name in ("class_weight", "oversampling", "undersampling"):
        verdict(REBALANCED, f"balanced accuracy: {name} beats plain LR")


@says(
    "17-multiclass.md",
    "Rebalancing raises the rare class's recall and lowers its precision (the last two columns); balanced accuracy, an average of recalls, sees only the first, while macro F1 counts both.",
)
def test_rebalancing_trades_precision_for_recall(built_site):
    table = table_rows(REBALANCED, ["F1 macro", "bal. acc.", "recall of 2", "precision of 2"])
    plain = table["plain LR"]
    for name in ("class_weight", "oversampling", "undersampling"):
        assert table[name]["recall of 2"] > plain["recall of 2"], f"{name}: {table[name]}, plain {plain}"
        assert table[name]["precision of 2"] < plain["precision of 2"], f"{name}: {table[name]}, plain {plain}"


@says(
    "17-multiclass.md",
    "The chosen thresholds all sit well below 0.5, above which a probability is certain to be the largest of three.",
)
def test_rare_thresholds_below_half(built_site):
    assert value(RARE_THRESHOLD, r"thresholds chosen for class 2: from [\d.]+ to ([\d.]+)") < 0.4


@says(
    "17-multiclass.md",
    "On the F1 of class 2, the threshold for 2 edges argmax, and it edges it on macro F1 too: it wins in most folds, but neither difference is significant under the rule of lesson 8 (verdicts that depend on the draw, holding in 2 of 10 draws on F1 of class 2, in 2 of 10 draws on F1 macro).",
)
def test_rare_threshold_edges(built_site):
    verdict(RARE_THRESHOLD, "F1 of class 2: threshold for 2 edges argmax")
    verdict(RARE_THRESHOLD, "F1 macro: threshold for 2 edges argmax")


@says("17-multiclass.md", "Both pairs agree to the last printed digit.")
def test_identities(built_site):
    assert value(IDENTITIES, r"balanced accuracy: +([\d.]+)") == value(IDENTITIES, r"recall, macro average: +([\d.]+)")
    assert value(IDENTITIES, r"\naccuracy: +([\d.]+)") == value(IDENTITIES, r"F1, micro average: +([\d.]+)")


@says(
    "17-multiclass.md",
    "Balanced accuracy is the mean of the three recalls, so the rare class, with the lowest recall by far, pulls it down by itself.",
)
def test_rare_class_has_lowest_recall(built_site):
    recalls = ast.literal_eval(re.search(r"recall per class: +(\[.*\])", stdout(IDENTITIES)).group(1))
    assert recalls.index(min(recalls)) == 2 and recalls[2] < 0.5 * min(recalls[:2]), str(recalls)


# --- The closing page's summary of lessons 13 to 17 ----------------------------------------
# These sentences summarise verdicts without the verdict words (the lesson
# tests above check the words); here it is enough that the lines are printed.


def printed(snippet: str, statement: str) -> None:
    assert statement in comparisons(snippet), f"snippets/{snippet} does not print {statement!r}"


@says("conclusion.md", "No corrected model got back level with the plain one on the course's data.")
def test_conclusion_no_correction_reaches_plain(built_site):
    for name in ("undersampling + formula", "undersampling + recalibration", "class_weight + shift"):
        printed(CORRECTIONS, f"log loss: {name} loses to plain LR")


@says(
    "conclusion.md",
    "Searching sampler, weights and threshold together chose the threshold alone, and nested cross-validation found a gain over the plain model in eight of ten folds, the bare minimum of lesson 8's rule, and not significant.",
)
def test_conclusion_tuning(built_site):
    assert "best: sampler none, class_weight None" in stdout(WORKFLOW), stdout(WORKFLOW)
    printed(NESTED, "F1: tuned pipeline edges plain LR")
    match = comparisons(NESTED)["F1: tuned pipeline edges plain LR"]
    wins, n = int(match["wins"]), int(match["n"])
    assert (wins, n) == (8, 10) and wins - 1 < 0.8 * n <= wins, match[0]
    assert float(match["p"]) >= 0.05, match[0]


@says(
    "conclusion.md",
    "Weighted and micro averages hide a lost rare class; rebalancing raised balanced accuracy and lowered macro F1.",
)
def test_conclusion_multiclass(built_site):
    for name in ("class_weight", "oversampling", "undersampling"):
        printed(REBALANCED, f"balanced accuracy: {name} beats plain LR")
        printed(REBALANCED, f"F1 macro: {name} loses to plain LR")


@says(
    "16-extreme-rarity.md",
    "1,100 cases with 100 positives each, a prevalence of about 1 in 11, not 1:1,000.",
)
def test_learning_curve_test_prevalence(built_site):
    match = re.search(r"test folds: (\d+) cases, (\d+) positive", stdout("16-extreme-rarity/learning_curve.py"))
    assert (int(match[1]), int(match[2])) == (1100, 100), match[0]
