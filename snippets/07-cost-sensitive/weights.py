"""Show the per-class weights that class_weight="balanced" gives the 1:100 training set."""

from collections import Counter

import numpy as np
from sklearn.datasets import make_classification
from sklearn.model_selection import train_test_split
from sklearn.utils.class_weight import compute_class_weight

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
X_train, X_test, y_train, y_test = train_test_split(
    X, y, test_size=0.5, stratify=y, random_state=SEED
)

counts = Counter(y_train.tolist())
print(f"training counts: {dict(sorted(counts.items()))}")
classes = np.unique(y_train)
weights = compute_class_weight("balanced", classes=classes, y=y_train)
for label, weight in zip(classes.tolist(), weights.tolist()):
    by_hand = len(y_train) / (len(classes) * counts[label])
    print(
        f"class {label}: {len(y_train)} / ({len(classes)} * {counts[label]}) = {by_hand:.3f}"
        f"  (sklearn: {weight:.3f})"
        f"  class total: {counts[label] * weight:.1f}"
    )
