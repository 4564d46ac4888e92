"""Claims of lesson 12 and the closing page, checked against the output the built page shows.

Each test declares the sentence it guards with ``@says``; see ``tests/claims.py``.
"""

from __future__ import annotations


from tests.claims import rows, says, value

LEADERBOARD_COLUMNS = ["F1", "AP", "ROC AUC", "bal. acc.", "Brier", "AP sd"]
REBALANCED = ["class_weight", "undersampling", "SMOTE", "SMOTEENN", "SMOTETomek"]
LOGISTIC = ["plain LR", *REBALANCED, "tuned threshold"]
DATASETS = ["synthetic", "digits", "diabetes"]


def leaderboard(dataset: str) -> dict[str, dict[str, float]]:
    return rows(f"12-leaderboard/{dataset}.py", LEADERBOARD_COLUMNS)


# --- 12. The leaderboard ----------------------------------------------------------------------


def test_leaderboards_have_every_model(built_site):
    """The claims below index the tables by model name; fail clearly if a row is renamed."""
    expected = {*LOGISTIC, "gradient boosting", "balanced RF"}
    for dataset in DATASETS:
        assert set(leaderboard(dataset)) == expected, f"{dataset}: rows {sorted(leaderboard(dataset))}"


def best(table, metric, among=None, lowest=False):
    names = among or list(table)
    return (min if lowest else max)(names, key=lambda m: table[m][metric])


@says("12-leaderboard.md", 'The tuned threshold has the best F1 of all nine models, and every rebalanced logistic regression (class weights and the four resamplers) has a much lower F1 than the plain one: at this ratio they flag far too many examples at 0.5.')
def test_synthetic_tuned_threshold_best_f1(built_site):
    t = leaderboard("synthetic")
    assert best(t, "F1") == "tuned threshold", (f"best F1: {best(t, 'F1')}")
    for m in REBALANCED:
        assert t[m]["F1"] < t["plain LR"]["F1"] / 2, (f"{m} {t[m]} vs plain {t['plain LR']}")


@says("12-leaderboard.md", 'They also have far worse Brier scores.')
def test_synthetic_rebalancing_worse_brier(built_site):
    t = leaderboard("synthetic")
    for m in REBALANCED:
        assert t[m]["Brier"] > 5 * t["plain LR"]["Brier"], (f"{m} {t[m]} vs plain {t['plain LR']}")


@says("12-leaderboard.md", "On ranking, the picture is mixed: the rebalanced variants edge ahead of plain logistic regression on ROC AUC, but none of them matches it on AP, and all the logistic regressions' APs lie within one standard deviation of each other.")
def test_synthetic_ranking_is_mixed(built_site):
    t = leaderboard("synthetic")
    for m in REBALANCED:
        assert t[m]["ROC AUC"] > t["plain LR"]["ROC AUC"], (f"{m} {t[m]} vs plain {t['plain LR']}")
        assert t[m]["AP"] < t["plain LR"]["AP"], (f"{m} {t[m]} vs plain {t['plain LR']}")
    assert_ap_within_one_sd(t)


def assert_ap_within_one_sd(table):
    aps = [table[m]["AP"] for m in LOGISTIC]
    spread = min(table[m]["AP sd"] for m in LOGISTIC)
    assert max(aps) - min(aps) < spread, (f"logistic regression APs span {max(aps) - min(aps):.4f}, smallest AP sd {spread}"
    )


@says("12-leaderboard.md", "Moving the threshold changes neither ranking nor probabilities, so the tuned model's AP, ROC AUC and Brier score are those of the plain one.")
def test_tuning_keeps_the_plain_model(built_site):
    for dataset in DATASETS:
        t = leaderboard(dataset)
        for metric in ("AP", "ROC AUC", "Brier"):
            assert t["tuned threshold"][metric] == t["plain LR"][metric], (f"{dataset} {metric}")


@says("12-leaderboard.md", 'Gradient boosting, with no rebalancing at all, has the best F1, AP, ROC AUC and Brier score of the nine.')
def test_digits_gradient_boosting_wins(built_site):
    t = leaderboard("digits")
    for metric in ("F1", "AP", "ROC AUC"):
        assert best(t, metric) == "gradient boosting", (f"best {metric}: {best(t, metric)}")
    assert best(t, "Brier", lowest=True) == "gradient boosting", ("best Brier elsewhere")


@says("12-leaderboard.md", 'Among the logistic regressions, the plain one has the best F1: no rebalancing method improves on it, and neither does threshold tuning.')
def test_digits_plain_lr_best_f1_of_logistic(built_site):
    t = leaderboard("digits")
    assert best(t, "F1", LOGISTIC) == "plain LR", (f"best F1 among LR: {best(t, 'F1', LOGISTIC)}")


@says("12-leaderboard.md", 'Undersampling, which throws away most of the majority class, has the lowest AP of the logistic regressions.')
def test_digits_undersampling_lowest_ap(built_site):
    t = leaderboard("digits")
    assert best(t, "AP", LOGISTIC, lowest=True) == "undersampling", (str(t))


@says("12-leaderboard.md", 'every rebalanced logistic regression (class weights, undersampling, SMOTE, SMOTEENN, SMOTETomek) has a worse Brier score than plain logistic regression: rebalancing always cost calibration;')
def test_rebalancing_always_costs_calibration(built_site):
    for dataset in DATASETS:
        t = leaderboard(dataset)
        for m in REBALANCED:
            assert t[m]["Brier"] > t["plain LR"]["Brier"], (f"{dataset}: {m} {t[m]}")


@says("12-leaderboard.md", "On this small dataset the plain logistic regression is too cautious at 0.5, and every rebalanced variant has a higher F1 than it. Threshold tuning is higher still, with the best F1 of all nine models and the plain model's Brier score.")
def test_diabetes_rebalancing_helps_f1_tuning_more(built_site):
    t = leaderboard("diabetes")
    for m in REBALANCED:
        assert t[m]["F1"] > t["plain LR"]["F1"], (f"{m} {t[m]} vs plain {t['plain LR']}")
    assert best(t, "F1") == "tuned threshold", (f"best F1: {best(t, 'F1')}")


@says("12-leaderboard.md", 'Gradient boosting, the winner on digits, comes last on F1 and AP: with so few positives, a flexible model has too little to learn from.')
def test_diabetes_gradient_boosting_last(built_site):
    t = leaderboard("diabetes")
    for metric in ("F1", "AP"):
        assert best(t, metric, lowest=True) == "gradient boosting", (f"lowest {metric}")


@says("12-leaderboard.md", "The logistic regressions' APs again lie within one standard deviation of each other.")
def test_diabetes_ap_within_noise(built_site):
    assert_ap_within_one_sd(leaderboard("diabetes"))


@says("12-leaderboard.md", 'no rebalanced variant beats plain logistic regression on AP by more than one standard deviation of the folds: rebalancing never clearly improved ranking;')
def test_rebalancing_never_clearly_improves_ap(built_site):
    for dataset in DATASETS:
        t = leaderboard(dataset)
        for m in REBALANCED:
            gain = t[m]["AP"] - t["plain LR"]["AP"]
            assert gain < t["plain LR"]["AP sd"], (f"{dataset}: {m} gains {gain:.4f} AP")


@says("12-leaderboard.md", "on F1, the tuned threshold is at least as good as every rebalancing method on every dataset, and it keeps the plain model's probabilities;")
def test_tuned_threshold_at_least_as_good_as_rebalancing(built_site):
    for dataset in DATASETS:
        t = leaderboard(dataset)
        for m in REBALANCED:
            assert t["tuned threshold"]["F1"] >= t[m]["F1"], (f"{dataset}: {m} {t[m]}")


@says("12-leaderboard.md", 'balanced accuracy favours rebalancing everywhere: each rebalanced variant scores higher on it than plain logistic regression.')
def test_balanced_accuracy_favours_rebalancing(built_site):
    for dataset in DATASETS:
        t = leaderboard(dataset)
        for m in REBALANCED:
            assert t[m]["bal. acc."] > t["plain LR"]["bal. acc."], (f"{dataset}: {m}")


@says("12-leaderboard.md", 'on the synthetic data and on digits, plain logistic regression has a higher F1 than every rebalanced variant, yet a lower balanced accuracy than all of them.')
def test_balanced_accuracy_disagrees_with_f1(built_site):
    for dataset in ("synthetic", "digits"):
        t = leaderboard(dataset)
        for m in REBALANCED:
            assert t["plain LR"]["F1"] > t[m]["F1"], (f"{dataset}: F1 of {m}")
            assert t["plain LR"]["bal. acc."] < t[m]["bal. acc."], (f"{dataset}: bal. acc. of {m}")


@says("12-leaderboard.md", 'The best ranker differed between datasets here (by AP, gradient boosting on digits, a logistic regression on the other two); only the protocol can tell you which one wins on yours.')
def test_best_ranker_differs_between_datasets(built_site):
    assert best(leaderboard("digits"), "AP") == "gradient boosting", ("digits")
    for dataset in ("synthetic", "diabetes"):
        winner = best(leaderboard(dataset), "AP")
        assert winner in LOGISTIC, (f"{dataset}: best AP is {winner}")


@says("12-leaderboard.md", 'Here they improved only the default-threshold F1 of the small diabetes problem, where threshold tuning did better still, and never ranking or calibration.')
def test_resampling_helped_only_diabetes_f1(built_site):
    for dataset in DATASETS:
        t = leaderboard(dataset)
        helped = [m for m in REBALANCED if t[m]["F1"] > t["plain LR"]["F1"]]
        if dataset == "diabetes":
            assert helped and all(t["tuned threshold"]["F1"] > t[m]["F1"] for m in helped), (str(t))
        else:
            assert not helped, (f"{dataset}: rebalancing raised F1 for {helped}")


@says("12-leaderboard.md", 'Threshold tuning matched or beat every rebalancing method on F1 and kept the probabilities intact.')
def test_tuning_matches_rebalancing_and_keeps_probabilities(built_site):
    for dataset in DATASETS:
        t = leaderboard(dataset)
        assert all(t["tuned threshold"]["F1"] >= t[m]["F1"] for m in REBALANCED), (dataset)
        assert t["tuned threshold"]["Brier"] == t["plain LR"]["Brier"], (dataset)


@says("12-leaderboard.md", 'A better model (gradient boosting on digits) mattered more than either.')
def test_better_model_matters_more(built_site):
    t = leaderboard("digits")
    assert all(t["gradient boosting"]["F1"] > t[m]["F1"] for m in LOGISTIC), (str(t))


@says("12-leaderboard.md", "With its threshold tuned, the SMOTE pipeline's F1 is no higher than that of the tuned plain logistic regression: once the threshold is chosen well, SMOTE has nothing left to contribute to F1.")
def test_smote_and_tuning_do_not_add_up(built_site):
    snippet = "12-leaderboard/smote_and_threshold.py"
    f1 = value(snippet, r"F1 ([\d.]+)")
    ap = value(snippet, r"AP ([\d.]+)")
    brier = value(snippet, r"Brier ([\d.]+)")
    t = leaderboard("diabetes")
    assert f1 <= t["tuned threshold"]["F1"], (f"SMOTE + tuned F1 {f1}, tuned plain {t['tuned threshold']}")
    # "Tuning does not change its AP (the ranking is SMOTE's), and its Brier score keeps SMOTE's damage."
    assert ap == t["SMOTE"]["AP"], f"SMOTE + tuned AP {ap} differs from SMOTE's {t['SMOTE']['AP']}"
    assert brier > t["plain LR"]["Brier"], f"SMOTE + tuned Brier {brier} is not worse than plain {t['plain LR']}"


@says("12-leaderboard.md", 'Rebalancing moved F1 and balanced accuracy at the default threshold, never clearly improved ranking, and always cost calibration.')
def test_rebalancing_summary(built_site):
    for dataset in DATASETS:
        t = leaderboard(dataset)
        for m in REBALANCED:
            assert t[m]["F1"] != t["plain LR"]["F1"], (f"{dataset}: {m} F1 unchanged")
            assert t[m]["bal. acc."] > t["plain LR"]["bal. acc."], (f"{dataset}: {m}")
            assert t[m]["AP"] - t["plain LR"]["AP"] < t["plain LR"]["AP sd"], (f"{dataset}: {m}")
            assert t[m]["Brier"] > t["plain LR"]["Brier"], (f"{dataset}: {m}")



# --- What next ----------------------------------------------------------------


@says("conclusion.md", "On the seed's synthetic data, every rebalanced logistic regression had a much lower F1 than the plain one at the default threshold, while tuning the threshold did best.")
def test_conclusion_rebalancing_loses_to_tuning_on_synthetic(built_site):
    t = leaderboard("synthetic")
    assert best(t, "F1") == "tuned threshold", (f"best F1: {best(t, 'F1')}")
    for m in REBALANCED:
        assert t[m]["F1"] < t["plain LR"]["F1"] / 2, (f"{m} {t[m]} vs plain {t['plain LR']}")


@says("conclusion.md", 'On the other datasets of the leaderboard the picture is more mixed, but rebalancing always cost calibration.')
def test_conclusion_rebalancing_always_costs_calibration(built_site):
    for dataset in DATASETS:
        t = leaderboard(dataset)
        for m in REBALANCED:
            assert t[m]["Brier"] > t["plain LR"]["Brier"], (f"{dataset}: {m} {t[m]} vs plain {t['plain LR']}")
