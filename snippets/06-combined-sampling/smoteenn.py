"""Oversample with SMOTE and then clean with edited nearest neighbours in one step, and count the classes."""

from collections import Counter

from imblearn.combine import SMOTEENN
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

# sampling_strategy=0.5 is passed to the SMOTE step: oversample the minority to 1:2,
# then let edited nearest neighbours delete examples from both classes.
resample = SMOTEENN(sampling_strategy=0.5, random_state=SEED)
X_resampled, y_resampled = resample.fit_resample(X, y)
print("after: ", Counter(y_resampled.tolist()))
