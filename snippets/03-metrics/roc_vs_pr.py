"""Score the model's probabilities with ROC AUC and average precision, and draw both curves."""

import matplotlib.pyplot as plt
from sklearn.datasets import make_classification
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import (
    PrecisionRecallDisplay,
    RocCurveDisplay,
    average_precision_score,
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
model = LogisticRegression().fit(X_train, y_train)
# Ranking metrics need a score per example, not a hard 0/1 prediction.
scores = model.predict_proba(X_test)[:, 1]

print(f"ROC AUC:                        {roc_auc_score(y_test, scores):.3f}")
print(f"average precision (PR AUC):     {average_precision_score(y_test, scores):.3f}")
print(f"no-skill average precision:     {y_test.mean():.3f}  (share of class 1)")

fig, (ax_roc, ax_pr) = plt.subplots(
    1,
    2,
    figsize=(9, 4),
    label="Two curves for logistic regression on the 1:100 test set. Left, the ROC "
    "curve rises steeply towards the top-left corner, far above the diagonal of a "
    "random model. Right, the precision-recall curve falls away as recall grows, "
    "well above the flat no-skill line at the minority share.",
)
name = "logistic regression"
RocCurveDisplay.from_predictions(
    y_test, scores, name=name, ax=ax_roc, plot_chance_level=True
)
PrecisionRecallDisplay.from_predictions(
    y_test, scores, name=name, ax=ax_pr, plot_chance_level=True
)
ax_roc.set_title("ROC curve")
ax_pr.set_title("Precision-recall curve")
fig.tight_layout()
plt.show()
