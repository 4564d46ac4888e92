"""Run five oversampling methods from imbalanced-learn on the same data and draw the points each one adds."""

from collections import Counter

import matplotlib.pyplot as plt
import numpy as np
from imblearn.over_sampling import (
    ADASYN,
    SMOTE,
    SVMSMOTE,
    BorderlineSMOTE,
    RandomOverSampler,
)
from sklearn.datasets import make_classification
from sklearn.neighbors import NearestNeighbors

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
oversamplers = {
    "RandomOverSampler": RandomOverSampler(sampling_strategy=0.5, random_state=SEED),
    "SMOTE": SMOTE(sampling_strategy=0.5, random_state=SEED),
    "BorderlineSMOTE": BorderlineSMOTE(sampling_strategy=0.5, random_state=SEED),
    "SVMSMOTE": SVMSMOTE(sampling_strategy=0.5, random_state=SEED),
    "ADASYN": ADASYN(sampling_strategy=0.5, random_state=SEED),
}

fig, axes = plt.subplots(
    2,
    3,
    figsize=(10, 6.4),
    sharex=True,
    sharey=True,
    layout="constrained",
    label="Six scatter plots on the same axes: the original 1:100 data, then the points "
    "added by five oversamplers, in green. RandomOverSampler's copies sit exactly on the "
    "original minority points and cannot be seen. SMOTE spreads new points along lines "
    "between minority points all over the minority region. BorderlineSMOTE puts them "
    "mostly around the minority points nearest the majority cloud; SVMSMOTE works near "
    "the class boundary but also extends lines outward past some minority points; "
    "ADASYN puts many of them inside the edge of the majority cloud.",
)
original_rows = {tuple(row) for row in X.tolist()}


def added_points(sampler, X_over):
    """The rows a fitted oversampler added, found without relying on their order."""
    if hasattr(sampler, "sample_indices_"):
        # RandomOverSampler names the original row behind each returned row;
        # the first occurrence of each is the original, the rest are copies.
        _, first = np.unique(sampler.sample_indices_, return_index=True)
        return np.delete(X_over, first, axis=0)
    # The SMOTE family makes new points: rows that are no original row.
    return X_over[[tuple(row) not in original_rows for row in X_over.tolist()]]


# Drawing the points as one bitmap per panel keeps the figure file small.
style = {"marker": "s", "linewidths": 0, "rasterized": True}
print(f"{'original':>18}: {dict(sorted(Counter(y.tolist()).items()))}")
panels = [("original", X[:0])]
for name, sampler in oversamplers.items():
    X_over, y_over = sampler.fit_resample(X, y)
    print(f"{name:>18}: {dict(sorted(Counter(y_over.tolist()).items()))}")
    panels.append((name, added_points(sampler, X_over)))

# Where do the added points land? Find the original example nearest to each one.
nearest = NearestNeighbors(n_neighbors=1).fit(X)
print("share of added points whose nearest original example is a majority example:")
for name, new_rows in panels[1:]:
    _, index = nearest.kneighbors(new_rows)
    print(f"{name:>18}: {(y[index[:, 0]] == 0).mean():6.1%}")

for ax, (name, new_rows) in zip(axes.flat, panels):
    ax.scatter(
        *X[y == 0].T, s=4, color="C0", label=f"majority: {(y == 0).sum()}", **style
    )
    ax.scatter(*new_rows.T, s=4, color="C2", label=f"added: {len(new_rows)}", **style)
    ax.scatter(
        *X[y == 1].T,
        s=10,
        color="C1",
        label=f"original minority: {(y == 1).sum()}",
        **style,
    )
    ax.set_title(name, fontsize=10)
    ax.legend(loc="lower right", fontsize=8, markerscale=2)
for ax in axes[1]:
    ax.set_xlabel("feature 1")
for ax in axes[:, 0]:
    ax.set_ylabel("feature 2")
plt.show()
