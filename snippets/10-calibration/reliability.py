"""Compare the calibration of a plain, an undersampled and a class-weighted logistic regression."""

import matplotlib.pyplot as plt
from imblearn.pipeline import Pipeline
from imblearn.under_sampling import RandomUnderSampler
from sklearn.calibration import CalibrationDisplay
from sklearn.datasets import make_classification
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import brier_score_loss, roc_auc_score
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
models = {
    "plain": LogisticRegression(),
    "undersampled": Pipeline(
        [("under", RandomUnderSampler(random_state=1)), ("model", LogisticRegression())]
    ),
    "class_weight": LogisticRegression(class_weight="balanced"),
}
fig, (ax, ax_hist) = plt.subplots(
    1,
    2,
    figsize=(10, 4.2),
    label="Left: reliability diagram on the test half, five bins. The plain logistic "
    "regression lies near or above the diagonal, its upper bins resting on few examples; the undersampled and class-weighted ones lie far "
    "below it, predicting much higher probabilities than the observed frequency of the "
    "positive class. Right: histograms of the predicted probabilities on a log scale: the "
    "plain model puts almost every example near 0, the other two spread them out.",
)
print(f"observed positive rate on the test half: {y_test.mean():.3f}")
print(f"{'model':<13} {'mean proba':>10} {'Brier':>7} {'ROC AUC':>8}")
for name, model in models.items():
    model.fit(X_train, y_train)
    proba = model.predict_proba(X_test)[:, 1]
    print(
        f"{name:<13} {proba.mean():>10.3f} {brier_score_loss(y_test, proba):>7.4f}"
        f" {roc_auc_score(y_test, proba):>8.3f}"
    )
    # Few test examples get a high probability, so use few bins to keep each one readable.
    CalibrationDisplay.from_predictions(y_test, proba, n_bins=5, name=name, ax=ax)
    ax_hist.hist(
        proba, bins=20, range=(0, 1), histtype="step", linewidth=1.5, label=name
    )
ax.set_title("Reliability diagram (test half)")
ax.legend(loc="upper left")
ax_hist.set_yscale("log")
ax_hist.set_xlabel("predicted probability of class 1")
ax_hist.set_ylabel("test examples")
ax_hist.set_title("Where the predictions fall")
ax_hist.legend()
fig.tight_layout()
plt.show()
