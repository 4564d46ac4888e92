"""Print the Python and library versions this course was run with, as a pip command."""

import platform
from importlib.metadata import version

packages = ["numpy", "scipy", "scikit-learn", "imbalanced-learn", "matplotlib"]
print(f"# Python {platform.python_version()}")
print("pip install " + " ".join(f"{name}=={version(name)}" for name in packages))
