"""Recalibrate with isotonic regression instead of a sigmoid, and compare Brier score and ROC AUC."""

from imblearn.pipeline import Pipeline
from imblearn.under_sampling import RandomUnderSampler
from sklearn.calibration import CalibratedClassifierCV
from sklearn.datasets import make_classification
from sklearn.frozen import FrozenEstimator
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import brier_score_loss, roc_auc_score
from sklearn.model_selection import train_test_split

X, y = make_classification(
    n_samples=10_000,
    n_features=2,
    n_redundant=0,
    n_clusters_per_class=1,
    weights=[0.99],
    flip_y=0,
    random_state=1,
)
X_train, X_rest, y_train, y_rest = train_test_split(
    X, y, test_size=0.5, stratify=y, random_state=1
)
X_calib, X_test, y_calib, y_test = train_test_split(
    X_rest, y_rest, test_size=0.5, stratify=y_rest, random_state=1
)
model = Pipeline(
    [("under", RandomUnderSampler(random_state=1)), ("model", LogisticRegression())]
)
model.fit(X_train, y_train)
proba = model.predict_proba(X_test)[:, 1]
print(
    f"{'undersampled':<14} Brier {brier_score_loss(y_test, proba):.4f}  ROC AUC {roc_auc_score(y_test, proba):.4f}"
)
for method in ("sigmoid", "isotonic"):
    recalibrated = CalibratedClassifierCV(FrozenEstimator(model), method=method).fit(
        X_calib, y_calib
    )
    proba = recalibrated.predict_proba(X_test)[:, 1]
    print(
        f"+ {method:<12} Brier {brier_score_loss(y_test, proba):.4f}"
        f"  ROC AUC {roc_auc_score(y_test, proba):.4f}  distinct values {len(set(proba.tolist())):>4}"
    )
