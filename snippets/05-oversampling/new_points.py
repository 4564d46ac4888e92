"""Check which minority examples SMOTE made up, and compare with duplicating examples at random."""

from collections import Counter

import numpy as np
from imblearn.over_sampling import SMOTE, RandomOverSampler
from sklearn.datasets import make_classification

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
original_rows = {tuple(row) for row in X.tolist()}

for sampler in [
    SMOTE(sampling_strategy=0.5, random_state=SEED),
    RandomOverSampler(sampling_strategy=0.5, random_state=SEED),
]:
    X_over, y_over = sampler.fit_resample(X, y)
    added = len(X_over) - len(X)
    # Look every returned row up among the original rows, whatever order they come in.
    made_up = sum(tuple(row) not in original_rows for row in X_over.tolist())
    print(f"{type(sampler).__name__}: {Counter(y_over.tolist())}")
    print(
        f"  new minority rows: {added}, of which exact copies of an original: {added - made_up}"
    )

# RandomOverSampler also records, for every returned row, the original row it is.
source = sampler.sample_indices_
print(
    f"RandomOverSampler.sample_indices_: {len(source)} rows from {len(np.unique(source))} originals"
)
print(
    f"  original minority rows drawn more than once: {(np.bincount(source) > 1).sum()}"
)
