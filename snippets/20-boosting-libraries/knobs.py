"""scale_pos_weight is a sample weight on the positives: the same trees once two
defaults are set aside, and what the weight does to probabilities and ranking."""

import lightgbm as lgb
import numpy as np
import xgboost as xgb
from scipy.special import expit
from sklearn.datasets import make_classification
from sklearn.metrics import (
    average_precision_score,
    brier_score_loss,
    log_loss,
    roc_auc_score,
)
from sklearn.model_selection import train_test_split

SEED = 1  # every random draw below comes from this number: change it for another draw
# Both libraries use every core by default, and LightGBM logs warnings:
# n_jobs=1 and verbose=-1 keep the run to one core and the output to our prints.
LIGHTGBM = {"n_jobs": 1, "verbose": -1}
XGBOOST = {"n_jobs": 1}

X, y = make_classification(
    n_samples=10_000,
    n_features=10,
    n_informative=5,
    weights=[0.97],
    flip_y=0.01,
    random_state=SEED,
)
X_train, X_test, y_train, y_test = train_test_split(
    X, y, test_size=0.5, stratify=y, random_state=SEED
)
w = (y_train == 0).sum() / (y_train == 1).sum()  # negatives per positive
sample_weight = np.where(y_train == 1, w, 1.0)
print(f"weight on the positives: w = {w:.1f}")


def same_trees(knob, weighted, trees_a, trees_b, feature, threshold):
    """Whether two boosters split on the same features at the same values
    (to 1e-9: a split at zero is stored as +1e-35 or -1e-35), and how far
    apart their predicted probabilities are."""
    same = (
        trees_a.shape == trees_b.shape
        and trees_a[feature].equals(trees_b[feature])
        and np.allclose(
            trees_a[threshold], trees_b[threshold], atol=1e-9, equal_nan=True
        )
    )
    gap = np.abs(knob.predict_proba(X_test) - weighted.predict_proba(X_test)).max()
    return f"same splits in every tree: {same}; largest gap in probability {gap:.1e}"


print("\nLightGBM: scale_pos_weight=w against sample_weight")
for start in (True, False):
    settings = {"boost_from_average": start, **LIGHTGBM}
    knob = lgb.LGBMClassifier(scale_pos_weight=w, **settings).fit(X_train, y_train)
    weighted = lgb.LGBMClassifier(**settings).fit(X_train, y_train, sample_weight)
    trees_a, trees_b = (m.booster_.trees_to_dataframe() for m in (knob, weighted))
    print(
        f"  boost_from_average={start}: "
        + same_trees(knob, weighted, trees_a, trees_b, "split_feature", "threshold")
    )
# One tree that barely moves: its raw score is where boosting started.
for name, kwargs, fit_weight in [
    ("scale_pos_weight", {"scale_pos_weight": w}, None),
    ("sample_weight", {}, sample_weight),
]:
    still = lgb.LGBMClassifier(
        n_estimators=1, learning_rate=1e-12, **kwargs, **LIGHTGBM
    )
    start = still.fit(X_train, y_train, fit_weight).predict(X_test[:1], raw_score=True)
    print(f"  starting log odds with {name}: {round(start[0], 3) + 0.0:+.3f}")
odds = (y_train == 1).sum() / (y_train == 0).sum()
print(
    f"  log odds of the training set: {np.log(odds):+.3f} unweighted, {np.log(w * odds):+.3f} weighted"
)

print("\nXGBoost: scale_pos_weight=w against sample_weight")
# The default histogram method, with as many bins as the data have values, and exact splits.
for method, bins in [("hist", 256), ("hist", 10_000), ("exact", 256)]:
    settings = {"tree_method": method, "max_bin": bins, **XGBOOST}
    knob = xgb.XGBClassifier(scale_pos_weight=w, **settings).fit(X_train, y_train)
    weighted = xgb.XGBClassifier(**settings).fit(
        X_train, y_train, sample_weight=sample_weight
    )
    trees_a, trees_b = (m.get_booster().trees_to_dataframe() for m in (knob, weighted))
    print(
        f"  tree_method={method!r}{f', max_bin={bins}' if method == 'hist' else ''}: "
        + same_trees(knob, weighted, trees_a, trees_b, "Feature", "Split")
    )

# What the weight does: LightGBM as it comes, without and with scale_pos_weight,
# and the weighted model's scores with lesson 13's correction (subtract log w).
plain = lgb.LGBMClassifier(**LIGHTGBM).fit(X_train, y_train)
knob = lgb.LGBMClassifier(scale_pos_weight=w, **LIGHTGBM).fit(X_train, y_train)
probabilities = {
    "plain": plain.predict_proba(X_test)[:, 1],
    "scale_pos_weight=w": knob.predict_proba(X_test)[:, 1],
    "weighted, corrected": expit(knob.predict(X_test, raw_score=True) - np.log(w)),
}
print(f"\nshare of positives in the test set: {y_test.mean():.4f}")
print(f"{'':<22} {'mean p':>7} {'Brier':>7} {'log loss':>8} {'ROC AUC':>7} {'AP':>7}")
for name, p in probabilities.items():
    print(
        f"{name:<22} {p.mean():>7.4f} {brier_score_loss(y_test, p):>7.4f}"
        f" {log_loss(y_test, p):>8.4f} {roc_auc_score(y_test, p):>7.4f}"
        f" {average_precision_score(y_test, p):>7.4f}"
    )
