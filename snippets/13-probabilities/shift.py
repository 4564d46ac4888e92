"""Undersampling and class weights inflate predicted probabilities; two formulas undo the shift."""

import matplotlib.pyplot as plt
import numpy as np
from imblearn.under_sampling import RandomUnderSampler
from sklearn.datasets import make_classification
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import brier_score_loss, log_loss
from sklearn.model_selection import train_test_split

SEED = 1  # every random draw below comes from this number: change it for another draw

X, y = make_classification(
    n_samples=10_000,
    n_features=2,
    n_redundant=0,
    n_clusters_per_class=1,
    weights=[0.99],
    flip_y=0,
    random_state=SEED,
)
X_train, X_test, y_train, y_test = train_test_split(
    X, y, test_size=0.5, stratify=y, random_state=SEED
)

plain = LogisticRegression().fit(X_train, y_train)

# Undersampling to 1:1 keeps a fraction beta of the negatives (and every positive).
X_under, y_under = RandomUnderSampler(random_state=SEED).fit_resample(X_train, y_train)
beta = (y_under == 0).sum() / (y_train == 0).sum()
undersampled = LogisticRegression().fit(X_under, y_under)
p_under = undersampled.predict_proba(X_test)[:, 1]
p_under_corrected = beta * p_under / (beta * p_under - p_under + 1)

# class_weight="balanced" gives each positive the weight of n_negative / n_positive negatives.
weighted = LogisticRegression(class_weight="balanced").fit(X_train, y_train)
weight_ratio = (y_train == 0).sum() / (y_train == 1).sum()
logit = weighted.decision_function(X_test) - np.log(weight_ratio)
p_weighted_corrected = 1 / (1 + np.exp(-logit))

print(f"beta (share of negatives kept): {beta:.4f}   weight ratio: {weight_ratio:.1f}")
print(f"share of positives in the test half: {y_test.mean():.4f}")
print(f"{'model':<26} {'mean P(1)':>9} {'Brier':>7} {'log loss':>9}")
probabilities = {
    "plain": plain.predict_proba(X_test)[:, 1],
    "undersampled": p_under,
    "undersampled, corrected": p_under_corrected,
    "class_weight": weighted.predict_proba(X_test)[:, 1],
    "class_weight, corrected": p_weighted_corrected,
}
for name, p in probabilities.items():
    print(
        f"{name:<26} {p.mean():>9.4f} {brier_score_loss(y_test, p):>7.4f} {log_loss(y_test, p):>9.4f}"
    )

fig, ax = plt.subplots(
    figsize=(5, 5),
    label="Corrected probability of each test example against the plain model's probability, "
    "on log scales: both corrected models lie close to the diagonal, the undersampled one "
    "with more scatter.",
)
for name in ("undersampled, corrected", "class_weight, corrected"):
    ax.scatter(probabilities["plain"], probabilities[name], s=4, alpha=0.5, label=name)
ax.plot([1e-6, 1], [1e-6, 1], "k:", label="equal")
ax.set(xscale="log", yscale="log", xlim=(1e-6, 1), ylim=(1e-6, 1))
ax.set_xlabel("plain model's probability of class 1")
ax.set_ylabel("corrected probability")
ax.legend()
fig.tight_layout()
plt.show()
