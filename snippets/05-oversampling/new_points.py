"""Check which minority examples SMOTE made up, and compare with duplicating examples at random."""
from collections import Counter

from imblearn.over_sampling import SMOTE, RandomOverSampler
from sklearn.datasets import make_classification

X, y = make_classification(
    n_samples=10_000,
    n_features=2,
    n_redundant=0,
    n_clusters_per_class=1,
    weights=[0.99],
    flip_y=0,
    random_state=1,
)
originals = {tuple(row) for row in X[y == 1].tolist()}

for sampler in [SMOTE(sampling_strategy=0.5, random_state=1),
                RandomOverSampler(sampling_strategy=0.5, random_state=1)]:
    X_over, y_over = sampler.fit_resample(X, y)
    # Oversamplers return the original rows first and append the new ones after them.
    new_rows = X_over[len(X):]
    copies = sum(tuple(row) in originals for row in new_rows.tolist())
    print(f"{type(sampler).__name__}: {Counter(y_over.tolist())}")
    print(f"  new minority rows: {len(new_rows)}, of which exact copies of an original: {copies}")
