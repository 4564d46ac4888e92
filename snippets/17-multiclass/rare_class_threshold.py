"""A one-vs-rest threshold for the rare class only, chosen inside each training fold, against plain argmax."""

import numpy as np
from scipy import stats
from sklearn.datasets import make_classification
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score
from sklearn.model_selection import (
    RepeatedStratifiedKFold,
    StratifiedKFold,
    cross_val_predict,
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


def predict_with_threshold(proba, threshold):
    """Class 2 wherever its probability reaches the threshold; elsewhere the most probable other class."""
    return np.where(proba[:, 2] >= threshold, 2, proba[:, :2].argmax(axis=1))


X, y = make_classification(
    n_samples=6_000,
    n_features=8,
    n_informative=4,
    n_classes=3,
    weights=[0.85, 0.12, 0.03],
    n_clusters_per_class=1,
    class_sep=1.0,
    flip_y=0,
    random_state=SEED,
)
candidates = np.linspace(0.05, 0.95, 19)
cv = RepeatedStratifiedKFold(n_splits=5, n_repeats=4, random_state=SEED)
scores = {
    "argmax": {"F1 of class 2": [], "F1 macro": []},
    "threshold for 2": {"F1 of class 2": [], "F1 macro": []},
}
chosen = []
for train, test in cv.split(X, y):
    # Out-of-fold probabilities on the training part choose the threshold; the test part is not used.
    inner = cross_val_predict(
        LogisticRegression(),
        X[train],
        y[train],
        method="predict_proba",
        cv=StratifiedKFold(3, shuffle=True, random_state=SEED),
    )
    inner_f1 = [
        f1_score(y[train] == 2, predict_with_threshold(inner, t) == 2)
        for t in candidates
    ]
    threshold = candidates[int(np.argmax(inner_f1))]
    chosen.append(threshold)
    proba = LogisticRegression().fit(X[train], y[train]).predict_proba(X[test])
    for name, y_pred in [
        ("argmax", proba.argmax(axis=1)),
        ("threshold for 2", predict_with_threshold(proba, threshold)),
    ]:
        scores[name]["F1 of class 2"].append(f1_score(y[test] == 2, y_pred == 2))
        scores[name]["F1 macro"].append(f1_score(y[test], y_pred, average="macro"))
print(
    f"thresholds chosen for class 2: from {min(chosen):.2f} to {max(chosen):.2f}, median {np.median(chosen):.2f}"
)
for name, s in scores.items():
    print(
        f"{name:<16} F1 of class 2 {np.mean(s['F1 of class 2']):.3f}   F1 macro {np.mean(s['F1 macro']):.3f}"
    )
for metric in ["F1 of class 2", "F1 macro"]:
    compare(
        metric,
        "threshold for 2",
        scores["threshold for 2"][metric],
        "argmax",
        scores["argmax"][metric],
        n_splits=5,
    )
