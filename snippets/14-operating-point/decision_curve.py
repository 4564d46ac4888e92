"""A decision curve: net benefit of acting on a model's probabilities at each threshold probability."""

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


def net_benefit(y_true, p, threshold):
    """True positives per case, minus false positives per case weighted by the odds of the threshold."""
    flagged = p >= threshold
    true_positives = np.sum(flagged & (y_true == 1)) / len(y_true)
    false_positives = np.sum(flagged & (y_true == 0)) / len(y_true)
    return true_positives - false_positives * threshold / (1 - threshold)


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
models = {
    "plain LR": LogisticRegression(),
    "class_weight": LogisticRegression(class_weight="balanced"),
}
probabilities = {
    name: m.fit(X_train, y_train).predict_proba(X_test)[:, 1]
    for name, m in models.items()
}
grid = np.linspace(0.01, 0.5, 50)
curves = {
    name: [net_benefit(y_test, p, t) for t in grid] for name, p in probabilities.items()
}
curves["flag everyone"] = [net_benefit(y_test, np.ones_like(y_test), t) for t in grid]
curves["flag no one"] = [0.0] * len(grid)

print(
    f"{'threshold':<14}" + "".join(f"{t:>8.2f}" for t in (0.02, 0.05, 0.10, 0.20, 0.30))
)
for name, curve in curves.items():
    picks = [
        curve[int(np.argmin(np.abs(grid - t)))] for t in (0.02, 0.05, 0.10, 0.20, 0.30)
    ]
    print(f"{name:<14}" + "".join(f"{v:>8.4f}" for v in picks))

fig, ax = plt.subplots(
    figsize=(6, 4),
    label="Decision curve: net benefit against threshold probability from 0.01 to 0.5. Flag "
    "everyone starts at the positive rate and falls below zero within a few hundredths; flag no "
    "one is zero; plain logistic regression stays above both; the class-weighted model, read as "
    "if its probabilities were calibrated, drops below zero within a few hundredths too.",
)
for name, style in [
    ("plain LR", "-"),
    ("class_weight", "--"),
    ("flag everyone", ":"),
    ("flag no one", "-."),
]:
    ax.plot(grid, curves[name], style, label=name)
ax.set_ylim(-0.06, y_test.mean() * 1.1)
ax.set_xlabel("threshold probability")
ax.set_ylabel("net benefit (true positives per case)")
ax.legend()
fig.tight_layout()
plt.show()

cv = RepeatedStratifiedKFold(n_splits=5, n_repeats=4, random_state=SEED)
at_ten = {name: [] for name in models}
for train, test in cv.split(X, y):
    for name, model in models.items():
        p = model.fit(X[train], y[train]).predict_proba(X[test])[:, 1]
        at_ten[name].append(net_benefit(y[test], p, 0.10))
compare(
    "net benefit at 0.10",
    "class_weight",
    at_ten["class_weight"],
    "plain LR",
    at_ten["plain LR"],
    n_splits=5,
)
