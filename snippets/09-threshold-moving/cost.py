"""Choose the threshold that minimises an explicit cost: a missed positive costs 20 false alarms."""
import matplotlib.pyplot as plt
import numpy as np
from sklearn.datasets import make_classification
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import make_scorer
from sklearn.model_selection import TunedThresholdClassifierCV, train_test_split

COST_FALSE_NEGATIVE = 20.0  # a missed positive, e.g. a fraud that goes through
COST_FALSE_POSITIVE = 1.0  # a false alarm, e.g. a legitimate payment checked by hand


def total_cost(y_true, y_pred):
    false_negatives = np.sum((y_true == 1) & (y_pred == 0))
    false_positives = np.sum((y_true == 0) & (y_pred == 1))
    return COST_FALSE_NEGATIVE * false_negatives + COST_FALSE_POSITIVE * false_positives


X, y = make_classification(
    n_samples=10_000,
    n_features=2,
    n_redundant=0,
    n_clusters_per_class=1,
    weights=[0.99],
    flip_y=0,
    random_state=1,
)
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.5, stratify=y, random_state=1)
# greater_is_better=False: the tuner maximises the negated cost.
cost_scorer = make_scorer(total_cost, greater_is_better=False)
tuned = TunedThresholdClassifierCV(
    LogisticRegression(), scoring=cost_scorer, cv=3, thresholds=50, random_state=1
).fit(X_train, y_train)

# For well-calibrated probabilities, decision theory gives the threshold directly.
theory = COST_FALSE_POSITIVE / (COST_FALSE_POSITIVE + COST_FALSE_NEGATIVE)
proba = tuned.estimator_.predict_proba(X_test)[:, 1]
grid = np.linspace(0.005, 0.995, 199)
costs = [total_cost(y_test, (proba >= t).astype(int)) for t in grid]
for name, threshold in [("default", 0.5), ("tuned", tuned.best_threshold_), ("cost ratio", theory)]:
    cost = total_cost(y_test, (proba >= threshold).astype(int))
    print(f"{name:<10} threshold {threshold:.3f}  test cost {cost:7.0f}")

fig, ax = plt.subplots(
    figsize=(6, 4),
    label="Total cost on the test half against the decision threshold: very high at 0, "
    "lowest at small thresholds, then rising towards 1; the default 0.5, the tuned "
    "threshold and the cost-ratio threshold are marked.",
)
ax.plot(grid, costs, color="black", linewidth=1)
for name, threshold, style, colour in [
    ("default 0.5", 0.5, ":", "tab:grey"),
    (f"tuned {tuned.best_threshold_:.3f}", tuned.best_threshold_, "--", "tab:orange"),
    (f"cost ratio {theory:.3f}", theory, "-.", "tab:blue"),
]:
    ax.axvline(threshold, linestyle=style, color=colour, label=name)
ax.set_xlabel("decision threshold")
ax.set_ylabel("total cost on the test half")
ax.legend()
fig.tight_layout()
plt.show()
