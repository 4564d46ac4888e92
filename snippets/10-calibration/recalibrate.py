"""Recalibrate fitted models on held-out data with CalibratedClassifierCV and FrozenEstimator."""

import matplotlib.pyplot as plt
from imblearn.pipeline import Pipeline
from imblearn.under_sampling import RandomUnderSampler
from sklearn.calibration import CalibratedClassifierCV
from sklearn.datasets import make_classification
from sklearn.frozen import FrozenEstimator
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import brier_score_loss, roc_auc_score
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
# Half to train, a quarter to calibrate, a quarter to test.
X_train, X_rest, y_train, y_rest = train_test_split(
    X, y, test_size=0.5, stratify=y, random_state=SEED
)
X_calib, X_test, y_calib, y_test = train_test_split(
    X_rest, y_rest, test_size=0.5, stratify=y_rest, random_state=SEED
)
models = {
    "plain": LogisticRegression(),
    "undersampled": Pipeline(
        [
            ("under", RandomUnderSampler(random_state=SEED)),
            ("model", LogisticRegression()),
        ]
    ),
    "class_weight": LogisticRegression(class_weight="balanced"),
}
fig, ax = plt.subplots(
    figsize=(6, 4.5),
    label="Recalibrated probability against the model's own probability, one curve per "
    "model: every curve rises steadily, so the order of the examples is kept, while the "
    "undersampled and class-weighted models' probabilities are pulled far down.",
)
print(f"test quarter: {len(y_test)} examples, {y_test.sum()} positive")
print(
    f"{'model':<13} {'Brier before':>12} {'after':>7} {'ROC AUC before':>14} {'after':>7}"
)
for name, model in models.items():
    model.fit(X_train, y_train)
    # FrozenEstimator keeps the fitted model as it is; only the sigmoid is fitted here.
    recalibrated = CalibratedClassifierCV(FrozenEstimator(model), method="sigmoid")
    recalibrated.fit(X_calib, y_calib)
    before = model.predict_proba(X_test)[:, 1]
    after = recalibrated.predict_proba(X_test)[:, 1]
    print(
        f"{name:<13} {brier_score_loss(y_test, before):>12.4f} {brier_score_loss(y_test, after):>7.4f}"
        f" {roc_auc_score(y_test, before):>14.4f} {roc_auc_score(y_test, after):>7.4f}"
    )
    order = before.argsort()
    ax.plot(before[order], after[order], label=name)
ax.plot([0, 1], [0, 1], "k:", label="unchanged")
ax.set_xlabel("model's probability of class 1")
ax.set_ylabel("recalibrated probability")
ax.set_title("What the sigmoid recalibration does (test quarter)")
ax.legend()
fig.tight_layout()
plt.show()
