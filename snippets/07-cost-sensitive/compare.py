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

results = {}
for class_weight in (None, "balanced"):
    model = LogisticRegression(class_weight=class_weight).fit(X_train, y_train)
    y_pred = model.predict(X_test)
    scores = model.predict_proba(X_test)[:, 1]
    results[str(class_weight)] = {
        "accuracy": accuracy_score(y_test, y_pred),
        "precision": precision_score(y_test, y_pred),
        "recall": recall_score(y_test, y_pred),
        "F1": f1_score(y_test, y_pred),
        "ROC AUC": roc_auc_score(y_test, scores),
        # The average predicted probability of class 1, to set beside its true share.
        "mean P(1)": scores.mean(),
    }

metrics = list(results["None"])
print(f"{'class_weight':<13}" + "".join(f"{m:>10}" for m in metrics))
for class_weight, scores_of_model in results.items():
    print(
        f"{class_weight:<13}" + "".join(f"{scores_of_model[m]:>10.3f}" for m in metrics)
    )
print(f"share of class 1 in the test set: {y_test.mean():.3f}")

print()
for metric in ("precision", "recall", "F1"):
    change = results["balanced"][metric] - results["None"][metric]
    direction = "higher" if change > 0 else "lower" if change < 0 else "unchanged"
    print(f"with class weights, {metric} is {direction} by {abs(change):.3f}")
