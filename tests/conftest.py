"""Shared fixtures. The real site is built once per test session, with the
real ProperDocs and the real snippet runner, however many xdist workers there are."""

from __future__ import annotations

import fcntl
import os
import subprocess
import sys
from pathlib import Path

import pytest

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


def mkdocs_build(
    project: Path, site: Path, builder: str = "properdocs", edit_uri: str | None = None
) -> subprocess.CompletedProcess:
    """A strict build of ``project``'s mkdocs.yml into ``site``, run from
    ``project``, by ProperDocs (or by ``builder``: ``mkdocs``), with the edit
    URL ``edit_uri`` if given."""
    env = {**os.environ, "COURSE_EDIT_URI": edit_uri} if edit_uri else None
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


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The course built into a folder shared by all workers of this session.
    Building also brings the snippet cache up to date."""
    shared = session_folder(tmp_path_factory)
    site, log = shared / "site", shared / "build.log"
    with open(shared / "build.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not log.exists():
            done = mkdocs_build(ROOT, site, edit_uri=EDIT_URI)
            log.write_text(f"exit status {done.returncode}\n{done.stdout}{done.stderr}")
    text = log.read_text()
    if not text.startswith("exit status 0\n"):
        pytest.fail(f"properdocs build --strict failed:\n{text[-6000:]}", pytrace=False)
    return site
