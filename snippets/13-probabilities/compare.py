"""Corrected, recalibrated and plain probabilities on the same 20 folds, judged by log loss."""

import numpy as np
from imblearn.pipeline import Pipeline
from imblearn.under_sampling import RandomUnderSampler
from scipy import stats
from sklearn.calibration import CalibratedClassifierCV
from sklearn.datasets import make_classification
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import log_loss
from sklearn.model_selection import RepeatedStratifiedKFold

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


def prior_corrected(p, beta):
    """Undo undersampling that kept a fraction beta of the negatives (Dal Pozzolo et al. 2015)."""
    return beta * p / (beta * p - p + 1)


X, y = make_classification(
    n_samples=10_000,
    n_features=2,
    n_redundant=0,
    n_clusters_per_class=1,
    weights=[0.99],
    flip_y=0,
    random_state=SEED,
)
cv = RepeatedStratifiedKFold(n_splits=5, n_repeats=4, random_state=SEED)
losses = {
    name: []
    for name in [
        "plain LR",
        "undersampling",
        "undersampling + formula",
        "undersampling + recalibration",
        "class_weight + shift",
    ]
}
for train, test in cv.split(X, y):
    X_train, y_train, X_test, y_test = X[train], y[train], X[test], y[test]
    plain = LogisticRegression().fit(X_train, y_train)
    sampler = RandomUnderSampler(random_state=SEED)
    under = Pipeline([("under", sampler), ("model", LogisticRegression())]).fit(
        X_train, y_train
    )
    beta = (y_train == 0)[sampler.sample_indices_].sum() / (y_train == 0).sum()
    # Sigmoid recalibration by an inner 3-fold cross-validation (ensemble=True: three
    # calibrated models averaged; lesson 10 set ensemble=False).
    recalibrated = CalibratedClassifierCV(
        Pipeline(
            [
                ("under", RandomUnderSampler(random_state=SEED)),
                ("model", LogisticRegression()),
            ]
        ),
        method="sigmoid",
        cv=3,
    ).fit(X_train, y_train)
    weighted = LogisticRegression(class_weight="balanced").fit(X_train, y_train)
    weight_ratio = (y_train == 0).sum() / (y_train == 1).sum()
    p_under = under.predict_proba(X_test)[:, 1]
    probabilities = {
        "plain LR": plain.predict_proba(X_test)[:, 1],
        "undersampling": p_under,
        "undersampling + formula": prior_corrected(p_under, beta),
        "undersampling + recalibration": recalibrated.predict_proba(X_test)[:, 1],
        "class_weight + shift": 1
        / (1 + np.exp(np.log(weight_ratio) - weighted.decision_function(X_test))),
    }
    for name, p in probabilities.items():
        losses[name].append(log_loss(y_test, p, labels=[0, 1]))

print(f"{'model':<30} {'log loss':>8}")
for name, values in losses.items():
    print(f"{name:<30} {np.mean(values):>8.4f}")
print()
# Lower log loss is better, so compare the negated losses: a positive difference favours the first model.
score = {name: -np.asarray(values) for name, values in losses.items()}
for name in [
    "undersampling",
    "undersampling + formula",
    "undersampling + recalibration",
    "class_weight + shift",
]:
    compare("log loss", name, score[name], "plain LR", score["plain LR"], n_splits=5)
compare(
    "log loss",
    "undersampling + formula",
    score["undersampling + formula"],
    "undersampling + recalibration",
    score["undersampling + recalibration"],
    n_splits=5,
)
