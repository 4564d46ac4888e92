"""Move the decision threshold by hand with FixedThresholdClassifier and watch precision and recall trade places."""

from sklearn.datasets import make_classification
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import (
    FixedThresholdClassifier,
    RepeatedStratifiedKFold,
    cross_validate,
)

SEED = 1  # every random draw below comes from this number: change it for another draw

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
print(f"{'threshold':>9} {'precision':>9} {'recall':>9} {'F1':>9}")
for threshold in (0.5, 0.3, 0.1, 0.05):
    model = FixedThresholdClassifier(LogisticRegression(), threshold=threshold)
    scores = cross_validate(model, X, y, cv=cv, scoring=["precision", "recall", "f1"])
    print(
        f"{threshold:>9} {scores['test_precision'].mean():>9.3f}"
        f" {scores['test_recall'].mean():>9.3f} {scores['test_f1'].mean():>9.3f}"
    )
