"""Class weights and resamplers with a sampling_strategy dictionary, on three classes, under the paired rule."""

import numpy as np
from imblearn.over_sampling import RandomOverSampler
from imblearn.pipeline import Pipeline
from imblearn.under_sampling import RandomUnderSampler
from scipy import stats
from sklearn.datasets import make_classification
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import make_scorer, precision_score, recall_score
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
    n_samples=6_000,
    n_features=8,
    n_informative=4,
    n_classes=3,
    weights=[0.85, 0.12, 0.03],
    n_clusters_per_class=1,
    class_sep=1.0,
    flip_y=0,
    random_state=SEED,
)
models = {
    "plain LR": LogisticRegression(),
    "class_weight": LogisticRegression(class_weight="balanced"),
    # A dictionary names the classes to resample and the count each should reach
    # in every training fold (4,800 rows: about 4,080 / 576 / 144 before resampling).
    "oversampling": Pipeline(
        [
            (
                "sample",
                RandomOverSampler(
                    sampling_strategy={1: 1_000, 2: 1_000}, random_state=SEED
                ),
            ),
            ("model", LogisticRegression()),
        ]
    ),
    "undersampling": Pipeline(
        [
            (
                "sample",
                RandomUnderSampler(sampling_strategy={0: 1_000}, random_state=SEED),
            ),
            ("model", LogisticRegression()),
        ]
    ),
}
scoring = {
    "f1_macro": "f1_macro",
    "balanced_accuracy": "balanced_accuracy",
    # Recall and precision of the rare class alone.
    "recall_2": make_scorer(recall_score, labels=[2], average="macro"),
    "precision_2": make_scorer(
        precision_score, labels=[2], average="macro", zero_division=0
    ),
}
cv = RepeatedStratifiedKFold(n_splits=5, n_repeats=4, random_state=SEED)
results = {
    name: cross_validate(model, X, y, cv=cv, scoring=scoring)
    for name, model in models.items()
}
print(
    f"{'model':<14} {'F1 macro':>8} {'bal. acc.':>9} {'recall of 2':>11} {'precision of 2':>14}"
)
for name, r in results.items():
    print(
        f"{name:<14} {r['test_f1_macro'].mean():>8.3f} {r['test_balanced_accuracy'].mean():>9.3f} {r['test_recall_2'].mean():>11.3f} {r['test_precision_2'].mean():>14.3f}"
    )
print()
for name in ["class_weight", "oversampling", "undersampling"]:
    compare(
        "F1 macro",
        name,
        results[name]["test_f1_macro"],
        "plain LR",
        results["plain LR"]["test_f1_macro"],
        5,
    )
    compare(
        "balanced accuracy",
        name,
        results[name]["test_balanced_accuracy"],
        "plain LR",
        results["plain LR"]["test_balanced_accuracy"],
        5,
    )
