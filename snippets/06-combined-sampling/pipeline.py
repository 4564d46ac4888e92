"""Chain SMOTE and random undersampling in an imblearn Pipeline, and check it matches doing it by hand."""

from collections import Counter

import numpy as np
from imblearn.over_sampling import SMOTE
from imblearn.pipeline import Pipeline
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
resample = Pipeline(
    [
        ("over", SMOTE(sampling_strategy=0.1, random_state=SEED)),
        ("under", RandomUnderSampler(sampling_strategy=0.5, random_state=SEED)),
    ]
)
# A pipeline made only of samplers is itself a sampler: it has fit_resample.
X_pipe, y_pipe = resample.fit_resample(X, y)
print("pipeline:", Counter(y_pipe.tolist()))

# The same two steps by hand give exactly the same rows.
X_over, y_over = SMOTE(sampling_strategy=0.1, random_state=SEED).fit_resample(X, y)
X_hand, y_hand = RandomUnderSampler(
    sampling_strategy=0.5, random_state=SEED
).fit_resample(X_over, y_over)
print(
    "identical to the steps by hand:",
    np.array_equal(X_pipe, X_hand) and np.array_equal(y_pipe, y_hand),
)
