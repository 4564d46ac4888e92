"""Compare SMOTE alone with SMOTEENN to see how many examples of each class the cleaning step deletes."""

from collections import Counter

import numpy as np
from imblearn.combine import SMOTEENN
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
# SMOTEENN runs exactly this SMOTE first (same ratio, same random_state), then cleans.
X_smote, y_smote = SMOTE(sampling_strategy=0.5, random_state=SEED).fit_resample(X, y)
resample = SMOTEENN(sampling_strategy=0.5, random_state=SEED)
X_both, y_both = resample.fit_resample(X, y)

after_smote, after_both = Counter(y_smote.tolist()), Counter(y_both.tolist())
print("cleaning step used:", resample.enn_)
for label in (0, 1):
    deleted = after_smote[label] - after_both[label]
    print(
        f"class {label}: {after_smote[label]:>5} after SMOTE, {after_both[label]:>5} after "
        f"cleaning, deleted {deleted} ({deleted / after_smote[label]:.1%})"
    )

# The cleaner records which rows of SMOTE's output it kept. SMOTE returns the original
# rows first, so a deleted row numbered len(X) or more is one that SMOTE made up.
kept = resample.enn_.sample_indices_
print(
    "SMOTEENN's rows are rows of SMOTE's output:", np.array_equal(X_smote[kept], X_both)
)
deleted = np.setdiff1d(np.arange(len(y_smote)), kept)
deleted_minority = deleted[y_smote[deleted] == 1]
print(
    f"minority rows deleted: {int((deleted_minority < len(X)).sum())} original, "
    f"{int((deleted_minority >= len(X)).sum())} made by SMOTE"
)
