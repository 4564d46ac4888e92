"""Expected cost per case at every threshold for a stated cost matrix, and the threshold the costs imply."""

import matplotlib.pyplot as plt
import numpy as np
from scipy import stats
from sklearn.datasets import make_classification
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import RepeatedStratifiedKFold, train_test_split

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


# What each outcome costs: reviewing a case costs 1 whether or not it is positive,
# a positive nobody reviews costs 10, a negative left alone costs nothing.
COST = {"TN": 0.0, "FP": 1.0, "FN": 10.0, "TP": 1.0}
# Flag a case when flagging it costs less on average: p*TP + (1-p)*FP < p*FN + (1-p)*TN.
RULE = (COST["FP"] - COST["TN"]) / (
    (COST["FP"] - COST["TN"]) + (COST["FN"] - COST["TP"])
)


def cost_per_case(y_true, p, threshold):
    flagged = p >= threshold
    positive = y_true == 1
    return (
        COST["TP"] * np.sum(flagged & positive)
        + COST["FP"] * np.sum(flagged & ~positive)
        + COST["FN"] * np.sum(~flagged & positive)
        + COST["TN"] * np.sum(~flagged & ~positive)
    ) / len(y_true)


X, y = make_classification(
    n_samples=20_000,
    n_features=10,
    n_informative=4,
    weights=[0.97],
    n_clusters_per_class=1,
    class_sep=0.3,
    flip_y=0,
    random_state=SEED,
)
X_train, X_test, y_train, y_test = train_test_split(
    X, y, test_size=0.5, stratify=y, random_state=SEED
)
p = LogisticRegression().fit(X_train, y_train).predict_proba(X_test)[:, 1]
grid = np.linspace(0.01, 0.99, 99)
costs = np.array([cost_per_case(y_test, p, t) for t in grid])
best = grid[costs.argmin()]
print(
    f"threshold from the cost matrix: {RULE:.3f}, cost per case {cost_per_case(y_test, p, RULE):.4f}"
)
print(f"lowest cost on this test half:  {best:.3f}, cost per case {costs.min():.4f}")
print(
    f"default threshold:              0.500, cost per case {cost_per_case(y_test, p, 0.5):.4f}"
)

fig, ax = plt.subplots(
    figsize=(6, 4),
    label="Expected cost per case on the test half against the decision threshold: it falls "
    "steeply from threshold 0 to a minimum at a small threshold, marked with a dot, then "
    "climbs slowly towards 1; the cost-matrix threshold and the default 0.5 are marked.",
)
ax.plot(grid, costs, color="black", linewidth=1)
ax.plot(best, costs.min(), "o", color="tab:orange", label=f"minimum at {best:.2f}")
ax.axvline(RULE, linestyle="--", color="tab:blue", label=f"cost-matrix rule {RULE:.2f}")
ax.axvline(0.5, linestyle=":", color="tab:grey", label="default 0.5")
ax.set_xlabel("decision threshold")
ax.set_ylabel("cost per case (test half)")
ax.legend()
fig.tight_layout()
plt.show()

# The rule's threshold against the default, on the same 20 folds.
cv = RepeatedStratifiedKFold(n_splits=5, n_repeats=4, random_state=SEED)
savings = {"rule": [], "default": []}
for train, test in cv.split(X, y):
    p = LogisticRegression().fit(X[train], y[train]).predict_proba(X[test])[:, 1]
    # Lower cost is better: negate so that a positive difference favours the first threshold.
    savings["rule"].append(-cost_per_case(y[test], p, RULE))
    savings["default"].append(-cost_per_case(y[test], p, 0.5))
compare(
    "cost",
    f"threshold {RULE:.2f}",
    savings["rule"],
    "threshold 0.5",
    savings["default"],
    n_splits=5,
)
