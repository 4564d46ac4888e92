"""imbalanced-learn's balanced ensembles against logistic regression, fold by fold, on the two-feature data."""

import numpy as np
from imblearn.ensemble import (
    BalancedBaggingClassifier,
    BalancedRandomForestClassifier,
    EasyEnsembleClassifier,
    RUSBoostClassifier,
)
from scipy import stats
from sklearn.datasets import make_classification
from sklearn.ensemble import AdaBoostClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import RepeatedStratifiedKFold, cross_validate
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.tree import DecisionTreeClassifier

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


X, y = make_classification(
    n_samples=10_000,
    n_features=2,
    n_redundant=0,
    n_clusters_per_class=1,
    weights=[0.99],
    flip_y=0,
    random_state=SEED,
)
# The sampling parameters are written out, so that a change of default cannot change the results.
models = {
    "plain LR": make_pipeline(StandardScaler(), LogisticRegression()),
    "balanced random forest": BalancedRandomForestClassifier(
        n_estimators=15,
        sampling_strategy="all",
        replacement=True,
        bootstrap=False,
        random_state=SEED,
    ),
    "balanced bagging": BalancedBaggingClassifier(
        estimator=DecisionTreeClassifier(),
        n_estimators=5,
        sampling_strategy="auto",
        replacement=False,
        random_state=SEED,
    ),
    # Three balanced subsets, each boosted for ten rounds.
    "easy ensemble": EasyEnsembleClassifier(
        n_estimators=3,
        estimator=AdaBoostClassifier(n_estimators=10),
        sampling_strategy="auto",
        replacement=False,
        random_state=SEED,
    ),
    # With a one-split stump and learning_rate=1 (the defaults), boosting stops after one round here.
    "RUSBoost": RUSBoostClassifier(
        estimator=DecisionTreeClassifier(max_depth=3),
        n_estimators=10,
        learning_rate=0.1,
        sampling_strategy="auto",
        replacement=False,
        random_state=SEED,
    ),
}
metrics = {
    "f1": "F1",
    "average_precision": "AP",
    "roc_auc": "ROC AUC",
    "balanced_accuracy": "bal. acc.",
    "neg_brier_score": "Brier",
}
# One splitter for every model: 5 folds, repeated 4 times, the same 20 folds for all.
cv = RepeatedStratifiedKFold(n_splits=5, n_repeats=4, random_state=SEED)
scores = {
    name: cross_validate(model, X, y, cv=cv, scoring=list(metrics))
    for name, model in models.items()
}

print(
    f"{'mean over 20 folds':<29}"
    + "".join(f"{label:>10}" for label in metrics.values())
)
for name in models:
    # Scorers are "greater is better", so the Brier score comes back negated.
    print(
        f"{name:<29}"
        + "".join(f"{abs(scores[name][f'test_{m}'].mean()):>10.4f}" for m in metrics)
    )

print("\npaired, fold by fold:")
for metric in ("average_precision", "balanced_accuracy"):
    for name in list(models)[1:]:
        compare(
            metrics[metric],
            name,
            scores[name][f"test_{metric}"],
            "plain LR",
            scores["plain LR"][f"test_{metric}"],
            5,
        )
