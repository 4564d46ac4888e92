"""Score SMOTE + logistic regression twice: resampled before cross-validation (a leak), and inside it."""
from collections import Counter

from imblearn.over_sampling import SMOTE
from imblearn.pipeline import Pipeline
from sklearn.datasets import make_classification
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import RepeatedStratifiedKFold, cross_val_score

X, y = make_classification(
    n_samples=10_000,
    n_features=2,
    n_redundant=0,
    n_clusters_per_class=1,
    weights=[0.99],
    flip_y=0,
    random_state=1,
)
cv = RepeatedStratifiedKFold(n_splits=5, n_repeats=2, random_state=1)

# Wrong: SMOTE sees every row, so the test folds hold synthetic points
# made from training rows, and far more minority examples than real data has.
X_smote, y_smote = SMOTE(random_state=1).fit_resample(X, y)
leaky = cross_val_score(LogisticRegression(), X_smote, y_smote, scoring="f1", cv=cv)

# Right: the pipeline resamples the training folds only; test folds stay untouched.
pipeline = Pipeline([("smote", SMOTE(random_state=1)), ("model", LogisticRegression())])
fair = cross_val_score(pipeline, X, y, scoring="f1", cv=cv)

_, leaky_test = next(cv.split(X_smote, y_smote))
_, fair_test = next(cv.split(X, y))
print(f"SMOTE before CV:  F1 = {leaky.mean():.3f} ± {leaky.std():.3f}")
print(f"  a test fold:    {dict(sorted(Counter(y_smote[leaky_test].tolist()).items()))}")
print(f"SMOTE inside CV:  F1 = {fair.mean():.3f} ± {fair.std():.3f}")
print(f"  a test fold:    {dict(sorted(Counter(y[fair_test].tolist()).items()))}")
