"""Nested cross-validation: how well does the whole tuning procedure do, and how optimistic is its best score?"""

import numpy as np
from imblearn.pipeline import Pipeline
from imblearn.under_sampling import RandomUnderSampler
from scipy import stats
from sklearn.datasets import make_classification
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import (
    FixedThresholdClassifier,
    GridSearchCV,
    RepeatedStratifiedKFold,
    StratifiedKFold,
    cross_validate,
    train_test_split,
)

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


population_X, population_y = make_classification(
    n_samples=40_000,
    n_features=10,
    n_informative=4,
    weights=[0.95],
    n_clusters_per_class=1,
    class_sep=0.5,
    flip_y=0,
    random_state=SEED,
)
X, y = population_X[:4_000], population_y[:4_000]  # the 4,000 labelled cases we have
# The same untouched test set as before: nested CV uses the development set only.
X_dev, X_test, y_dev, y_test = train_test_split(
    X, y, test_size=0.25, stratify=y, random_state=SEED
)

# 0.1 to 0.9 in steps of 0.05
thresholds = [round(t, 2) for t in np.arange(0.1, 0.91, 0.05)]
grid = [
    {
        "estimator__sample": ["passthrough"],
        "estimator__model__class_weight": [None, "balanced"],
        "threshold": thresholds,
    },
    {
        "estimator__sample": [RandomUnderSampler(random_state=SEED)],
        "estimator__sample__sampling_strategy": [0.25, 1.0],
        "threshold": thresholds,
    },
]
search = GridSearchCV(
    FixedThresholdClassifier(
        Pipeline([("sample", "passthrough"), ("model", LogisticRegression())])
    ),
    grid,
    scoring="f1",
    cv=StratifiedKFold(3, shuffle=True, random_state=SEED),
)
# Outer folds: the search runs again inside each training part and never sees its test part.
outer = RepeatedStratifiedKFold(n_splits=5, n_repeats=2, random_state=SEED)
nested = cross_validate(
    search, X_dev, y_dev, cv=outer, scoring="f1", return_estimator=True
)
inner_best = [fitted.best_score_ for fitted in nested["estimator"]]
plain = cross_validate(LogisticRegression(), X_dev, y_dev, cv=outer, scoring="f1")

print(f"inner best score, mean over outer folds: {np.mean(inner_best):.3f}")
print(f"nested estimate (outer test folds):      {nested['test_score'].mean():.3f}")
print(f"plain LR, threshold 0.5 (same folds):    {plain['test_score'].mean():.3f}")
print()
compare(
    "F1",
    "inner best score",
    inner_best,
    "outer test score",
    nested["test_score"],
    n_splits=5,
)
compare(
    "F1",
    "tuned pipeline",
    nested["test_score"],
    "plain LR",
    plain["test_score"],
    n_splits=5,
)
