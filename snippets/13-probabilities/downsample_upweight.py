"""Downsample the majority class and upweight what is kept: a tenth of the rows, the same probabilities?"""

import numpy as np
from scipy import stats
from sklearn.datasets import make_classification
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import average_precision_score, log_loss
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


FACTOR = 10  # keep one negative in ten, and let each kept one count ten times

X, y = make_classification(
    n_samples=100_000,
    n_features=10,
    n_informative=4,
    weights=[0.99],
    flip_y=0,
    random_state=SEED,
)
rng = np.random.default_rng(SEED)
cv = RepeatedStratifiedKFold(n_splits=5, n_repeats=4, random_state=SEED)
results = {
    name: {"log loss": [], "AP": []}
    for name in ["all rows", "downsample + upweight", "downsample only"]
}
for train, test in cv.split(X, y):
    X_train, y_train = X[train], y[train]
    keep = (y_train == 1) | (rng.random(len(y_train)) < 1 / FACTOR)
    weight = np.where(y_train[keep] == 1, 1.0, FACTOR)
    fits = {
        "all rows": LogisticRegression().fit(X_train, y_train),
        "downsample + upweight": LogisticRegression().fit(
            X_train[keep], y_train[keep], sample_weight=weight
        ),
        "downsample only": LogisticRegression().fit(X_train[keep], y_train[keep]),
    }
    for name, model in fits.items():
        p = model.predict_proba(X[test])[:, 1]
        results[name]["log loss"].append(log_loss(y[test], p))
        results[name]["AP"].append(average_precision_score(y[test], p))
print(f"training rows: all {len(train)}, downsampled about {keep.sum()}")
print(f"{'model':<22} {'log loss':>8} {'AP':>6}")
for name, scores in results.items():
    print(
        f"{name:<22} {np.mean(scores['log loss']):>8.4f} {np.mean(scores['AP']):>6.3f}"
    )
print()
# Lower log loss is better: negate it so that a positive difference favours the first model.
full = results["all rows"]
for name in ["downsample + upweight", "downsample only"]:
    compare(
        "log loss",
        name,
        -np.asarray(results[name]["log loss"]),
        "all rows",
        -np.asarray(full["log loss"]),
        5,
    )
    compare("AP", name, results[name]["AP"], "all rows", full["AP"], 5)
