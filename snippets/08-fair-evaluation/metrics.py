"""Compare a no-skill model, logistic regression and SMOTE with threshold-free, precision-recall based metrics."""

from imblearn.over_sampling import SMOTE
from imblearn.pipeline import Pipeline
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
    "no skill (prior)": DummyClassifier(strategy="prior"),
    "logistic regression": LogisticRegression(),
    "SMOTE + LR": Pipeline(
        [("smote", SMOTE(random_state=SEED)), ("model", LogisticRegression())]
    ),
}
metrics = {"average_precision": "AP", "roc_auc": "ROC AUC", "f1": "F1"}
print(f"positive rate: {y.mean():.3f}")
print(f"{'model':<20}" + "".join(f"{label:>9}" for label in metrics.values()))
for name, model in models.items():
    scores = cross_validate(model, X, y, cv=cv, scoring=list(metrics))
    print(
        f"{name:<20}" + "".join(f"{scores['test_' + m].mean():>9.3f}" for m in metrics)
    )
