"""Set the class weights by hand with a dictionary, and compare it with "balanced"."""

from sklearn.datasets import make_classification
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score, precision_score, recall_score
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
    '"balanced"': LogisticRegression(class_weight="balanced"),
    "{0: 0.01, 1: 0.99}": LogisticRegression(class_weight={0: 0.01, 1: 0.99}),
    # Same ratio; C times about 50.5, the factor between these weights and balanced's.
    "{0: 0.01, 1: 0.99}, C=50.5": LogisticRegression(
        class_weight={0: 0.01, 1: 0.99}, C=50.5
    ),
}
print(f"{'class_weight':<27} {'precision':>9} {'recall':>6} {'F1':>6}   coefficients")
for name, model in models.items():
    y_pred = model.fit(X_train, y_train).predict(X_test)
    coefficients = ", ".join(f"{c:.2f}" for c in model.coef_.ravel().tolist())
    print(
        f"{name:<27} {precision_score(y_test, y_pred):>9.3f} {recall_score(y_test, y_pred):>6.3f}"
        f" {f1_score(y_test, y_pred):>6.3f}   [{coefficients}]"
    )
