"""Compare imbalanced-learn's balanced ensembles with a plain random forest and gradient boosting, fairly."""

import matplotlib.pyplot as plt
from imblearn.ensemble import (
    BalancedBaggingClassifier,
    BalancedRandomForestClassifier,
    EasyEnsembleClassifier,
    RUSBoostClassifier,
)
from sklearn.datasets import make_classification
from sklearn.ensemble import (
    AdaBoostClassifier,
    HistGradientBoostingClassifier,
    RandomForestClassifier,
)
from sklearn.model_selection import RepeatedStratifiedKFold, cross_validate
from sklearn.tree import DecisionTreeClassifier
from threadpoolctl import threadpool_limits

# Many small fits run fastest on one thread each; the threads that BLAS and
# gradient boosting start per core only add waiting when the cores are busy.
threadpool_limits(limits=1)

X, y = make_classification(
    n_samples=10_000,
    n_features=2,
    n_redundant=0,
    n_clusters_per_class=1,
    weights=[0.99],
    flip_y=0,
    random_state=1,
)
# The sampling parameters are written out, so that a change of default cannot change the results.
models = {
    "random forest": RandomForestClassifier(n_estimators=50, random_state=1),
    "gradient boosting": HistGradientBoostingClassifier(random_state=1),
    "balanced random forest": BalancedRandomForestClassifier(
        n_estimators=50,
        sampling_strategy="all",
        replacement=True,
        bootstrap=False,
        random_state=1,
    ),
    "balanced bagging": BalancedBaggingClassifier(
        estimator=DecisionTreeClassifier(),
        n_estimators=10,
        sampling_strategy="auto",
        replacement=False,
        random_state=1,
    ),
    # Ten balanced subsets, each boosted for ten rounds.
    "easy ensemble": EasyEnsembleClassifier(
        n_estimators=10,
        estimator=AdaBoostClassifier(n_estimators=10),
        sampling_strategy="auto",
        replacement=False,
        random_state=1,
    ),
    # With a one-split stump and learning_rate=1 (the defaults), boosting stops after one round here.
    "RUSBoost": RUSBoostClassifier(
        estimator=DecisionTreeClassifier(max_depth=3),
        n_estimators=50,
        learning_rate=0.1,
        sampling_strategy="auto",
        replacement=False,
        random_state=1,
    ),
}
metrics = {
    "f1": "F1",
    "average_precision": "AP",
    "roc_auc": "ROC AUC",
    "balanced_accuracy": "bal. acc.",
    "neg_brier_score": "Brier",
}
cv = RepeatedStratifiedKFold(n_splits=5, n_repeats=2, random_state=1)
results = {}
print(f"{'model':<24}" + "".join(f"{label:>10}" for label in metrics.values()))
for name, model in models.items():
    scores = cross_validate(model, X, y, cv=cv, scoring=list(metrics))
    # Scorers are "greater is better", so the Brier score comes back negated.
    results[name] = {m: abs(scores[f"test_{m}"].mean()) for m in metrics}
    print(f"{name:<24}" + "".join(f"{results[name][m]:>10.4f}" for m in metrics))

fig, axes = plt.subplots(
    1,
    3,
    figsize=(10, 3.6),
    sharey=True,
    label="Three bar charts, F1, average precision and Brier score, for six tree "
    "ensembles; the values are those in the printed table.",
)
names = list(models)
for ax, metric in zip(axes, ["f1", "average_precision", "neg_brier_score"]):
    ax.barh(names, [results[n][metric] for n in names], color="tab:blue")
    ax.set_title(
        metrics[metric] + (" (lower is better)" if metric == "neg_brier_score" else "")
    )
axes[0].invert_yaxis()
fig.tight_layout()
plt.show()
