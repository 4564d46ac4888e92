"""A pytest plugin (loaded with ``-p`` in pyproject.toml) that ends every run
with the suite's time T beside the time C of the build it made, when that
build ran every snippet (a cold build, as from a fresh clone): the project
aims for T <= 4 C (README.md). It only reports; the benchmark
(``python -m course_build.maintenance.benchmark --suite``) is what checks the target.

The build runs in whichever xdist worker needs the site first; that worker
passes its time to the controller, which prints the summary."""

from __future__ import annotations

import time
from dataclasses import asdict, dataclass

import pytest


@dataclass(frozen=True)
class BuildTime:
    seconds: float  # the build command's wall time, start to exit
    snippets_run: int
    snippets: int


BUILD_TIME = pytest.StashKey[BuildTime]()
STARTED = pytest.StashKey[float]()
TARGET = 4.0


def pytest_sessionstart(session: pytest.Session) -> None:
    session.config.stash[STARTED] = time.perf_counter()


def pytest_sessionfinish(session: pytest.Session) -> None:
    # In an xdist worker: hand the build's time to the controller.
    if hasattr(session.config, "workeroutput") and BUILD_TIME in session.config.stash:
        session.config.workeroutput["build_time"] = asdict(session.config.stash[BUILD_TIME])


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node, error) -> None:
    if "build_time" in getattr(node, "workeroutput", {}):
        node.config.stash[BUILD_TIME] = BuildTime(**node.workeroutput["build_time"])


def summary(suite_seconds: float, build: BuildTime) -> str:
    if build.snippets_run < build.snippets:
        return (
            f"the suite's build ran {build.snippets_run} of {build.snippets} snippets (the rest were cached) "
            f"in {build.seconds:.1f} s; T <= {TARGET:g} C is measured against a cold build (a fresh clone)"
        )
    ratio = suite_seconds / build.seconds
    return (
        f"suite T = {suite_seconds:.1f} s, its cold build C = {build.seconds:.1f} s "
        f"({build.snippets} snippets): T / C = {ratio:.2f} (target <= {TARGET:g})"
    )


def pytest_terminal_summary(terminalreporter, config: pytest.Config) -> None:
    if BUILD_TIME in config.stash and STARTED in config.stash:
        terminalreporter.write_sep("-", "suite time")
        terminalreporter.write_line(summary(time.perf_counter() - config.stash[STARTED], config.stash[BUILD_TIME]))
