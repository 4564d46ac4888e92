"""Rebalancing and recalibration compared fold by fold: Brier score, ROC AUC and average precision."""

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
class_weight = LogisticRegression(class_weight="balanced")
# ensemble=False: the sigmoid is fitted on out-of-fold predictions within the
# training folds, and the model itself on all of them, so the model is unchanged.
models = {
    "plain": LogisticRegression(),
    "undersampled": undersampled,
    "class_weight": class_weight,
    "plain + sigmoid": CalibratedClassifierCV(
        LogisticRegression(), method="sigmoid", ensemble=False
    ),
    "undersampled + sigmoid": CalibratedClassifierCV(
        undersampled, method="sigmoid", ensemble=False
    ),
    "class_weight + sigmoid": CalibratedClassifierCV(
        class_weight, method="sigmoid", ensemble=False
    ),
}
cv = RepeatedStratifiedKFold(n_splits=5, n_repeats=4, random_state=SEED)
metrics = {"neg_brier_score": "Brier", "roc_auc": "ROC AUC", "average_precision": "AP"}
scores = {
    name: cross_validate(model, X, y, cv=cv, scoring=list(metrics))
    for name, model in models.items()
}

print(
    f"{'mean over 20 folds':<24}" + "".join(f"{label:>9}" for label in metrics.values())
)
for name in models:
    # Scorers are "greater is better", so the Brier score comes back negated.
    print(
        f"{name:<24}"
        + "".join(f"{abs(scores[name][f'test_{m}'].mean()):>9.4f}" for m in metrics)
    )

# On the negated Brier score, A minus B is positive when A's Brier score is lower (better).
print("\npaired, fold by fold:")
comparisons = [
    ("neg_brier_score", "undersampled", "plain"),
    ("neg_brier_score", "class_weight", "plain"),
    ("neg_brier_score", "undersampled + sigmoid", "undersampled"),
    ("neg_brier_score", "class_weight + sigmoid", "class_weight"),
    ("neg_brier_score", "undersampled + sigmoid", "plain"),
    ("neg_brier_score", "class_weight + sigmoid", "plain"),
    ("neg_brier_score", "plain + sigmoid", "plain"),
    ("roc_auc", "undersampled", "plain"),
    ("roc_auc", "class_weight", "plain"),
    ("roc_auc", "undersampled + sigmoid", "undersampled"),
    ("average_precision", "undersampled", "plain"),
    ("average_precision", "class_weight", "plain"),
    ("average_precision", "undersampled + sigmoid", "undersampled"),
]
for metric, a, b in comparisons:
    compare(
        metrics[metric],
        a,
        scores[a][f"test_{metric}"],
        b,
        scores[b][f"test_{metric}"],
        5,
    )
