"""Show what happens with the old way of calibrating a fitted model, cv="prefit"."""

from sklearn.calibration import CalibratedClassifierCV
from sklearn.datasets import make_classification
from sklearn.linear_model import LogisticRegression

SEED = 1  # every random draw below comes from this number: change it for another draw

X, y = make_classification(n_samples=1_000, weights=[0.9], random_state=SEED)
model = LogisticRegression().fit(X, y)
try:
    CalibratedClassifierCV(model, cv="prefit").fit(X, y)
except ValueError as error:  # InvalidParameterError is a ValueError
    print(f"{type(error).__name__}: {error}")
