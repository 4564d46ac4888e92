"""Exercise: with only 10 positives to learn from, do SMOTE or random oversampling help?"""

import numpy as np
from imblearn.over_sampling import SMOTE, RandomOverSampler
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
rng = np.random.default_rng(SEED)
cv = RepeatedStratifiedKFold(n_splits=5, n_repeats=4, random_state=SEED)
ap = {"none": [], "SMOTE": [], "ROS": []}
for train, test in cv.split(X, y):
    positives = rng.permutation(train[y[train] == 1])
    rows = np.concatenate([train[y[train] == 0], positives[:10]])
    # SMOTE's default uses 5 neighbours, which 10 positives still allow.
    for name, sampler in [
        ("none", None),
        ("SMOTE", SMOTE(random_state=SEED)),
        ("ROS", RandomOverSampler(random_state=SEED)),
    ]:
        X_fit, y_fit = (
            (X[rows], y[rows])
            if sampler is None
            else sampler.fit_resample(X[rows], y[rows])
        )
        p = LogisticRegression().fit(X_fit, y_fit).predict_proba(X[test])[:, 1]
        ap[name].append(average_precision_score(y[test], p))
for name, values in ap.items():
    print(f"{name:<6} AP {np.mean(values):.3f}")
compare(
    "AP at 10 positives", "SMOTE", ap["SMOTE"], "no resampling", ap["none"], n_splits=5
)
compare("AP at 10 positives", "ROS", ap["ROS"], "no resampling", ap["none"], n_splits=5)
