"""Every technique of the course under one protocol, on handwritten digits: 8 against the rest."""
from collections import Counter

import matplotlib.pyplot as plt
from imblearn.combine import SMOTEENN, SMOTETomek
from imblearn.ensemble import BalancedRandomForestClassifier
from imblearn.over_sampling import SMOTE
from imblearn.pipeline import Pipeline
from imblearn.under_sampling import RandomUnderSampler
from sklearn.datasets import load_digits
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import (
    RepeatedStratifiedKFold,
    TunedThresholdClassifierCV,
    cross_validate,
)
from sklearn.preprocessing import StandardScaler
from threadpoolctl import threadpool_limits

# Many small fits run fastest on one thread each; the threads that BLAS and
# gradient boosting start per core only add waiting when the cores are busy.
threadpool_limits(limits=1)

X, digit = load_digits(return_X_y=True)
y = (digit == 8).astype(int)  # the digit 8 is the positive class


def logistic(sampler=None, **kwargs):
    """Scale, optionally resample (training folds only), then fit a logistic regression."""
    steps = [("scale", StandardScaler())]
    if sampler is not None:
        steps.append(("sample", sampler))
    steps.append(("model", LogisticRegression(**kwargs)))
    return Pipeline(steps)


models = {
    "plain LR": logistic(),
    "class_weight": logistic(class_weight="balanced"),
    "undersampling": logistic(RandomUnderSampler(random_state=1)),
    "SMOTE": logistic(SMOTE(random_state=1)),
    "SMOTEENN": logistic(SMOTEENN(random_state=1)),
    "SMOTETomek": logistic(SMOTETomek(random_state=1)),
    "tuned threshold": TunedThresholdClassifierCV(
        logistic(), scoring="f1", cv=3, thresholds=50, random_state=1
    ),
    "gradient boosting": HistGradientBoostingClassifier(random_state=1),
    "balanced RF": BalancedRandomForestClassifier(
        n_estimators=50, sampling_strategy="all", replacement=True, bootstrap=False, random_state=1
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

print(f"digits, 8 vs rest: {dict(sorted(Counter(y.tolist()).items()))}")
print(f"{'model':<18}" + "".join(f"{label:>10}" for label in metrics.values()) + f"{'AP sd':>8}")
means, spreads = {}, {}
for name, model in models.items():
    scores = cross_validate(model, X, y, cv=cv, scoring=list(metrics))
    # Scorers are "greater is better", so the Brier score comes back negated.
    means[name] = {m: abs(scores[f"test_{m}"].mean()) for m in metrics}
    spreads[name] = {m: scores[f"test_{m}"].std() for m in metrics}
    row = "".join(f"{means[name][m]:>10.4f}" for m in metrics)
    # The spread of average precision over the ten folds, to judge which gaps are noise.
    print(f"{name:<18}{row}{spreads[name]['average_precision']:>8.4f}")

fig, axes = plt.subplots(
    1, 3, figsize=(10, 4), sharey=True,
    label="Digits, 8 against the rest: F1, average precision and Brier score of nine models, as "
    "bars with error bars of one standard deviation over the folds; the means are "
    "those in the printed table.",
)
names = list(models)
for ax, metric in zip(axes, ["f1", "average_precision", "neg_brier_score"]):
    ax.barh(
        names, [means[n][metric] for n in names], xerr=[spreads[n][metric] for n in names],
        color="tab:blue", ecolor="grey",
    )
    ax.set_title(metrics[metric] + (" (lower is better)" if metric == "neg_brier_score" else ""))
axes[0].invert_yaxis()
fig.tight_layout()
plt.show()
