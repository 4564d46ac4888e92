"""Plot the 1:100 dataset, the same data after SMOTE alone, and after SMOTEENN."""

from collections import Counter

import matplotlib.pyplot as plt
from imblearn.combine import SMOTEENN
from imblearn.over_sampling import SMOTE
from sklearn.datasets import make_classification

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
versions = [
    ("original", X, y),
    ("SMOTE 1:2", *SMOTE(sampling_strategy=0.5, random_state=SEED).fit_resample(X, y)),
    (
        "SMOTEENN",
        *SMOTEENN(sampling_strategy=0.5, random_state=SEED).fit_resample(X, y),
    ),
]

fig, axes = plt.subplots(
    1,
    3,
    figsize=(10, 3.8),
    sharex=True,
    sharey=True,
    layout="constrained",
    label="Three scatter plots on the same axes. Left, the original 1:100 data. Middle, "
    "after SMOTE: a dense web of minority points reaching into the majority cloud. Right, "
    "after SMOTEENN: the same web and cloud with the points where the two classes mixed "
    "removed, leaving a visible gap between minority and majority points.",
)
for ax, (title, features, labels) in zip(axes, versions):
    counts = Counter(labels.tolist())
    for label, name in [(0, "majority (0)"), (1, "minority (1)")]:
        ax.scatter(
            *features[labels == label].T,
            s=4,
            marker="s",
            linewidths=0,
            rasterized=True,
            label=f"{name}: {counts[label]}",
        )
    ax.set_title(title)
    ax.set_xlabel("feature 1")
    ax.legend(loc="lower right", fontsize=8, markerscale=2)
axes[0].set_ylabel("feature 2")
plt.show()
