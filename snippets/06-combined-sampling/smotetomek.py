"""Compare SMOTE followed by Tomek-link removal with SMOTEENN, by counts and side by side."""

from collections import Counter

import matplotlib.pyplot as plt
from imblearn.combine import SMOTEENN, SMOTETomek
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
samplers = {
    "SMOTETomek": SMOTETomek(sampling_strategy=0.5, random_state=SEED),
    "SMOTEENN": SMOTEENN(sampling_strategy=0.5, random_state=SEED),
}

fig, axes = plt.subplots(
    1,
    2,
    figsize=(10, 4.2),
    sharex=True,
    sharey=True,
    layout="constrained",
    label="Two scatter plots on the same axes, after SMOTETomek and after SMOTEENN. "
    "SMOTETomek leaves minority and majority points still interleaved where the "
    "classes meet; SMOTEENN leaves a cleaner gap between them.",
)
print(f"{'original':>10}: {dict(sorted(Counter(y.tolist()).items()))}")
for ax, (name, sampler) in zip(axes, samplers.items()):
    X_resampled, y_resampled = sampler.fit_resample(X, y)
    counts = Counter(y_resampled.tolist())
    print(f"{name:>10}: {dict(sorted(counts.items()))}")
    for label, class_name in [(0, "majority (0)"), (1, "minority (1)")]:
        ax.scatter(
            *X_resampled[y_resampled == label].T,
            s=4,
            marker="s",
            linewidths=0,
            rasterized=True,
            label=f"{class_name}: {counts[label]}",
        )
    ax.set_title(name)
    ax.set_xlabel("feature 1")
    ax.legend(loc="lower right", fontsize=8, markerscale=2)
axes[0].set_ylabel("feature 2")
plt.show()
