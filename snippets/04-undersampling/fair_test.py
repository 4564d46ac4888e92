"""Cross-validate logistic regression with and without random undersampling on the same folds, and compare the two fold by fold."""

import numpy as np
from imblearn.pipeline import make_pipeline
from imblearn.under_sampling import RandomUnderSampler
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
models = {
    "plain": LogisticRegression(),
    # In an imblearn pipeline the sampler runs on the training folds only;
    # every test fold keeps its real 1:100 ratio.
    "undersampled 1:2": make_pipeline(
        RandomUnderSampler(sampling_strategy=0.5, random_state=SEED),
        LogisticRegression(),
    ),
}
# 5 folds, repeated 4 times with different shuffles: 20 test folds, the same for both models.
cv = RepeatedStratifiedKFold(n_splits=5, n_repeats=4, random_state=SEED)
# scikit-learn negates the Brier score so that higher is better.
metrics = {
    "F1": "f1",
    "precision": "precision",
    "recall": "recall",
    "ROC AUC": "roc_auc",
    "Brier": "neg_brier_score",
}
scores = {
    name: cross_validate(model, X, y, cv=cv, scoring=metrics)
    for name, model in models.items()
}

print(f"{'mean of 20 folds':<18}" + "".join(f"{name:>10}" for name in metrics))
for name in models:
    # abs() undoes the Brier score's sign for reading.
    means = [abs(scores[name][f"test_{metric}"].mean()) for metric in metrics]
    print(f"{name:<18}" + "".join(f"{value:>10.3f}" for value in means))
f1 = scores["plain"]["test_F1"]
print(f"plain F1 on single folds: from {f1.min():.3f} to {f1.max():.3f}")
print()
# Fold by fold. For Brier the negated scores are compared, so a positive
# difference still means the first model did better (a lower Brier score).
for metric in metrics:
    compare(
        metric,
        "undersampled 1:2",
        scores["undersampled 1:2"][f"test_{metric}"],
        "plain",
        scores["plain"][f"test_{metric}"],
        5,
    )
