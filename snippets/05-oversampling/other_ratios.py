"""Oversample the same data with SMOTE to several class ratios and print the counts."""

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
print(f"{'original':>18}: {dict(sorted(Counter(y.tolist()).items()))}")

# A float is the wanted minority/majority ratio after resampling; it must be at least
# the current ratio (0.0101 here), because an oversampler can only add.
# A dict gives the exact number of examples wanted per class.
for strategy in [0.1, 0.25, 0.5, 0.75, 1.0, {0: 9900, 1: 1000}]:
    _, y_over = SMOTE(sampling_strategy=strategy, random_state=SEED).fit_resample(X, y)
    print(f"{str(strategy):>18}: {dict(sorted(Counter(y_over.tolist()).items()))}")
