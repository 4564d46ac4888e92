"""Exercise: balanced accuracy is macro-averaged recall, and micro-averaged F1 is accuracy."""

from sklearn.datasets import make_classification
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import (
    accuracy_score,
    balanced_accuracy_score,
    f1_score,
    recall_score,
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
X_train, X_test, y_train, y_test = train_test_split(
    X, y, test_size=0.5, stratify=y, random_state=SEED
)
y_pred = LogisticRegression().fit(X_train, y_train).predict(X_test)
print(f"balanced accuracy:        {balanced_accuracy_score(y_test, y_pred):.6f}")
print(f"recall, macro average:    {recall_score(y_test, y_pred, average='macro'):.6f}")
print(f"accuracy:                 {accuracy_score(y_test, y_pred):.6f}")
print(f"F1, micro average:        {f1_score(y_test, y_pred, average='micro'):.6f}")
print(
    f"recall per class:         {recall_score(y_test, y_pred, average=None).round(3).tolist()}"
)
