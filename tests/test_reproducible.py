"""A second build of the same commit, in another folder at another time, is
byte-identical to the session's build.

The second build draws every figure again: each snippet that drew one runs
afresh. The other snippets print text only, and every one of them already
runs again from scratch in this suite, in a notebook kernel or a fresh
interpreter, which must print exactly what the page shows
(tests/test_notebooks.py, tests/test_pages.py). A third run of them would
repeat that check, so the second build takes their entries from the
session's cache. What it shows on top of those runs: figures come out the
same every time, and the builder turns the same runs into the same bytes,
wherever and whenever it builds.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from snippet_runner import entries
from snippet_runner.benchmark import copy_project
from snippet_runner.render import discover_snippets
from snippet_runner.settings import load_settings
from tests.conftest import EDIT_URI, ROOT, SNIPPETS_RAN, mkdocs_build


def site_files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def test_a_build_elsewhere_that_draws_every_figure_again_equals_the_sessions_build(built_site, tmp_path):
    # A copy of the project with none of the session's cache but the entries
    # of the snippets that print text only.
    project = copy_project(tmp_path / "course")
    ours, theirs = load_settings(ROOT), load_settings(project)
    snippets = discover_snippets(ours)
    printing = [snippet for snippet in snippets if not entries.load(ours, snippet).figures]
    for snippet in printing:
        copied = entries.entry_path(theirs, snippet)
        copied.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(entries.entry_path(ours, snippet), copied)
    drawing = len(snippets) - len(printing)
    assert drawing, "no snippet draws a figure: nothing would run again"

    done = mkdocs_build(project, project / "site", edit_uri=EDIT_URI)
    assert done.returncode == 0, done.stderr[-3000:]
    ran = SNIPPETS_RAN.search(done.stderr)
    assert ran and int(ran[2]) == drawing, (
        f"expected the {drawing} snippets that draw figures to run again; "
        f"{f'{ran[2]} of {ran[1]} ran' if ran else 'the build reported no snippets'}"
    )
    session_site, second_site = site_files(built_site), site_files(project / "site")
    assert sorted(session_site) == sorted(second_site), set(session_site) ^ set(second_site)
    differing = [name for name in session_site if session_site[name] != second_site[name]]
    assert not differing, f"files that differ between two builds: {differing[:20]}"
