"""SMOTE against random oversampling, with a strong classifier (gradient boosting) and a weak one."""

import numpy as np
from imblearn.over_sampling import SMOTE, RandomOverSampler
from imblearn.pipeline import Pipeline
from scipy import stats
from sklearn.datasets import make_classification
from sklearn.ensemble import HistGradientBoostingClassifier
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
    n_samples=3_000,
    n_features=10,
    n_informative=4,
    weights=[0.97],
    class_sep=0.8,
    flip_y=0,
    random_state=SEED,
)
classifiers = {
    "gradient boosting": HistGradientBoostingClassifier(
        max_iter=30, max_leaf_nodes=15, random_state=SEED
    ),
    "logistic regression": LogisticRegression(),
}
samplers = {
    "none": "passthrough",
    "ROS": RandomOverSampler(random_state=SEED),
    "SMOTE": SMOTE(random_state=SEED),
}
cv = RepeatedStratifiedKFold(n_splits=5, n_repeats=4, random_state=SEED)
print(f"{len(y)} cases, {y.sum()} positive")
print(f"{'classifier':<20} {'sampler':<6} {'AP':>6} {'F1':>6}")
scores = {}
for classifier_name, classifier in classifiers.items():
    for sampler_name, sampler in samplers.items():
        model = Pipeline([("sample", sampler), ("model", classifier)])
        result = cross_validate(model, X, y, cv=cv, scoring=["average_precision", "f1"])
        scores[classifier_name, sampler_name] = result
        print(
            f"{classifier_name:<20} {sampler_name:<6} {result['test_average_precision'].mean():>6.3f}"
            f" {result['test_f1'].mean():>6.3f}"
        )
print()
for classifier_name in classifiers:
    for metric, key in [("AP", "test_average_precision"), ("F1", "test_f1")]:
        compare(
            f"{metric}, {classifier_name}",
            "SMOTE",
            scores[classifier_name, "SMOTE"][key],
            "ROS",
            scores[classifier_name, "ROS"][key],
            n_splits=5,
        )
    for sampler_name in ("SMOTE", "ROS"):
        compare(
            f"AP, {classifier_name}",
            sampler_name,
            scores[classifier_name, sampler_name]["test_average_precision"],
            "no resampling",
            scores[classifier_name, "none"]["test_average_precision"],
            n_splits=5,
        )
