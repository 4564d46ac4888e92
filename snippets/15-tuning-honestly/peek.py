"""Exercise: choose among the same candidates by their test score, and see what that number is worth."""

import numpy as np
from imblearn.pipeline import Pipeline
from imblearn.under_sampling import RandomUnderSampler
from sklearn.base import clone
from sklearn.datasets import make_classification
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score
from sklearn.model_selection import (
    FixedThresholdClassifier,
    ParameterGrid,
    train_test_split,
)

SEED = 1  # every random draw below comes from this number: change it for another draw

population_X, population_y = make_classification(
    n_samples=40_000,
    n_features=10,
    n_informative=4,
    weights=[0.95],
    n_clusters_per_class=1,
    class_sep=0.5,
    flip_y=0,
    random_state=SEED,
)
X, y = population_X[:4_000], population_y[:4_000]  # the 4,000 labelled cases we have
X_dev, X_test, y_dev, y_test = train_test_split(
    X, y, test_size=0.25, stratify=y, random_state=SEED
)
# The rest of the population stands in for the cases the chosen model will meet next.
X_new, y_new = population_X[4_000:], population_y[4_000:]

# 0.1 to 0.9 in steps of 0.05
thresholds = [round(t, 2) for t in np.arange(0.1, 0.91, 0.05)]
grid = [
    {
        "estimator__sample": ["passthrough"],
        "estimator__model__class_weight": [None, "balanced"],
        "threshold": thresholds,
    },
    {
        "estimator__sample": [RandomUnderSampler(random_state=SEED)],
        "estimator__sample__sampling_strategy": [0.25, 1.0],
        "threshold": thresholds,
    },
]
base = FixedThresholdClassifier(
    Pipeline([("sample", "passthrough"), ("model", LogisticRegression())])
)
test_scores, new_scores, flagged_new = [], [], []
for params in ParameterGrid(grid):
    model = clone(base).set_params(**params).fit(X_dev, y_dev)
    test_scores.append(f1_score(y_test, model.predict(X_test)))
    flagged_new.append(model.predict(X_new) == 1)
    new_scores.append(f1_score(y_new, flagged_new[-1]))
test_scores, new_scores = np.array(test_scores), np.array(new_scores)
peeked = int(np.argmax(test_scores))
print(f"best test F1 among {len(test_scores)} candidates: {test_scores[peeked]:.3f}")
print(f"the same candidate on {len(y_new)} new cases:     {new_scores[peeked]:.3f}")
best_new = int(np.argmax(new_scores))
print(
    f"best F1 on the new cases, any candidate:  {new_scores[best_new]:.3f}"
    f" ({'the same' if best_new == peeked else 'a different'} candidate)"
)
# How kind is this test set to the candidates, all of them, chosen or not?
kindness = np.mean(test_scores - new_scores)
print(
    f"all {len(test_scores)} candidates, mean F1 on this test set minus on the new cases: {kindness:+.3f}"
)

# Many test sets like this one (50 positives, 950 negatives), drawn from the new cases:
# on each, choose the best candidate and score it on the new cases it was not drawn from.
flagged_new, positive = np.array(flagged_new), y_new == 1
rng = np.random.default_rng(SEED)
chosen_there, chosen_elsewhere, fixed_there, fixed_elsewhere, kindnesses = (
    [],
    [],
    [],
    [],
    [],
)
for _ in range(1_000):
    drawn = np.zeros(len(y_new), dtype=bool)
    drawn[rng.choice(np.flatnonzero(positive), 50, replace=False)] = True
    drawn[rng.choice(np.flatnonzero(~positive), 950, replace=False)] = True
    scores = {}
    for part, rows in [("there", drawn), ("elsewhere", ~drawn)]:
        flags, truth = flagged_new[:, rows], positive[rows]
        true_pos = np.sum(flags & truth, axis=1)
        errors = np.sum(flags != truth, axis=1)
        scores[part] = (
            2 * true_pos / (2 * true_pos + errors)
        )  # F1, for all candidates at once
    kindnesses.append(np.mean(scores["there"] - scores["elsewhere"]))
    choice = int(np.argmax(scores["there"]))
    chosen_there.append(scores["there"][choice])
    chosen_elsewhere.append(scores["elsewhere"][choice])
    # For contrast: one candidate fixed in advance (the one peeking picked above).
    fixed_there.append(scores["there"][peeked])
    fixed_elsewhere.append(scores["elsewhere"][peeked])
print()
print("over 1000 test sets drawn from the new cases, mean F1:")
print(f"{'':<32} {'on the test set':>15} {'on the rest':>11} {'gap':>6}")
for name, there, elsewhere in [
    ("best candidate on each test set", chosen_there, chosen_elsewhere),
    ("one candidate fixed in advance", fixed_there, fixed_elsewhere),
]:
    gap = np.mean(there) - np.mean(elsewhere)
    print(
        f"{name:<32} {np.mean(there):>15.3f} {np.mean(elsewhere):>11.3f} {gap:>+6.3f}"
    )
print(
    f"test sets as kind to all candidates as this one (mean difference {kindness:+.3f} or more):"
    f" {np.mean(np.array(kindnesses) >= kindness):.0%}"
)
