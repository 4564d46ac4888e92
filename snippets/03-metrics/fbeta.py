"""Compare F0.5, F1 and F2: the F-beta measure leans towards precision or towards recall."""

from sklearn.datasets import make_classification
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import fbeta_score, precision_score, recall_score
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
y_pred = LogisticRegression().fit(X_train, y_train).predict(X_test)

print(f"{'precision:':<11}{precision_score(y_test, y_pred):.3f}")
print(f"{'recall:':<11}{recall_score(y_test, y_pred):.3f}")
for beta in (0.5, 1, 2):
    print(f"{f'F{beta}:':<11}{fbeta_score(y_test, y_pred, beta=beta):.3f}")
