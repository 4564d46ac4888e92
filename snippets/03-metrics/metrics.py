"""Score logistic regression on the 1:100 data with accuracy, precision, recall and F-measure."""

from sklearn.datasets import make_classification
from sklearn.dummy import DummyClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score, f1_score, precision_score, recall_score
from sklearn.model_selection import train_test_split

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
X_train, X_test, y_train, y_test = train_test_split(
    X, y, test_size=0.5, stratify=y, random_state=SEED
)

models = {
    "always majority": DummyClassifier(strategy="most_frequent"),
    "logistic regression": LogisticRegression(),
}
print(f"{'model':<20} {'accuracy':>8} {'precision':>9} {'recall':>6} {'F1':>6}")
for name, model in models.items():
    y_pred = model.fit(X_train, y_train).predict(X_test)
    # The dummy never predicts class 1, so its precision is 0/0; report it as 0.
    precision = precision_score(y_test, y_pred, zero_division=0)
    print(
        f"{name:<20} {accuracy_score(y_test, y_pred):>8.3f} {precision:>9.3f}"
        f" {recall_score(y_test, y_pred):>6.3f} {f1_score(y_test, y_pred):>6.3f}"
    )
