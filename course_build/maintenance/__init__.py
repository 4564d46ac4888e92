"""The maintainers' commands, apart from what a build runs: each writes a
record or a report that the build and the tests only read.

- ``durations``: how long each snippet takes on one core (``snippets/durations.toml``);
- ``stability``: how often each printed verdict holds over draws of the random
  sources (``snippets/stability.toml``), swept on Dask;
- ``benchmark``: the build's speed, as ratios measured in one run;
- ``drift``: every snippet run again on other versions of the libraries.
"""
