"""Repeat the leak experiment with random undersampling: before cross-validation, and inside it."""

from collections import Counter

from imblearn.pipeline import Pipeline
from imblearn.under_sampling import RandomUnderSampler
from sklearn.datasets import make_classification
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import RepeatedStratifiedKFold, cross_val_score

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
cv = RepeatedStratifiedKFold(n_splits=5, n_repeats=2, random_state=SEED)

X_under, y_under = RandomUnderSampler(random_state=SEED).fit_resample(X, y)
before = cross_val_score(LogisticRegression(), X_under, y_under, scoring="f1", cv=cv)

pipeline = Pipeline(
    [("under", RandomUnderSampler(random_state=SEED)), ("model", LogisticRegression())]
)
inside = cross_val_score(pipeline, X, y, scoring="f1", cv=cv)

_, before_test = next(cv.split(X_under, y_under))
print(f"undersampled before CV: F1 = {before.mean():.3f} ± {before.std():.3f}")
print(
    f"  a test fold:          {dict(sorted(Counter(y_under[before_test].tolist()).items()))}"
)
print(f"undersampled inside CV: F1 = {inside.mean():.3f} ± {inside.std():.3f}")
