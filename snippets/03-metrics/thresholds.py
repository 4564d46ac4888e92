"""Why ROC looks kinder than precision: the same false positives, measured two ways."""

from sklearn.datasets import make_classification
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import confusion_matrix
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
scores = LogisticRegression().fit(X_train, y_train).predict_proba(X_test)[:, 1]

print(
    f"{'threshold':>9} {'TP':>4} {'FP':>4}  {'recall':>6}  {'FP rate':>7}  {'precision':>9}"
)
for threshold in (0.5, 0.2, 0.1, 0.05, 0.02):
    y_pred = (scores >= threshold).astype(int)
    tn, fp, fn, tp = (int(n) for n in confusion_matrix(y_test, y_pred).ravel())
    # ROC's x-axis divides FP by all negatives; precision divides TP by all alarms.
    print(
        f"{threshold:>9} {tp:>4} {fp:>4}  {tp / (tp + fn):>6.3f}"
        f"  {fp / (fp + tn):>7.3f}  {tp / (tp + fp):>9.3f}"
    )
