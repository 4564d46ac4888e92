"""Run six undersampling methods from imbalanced-learn on the same data and draw what each one deletes."""

from collections import Counter

import matplotlib.pyplot as plt
import numpy as np
from imblearn.under_sampling import (
    EditedNearestNeighbours,
    NearMiss,
    NeighbourhoodCleaningRule,
    OneSidedSelection,
    RandomUnderSampler,
    TomekLinks,
)
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
undersamplers = {
    "RandomUnderSampler(0.5)": RandomUnderSampler(
        sampling_strategy=0.5, random_state=SEED
    ),
    "NearMiss": NearMiss(version=1),
    "TomekLinks": TomekLinks(),
    "EditedNearestNeighbours": EditedNearestNeighbours(),
    "OneSidedSelection": OneSidedSelection(random_state=SEED),
    "NeighbourhoodCleaningRule": NeighbourhoodCleaningRule(),
}

fig, axes = plt.subplots(
    2,
    3,
    figsize=(10, 6.4),
    sharex=True,
    sharey=True,
    layout="constrained",
    label="Six scatter plots of the same 1:100 data after six undersampling methods, "
    "with deleted majority points in black. RandomUnderSampler and NearMiss delete "
    "almost the whole majority cloud; TomekLinks, EditedNearestNeighbours and "
    "NeighbourhoodCleaningRule delete only a thin scattering of points where the "
    "classes overlap; OneSidedSelection also deletes the whole far side of the "
    "majority cloud, away from the minority class.",
)
# Drawing the points as one bitmap per panel keeps the figure file small.
style = {"marker": "s", "linewidths": 0, "rasterized": True}
print(f"{'original':>26}: {dict(sorted(Counter(y.tolist()).items()))}")
for ax, (name, sampler) in zip(axes.flat, undersamplers.items()):
    _, y_under = sampler.fit_resample(X, y)
    counts = Counter(y_under.tolist())
    print(f"{name:>26}: {dict(sorted(counts.items()))}")
    # Every undersampler records which original rows it kept.
    kept = np.zeros(len(y), dtype=bool)
    kept[sampler.sample_indices_] = True
    ax.scatter(
        *X[~kept].T, s=4, color="black", label=f"deleted: {(~kept).sum()}", **style
    )
    ax.scatter(
        *X[kept & (y == 0)].T, s=4, color="C0", label=f"kept 0: {counts[0]}", **style
    )
    ax.scatter(
        *X[kept & (y == 1)].T, s=10, color="C1", label=f"kept 1: {counts[1]}", **style
    )
    ax.set_title(name, fontsize=10)
    ax.legend(loc="lower right", fontsize=8, markerscale=2)
for ax in axes[1]:
    ax.set_xlabel("feature 1")
for ax in axes[:, 0]:
    ax.set_ylabel("feature 2")
plt.show()
