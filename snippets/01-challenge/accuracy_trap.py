"""A model that always predicts the majority class: high accuracy, no minority example found."""

from collections import Counter

from sklearn.datasets import make_classification
from sklearn.dummy import DummyClassifier
from sklearn.metrics import accuracy_score, recall_score
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
# stratify=y keeps the 1:100 ratio in both halves.
X_train, X_test, y_train, y_test = train_test_split(
    X, y, test_size=0.5, stratify=y, random_state=SEED
)

# This "model" ignores X and always answers with the most common training label.
model = DummyClassifier(strategy="most_frequent")
model.fit(X_train, y_train)
y_pred = model.predict(X_test)

found = int(((y_pred == 1) & (y_test == 1)).sum())
print(f"test labels:      {dict(sorted(Counter(y_test.tolist()).items()))}")
print(f"predicted labels: {dict(sorted(Counter(y_pred.tolist()).items()))}")
print(f"accuracy:         {accuracy_score(y_test, y_pred):.3f}")
print(f"minority found:   {found} of {int((y_test == 1).sum())}")
print(f"recall (class 1): {recall_score(y_test, y_pred):.3f}")
