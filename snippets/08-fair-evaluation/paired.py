"""Compare two models on the same folds: paired differences, wins and losses, and a verdict."""

import matplotlib.pyplot as plt
import numpy as np
from imblearn.over_sampling import SMOTE
from imblearn.pipeline import Pipeline
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
# One splitter for both models: each fold's score of one is paired with the other's.
cv = RepeatedStratifiedKFold(n_splits=5, n_repeats=4, random_state=SEED)
models = {
    "plain LR": LogisticRegression(),
    "SMOTE": Pipeline(
        [("smote", SMOTE(random_state=SEED)), ("model", LogisticRegression())]
    ),
}
metrics = {"average_precision": "AP", "roc_auc": "ROC AUC", "f1": "F1"}
scores = {
    name: cross_validate(model, X, y, cv=cv, scoring=list(metrics))
    for name, model in models.items()
}

print("each model alone, mean and spread over the 20 folds:")
for name in models:
    ap = scores[name]["test_average_precision"]
    print(f"  {name:<9} AP {ap.mean():.4f} ± {ap.std():.4f}")
print("paired, fold by fold:")
for metric, label in metrics.items():
    compare(
        label,
        "SMOTE",
        scores["SMOTE"][f"test_{metric}"],
        "plain LR",
        scores["plain LR"][f"test_{metric}"],
        5,
    )

fig, ax = plt.subplots(
    figsize=(6, 4),
    label="Average precision of plain logistic regression and of SMOTE on each of the 20 "
    "folds, one line per fold joining the two models' scores; most lines slope down "
    "from plain to SMOTE, although the two clouds of points overlap.",
)
ap = np.column_stack([scores[name]["test_average_precision"] for name in models])
ax.plot([0, 1], ap.T, color="tab:blue", alpha=0.5, marker="o")
ax.set_xticks([0, 1], list(models))
ax.set_xlim(-0.3, 1.3)
ax.set_ylabel("average precision on the fold")
ax.set_title("The same 20 folds, scored by both models")
fig.tight_layout()
plt.show()
