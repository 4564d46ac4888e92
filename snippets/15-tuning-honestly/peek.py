"""Exercise: choose among the same candidates by their test score, and see what that number is worth."""

import numpy as np
from imblearn.pipeline import Pipeline
from imblearn.under_sampling import RandomUnderSampler
from sklearn.base import clone
from sklearn.datasets import make_classification
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score
from sklearn.model_selection import (
    FixedThresholdClassifier,
    ParameterGrid,
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
X_dev, X_test, y_dev, y_test = train_test_split(
    X, y, test_size=0.25, stratify=y, random_state=1
)
# The rest of the population stands in for the cases the chosen model will meet next.
X_new, y_new = population_X[4_000:], population_y[4_000:]

thresholds = [0.2, 0.4, 0.6, 0.8]
grid = [
    {
        "estimator__sample": ["passthrough"],
        "estimator__model__class_weight": [None, "balanced"],
        "threshold": thresholds,
    },
    {
        "estimator__sample": [RandomUnderSampler(random_state=1)],
        "estimator__sample__sampling_strategy": [0.25, 1.0],
        "threshold": thresholds,
    },
]
base = FixedThresholdClassifier(
    Pipeline([("sample", "passthrough"), ("model", LogisticRegression())])
)
test_scores, new_scores = [], []
for params in ParameterGrid(grid):
    model = clone(base).set_params(**params).fit(X_dev, y_dev)
    test_scores.append(f1_score(y_test, model.predict(X_test)))
    new_scores.append(f1_score(y_new, model.predict(X_new)))
peeked = int(np.argmax(test_scores))
print(f"best test F1 among {len(test_scores)} candidates: {test_scores[peeked]:.3f}")
print(f"the same candidate on {len(y_new)} new cases:     {new_scores[peeked]:.3f}")
best_new = int(np.argmax(new_scores))
print(
    f"best F1 on the new cases, any candidate:  {new_scores[best_new]:.3f}"
    f" ({'the same' if best_new == peeked else 'a different'} candidate)"
)
