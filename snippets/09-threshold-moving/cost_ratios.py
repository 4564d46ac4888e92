"""Tune the threshold for several costs of a missed positive and compare with the cost-ratio rule."""

import numpy as np
from sklearn.datasets import make_classification
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import make_scorer
from sklearn.model_selection import TunedThresholdClassifierCV, train_test_split

SEED = 1  # every random draw below comes from this number: change it for another draw


def total_cost(y_true, y_pred, cost_false_negative, cost_false_positive=1.0):
    false_negatives = np.sum((y_true == 1) & (y_pred == 0))
    false_positives = np.sum((y_true == 0) & (y_pred == 1))
    return cost_false_negative * false_negatives + cost_false_positive * false_positives


X, y = make_classification(
    n_samples=10_000,
    n_features=2,
    n_redundant=0,
    n_clusters_per_class=1,
    weights=[0.99],
    flip_y=0,
    random_state=SEED,
)
X_train, X_test, y_train, y_test = train_test_split(
    X, y, test_size=0.5, stratify=y, random_state=SEED
)
print(f"positives in the test half: {y_test.sum()}")
print(f"{'FN cost':>7} {'tuned':>7} {'ratio':>7} {'recall':>7} {'alarms':>7}")
for cost_false_negative in (1, 5, 20, 100):
    # Extra keyword arguments of make_scorer are passed on to total_cost.
    scorer = make_scorer(
        total_cost, greater_is_better=False, cost_false_negative=cost_false_negative
    )
    tuned = TunedThresholdClassifierCV(
        LogisticRegression(), scoring=scorer, thresholds=30, random_state=SEED
    ).fit(X_train, y_train)
    predicted = tuned.predict(X_test)
    recall = predicted[y_test == 1].mean()
    print(
        f"{cost_false_negative:>7} {tuned.best_threshold_:>7.3f} {1 / (1 + cost_false_negative):>7.3f}"
        f" {recall:>7.3f} {predicted.sum():>7}"
    )
