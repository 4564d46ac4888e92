"""A second build of the same commit, in another folder at another time, is
byte-identical to the session's build. It is made by MkDocs 1.6, the fallback
builder the README names, so the same build also shows that MkDocs builds
the very same site as ProperDocs: every file is the same byte for byte, but
for the one tag in which each builder names itself.

The second build draws every figure again: each snippet that drew one runs
afresh. The other snippets print text only, and every one of them already
runs again from scratch in this suite, in a notebook kernel or a fresh
interpreter, which must print exactly what the page shows
(tests/test_notebooks.py, tests/test_pages.py). A third run of them would
repeat that check, so the second build takes their entries from the
session's cache. What it shows on top of those runs: figures come out the
same every time, and both builders turn the same runs into the same bytes,
wherever and whenever they build.

The notes that say how long a slow example takes are not measured by either
build: they come from a record measured on one core (course_build/runner/records.py),
so they too must be the same bytes.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from course_build.maintenance.benchmark import copy_project
from course_build.runner import entries
from course_build.runner.render import discover_snippets
from course_build.runner.settings import load_settings
from tests.conftest import EDIT_URI, ROOT, SNIPPETS_RAN, mkdocs_build

# <meta name="generator" content="mkdocs-ProperDocs 1.6.7, mkdocs-material-9.8.2">
GENERATOR = re.compile(rb'<meta name="generator" content="([^"]*)">')


def site_files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def builders(files: dict[str, bytes]) -> set[bytes]:
    """Every builder named in the generator tags of the site's pages."""
    return {name for content in files.values() for name in GENERATOR.findall(content)}


def without_builder(content: bytes) -> bytes:
    return GENERATOR.sub(b'<meta name="generator" content="">', content)


def test_a_build_elsewhere_by_mkdocs_that_draws_every_figure_again_equals_the_sessions_build(built_site, tmp_path):
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

    done = mkdocs_build(project, project / "site", builder="mkdocs", edit_uri=EDIT_URI)
    assert done.returncode == 0, done.stderr[-3000:]
    ran = SNIPPETS_RAN.search(done.stderr)
    assert ran and int(ran[2]) == drawing, (
        f"expected the {drawing} snippets that draw figures to run again; "
        f"{f'{ran[2]} of {ran[1]} ran' if ran else 'the build reported no snippets'}"
    )
    session_site, second_site = site_files(built_site), site_files(project / "site")
    assert sorted(session_site) == sorted(second_site), set(session_site) ^ set(second_site)
    # Each page names its builder, and only there may the two builds differ.
    names = builders(session_site), builders(second_site)
    assert len(names[0]) == len(names[1]) == 1, f"one builder per site expected: {names}"
    (first,), (second,) = names
    assert first.startswith(b"mkdocs-ProperDocs ") and second.startswith(b"mkdocs-1."), names
    differing = [
        name for name in session_site if without_builder(session_site[name]) != without_builder(second_site[name])
    ]
    assert not differing, f"files that differ between two builds: {differing[:20]}"
