"""Cross-validate logistic regression with and without random undersampling inside each training fold."""
from imblearn.pipeline import make_pipeline
from imblearn.under_sampling import RandomUnderSampler
from sklearn.datasets import make_classification
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold, cross_validate

X, y = make_classification(
    n_samples=10_000,
    n_features=2,
    n_redundant=0,
    n_clusters_per_class=1,
    weights=[0.99],
    flip_y=0,
    random_state=1,
)
models = {
    "plain": LogisticRegression(),
    # In an imblearn pipeline the sampler runs on the training folds only;
    # every test fold keeps its real 1:100 ratio.
    "undersampled 1:2": make_pipeline(
        RandomUnderSampler(sampling_strategy=0.5, random_state=1), LogisticRegression()
    ),
}
cv = StratifiedKFold(n_splits=5, shuffle=True, random_state=1)
metrics = {"F1": "f1", "precision": "precision", "recall": "recall",
           "ROC AUC": "roc_auc", "Brier": "neg_brier_score"}

print(f"{'model':<18}" + "".join(f"{name:>10}" for name in metrics))
for model_name, model in models.items():
    scores = cross_validate(model, X, y, cv=cv, scoring=metrics)
    # scikit-learn negates the Brier score so that higher is better; undo that for reading.
    means = [abs(scores[f"test_{name}"].mean()) for name in metrics]
    print(f"{model_name:<18}" + "".join(f"{value:>10.3f}" for value in means))
