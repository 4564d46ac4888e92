"""A team can review 50 cases a day: judge the models by precision@k and recall@k, not at a threshold."""

import numpy as np
from scipy import stats
from sklearn.datasets import make_classification
from sklearn.linear_model import LogisticRegression
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


def precision_recall_at_k(y_true, scores, k):
    """Precision and recall when only the k highest-scored cases are reviewed."""
    top = np.argsort(-scores, kind="stable")[:k]
    found = y_true[top].sum()
    return found / k, found / y_true.sum()


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
BUDGETS = [10, 25, 50, 100, 200, 400]
cv = RepeatedStratifiedKFold(n_splits=5, n_repeats=4, random_state=SEED)
models = {
    "plain LR": LogisticRegression(),
    "class_weight": LogisticRegression(class_weight="balanced"),
}
at_k = {name: {k: [] for k in BUDGETS} for name in models}
for train, test in cv.split(X, y):
    for name, model in models.items():
        scores = model.fit(X[train], y[train]).predict_proba(X[test])[:, 1]
        for k in BUDGETS:
            at_k[name][k].append(precision_recall_at_k(y[test], scores, k))
print(f"each test fold: {len(test)} cases, {y[test].sum()} of them positive")
print(
    f"{'reviewed (k)':>12} {'precision@k':>11} {'recall@k':>9}   (plain LR, mean of 20 folds)"
)
for k in BUDGETS:
    precision, recall = np.mean(at_k["plain LR"][k], axis=0)
    print(f"{k:>12} {precision:>11.3f} {recall:>9.3f}")
print()
precision_at_50 = {name: [p for p, _ in at_k[name][50]] for name in models}
compare(
    "precision@50",
    "class_weight",
    precision_at_50["class_weight"],
    "plain LR",
    precision_at_50["plain LR"],
    n_splits=5,
)
