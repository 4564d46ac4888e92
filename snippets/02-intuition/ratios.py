"""Draw the same kind of dataset at three class ratios, side by side."""

from collections import Counter

import matplotlib.pyplot as plt
from sklearn.datasets import make_classification

SEED = 1  # every random draw below comes from this number: change it for another draw

ratios = {"1:10": 0.9, "1:100": 0.99, "1:1000": 0.999}
fig, axes = plt.subplots(
    1,
    3,
    figsize=(10, 3.6),
    sharex=True,
    sharey=True,
    label="Three scatter plots of 10,000 points each, for class ratios 1:10, 1:100 "
    "and 1:1000: the minority points thin out from a visible cluster to a handful.",
)
for ax, (ratio, majority_share) in zip(axes, ratios.items()):
    X, y = make_classification(
        n_samples=10_000,
        n_features=2,
        n_redundant=0,
        n_clusters_per_class=1,
        weights=[majority_share],
        flip_y=0,
        random_state=SEED,
    )
    counts = Counter(y.tolist())
    print(f"{ratio:>6}: {dict(sorted(counts.items()))}")
    for label in (0, 1):
        ax.scatter(
            *X[y == label].T, s=4, alpha=0.6, label=f"class {label}: {counts[label]}"
        )
    ax.set_title(ratio)
    ax.set_xlabel("feature 1")
    ax.legend(loc="lower right")
axes[0].set_ylabel("feature 2")
fig.tight_layout()
plt.show()
