"""imbalanced-learn's classification_report_imbalanced, the geometric mean and MCC for four ways of deciding."""

import numpy as np
from imblearn.metrics import classification_report_imbalanced, geometric_mean_score
from sklearn.datasets import make_classification
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score, matthews_corrcoef, precision_score, recall_score
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
p_plain = LogisticRegression().fit(X_train, y_train).predict_proba(X_test)[:, 1]
p_weighted = (
    LogisticRegression(class_weight="balanced")
    .fit(X_train, y_train)
    .predict_proba(X_test)[:, 1]
)
decisions = {
    "plain, 0.5": p_plain >= 0.5,
    "plain, 0.1": p_plain >= 0.1,
    "class_weight, 0.5": p_weighted >= 0.5,
    "flag everyone": np.ones_like(y_test, dtype=bool),
}
print("plain logistic regression, threshold 0.1:")
print(
    classification_report_imbalanced(
        y_test, decisions["plain, 0.1"].astype(int), digits=3
    )
)
# Cost per case with the matrix of the expected-cost example: review 1, missed positive 10.
print(
    f"{'decision':<18} {'false alarms':>12} {'precision':>9} {'recall':>7} {'F1':>6} {'G-mean':>7} {'MCC':>7} {'cost':>6}"
)
for name, flagged in decisions.items():
    y_pred = flagged.astype(int)
    cost = (y_pred.sum() + 10 * np.sum((y_pred == 0) & (y_test == 1))) / len(y_test)
    false_alarms = np.sum((y_pred == 1) & (y_test == 0))
    print(
        f"{name:<18} {false_alarms:>12} {precision_score(y_test, y_pred):>9.3f} {recall_score(y_test, y_pred):>7.3f}"
        f" {f1_score(y_test, y_pred):>6.3f} {geometric_mean_score(y_test, y_pred):>7.3f}"
        f" {matthews_corrcoef(y_test, y_pred):>7.3f} {cost:>6.3f}"
    )
