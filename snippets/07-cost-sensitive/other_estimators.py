"""Turn on class_weight="balanced" in four other scikit-learn classifiers."""
from sklearn.datasets import make_classification
from sklearn.ensemble import HistGradientBoostingClassifier, RandomForestClassifier
from sklearn.metrics import f1_score, precision_score, recall_score
from sklearn.model_selection import train_test_split
from sklearn.svm import SVC
from sklearn.tree import DecisionTreeClassifier

X, y = make_classification(
    n_samples=10_000,
    n_features=2,
    n_redundant=0,
    n_clusters_per_class=1,
    weights=[0.99],
    flip_y=0,
    random_state=1,
)
X_train, X_test, y_train, y_test = train_test_split(
    X, y, test_size=0.5, stratify=y, random_state=1
)

estimators = {
    "decision tree": DecisionTreeClassifier(random_state=1),
    "random forest": RandomForestClassifier(random_state=1),
    "SVC": SVC(random_state=1),
    "hist gradient boosting": HistGradientBoostingClassifier(random_state=1),
}
print(f"{'estimator':<23} {'class_weight':<12} {'precision':>9} {'recall':>6} {'F1':>6}")
for name, estimator in estimators.items():
    for class_weight in (None, "balanced"):
        estimator.set_params(class_weight=class_weight)
        y_pred = estimator.fit(X_train, y_train).predict(X_test)
        # zero_division=0: a model that flags nothing gets precision 0, not a warning.
        precision = precision_score(y_test, y_pred, zero_division=0)
        print(
            f"{name:<23} {str(class_weight):<12} {precision:>9.3f}"
            f" {recall_score(y_test, y_pred):>6.3f} {f1_score(y_test, y_pred):>6.3f}"
        )
