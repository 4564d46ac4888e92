"""Draw the precision-recall curve of a logistic regression and mark the default and the tuned thresholds."""

import matplotlib.pyplot as plt
from sklearn.datasets import make_classification
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import PrecisionRecallDisplay, precision_score, recall_score
from sklearn.model_selection import TunedThresholdClassifierCV, train_test_split

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
tuned = TunedThresholdClassifierCV(
    LogisticRegression(),
    scoring="f1",
    thresholds=30,
    random_state=SEED,
    store_cv_results=True,
).fit(X_train, y_train)
# tuned.estimator_ is the logistic regression refitted on all of X_train.
default_pred = tuned.estimator_.predict(X_test)
tuned_pred = tuned.predict(X_test)

fig, (ax_pr, ax_f1) = plt.subplots(
    1,
    2,
    figsize=(10, 4),
    label="Left: precision-recall curve of a logistic regression on the test half, with "
    "the default threshold 0.5 and the tuned threshold marked; the tuned one sits further "
    "right, at higher recall and lower precision. Right: F1 in the tuner's inner "
    "cross-validation against the threshold, peaking at the tuned threshold.",
)
PrecisionRecallDisplay.from_estimator(
    tuned.estimator_, X_test, y_test, ax=ax_pr, name="logistic regression"
)
for name, pred, marker in [
    ("threshold 0.5", default_pred, "o"),
    ("tuned threshold", tuned_pred, "s"),
]:
    precision, recall = precision_score(y_test, pred), recall_score(y_test, pred)
    print(f"{name:<16} precision {precision:.3f}  recall {recall:.3f}")
    ax_pr.plot(recall, precision, marker, markersize=9, label=name)
ax_pr.legend(loc="lower left")

ax_f1.plot(tuned.cv_results_["thresholds"], tuned.cv_results_["scores"])
ax_f1.axvline(
    tuned.best_threshold_,
    color="grey",
    linestyle="--",
    label=f"best: {tuned.best_threshold_:.3f}",
)
ax_f1.set_xlabel("decision threshold")
ax_f1.set_ylabel("F1 (inner cross-validation)")
ax_f1.legend()
fig.tight_layout()
print(f"tuned threshold: {tuned.best_threshold_:.3f}")
plt.show()
