"""Balanced ensembles against plain tree ensembles and logistic regression, fold by fold, on digits: is it an 8?"""

import numpy as np
from imblearn.ensemble import (
    BalancedBaggingClassifier,
    BalancedRandomForestClassifier,
    EasyEnsembleClassifier,
    RUSBoostClassifier,
)
from scipy import stats
from sklearn.datasets import load_digits
from sklearn.ensemble import (
    AdaBoostClassifier,
    HistGradientBoostingClassifier,
    RandomForestClassifier,
)
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import RepeatedStratifiedKFold, cross_validate
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.tree import DecisionTreeClassifier

SEED = 1  # every random draw below comes from this number: change it for another draw


def compare(metric, name_a, scores_a, name_b, scores_b, n_splits):
    """Print the paired verdict of lesson 8 for two models scored on the same folds."""
    diff = np.asarray(scores_a) - np.asarray(scores_b)
    n = len(diff)
    # Nadeau-Bengio: the folds' training sets overlap, which a plain t-test ignores.
    se = np.sqrt((1 / n + 1 / (n_splits - 1)) * diff.var(ddof=1))
    p = (
        2 * stats.t.sf(abs(diff.mean()) / se, df=n - 1)
        if se > 0
        else float(diff.mean() == 0)
    )
    wins, losses = int((diff > 0).sum()), int((diff < 0).sum())
    if p < 0.05:
        verdict = "beats" if diff.mean() > 0 else "loses to"
    elif max(wins, losses) >= 0.8 * n:
        verdict = "edges" if wins > losses else "trails"
    else:
        verdict = "ties with"
    print(
        f"{metric}: {name_a} {verdict} {name_b} | difference {diff.mean():+.4f}, "
        f"sd {diff.std(ddof=1):.4f} | wins {wins}, ties {n - wins - losses}, "
        f"losses {losses} of {n} | p = {p:.3f}"
    )


X, digit = load_digits(return_X_y=True)
# One-vs-rest: the digit 8 against the nine others, about one image in ten.
y = (digit == 8).astype(int)
print(f"{len(y)} images, {y.sum()} of them eights, {X.shape[1]} pixel features\n")
# The sampling parameters are written out, so that a change of default cannot change the results.
models = {
    "plain LR": make_pipeline(StandardScaler(), LogisticRegression()),
    "random forest": RandomForestClassifier(n_estimators=15, random_state=SEED),
    "gradient boosting": HistGradientBoostingClassifier(max_iter=20, random_state=SEED),
    "gradient boosting (balanced)": HistGradientBoostingClassifier(
        max_iter=20, class_weight="balanced", random_state=SEED
    ),
    "balanced random forest": BalancedRandomForestClassifier(
        n_estimators=15,
        sampling_strategy="all",
        replacement=True,
        bootstrap=False,
        random_state=SEED,
    ),
    "balanced bagging": BalancedBaggingClassifier(
        estimator=DecisionTreeClassifier(),
        n_estimators=5,
        sampling_strategy="auto",
        replacement=False,
        random_state=SEED,
    ),
    # Three balanced subsets, each boosted for ten rounds.
    "easy ensemble": EasyEnsembleClassifier(
        n_estimators=3,
        estimator=AdaBoostClassifier(n_estimators=10),
        sampling_strategy="auto",
        replacement=False,
        random_state=SEED,
    ),
    "RUSBoost": RUSBoostClassifier(
        estimator=DecisionTreeClassifier(max_depth=3),
        n_estimators=10,
        learning_rate=0.1,
        sampling_strategy="auto",
        replacement=False,
        random_state=SEED,
    ),
}
metrics = {
    "f1": "F1",
    "average_precision": "AP",
    "roc_auc": "ROC AUC",
    "balanced_accuracy": "bal. acc.",
    "neg_brier_score": "Brier",
}
# One splitter for every model: 5 folds, repeated 4 times, the same 20 folds for all.
cv = RepeatedStratifiedKFold(n_splits=5, n_repeats=4, random_state=SEED)
scores = {
    name: cross_validate(model, X, y, cv=cv, scoring=list(metrics))
    for name, model in models.items()
}

print(
    f"{'mean over 20 folds':<29}"
    + "".join(f"{label:>10}" for label in metrics.values())
)
for name in models:
    # Scorers are "greater is better", so the Brier score comes back negated.
    print(
        f"{name:<29}"
        + "".join(f"{abs(scores[name][f'test_{m}'].mean()):>10.4f}" for m in metrics)
    )

print(
    "\npaired, fold by fold (on the negated Brier score, positive means A's is lower):"
)
for name in list(models)[1:]:
    compare(
        "AP",
        name,
        scores[name]["test_average_precision"],
        "plain LR",
        scores["plain LR"]["test_average_precision"],
        5,
    )
for balanced, plain in [
    ("balanced random forest", "random forest"),
    ("gradient boosting (balanced)", "gradient boosting"),
]:
    for metric in ("average_precision", "f1", "balanced_accuracy", "neg_brier_score"):
        compare(
            metrics[metric],
            balanced,
            scores[balanced][f"test_{metric}"],
            plain,
            scores[plain][f"test_{metric}"],
            5,
        )
