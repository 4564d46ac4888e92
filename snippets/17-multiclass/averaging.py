"""Macro, weighted and micro averages on three classes, and which of them notices a lost rare class."""

from collections import Counter

import numpy as np
from sklearn.datasets import make_classification
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import (
    accuracy_score,
    balanced_accuracy_score,
    classification_report,
    f1_score,
)
from sklearn.model_selection import train_test_split

SEED = 1  # every random draw below comes from this number: change it for another draw

X, y = make_classification(
    n_samples=6_000,
    n_features=8,
    n_informative=4,
    n_classes=3,
    weights=[0.85, 0.12, 0.03],
    n_clusters_per_class=1,
    class_sep=1.0,
    flip_y=0,
    random_state=SEED,
)
print("classes:", dict(sorted(Counter(y.tolist()).items())))
X_train, X_test, y_train, y_test = train_test_split(
    X, y, test_size=0.5, stratify=y, random_state=SEED
)
y_pred = LogisticRegression().fit(X_train, y_train).predict(X_test)
print(classification_report(y_test, y_pred, digits=3))

# The same predictions, except that the rare class 2 is never predicted: every 2 becomes a 0.
y_blind = np.where(y_pred == 2, 0, y_pred)
print(
    f"{'predictions':<22} {'F1 macro':>8} {'weighted':>8} {'micro':>8} {'accuracy':>8} {'bal. acc.':>9}"
)
for name, predictions in [("model", y_pred), ("never predicts class 2", y_blind)]:
    print(
        f"{name:<22}"
        + "".join(
            f" {f1_score(y_test, predictions, average=a):>8.3f}"
            for a in ("macro", "weighted", "micro")
        )
        + f" {accuracy_score(y_test, predictions):>8.3f} {balanced_accuracy_score(y_test, predictions):>9.3f}"
    )
