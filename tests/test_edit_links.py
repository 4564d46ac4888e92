""" "Edit this page" leads to the Markdown file the page is made from, on the
deployed site, whose workflow names the repository in COURSE_EDIT_URI (the
suite's own build does the same). A build that is not told where the
repository is shows no such button."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config import load_config

from tests.browser import parsed
from tests.conftest import EDIT_URI, ROOT

EDIT_BUTTON = 'a[rel="edit"]'


def edit_links(site: Path) -> dict[str, list[str]]:
    """Each built HTML page's edit buttons' targets, by path within the site."""
    return {
        page.relative_to(site).as_posix(): [a["href"] for a in parsed(page).select(EDIT_BUTTON)]
        for page in sorted(site.rglob("*.html"))
    }


def test_every_page_edits_its_own_markdown_file(built_site):
    links = edit_links(built_site)
    assert links.pop("404.html") == [], "the 404 page has no source to edit"
    # The whole course on one page is put together by the print-site plugin from
    # every lesson: no one Markdown file to edit (each lesson's own page has its button).
    assert links.pop("print/index.html") == [], "the print page has no source of its own to edit"
    problems = []
    for page, targets in links.items():
        if len(targets) != 1 or not targets[0].startswith(EDIT_URI):
            problems.append(f"{page}: edit buttons {targets}")
        elif not (ROOT / "docs" / targets[0].removeprefix(EDIT_URI)).is_file():
            problems.append(f"{page}: edits {targets[0]}, which is not a file in docs/")
    assert not problems, "\n".join(problems)
    # Notebook previews edit the lesson they are made from.
    assert links["notebooks/03-metrics/index.html"] == [EDIT_URI + "03-metrics.md"]


def test_no_edit_button_unless_the_repository_is_named(monkeypatch):
    # The buttons above appear because edit_uri is set; without COURSE_EDIT_URI
    # nothing sets it (and no repo_url, from which MkDocs would make one up).
    monkeypatch.delenv("COURSE_EDIT_URI", raising=False)
    config = load_config(str(ROOT / "mkdocs.yml"))
    assert (config.edit_uri, config.repo_url) == (None, None)
    monkeypatch.setenv("COURSE_EDIT_URI", EDIT_URI)
    assert load_config(str(ROOT / "mkdocs.yml")).edit_uri == EDIT_URI
