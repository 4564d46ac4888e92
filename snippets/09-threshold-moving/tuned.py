"""Let TunedThresholdClassifierCV pick the decision threshold that maximises F1, and score it fairly."""
from sklearn.datasets import make_classification
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import (
    RepeatedStratifiedKFold,
    TunedThresholdClassifierCV,
    cross_validate,
)

X, y = make_classification(
    n_samples=10_000,
    n_features=2,
    n_redundant=0,
    n_clusters_per_class=1,
    weights=[0.99],
    flip_y=0,
    random_state=1,
)
models = {
    "threshold 0.5": LogisticRegression(),
    # An inner 3-fold CV on each training fold picks the threshold among 50 candidates.
    "tuned threshold": TunedThresholdClassifierCV(
        LogisticRegression(), scoring="f1", cv=3, thresholds=50, random_state=1
    ),
}
cv = RepeatedStratifiedKFold(n_splits=5, n_repeats=2, random_state=1)
print(f"{'model':<16} {'precision':>9} {'recall':>9} {'F1':>9}")
for name, model in models.items():
    scores = cross_validate(model, X, y, cv=cv, scoring=["precision", "recall", "f1"])
    print(
        f"{name:<16} {scores['test_precision'].mean():>9.3f}"
        f" {scores['test_recall'].mean():>9.3f} {scores['test_f1'].mean():>9.3f}"
    )

tuned = models["tuned threshold"].fit(X, y)
print(f"threshold chosen on all the data: {tuned.best_threshold_:.3f}")
