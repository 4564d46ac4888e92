"""How much accuracy a majority-only model gets for free, from slight to severe imbalance."""

from collections import Counter

from sklearn.datasets import make_classification
from sklearn.dummy import DummyClassifier
from sklearn.metrics import accuracy_score, recall_score
from sklearn.model_selection import train_test_split

SEED = 1  # every random draw below comes from this number: change it for another draw

print(f"{'ratio':>7}  {'counts':<20} {'accuracy':>8}  {'recall':>6}")
for ratio, majority_share in [
    ("4:6", 0.6),
    ("1:10", 0.9),
    ("1:100", 0.99),
    ("1:1000", 0.999),
]:
    X, y = make_classification(
        n_samples=10_000,
        n_features=2,
        n_redundant=0,
        n_clusters_per_class=1,
        weights=[majority_share],
        flip_y=0,
        random_state=SEED,
    )
    X_train, X_test, y_train, y_test = train_test_split(
        X, y, test_size=0.5, stratify=y, random_state=SEED
    )
    y_pred = (
        DummyClassifier(strategy="most_frequent").fit(X_train, y_train).predict(X_test)
    )
    counts = str(dict(sorted(Counter(y.tolist()).items())))
    print(
        f"{ratio:>7}  {counts:<20} {accuracy_score(y_test, y_pred):>8.3f}"
        f"  {recall_score(y_test, y_pred):>6.3f}"
    )
