"""Exercise: does the undersampling formula also repair the probabilities of a model trained after SMOTE?"""

import numpy as np
from imblearn.over_sampling import SMOTE
from scipy import stats
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
losses = {"plain LR": [], "SMOTE": [], "SMOTE + formula": []}
for train, test in cv.split(X, y):
    plain = LogisticRegression().fit(X[train], y[train])
    X_smote, y_smote = SMOTE(random_state=SEED).fit_resample(X[train], y[train])
    smote = LogisticRegression().fit(X_smote, y_smote)
    # SMOTE multiplied the positives by this factor; dividing the odds by it is the
    # same formula as undersampling with beta = 1 / factor.
    factor = (y_smote == 1).sum() / (y[train] == 1).sum()
    beta = 1 / factor
    p_smote = smote.predict_proba(X[test])[:, 1]
    corrected = beta * p_smote / (beta * p_smote - p_smote + 1)
    for name, p in [
        ("plain LR", plain.predict_proba(X[test])[:, 1]),
        ("SMOTE", p_smote),
        # Rounding can leave a probability near 1 a hair above it, which log_loss refuses.
        ("SMOTE + formula", np.clip(corrected, 0, 1)),
    ]:
        losses[name].append(log_loss(y[test], p, labels=[0, 1]))
for name, values in losses.items():
    print(f"{name:<16} log loss {np.mean(values):.4f}")
# Lower log loss is better: negate so that a positive difference favours the first model.
compare(
    "log loss",
    "SMOTE + formula",
    -np.asarray(losses["SMOTE + formula"]),
    "plain LR",
    -np.asarray(losses["plain LR"]),
    n_splits=5,
)
compare(
    "log loss",
    "SMOTE + formula",
    -np.asarray(losses["SMOTE + formula"]),
    "SMOTE",
    -np.asarray(losses["SMOTE"]),
    n_splits=5,
)
