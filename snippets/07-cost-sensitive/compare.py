"""Compare logistic regression with and without class weights on the same split."""
from sklearn.datasets import make_classification
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import (
    accuracy_score,
    f1_score,
    precision_score,
    recall_score,
    roc_auc_score,
)
from sklearn.model_selection import train_test_split

X, y = make_classification(
    n_samples=10_000,
    n_features=2,
    n_redundant=0,
    n_clusters_per_class=1,
    weights=[0.99],
    flip_y=0,
    random_state=1,
)
X_train, X_test, y_train, y_test = train_test_split(
    X, y, test_size=0.5, stratify=y, random_state=1
)

results = {}
print(f"{'class_weight':<13} {'accuracy':>8} {'precision':>9} {'recall':>6} {'F1':>6} {'ROC AUC':>7}")
for class_weight in (None, "balanced"):
    model = LogisticRegression(class_weight=class_weight).fit(X_train, y_train)
    y_pred = model.predict(X_test)
    scores = model.predict_proba(X_test)[:, 1]
    results[class_weight] = {
        "precision": precision_score(y_test, y_pred),
        "recall": recall_score(y_test, y_pred),
        "F1": f1_score(y_test, y_pred),
    }
    print(
        f"{str(class_weight):<13} {accuracy_score(y_test, y_pred):>8.3f}"
        f" {results[class_weight]['precision']:>9.3f} {results[class_weight]['recall']:>6.3f}"
        f" {results[class_weight]['F1']:>6.3f} {roc_auc_score(y_test, scores):>7.3f}"
    )

print()
for metric in ("precision", "recall", "F1"):
    change = results["balanced"][metric] - results[None][metric]
    direction = "higher" if change > 0 else "lower" if change < 0 else "unchanged"
    print(f"with class weights, {metric} is {direction} by {abs(change):.3f}")
