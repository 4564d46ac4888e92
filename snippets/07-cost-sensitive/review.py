"""Look behind the F-measure of the cost-sensitive model: precision, recall and its errors."""

from sklearn.datasets import make_classification
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import confusion_matrix, f1_score, precision_score, recall_score
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
y_pred = (
    LogisticRegression(class_weight="balanced").fit(X_train, y_train).predict(X_test)
)

tn, fp, fn, tp = (int(n) for n in confusion_matrix(y_test, y_pred).ravel())
print(f"precision: {precision_score(y_test, y_pred):.3f}")
print(f"recall:    {recall_score(y_test, y_pred):.3f}")
print(f"F-measure: {f1_score(y_test, y_pred):.3f}")
print(f"found {tp} of {tp + fn} minority examples, with {fp} false alarms")
print(f"false alarms per minority example found: {fp / tp:.1f}")
