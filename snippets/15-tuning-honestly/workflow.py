"""The honest workflow: split off a test set, tune sampler, class weights and threshold together, score once."""

import numpy as np
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

SEED = 1  # every random draw below comes from this number: change it for another draw


def branch(params):
    """The candidate's settings other than its threshold, in words."""
    if params["estimator__sample"] == "passthrough":
        return f"sampler none, class_weight {params['estimator__model__class_weight']}"
    return f"undersample to {params['estimator__sample__sampling_strategy']}"


population_X, population_y = make_classification(
    n_samples=40_000,
    n_features=10,
    n_informative=4,
    weights=[0.95],
    n_clusters_per_class=1,
    class_sep=0.5,
    flip_y=0,
    random_state=SEED,
)
X, y = population_X[:4_000], population_y[:4_000]  # the 4,000 labelled cases we have
# 1. The test set is split off first and not looked at again until the very end.
X_dev, X_test, y_dev, y_test = train_test_split(
    X, y, test_size=0.25, stratify=y, random_state=SEED
)

# 2. One pipeline; the sampler runs on training folds only. The threshold wraps it.
pipeline = Pipeline([("sample", "passthrough"), ("model", LogisticRegression())])
model = FixedThresholdClassifier(pipeline)
# 0.1 to 0.9 in steps of 0.05
thresholds = [round(t, 2) for t in np.arange(0.1, 0.91, 0.05)]
grid = [
    {  # no resampling, with or without class weights
        "estimator__sample": ["passthrough"],
        "estimator__model__class_weight": [None, "balanced"],
        "threshold": thresholds,
    },
    {  # undersampling to a minority:majority ratio of 1:4 or 1:1
        "estimator__sample": [RandomUnderSampler(random_state=SEED)],
        "estimator__sample__sampling_strategy": [0.25, 1.0],
        "threshold": thresholds,
    },
]
search = GridSearchCV(
    model, grid, scoring="f1", cv=StratifiedKFold(3, shuffle=True, random_state=SEED)
)
search.fit(X_dev, y_dev)


print(
    f"development set: {len(y_dev)} cases, {y_dev.sum()} positive; test set: {len(y_test)} cases, {y_test.sum()} positive"
)
print(f"candidates tried: {len(search.cv_results_['params'])}")
print(
    f"best: {branch(search.best_params_)}, threshold {search.best_params_['threshold']}"
)
print(
    f"inner best score (F1, 3-fold CV on the development set): {search.best_score_:.3f}"
)
# The best threshold of each branch, from the search's own results.
best_of_branch = {}
for params, score in zip(
    search.cv_results_["params"], search.cv_results_["mean_test_score"]
):
    if score > best_of_branch.get(branch(params), (None, -1))[1]:
        best_of_branch[branch(params)] = (params["threshold"], score)
for name, (threshold, score) in best_of_branch.items():
    label = f"{name}:"
    print(f"  best of {label:<37} threshold {threshold:.2f}, inner F1 {score:.3f}")
# 3. One look at the test set, with the model refitted on the whole development set.
print(
    f"held-out test F1:                                         {f1_score(y_test, search.predict(X_test)):.3f}"
)
