"""Shared fixtures. The real site is built once per test session, with the
real ProperDocs and the real snippet runner, however many xdist workers there are."""

from __future__ import annotations

import fcntl
import os
import re
import subprocess
import sys
import time
import traceback
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.suite_time import BUILD_TIME, BuildTime

ROOT = Path(__file__).resolve().parents[1]
# Material's end-of-life notice, printed when MkDocs itself builds (README.md).
os.environ["NO_MKDOCS_2_WARNING"] = "1"
# Tests run side by side on every core; one thread each for OpenMP and BLAS
# keeps fresh runs and notebook kernels from fighting over the cores.
for _name in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_name, "1")


# The longest tests first, in this order; the rest keep pytest's order. xdist
# hands out tests one at a time (--maxschedchunk=1 in pyproject.toml), so no
# long test starts last and runs alone while the other worker sits idle.
LONGEST_FIRST = (
    "tests/test_notebooks.py::test_notebook_runs_in_a_fresh_kernel",
    "tests/test_reproducible.py",
    "tests/test_builders.py",
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    def rank(item: pytest.Item) -> int:
        return next((i for i, prefix in enumerate(LONGEST_FIRST) if item.nodeid.startswith(prefix)), len(LONGEST_FIRST))

    items.sort(key=rank)


# The suite builds the site as the deploy workflow does, with "Edit this page"
# buttons (COURSE_EDIT_URI); one build serves every check.
EDIT_URI = "https://example.org/course/edit/main/docs/"
# The build's last word on its snippets: "total of 84 (3 ran, 81 cached)".
SNIPPETS_RAN = re.compile(r"total of (\d+) \((\d+) ran, ")


def mkdocs_build(
    project: Path, site: Path, builder: str = "properdocs", edit_uri: str | None = None, print_pdf: bool = True
) -> subprocess.CompletedProcess:
    """A strict build of ``project``'s mkdocs.yml into ``site``, run from
    ``project``, by ProperDocs (or by ``builder``: ``mkdocs``), with the edit
    URL ``edit_uri`` if given. Like the deploy, it prints the course's PDF
    (``COURSE_PRINT_PDF``), unless ``print_pdf`` is false, as in an author's build."""
    env = {key: value for key, value in os.environ.items() if key != "COURSE_PRINT_PDF"}
    if print_pdf:
        env["COURSE_PRINT_PDF"] = "1"
    if edit_uri:
        env["COURSE_EDIT_URI"] = edit_uri
    return subprocess.run(
        [sys.executable, "-m", builder, "build", "--strict", "-f", "mkdocs.yml", "--site-dir", str(site)],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
    )


def session_folder(tmp_path_factory) -> Path:
    """A folder of this test session's, common to all its xdist workers."""
    folder = tmp_path_factory.getbasetemp()
    return folder.parent if os.environ.get("PYTEST_XDIST_WORKER") else folder


def once_per_session(tmp_path_factory, name: str, make: Callable[[Path], str | None]) -> Path:
    """A folder ``name`` shared by all workers of this session, filled by
    ``make(folder)`` in the first worker to ask while the others wait. ``make``
    returns why it failed (or raises), or None; every worker that asks then
    fails with it."""
    shared = session_folder(tmp_path_factory)
    folder, failure = shared / name, shared / f"{name}.failed"
    with open(shared / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not folder.exists():
            folder.mkdir()
            try:
                why = make(folder)
            except Exception:  # noqa: BLE001 - any error: the workers waiting for it fail with it too
                why = traceback.format_exc()
            if why is not None:
                failure.write_text(why)
    if failure.exists():
        pytest.fail(failure.read_text(), pytrace=False)
    return folder


@pytest.fixture(scope="session")
def built_site(tmp_path_factory, request) -> Path:
    """The course built once for all workers of this session (its log beside
    the site). Building also brings the snippet cache up to date; its time
    goes to the suite's summary (tests/suite_time.py)."""

    def build(folder: Path) -> str | None:
        started = time.perf_counter()
        done = mkdocs_build(ROOT, folder / "site", edit_uri=EDIT_URI)
        seconds = time.perf_counter() - started
        (folder / "build.log").write_text(done.stdout + done.stderr)
        if ran := SNIPPETS_RAN.search(done.stderr):
            request.config.stash[BUILD_TIME] = BuildTime(seconds, snippets_run=int(ran[2]), snippets=int(ran[1]))
        return (
            None
            if done.returncode == 0
            else f"properdocs build --strict failed:\n{(done.stdout + done.stderr)[-6000:]}"
        )

    return once_per_session(tmp_path_factory, "course", build) / "site"
