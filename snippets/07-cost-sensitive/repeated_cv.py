"""Compare logistic regression with and without balanced class weights on the same 20 folds."""

import numpy as np
from scipy import stats
from sklearn.datasets import make_classification
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import RepeatedStratifiedKFold, cross_validate

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
# 5 folds, repeated 4 times: the same 20 test folds for both models.
cv = RepeatedStratifiedKFold(n_splits=5, n_repeats=4, random_state=SEED)
# scikit-learn negates the Brier score so that higher is better; a positive
# difference then means the first model's Brier score is lower.
metrics = {
    "F1": "f1",
    "precision": "precision",
    "recall": "recall",
    "ROC AUC": "roc_auc",
    "Brier": "neg_brier_score",
}
scores = {
    class_weight: cross_validate(
        LogisticRegression(class_weight=class_weight), X, y, cv=cv, scoring=metrics
    )
    for class_weight in (None, "balanced")
}
for metric in metrics:
    compare(
        metric,
        "balanced weights",
        scores["balanced"][f"test_{metric}"],
        "no weights",
        scores[None][f"test_{metric}"],
        5,
    )
