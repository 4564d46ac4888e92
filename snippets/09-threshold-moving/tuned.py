"""Let TunedThresholdClassifierCV pick the threshold that maximises F1, and compare it fairly with 0.5 and with a fixed shortlist."""

from collections import Counter

import numpy as np
from scipy import stats
from sklearn.datasets import make_classification
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import (
    FixedThresholdClassifier,
    GridSearchCV,
    RepeatedStratifiedKFold,
    TunedThresholdClassifierCV,
    cross_validate,
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


X, y = make_classification(
    n_samples=10_000,
    n_features=2,
    n_redundant=0,
    n_clusters_per_class=1,
    weights=[0.99],
    flip_y=0,
    random_state=SEED,
)
models = {
    "threshold 0.5": LogisticRegression(),
    # An inner 5-fold CV on each training fold scores 30 candidate thresholds.
    "tuned threshold": TunedThresholdClassifierCV(
        LogisticRegression(), scoring="f1", thresholds=30, random_state=SEED
    ),
    # The same idea by hand: an inner CV picks one of the four thresholds of the table above.
    "best of four": GridSearchCV(
        FixedThresholdClassifier(LogisticRegression()),
        {"threshold": [0.5, 0.3, 0.1, 0.05]},
        scoring="f1",
    ),
}
cv = RepeatedStratifiedKFold(n_splits=5, n_repeats=4, random_state=SEED)
results = {
    name: cross_validate(
        model, X, y, cv=cv, scoring=["precision", "recall", "f1"], return_estimator=True
    )
    for name, model in models.items()
}

print(f"{'model':<16} {'precision':>9} {'recall':>9} {'F1':>9}")
for name, scores in results.items():
    print(
        f"{name:<16} {scores['test_precision'].mean():>9.3f}"
        f" {scores['test_recall'].mean():>9.3f} {scores['test_f1'].mean():>9.3f}"
    )

chosen = [fitted.best_threshold_ for fitted in results["tuned threshold"]["estimator"]]
print(
    f"tuned threshold over the 20 training folds: min {min(chosen):.3f}, "
    f"median {np.median(chosen):.3f}, max {max(chosen):.3f}"
)
picked = Counter(
    fitted.best_params_["threshold"] for fitted in results["best of four"]["estimator"]
)
print(f"best of four, threshold picked in each training fold: {dict(picked)}")

f1 = {name: scores["test_f1"] for name, scores in results.items()}
compare(
    "F1",
    "tuned threshold",
    f1["tuned threshold"],
    "threshold 0.5",
    f1["threshold 0.5"],
    5,
)
compare(
    "F1", "best of four", f1["best of four"], "threshold 0.5", f1["threshold 0.5"], 5
)
compare(
    "F1",
    "tuned threshold",
    f1["tuned threshold"],
    "best of four",
    f1["best of four"],
    5,
)
