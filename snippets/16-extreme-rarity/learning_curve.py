"""A learning curve in the number of positives: average precision with 10 to 400 of them, and what SMOTE adds."""

import matplotlib.pyplot as plt
import numpy as np
from imblearn.over_sampling import SMOTE
from scipy import stats
from sklearn.datasets import make_classification
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import average_precision_score
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


# 5,000 negatives and a pool of 500 positives; each training fold keeps only some of its positives.
X, y = make_classification(
    n_samples=5_500,
    n_features=40,
    n_informative=4,
    weights=[5_000 / 5_500],
    n_clusters_per_class=1,
    class_sep=0.2,
    flip_y=0,
    random_state=SEED,
)
COUNTS = [10, 25, 50, 100, 200, 400]
rng = np.random.default_rng(SEED)
cv = RepeatedStratifiedKFold(n_splits=5, n_repeats=4, random_state=SEED)
ap = {count: [] for count in COUNTS}
ap_smote = {count: [] for count in (25, 50)}
for train, test in cv.split(X, y):
    positives = rng.permutation(train[y[train] == 1])
    negatives = train[y[train] == 0]
    for count in COUNTS:
        rows = np.concatenate([negatives, positives[:count]])
        p = LogisticRegression().fit(X[rows], y[rows]).predict_proba(X[test])[:, 1]
        ap[count].append(average_precision_score(y[test], p))
        if count in ap_smote:
            X_smote, y_smote = SMOTE(random_state=SEED).fit_resample(X[rows], y[rows])
            p = LogisticRegression().fit(X_smote, y_smote).predict_proba(X[test])[:, 1]
            ap_smote[count].append(average_precision_score(y[test], p))
print(
    f"training folds: {len(negatives)} negatives; test folds: {len(test)} cases, {y[test].sum()} positive"
)
print(f"{'positives':>9} {'AP':>6} {'sd':>6}")
for count in COUNTS:
    print(f"{count:>9} {np.mean(ap[count]):>6.3f} {np.std(ap[count], ddof=1):>6.3f}")
print()
compare("AP", "25 positives + SMOTE", ap_smote[25], "25 positives", ap[25], n_splits=5)
compare("AP", "50 positives + SMOTE", ap_smote[50], "50 positives", ap[50], n_splits=5)
compare("AP", "50 positives", ap[50], "25 positives", ap[25], n_splits=5)

fig, ax = plt.subplots(
    figsize=(6, 4),
    label="Average precision on the test folds against the number of positives in training, "
    "10 to 400 on a log scale, with one standard deviation shaded: it rises steeply at "
    "first and flattens; SMOTE at 25 and 50 positives is marked next to the curve.",
)
means = np.array([np.mean(ap[c]) for c in COUNTS])
sds = np.array([np.std(ap[c], ddof=1) for c in COUNTS])
ax.plot(COUNTS, means, "o-", color="black", label="logistic regression")
ax.fill_between(COUNTS, means - sds, means + sds, color="grey", alpha=0.3)
ax.plot(
    list(ap_smote),
    [np.mean(v) for v in ap_smote.values()],
    "s",
    color="tab:orange",
    label="with SMOTE",
)
ax.set_xscale("log")
ax.set_xlabel("positives in the training fold")
ax.set_ylabel("average precision (test folds)")
ax.legend()
fig.tight_layout()
plt.show()
