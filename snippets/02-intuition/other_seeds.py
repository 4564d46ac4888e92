"""Make the 1:100 dataset with ten different seeds, and measure how much the two classes overlap in each."""

from sklearn.datasets import make_classification
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import average_precision_score
from sklearn.neighbors import NearestNeighbors

SEED = 1  # every random draw below comes from this number: change it for another draw

print(f"{'seed':>4} {'minority':>8} {'in overlap':>10} {'AP':>6}")
for seed in range(SEED, SEED + 10):
    X, y = make_classification(
        n_samples=10_000,
        n_features=2,
        n_redundant=0,
        n_clusters_per_class=1,
        weights=[0.99],
        flip_y=0,
        random_state=seed,
    )
    # A minority example is in the overlap when a majority example is among its
    # five nearest neighbours (the first neighbour found is the example itself).
    _, index = NearestNeighbors(n_neighbors=6).fit(X).kneighbors(X[y == 1])
    in_overlap = (y[index[:, 1:]] == 0).any(axis=1).sum()
    # Average precision (AP) 1.0: a straight line puts every minority example
    # above every majority one, so the classes can be separated perfectly.
    scores = LogisticRegression().fit(X, y).predict_proba(X)[:, 1]
    ap = average_precision_score(y, scores)
    print(f"{seed:>4} {(y == 1).sum():>8} {in_overlap:>10} {ap:>6.3f}")
