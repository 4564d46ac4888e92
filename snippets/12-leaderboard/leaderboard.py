"""Every technique of the course under one protocol, on three datasets, each compared fold by fold with plain logistic regression."""

from collections import Counter

import matplotlib.pyplot as plt
import numpy as np
from imblearn.combine import SMOTEENN, SMOTETomek
from imblearn.over_sampling import SMOTE
from imblearn.pipeline import Pipeline
from imblearn.under_sampling import RandomUnderSampler
from scipy import stats
from sklearn.datasets import load_diabetes, load_digits, make_classification
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import make_scorer
from sklearn.model_selection import (
    RepeatedStratifiedKFold,
    TunedThresholdClassifierCV,
    cross_validate,
)
from sklearn.preprocessing import StandardScaler

SEED = 1  # every random draw below comes from this number: change it for another draw


def compare(metric, name_a, scores_a, name_b, scores_b, n_splits):
    """Print the paired verdict of lesson 8 for two models scored on the same folds."""
    diff = np.asarray(scores_a) - np.asarray(scores_b)
    n = len(diff)
    # Nadeau-Bengio: the folds' training sets overlap, which a plain t-test ignores.
    se = np.sqrt((1 / n + 1 / (n_splits - 1)) * diff.var(ddof=1))
    p = (
        2 * stats.t.sf(abs(diff.mean()) / se, df=n - 1)
        if se > 0
        else float(diff.mean() == 0)
    )
    wins, losses = int((diff > 0).sum()), int((diff < 0).sum())
    if p < 0.05:
        verdict = "beats" if diff.mean() > 0 else "loses to"
    elif max(wins, losses) >= 0.8 * n:
        verdict = "edges" if wins > losses else "trails"
    else:
        verdict = "ties with"
    print(
        f"{metric}: {name_a} {verdict} {name_b} | difference {diff.mean():+.4f}, "
        f"sd {diff.std(ddof=1):.4f} | wins {wins}, ties {n - wins - losses}, "
        f"losses {losses} of {n} | p = {p:.3f}"
    )


def quick_f1(y_true, y_pred):
    """F1 of class 1, as f1_score gives it, without its input checks: the tuner scores
    30 thresholds on each of 5 inner folds of 20 folds, and the checks cost more than the fits."""
    return 2 * np.sum(y_true & y_pred) / (np.sum(y_true) + np.sum(y_pred))


def logistic(sampler=None, **kwargs):
    """Scale, optionally resample (training folds only), then fit a logistic regression."""
    steps = [("scale", StandardScaler())]
    if sampler is not None:
        steps.append(("sample", sampler))
    steps.append(("model", LogisticRegression(**kwargs)))
    return Pipeline(steps)


def datasets():
    """The course's synthetic 1:100 data, and two real datasets made imbalanced."""
    X, y = make_classification(
        n_samples=10_000,
        n_features=2,
        n_redundant=0,
        n_clusters_per_class=1,
        weights=[0.99],
        flip_y=0,
        random_state=SEED,
    )
    yield "synthetic", X, y
    X, digit = load_digits(return_X_y=True)
    yield "digits, 8 against the rest", X, (digit == 8).astype(int)
    X, progression = load_diabetes(return_X_y=True)
    yield (
        "diabetes, top 10% against the rest",
        X,
        (progression > np.percentile(progression, 90)).astype(int),
    )


models = {
    "plain LR": logistic(),
    "class_weight": logistic(class_weight="balanced"),
    "undersampling": logistic(RandomUnderSampler(random_state=SEED)),
    "SMOTE": logistic(SMOTE(random_state=SEED)),
    "SMOTEENN": logistic(SMOTEENN(random_state=SEED)),
    "SMOTETomek": logistic(SMOTETomek(random_state=SEED)),
    "tuned threshold": TunedThresholdClassifierCV(
        logistic(), scoring=make_scorer(quick_f1), thresholds=30, random_state=SEED
    ),
    "gradient boosting": HistGradientBoostingClassifier(random_state=SEED),
}
metrics = {
    "f1": "F1",
    "average_precision": "AP",
    "roc_auc": "ROC AUC",
    "balanced_accuracy": "bal. acc.",
    "neg_brier_score": "Brier",
}
# Which comparisons with plain LR to print, metric by metric.
REBALANCED = ["class_weight", "undersampling", "SMOTE", "SMOTEENN", "SMOTETomek"]
versus_plain = {
    "f1": REBALANCED + ["tuned threshold", "gradient boosting"],
    "average_precision": REBALANCED + ["gradient boosting"],
    "balanced_accuracy": REBALANCED,
    "neg_brier_score": REBALANCED + ["gradient boosting"],
}
cv = RepeatedStratifiedKFold(n_splits=5, n_repeats=4, random_state=SEED)
# Per-fold differences with plain LR, for the figure: {(dataset, metric): {model: diff}}.
paired = {}

for dataset, X, y in datasets():
    print(f"== {dataset}: {dict(sorted(Counter(y.tolist()).items()))}")
    scores = {
        name: cross_validate(model, X, y, cv=cv, scoring=list(metrics))
        for name, model in models.items()
    }
    print(f"{'model':<18}" + "".join(f"{label:>10}" for label in metrics.values()))
    for name in models:
        # Scorers are "greater is better", so the Brier score comes back negated.
        print(
            f"{name:<18}"
            + "".join(
                f"{abs(scores[name][f'test_{m}'].mean()):>10.4f}" for m in metrics
            )
        )
    # The negated Brier score is "greater is better" too, so a positive
    # difference means the model's probabilities beat plain LR's.
    for metric, names in versus_plain.items():
        for name in names:
            paired.setdefault((dataset.split(",")[0], metrics[metric]), {})[name] = (
                scores[name][f"test_{metric}"] - scores["plain LR"][f"test_{metric}"]
            )
            compare(
                metrics[metric],
                name,
                scores[name][f"test_{metric}"],
                "plain LR",
                scores["plain LR"][f"test_{metric}"],
                5,
            )

fig, axes = plt.subplots(
    2,
    3,
    figsize=(9, 5.5),
    sharey="row",
    label="Forest plot: for each dataset (columns) and for F1 and AP (rows), each model's "
    "mean per-fold difference with plain logistic regression, as a dot with the 95% "
    "interval of lesson 8's corrected t-test, beside a vertical line at zero.",
)
for (dataset, metric), ax in zip(
    [(d, m) for m in ("F1", "AP") for d in ("synthetic", "digits", "diabetes")],
    axes.flat,
):
    diffs = paired[(dataset, metric)]
    n = len(next(iter(diffs.values())))
    means = [d.mean() for d in diffs.values()]
    # The interval of lesson 8's test: Nadeau-Bengio's corrected standard error.
    half = [
        stats.t.ppf(0.975, n - 1) * np.sqrt((1 / n + 1 / 4) * d.var(ddof=1))
        for d in diffs.values()
    ]
    ax.errorbar(means, range(len(diffs)), xerr=half, fmt="o", color="C0")
    ax.axvline(0, color="C1", linewidth=1)
    ax.set_yticks(range(len(diffs)), list(diffs))
    ax.set_title(f"{dataset}: {metric}")
for ax in axes[1]:
    ax.set_xlabel("difference with plain LR")
fig.tight_layout()
plt.show()
