"""Synthesize minority examples with SMOTE until the classes stand at 1:2, and count them before and after."""

from collections import Counter

from imblearn.over_sampling import SMOTE
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
print("before:", Counter(y.tolist()))

# sampling_strategy=0.5: add minority examples until there is one for every two majority ones.
oversample = SMOTE(sampling_strategy=0.5, random_state=SEED)
X_over, y_over = oversample.fit_resample(X, y)
print("after: ", Counter(y_over.tolist()))
