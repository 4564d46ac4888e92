"""Plot the 1:100 dataset next to its randomly undersampled 1:2 version."""

from collections import Counter

import matplotlib.pyplot as plt
from imblearn.under_sampling import RandomUnderSampler
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
X_under, y_under = RandomUnderSampler(
    sampling_strategy=0.5, random_state=SEED
).fit_resample(X, y)

fig, axes = plt.subplots(
    1,
    2,
    figsize=(10, 4.2),
    sharex=True,
    sharey=True,
    label="Two scatter plots on the same axes. Left, the original data: 9,900 majority "
    "points in a dense cloud and 100 minority points at its edge. Right, after random "
    "undersampling: the same 100 minority points and only 200 majority points, spread "
    "thinly over the area the dense cloud covered.",
)
for ax, (title, features, labels) in zip(
    axes, [("before: 1:100", X, y), ("after RandomUnderSampler: 1:2", X_under, y_under)]
):
    counts = Counter(labels.tolist())
    for label, name in [(0, "majority (0)"), (1, "minority (1)")]:
        ax.scatter(
            *features[labels == label].T,
            s=6,
            marker="s",
            linewidths=0,
            label=f"{name}: {counts[label]}",
        )
    ax.set_title(title)
    ax.set_xlabel("feature 1")
    ax.legend(loc="lower right")
axes[0].set_ylabel("feature 2")
fig.tight_layout()
plt.show()
