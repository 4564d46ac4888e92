"""Count how much of the majority class random undersampling throws away, and check that nothing is made up."""

from collections import Counter

import numpy as np
from imblearn.under_sampling import RandomUnderSampler
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
undersample = RandomUnderSampler(sampling_strategy=0.5, random_state=SEED)
X_under, y_under = undersample.fit_resample(X, y)

before, after = Counter(y.tolist()), Counter(y_under.tolist())
for label in (0, 1):
    kept = after[label]
    print(
        f"class {label}: kept {kept:>4} of {before[label]:>4} "
        f"({kept / before[label]:.1%}), deleted {before[label] - kept}"
    )

# sample_indices_ says which original rows survived: the output is a subset of the input.
kept_rows = undersample.sample_indices_
print("every kept row is an original row:", np.array_equal(X_under, X[kept_rows]))
print(f"rows left for training: {len(y_under)} of {len(y)}")
