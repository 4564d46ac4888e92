"""Logit adjustment after training: with two classes it is a threshold at the
prior; with many, it moves the argmax towards the rare classes."""

import lightgbm as lgb
import numpy as np
from sklearn.datasets import make_classification
from sklearn.metrics import balanced_accuracy_score, recall_score
from sklearn.model_selection import train_test_split

SEED = 1  # every random draw below comes from this number: change it for another draw
QUIET = {"n_jobs": 1, "verbose": -1}  # one core; no log lines from LightGBM

# Two classes.
X, y = make_classification(
    n_samples=10_000, n_features=10, weights=[0.97], flip_y=0.01, random_state=SEED
)
X_train, X_test, y_train, y_test = train_test_split(
    X, y, test_size=0.5, stratify=y, random_state=SEED
)
prior = y_train.mean()
plain = lgb.LGBMClassifier(**QUIET).fit(X_train, y_train)
log_odds = plain.predict(X_test, raw_score=True)
adjusted = log_odds - np.log(prior / (1 - prior)) > 0
at_prior = plain.predict_proba(X_test)[:, 1] > prior
print(f"two classes, prior {prior:.4f}")
print(
    f"  adjusted log odds > 0 against probability > prior: {np.sum(adjusted != at_prior)} rows differ"
)
weighted = lgb.LGBMClassifier(scale_pos_weight=(1 - prior) / prior, **QUIET)
weighted_labels = weighted.fit(X_train, y_train).predict(X_test)
print(
    f"  adjusted plain model and scale_pos_weight at the ratio agree on {np.mean(adjusted == weighted_labels):.1%} of rows"
)
for name, labels in [
    ("plain, at 0.5", log_odds > 0),
    ("plain, adjusted", adjusted),
    ("scale_pos_weight at the ratio", weighted_labels),
]:
    print(
        f"  {name:<30} balanced accuracy {balanced_accuracy_score(y_test, labels):.4f}"
    )

# Many classes: subtract each class's log prior from its score, then take the argmax.
X, y = make_classification(
    n_samples=10_000,
    n_features=10,
    n_informative=5,
    n_classes=3,
    weights=[0.90, 0.08, 0.02],
    flip_y=0.01,
    random_state=SEED,
)
X_train, X_test, y_train, y_test = train_test_split(
    X, y, test_size=0.5, stratify=y, random_state=SEED
)
priors = np.bincount(y_train) / len(y_train)
model = lgb.LGBMClassifier(**QUIET).fit(X_train, y_train)
scores = model.predict(X_test, raw_score=True)  # one log-score per class
print(f"\nthree classes, priors {np.round(priors, 3)}")
for name, labels in [
    ("argmax", scores.argmax(axis=1)),
    ("adjusted argmax", (scores - np.log(priors)).argmax(axis=1)),
]:
    recalls = recall_score(y_test, labels, average=None)
    print(
        f"  {name:<16} recall per class {np.round(recalls, 3)},"
        f" balanced accuracy {balanced_accuracy_score(y_test, labels):.4f}"
    )
