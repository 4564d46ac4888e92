"""Choose the threshold that minimises an explicit cost (a missed positive costs 20 false alarms), and compare it fairly."""

import matplotlib.pyplot as plt
import numpy as np
from scipy import stats
from sklearn.base import clone
from sklearn.datasets import make_classification
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import make_scorer
from sklearn.model_selection import (
    FixedThresholdClassifier,
    RepeatedStratifiedKFold,
    TunedThresholdClassifierCV,
    cross_val_score,
)

SEED = 1  # every random draw below comes from this number: change it for another draw

COST_FALSE_NEGATIVE = 20.0  # a missed positive, e.g. a fraud that goes through
COST_FALSE_POSITIVE = 1.0  # a false alarm, e.g. a legitimate payment checked by hand


def total_cost(y_true, y_pred):
    false_negatives = np.sum((y_true == 1) & (y_pred == 0))
    false_positives = np.sum((y_true == 0) & (y_pred == 1))
    return COST_FALSE_NEGATIVE * false_negatives + COST_FALSE_POSITIVE * false_positives


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
# greater_is_better=False: scores are negated costs, so higher is still better.
cost_scorer = make_scorer(total_cost, greater_is_better=False)
# For well-calibrated probabilities, decision theory gives the threshold directly.
theory = COST_FALSE_POSITIVE / (COST_FALSE_POSITIVE + COST_FALSE_NEGATIVE)
models = {
    "threshold 0.5": LogisticRegression(),
    "cost ratio": FixedThresholdClassifier(LogisticRegression(), threshold=theory),
    "tuned threshold": TunedThresholdClassifierCV(
        LogisticRegression(), scoring=cost_scorer, thresholds=30, random_state=SEED
    ),
}
cv = RepeatedStratifiedKFold(n_splits=5, n_repeats=4, random_state=SEED)
saved = {
    name: cross_val_score(model, X, y, cv=cv, scoring=cost_scorer)
    for name, model in models.items()
}

print(f"cost-ratio threshold: {theory:.3f}")
for name, scores in saved.items():
    print(f"{name:<16} mean cost per test fold {-scores.mean():7.1f}")
compare(
    "cost",
    "cost ratio",
    saved["cost ratio"],
    "threshold 0.5",
    saved["threshold 0.5"],
    5,
)
compare(
    "cost",
    "tuned threshold",
    saved["tuned threshold"],
    "threshold 0.5",
    saved["threshold 0.5"],
    5,
)
compare(
    "cost",
    "cost ratio",
    saved["cost ratio"],
    "tuned threshold",
    saved["tuned threshold"],
    5,
)

# The cost of every threshold, averaged over the same test folds.
grid = np.linspace(0.005, 0.995, 199)
curves = []
for train, test in cv.split(X, y):
    proba = (
        clone(models["threshold 0.5"])
        .fit(X[train], y[train])
        .predict_proba(X[test])[:, 1]
    )
    curves.append([total_cost(y[test], (proba >= t).astype(int)) for t in grid])
fig, ax = plt.subplots(
    figsize=(6, 4),
    label="Mean total cost per test fold against the decision threshold: very high at 0, "
    "lowest at small thresholds, then rising towards 1; the default 0.5 and the "
    "cost-ratio threshold are marked.",
)
ax.plot(grid, np.mean(curves, axis=0), color="black", linewidth=1)
ax.axvline(0.5, linestyle=":", color="tab:grey", label="default 0.5")
ax.axvline(theory, linestyle="-.", color="tab:blue", label=f"cost ratio {theory:.3f}")
ax.set_xlabel("decision threshold")
ax.set_ylabel("mean total cost per test fold")
ax.legend()
fig.tight_layout()
plt.show()
