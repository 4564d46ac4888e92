"""Make a two-feature dataset with one minority example per hundred, and count the classes."""

from collections import Counter

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
# .tolist() turns numpy integers into plain ints, so the counts print cleanly.
counts = Counter(y.tolist())
print(counts)
for label, count in sorted(counts.items()):
    print(f"class {label}: {count:>5} examples ({count / len(y):.1%})")
