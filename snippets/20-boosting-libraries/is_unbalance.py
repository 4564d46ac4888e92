"""Which weight does LightGBM's is_unbalance=True choose, and where does it start?"""

import lightgbm as lgb
import numpy as np
from sklearn.datasets import make_classification

SEED = 1  # every random draw below comes from this number: change it for another draw
QUIET = {"n_jobs": 1, "verbose": -1}  # one core; no log lines from LightGBM

X, y = make_classification(
    n_samples=5_000, n_features=10, weights=[0.95], flip_y=0.01, random_state=SEED
)
ratio = (y == 0).sum() / (y == 1).sum()
print(f"negatives per positive: {ratio:.2f}")

auto = lgb.LGBMClassifier(is_unbalance=True, **QUIET).fit(X, y)
for name, weight in [("ratio", ratio), ("square root of the ratio", np.sqrt(ratio))]:
    knob = lgb.LGBMClassifier(scale_pos_weight=weight, **QUIET).fit(X, y)
    gap = np.abs(auto.predict_proba(X) - knob.predict_proba(X)).max()
    print(f"is_unbalance against scale_pos_weight = {name}: largest gap {gap:.1e}")

# One tree that barely moves: its raw score is where boosting started.
still = lgb.LGBMClassifier(
    is_unbalance=True, n_estimators=1, learning_rate=1e-12, **QUIET
)
start = still.fit(X, y).predict(X[:1], raw_score=True)[0]
print(
    f"is_unbalance starts from log odds {start:+.3f}; the data's are {np.log(1 / ratio):+.3f}"
)
