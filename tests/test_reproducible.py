"""Two clean builds of the same commit produce byte-identical sites."""

from __future__ import annotations

from pathlib import Path

from snippet_runner.benchmark import copy_project
from tests.conftest import EDIT_URI, mkdocs_build


def site_files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def test_a_cold_build_elsewhere_equals_the_sessions_build(built_site, tmp_path):
    # A copy of the project, with no cache: every snippet runs again, in
    # another folder, at another time.
    project = copy_project(tmp_path / "course")
    done = mkdocs_build(project, project / "site", edit_uri=EDIT_URI)
    assert done.returncode == 0, done.stderr[-3000:]
    ours, theirs = site_files(built_site), site_files(project / "site")
    assert sorted(ours) == sorted(theirs), set(ours) ^ set(theirs)
    differing = [name for name in ours if ours[name] != theirs[name]]
    assert not differing, f"files that differ between two builds: {differing[:20]}"
