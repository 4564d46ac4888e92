"""Anomaly detectors trained without labels against a supervised model, at three rarities."""

import numpy as np
from scipy import stats
from sklearn.ensemble import IsolationForest
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import average_precision_score
from sklearn.model_selection import RepeatedStratifiedKFold
from sklearn.neighbors import LocalOutlierFactor

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


def dataset(n_positives, rng):
    """Negatives from one round cloud; positives scattered wider, around a point off its centre."""
    negatives = rng.normal(size=(3_000, 5))
    direction = np.ones(5) / np.sqrt(5)
    positives = 3 * direction + 1.5 * rng.normal(size=(n_positives, 5))
    return np.vstack([negatives, positives]), np.r_[
        np.zeros(3_000, int), np.ones(n_positives, int)
    ]


rng = np.random.default_rng(SEED)
# Ten folds (5 x 2), not twenty: the detectors are the slowest models of the lesson.
cv = RepeatedStratifiedKFold(n_splits=5, n_repeats=2, random_state=SEED)
for n_positives in (10, 50, 200):
    X, y = dataset(n_positives, rng)
    ap = {"IsolationForest": [], "LocalOutlierFactor": [], "logistic regression": []}
    for train, test in cv.split(X, y):
        # The detectors never see y: higher score_samples means more normal, so negate it.
        forest = IsolationForest(n_estimators=50, random_state=SEED).fit(X[train])
        ap["IsolationForest"].append(
            average_precision_score(y[test], -forest.score_samples(X[test]))
        )
        neighbours = LocalOutlierFactor(novelty=True).fit(X[train])
        ap["LocalOutlierFactor"].append(
            average_precision_score(y[test], -neighbours.score_samples(X[test]))
        )
        supervised = LogisticRegression().fit(X[train], y[train])
        ap["logistic regression"].append(
            average_precision_score(y[test], supervised.predict_proba(X[test])[:, 1])
        )
    print(
        f"{n_positives} positives in 3,000 negatives:  "
        + ",  ".join(f"{k} AP {np.mean(v):.3f}" for k, v in ap.items())
    )
    for detector in ("IsolationForest", "LocalOutlierFactor"):
        compare(
            f"AP at {n_positives} positives",
            detector,
            ap[detector],
            "logistic regression",
            ap["logistic regression"],
            n_splits=5,
        )
