"""Sweep the minority-class weight and watch precision, recall and F1 trade places."""

import matplotlib.pyplot as plt
from sklearn.datasets import make_classification
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score, precision_score, recall_score
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

minority_weights = [1, 2, 5, 10, 20, 50, 99]
rows = []
print(f"{'weight':>6} {'precision':>9} {'recall':>6} {'F1':>6}")
for weight in minority_weights:
    # The majority class keeps weight 1; weight 1 for both is the plain model.
    model = LogisticRegression(class_weight={0: 1, 1: weight}).fit(X_train, y_train)
    y_pred = model.predict(X_test)
    row = (
        precision_score(y_test, y_pred),
        recall_score(y_test, y_pred),
        f1_score(y_test, y_pred),
    )
    rows.append(row)
    print(f"{weight:>6} {row[0]:>9.3f} {row[1]:>6.3f} {row[2]:>6.3f}")

fig, ax = plt.subplots(
    figsize=(6, 4.5),
    label="Line chart of precision, recall and F1 on the test set against the weight "
    "given to the minority class, from 1 to 99 on a log scale: as the weight grows, "
    "recall rises and precision falls.",
)
for i, name in enumerate(["precision", "recall", "F1"]):
    ax.plot(minority_weights, [row[i] for row in rows], marker="o", label=name)
ax.set_xscale("log")
ax.set_xticks(minority_weights, [str(w) for w in minority_weights])
ax.set_xlabel("weight of the minority class (majority = 1)")
ax.set_ylabel("score on the test set")
ax.set_ylim(0, 1)
ax.legend()
plt.show()
