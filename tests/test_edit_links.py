""""Edit this page" leads to the Markdown file the page is made from, on the
deployed site, whose workflow names the repository in COURSE_EDIT_URI.
A build that is not told where the repository is shows no such button."""

from __future__ import annotations

import os
from pathlib import Path

from bs4 import BeautifulSoup

from tests.conftest import ROOT, mkdocs_build

EDIT_URI = "https://example.org/course/edit/main/docs/"
EDIT_BUTTON = 'a[rel="edit"]'


def edit_links(site: Path) -> dict[str, list[str]]:
    """Each built HTML page's edit buttons' targets, by path within the site."""
    return {
        page.relative_to(site).as_posix(): [a["href"] for a in BeautifulSoup(page.read_text(), "html.parser").select(EDIT_BUTTON)]
        for page in sorted(site.rglob("*.html"))
    }


def test_every_page_edits_its_own_markdown_file(built_site, tmp_path, monkeypatch):
    # built_site first: the snippet cache is then warm, and this build only reads it.
    monkeypatch.setenv("COURSE_EDIT_URI", EDIT_URI)
    done = mkdocs_build(ROOT, tmp_path / "site")
    assert done.returncode == 0, done.stderr[-3000:]
    links = edit_links(tmp_path / "site")
    assert links.pop("404.html") == [], "the 404 page has no source to edit"
    problems = []
    for page, targets in links.items():
        if len(targets) != 1 or not targets[0].startswith(EDIT_URI):
            problems.append(f"{page}: edit buttons {targets}")
        elif not (ROOT / "docs" / targets[0].removeprefix(EDIT_URI)).is_file():
            problems.append(f"{page}: edits {targets[0]}, which is not a file in docs/")
    assert not problems, "\n".join(problems)
    # Notebook previews edit the lesson they are made from.
    assert links["notebooks/03-metrics/index.html"] == [EDIT_URI + "03-metrics.md"]


def test_no_edit_button_unless_the_repository_is_named(built_site):
    assert "COURSE_EDIT_URI" not in os.environ
    assert {page: targets for page, targets in edit_links(built_site).items() if targets} == {}
