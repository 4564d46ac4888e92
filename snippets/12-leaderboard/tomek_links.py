"""Count what the Tomek-link cleaning of SMOTETomek removes after SMOTE, on the digits and on the synthetic data."""

from collections import Counter

from imblearn.combine import SMOTETomek
from imblearn.over_sampling import SMOTE
from sklearn.datasets import load_digits, make_classification
from sklearn.preprocessing import StandardScaler

SEED = 1  # every random draw below comes from this number: change it for another draw

X_synthetic, y_synthetic = make_classification(
    n_samples=10_000,
    n_features=2,
    n_redundant=0,
    n_clusters_per_class=1,
    weights=[0.99],
    flip_y=0,
    random_state=SEED,
)
X_digits, digit = load_digits(return_X_y=True)
for name, X, y in [
    ("synthetic", X_synthetic, y_synthetic),
    ("digits", X_digits, (digit == 8).astype(int)),
]:
    X = StandardScaler().fit_transform(X)  # as in the leaderboard's pipelines
    _, y_smote = SMOTE(random_state=SEED).fit_resample(X, y)
    _, y_both = SMOTETomek(random_state=SEED).fit_resample(X, y)
    removed = len(y_smote) - len(y_both)
    print(
        f"{name:<10} after SMOTE {dict(Counter(y_smote.tolist()))}, after SMOTETomek "
        f"{dict(Counter(y_both.tolist()))}: {removed} rows removed"
    )
