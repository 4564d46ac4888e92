"""Turn on class_weight="balanced" in a decision tree and a random forest, and compare each with its unweighted self on the same 20 folds."""

import numpy as np
from scipy import stats
from sklearn.datasets import make_classification
from sklearn.ensemble import RandomForestClassifier
from sklearn.model_selection import (
    RepeatedStratifiedKFold,
    cross_validate,
    train_test_split,
)
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
estimators = {
    "decision tree": DecisionTreeClassifier(random_state=SEED),
    # 30 trees instead of the default 100 keep the 40 fits quick.
    "random forest": RandomForestClassifier(n_estimators=30, random_state=SEED),
}

# First the one split of lessons 3 and 7: fifty positives in the test half.
X_train, X_test, y_train, y_test = train_test_split(
    X, y, test_size=0.5, stratify=y, random_state=SEED
)
print(f"one split, positives found of {y_test.sum()}:")
for name, estimator in estimators.items():
    for class_weight in (None, "balanced"):
        y_pred = (
            estimator.set_params(class_weight=class_weight)
            .fit(X_train, y_train)
            .predict(X_test)
        )
        print(
            f"  {name:<14} class_weight={str(class_weight):<9} {((y_pred == 1) & (y_test == 1)).sum():>3}"
        )

# Then the same pairs on the same 20 folds.
cv = RepeatedStratifiedKFold(n_splits=5, n_repeats=4, random_state=SEED)
metrics = {"precision": "precision", "recall": "recall", "F1": "f1"}
print("20 folds, fold by fold:")
for name, estimator in estimators.items():
    scores = {
        class_weight: cross_validate(
            estimator.set_params(class_weight=class_weight),
            X,
            y,
            cv=cv,
            scoring=metrics,
        )
        for class_weight in (None, "balanced")
    }
    for metric in metrics:
        compare(
            metric,
            f"weighted {name}",
            scores["balanced"][f"test_{metric}"],
            name,
            scores[None][f"test_{metric}"],
            5,
        )
