"""SMOTE before cross-validation (a leak) and inside it: which part of the leaky score is inflated, and why."""

from collections import Counter

import numpy as np
from imblearn.over_sampling import SMOTE
from imblearn.pipeline import Pipeline
from scipy import stats
from sklearn.datasets import make_classification
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score
from sklearn.model_selection import RepeatedStratifiedKFold, cross_val_score

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
cv = RepeatedStratifiedKFold(n_splits=5, n_repeats=4, random_state=SEED)

# Wrong: SMOTE sees every row, then cross-validation splits its output, so
# the test folds are balanced and partly synthetic.
X_smote, y_smote = SMOTE(random_state=SEED).fit_resample(X, y)
leaky = cross_val_score(LogisticRegression(), X_smote, y_smote, scoring="f1", cv=cv)
leaky_fold = next(cv.split(X_smote, y_smote))[1]

# Right: the pipeline resamples the training folds only; test folds stay untouched.
pipeline = Pipeline(
    [("smote", SMOTE(random_state=SEED)), ("model", LogisticRegression())]
)
fair = cross_val_score(pipeline, X, y, scoring="f1", cv=cv)
fair_fold = next(cv.split(X, y))[1]

# The leak alone: train on the fold's real training rows plus as many
# synthetic points as the pipeline would make (drawn from SMOTE's run on all
# the data, so some were made from the test rows), and score on the same real
# test rows as the pipeline. SMOTE appends its synthetic points after the real rows.
synthetic = np.arange(len(X), len(X_smote))
rng = np.random.default_rng(SEED)
leak_only = []
for train, test in cv.split(X, y):
    added = rng.choice(
        synthetic, size=(y[train] == 0).sum() - (y[train] == 1).sum(), replace=False
    )
    model = LogisticRegression().fit(
        X_smote[np.r_[train, added]], y_smote[np.r_[train, added]]
    )
    leak_only.append(f1_score(y[test], model.predict(X[test])))

print(
    f"SMOTE before CV: F1 = {leaky.mean():.3f}, a test fold {dict(Counter(y_smote[leaky_fold].tolist()))}"
)
print(
    f"SMOTE inside CV: F1 = {fair.mean():.3f}, a test fold {dict(Counter(y[fair_fold].tolist()))}"
)
print(
    f"leak only:       F1 = {np.mean(leak_only):.3f}, on the same real test folds as the pipeline"
)
compare("F1", "leak only", leak_only, "pipeline", fair, 5)
