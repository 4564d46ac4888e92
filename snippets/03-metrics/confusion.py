"""Draw the confusion matrix of logistic regression on the 1:100 test set."""

import matplotlib.pyplot as plt
from sklearn.datasets import make_classification
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import ConfusionMatrixDisplay
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
y_pred = LogisticRegression().fit(X_train, y_train).predict(X_test)

fig, ax = plt.subplots(
    figsize=(5, 4.5),
    label="Confusion matrix of logistic regression on the 1:100 test set: rows are "
    "the true classes 0 and 1, columns the predicted classes; almost every "
    "majority example is in the top-left cell, while the minority row is split "
    "between missed and found examples.",
)
ConfusionMatrixDisplay.from_predictions(
    y_test, y_pred, display_labels=["majority (0)", "minority (1)"], cmap="Blues", ax=ax
)
ax.set_title("Logistic regression, test set")
fig.tight_layout()
plt.show()
