"""Exercise: how many reviews does it take to find 80% of the positives, and what threshold is that?"""

import numpy as np
from sklearn.datasets import make_classification
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import train_test_split

SEED = 1  # every random draw below comes from this number: change it for another draw

X, y = make_classification(
    n_samples=20_000,
    n_features=10,
    n_informative=4,
    weights=[0.97],
    n_clusters_per_class=1,
    class_sep=0.3,
    flip_y=0,
    random_state=SEED,
)
X_train, X_test, y_train, y_test = train_test_split(
    X, y, test_size=0.5, stratify=y, random_state=SEED
)
p = LogisticRegression().fit(X_train, y_train).predict_proba(X_test)[:, 1]
order = np.argsort(-p, kind="stable")
found = np.cumsum(
    y_test[order]
)  # positives among the k highest-scored cases, for k = 1, 2, ...
recall = found / y_test.sum()
for target in (0.5, 0.8, 0.9):
    k = int(np.argmax(recall >= target)) + 1
    print(
        f"recall {target:.0%}: review the top {k:>4} of {len(y_test)} cases,"
        f" precision {found[k - 1] / k:.3f}, threshold {p[order[k - 1]]:.4f}"
    )
