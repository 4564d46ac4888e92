"""Plot the 1:100 dataset, one colour per class."""

import matplotlib.pyplot as plt
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
fig, ax = plt.subplots(
    figsize=(6, 4.5),
    label="Scatter plot of 10,000 points in two features: a dense cloud of 9,900 "
    "majority-class points with 100 minority-class points at one edge of it.",
)
for label, name in [(0, "majority (0)"), (1, "minority (1)")]:
    ax.scatter(*X[y == label].T, s=6, alpha=0.6, label=f"{name}: {(y == label).sum()}")
ax.set_xlabel("feature 1")
ax.set_ylabel("feature 2")
ax.legend()
plt.show()
