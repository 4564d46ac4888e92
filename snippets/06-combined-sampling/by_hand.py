"""Oversample the minority class with SMOTE, then undersample the majority at random, one step at a time."""

from collections import Counter

from imblearn.over_sampling import SMOTE
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
print("original:          ", Counter(y.tolist()))

# Step 1: SMOTE the minority class up to one example per ten majority examples.
X_over, y_over = SMOTE(sampling_strategy=0.1, random_state=SEED).fit_resample(X, y)
print("after SMOTE (0.1): ", Counter(y_over.tolist()))

# Step 2: delete majority examples at random until there are two per minority example.
X_both, y_both = RandomUnderSampler(
    sampling_strategy=0.5, random_state=SEED
).fit_resample(X_over, y_over)
print("after random undersampling (0.5):", Counter(y_both.tolist()))
