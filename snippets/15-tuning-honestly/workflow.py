"""The honest workflow: split off a test set, tune sampler, class weights and threshold together, score once."""

from imblearn.pipeline import Pipeline
from imblearn.under_sampling import RandomUnderSampler
from sklearn.datasets import make_classification
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score
from sklearn.model_selection import (
    FixedThresholdClassifier,
    GridSearchCV,
    StratifiedKFold,
    train_test_split,
)

population_X, population_y = make_classification(
    n_samples=40_000,
    n_features=10,
    n_informative=4,
    weights=[0.95],
    n_clusters_per_class=1,
    class_sep=0.5,
    flip_y=0,
    random_state=1,
)
X, y = population_X[:4_000], population_y[:4_000]  # the 4,000 labelled cases we have
# 1. The test set is split off first and not looked at again until the very end.
X_dev, X_test, y_dev, y_test = train_test_split(
    X, y, test_size=0.25, stratify=y, random_state=1
)

# 2. One pipeline; the sampler runs on training folds only. The threshold wraps it.
pipeline = Pipeline([("sample", "passthrough"), ("model", LogisticRegression())])
model = FixedThresholdClassifier(pipeline)
thresholds = [0.2, 0.4, 0.6, 0.8]
grid = [
    {  # no resampling, with or without class weights
        "estimator__sample": ["passthrough"],
        "estimator__model__class_weight": [None, "balanced"],
        "threshold": thresholds,
    },
    {  # undersampling to a minority:majority ratio of 1:4 or 1:1
        "estimator__sample": [RandomUnderSampler(random_state=1)],
        "estimator__sample__sampling_strategy": [0.25, 1.0],
        "threshold": thresholds,
    },
]
search = GridSearchCV(
    model, grid, scoring="f1", cv=StratifiedKFold(3, shuffle=True, random_state=1)
)
search.fit(X_dev, y_dev)

best = search.best_params_
sampler = (
    "none"
    if best["estimator__sample"] == "passthrough"
    else f"undersample to {best['estimator__sample__sampling_strategy']}"
)
print(
    f"development set: {len(y_dev)} cases, {y_dev.sum()} positive; test set: {len(y_test)} cases, {y_test.sum()} positive"
)
print(f"candidates tried: {len(search.cv_results_['params'])}")
print(
    f"best: sampler {sampler}, class_weight {best.get('estimator__model__class_weight')}, threshold {best['threshold']}"
)
print(
    f"inner best score (F1, 3-fold CV on the development set): {search.best_score_:.3f}"
)
# 3. One look at the test set, with the model refitted on the whole development set.
print(
    f"held-out test F1:                                         {f1_score(y_test, search.predict(X_test)):.3f}"
)
