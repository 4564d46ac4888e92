"""Count the boosting rounds RUSBoost keeps, with its default settings and with the settings of the comparison."""

from imblearn.ensemble import RUSBoostClassifier
from sklearn.datasets import make_classification
from sklearn.metrics import average_precision_score
from sklearn.model_selection import train_test_split
from sklearn.tree import DecisionTreeClassifier

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
    "defaults": RUSBoostClassifier(
        n_estimators=10, sampling_strategy="auto", replacement=False, random_state=SEED
    ),
    "depth-3 trees, rate 0.1": RUSBoostClassifier(
        estimator=DecisionTreeClassifier(max_depth=3),
        n_estimators=10,
        learning_rate=0.1,
        sampling_strategy="auto",
        replacement=False,
        random_state=SEED,
    ),
}
for name, model in models.items():
    model.fit(X_train, y_train)
    ap = average_precision_score(y_test, model.predict_proba(X_test)[:, 1])
    print(
        f"{name:<24} rounds kept: {len(model.estimators_):>2} of {model.n_estimators}   test AP: {ap:.3f}"
    )
