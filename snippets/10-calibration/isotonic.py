"""Recalibrate the undersampled model with isotonic regression instead of a sigmoid, fold by fold."""

import numpy as np
from imblearn.pipeline import Pipeline
from imblearn.under_sampling import RandomUnderSampler
from scipy import stats
from sklearn.calibration import CalibratedClassifierCV
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
undersampled = Pipeline(
    [("under", RandomUnderSampler(random_state=SEED)), ("model", LogisticRegression())]
)
models = {
    method: CalibratedClassifierCV(undersampled, method=method, ensemble=False)
    for method in ("sigmoid", "isotonic")
}
cv = RepeatedStratifiedKFold(n_splits=5, n_repeats=4, random_state=SEED)
metrics = {"neg_brier_score": "Brier", "roc_auc": "ROC AUC", "average_precision": "AP"}
scores = {
    name: cross_validate(model, X, y, cv=cv, scoring=list(metrics))
    for name, model in models.items()
}
# On the negated Brier score, A minus B is positive when A's Brier score is lower (better).
for metric, label in metrics.items():
    compare(
        label,
        "isotonic",
        scores["isotonic"][f"test_{metric}"],
        "sigmoid",
        scores["sigmoid"][f"test_{metric}"],
        5,
    )

train, test = next(cv.split(X, y))
print(f"\nfirst fold: {len(test)} test examples, {y[test].sum()} of them positive")
for name, model in models.items():
    proba = model.fit(X[train], y[train]).predict_proba(X[test])[:, 1]
    print(f"{name:<9} distinct probabilities: {len(np.unique(proba)):>5}")
