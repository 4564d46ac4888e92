"""Compute precision, recall and F-measure by hand from the confusion matrix, and check them."""

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
y_pred = LogisticRegression().fit(X_train, y_train).predict(X_test)

# For labels [0, 1], ravel() lists the cells row by row: TN, FP, FN, TP.
tn, fp, fn, tp = (int(n) for n in confusion_matrix(y_test, y_pred).ravel())
print(f"TP={tp}  FP={fp}  FN={fn}  TN={tn}")

accuracy = (tp + tn) / (tp + tn + fp + fn)
precision = tp / (tp + fp)
recall = tp / (tp + fn)
f1 = 2 * precision * recall / (precision + recall)
print(f"accuracy  = ({tp} + {tn}) / {tp + tn + fp + fn} = {accuracy:.3f}")
print(f"precision = {tp} / ({tp} + {fp}) = {precision:.3f}")
print(f"recall    = {tp} / ({tp} + {fn}) = {recall:.3f}")
print(
    f"F1        = 2 * {precision:.3f} * {recall:.3f} / ({precision:.3f} + {recall:.3f}) = {f1:.3f}"
)

# The hand-made numbers agree with scikit-learn's.
assert abs(precision - precision_score(y_test, y_pred)) < 1e-12
assert abs(recall - recall_score(y_test, y_pred)) < 1e-12
assert abs(f1 - f1_score(y_test, y_pred)) < 1e-12
print("matches precision_score, recall_score and f1_score")
