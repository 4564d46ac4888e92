"""Reliability diagrams, with quantile bins, of a plain, an undersampled and a class-weighted logistic regression."""

import matplotlib.pyplot as plt
import numpy as np
from imblearn.pipeline import Pipeline
from imblearn.under_sampling import RandomUnderSampler
from sklearn.calibration import calibration_curve
from sklearn.datasets import make_classification
from sklearn.linear_model import LogisticRegression
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
n_bins = 10
fig, (ax, ax_hist) = plt.subplots(
    1,
    2,
    figsize=(10, 4.2),
    label="Left: reliability diagram on the test half, ten bins of equal size. The plain "
    "logistic regression's points lie on the diagonal; the undersampled and class-weighted "
    "ones lie far below it in their top bins, predicting much higher probabilities than the "
    "observed frequency of the positive class. Right: histograms of the predicted "
    "probabilities on a log scale: the plain model puts almost every example near 0, the "
    "other two spread them out.",
)
print(f"observed positive rate on the test half: {y_test.mean():.3f}")
print(f"{'model':<13} {'mean proba':>10}")
curves, uniform = {}, {}
for name, model in models.items():
    proba = model.fit(X_train, y_train).predict_proba(X_test)[:, 1]
    print(f"{name:<13} {proba.mean():>10.3f}")
    # Quantile bins hold equally many examples, so no point rests on a handful.
    observed, predicted = calibration_curve(
        y_test, proba, n_bins=n_bins, strategy="quantile"
    )
    edges = np.quantile(proba, np.linspace(0, 1, n_bins + 1))
    counts = np.bincount(np.searchsorted(edges[1:-1], proba), minlength=n_bins)
    curves[name] = (counts, predicted, observed)
    uniform[name] = np.histogram(proba, bins=5, range=(0, 1))[0]
    ax.plot(predicted, observed, marker="o", label=name)
    ax_hist.hist(
        proba, bins=20, range=(0, 1), histtype="step", linewidth=1.5, label=name
    )

print("\nper bin: examples, mean predicted probability, observed fraction of positives")
print("bin" + "".join(f"{name:>24}" for name in models))
for b in range(n_bins):
    cells = "".join(
        f"{counts[b]:>8} {predicted[b]:>7.3f} {observed[b]:>7.3f}"
        for counts, predicted, observed in curves.values()
    )
    print(f"{b + 1:>3}{cells}")

print(
    "\nfor comparison, five bins of equal width (0-0.2, ..., 0.8-1): examples per bin"
)
for name, counts in uniform.items():
    print(f"{name:<13}" + "".join(f"{c:>6}" for c in counts))

ax.plot([0, 1], [0, 1], "k:", label="perfectly calibrated")
ax.set_xlabel("mean predicted probability in the bin")
ax.set_ylabel("fraction of positives in the bin")
ax.set_title("Reliability diagram (test half)")
ax.legend(loc="upper left")
ax_hist.set_yscale("log")
ax_hist.set_xlabel("predicted probability of class 1")
ax_hist.set_ylabel("test examples")
ax_hist.set_title("Where the predictions fall")
ax_hist.legend()
fig.tight_layout()
plt.show()
