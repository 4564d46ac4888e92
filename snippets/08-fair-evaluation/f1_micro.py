"""Show that scoring="f1_micro" on two classes is plain accuracy, while scoring="f1" is about the rare class."""

from sklearn.datasets import make_classification
from sklearn.dummy import DummyClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import RepeatedStratifiedKFold, cross_validate

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
cv = RepeatedStratifiedKFold(n_splits=5, n_repeats=2, random_state=SEED)
models = {
    "always majority": DummyClassifier(strategy="most_frequent"),
    "logistic regression": LogisticRegression(),
}
print(f"{'model':<20} {'accuracy':>9} {'f1_micro':>9} {'f1':>9}")
for name, model in models.items():
    scores = cross_validate(model, X, y, cv=cv, scoring=["accuracy", "f1_micro", "f1"])
    print(
        f"{name:<20} {scores['test_accuracy'].mean():>9.3f}"
        f" {scores['test_f1_micro'].mean():>9.3f} {scores['test_f1'].mean():>9.3f}"
    )
