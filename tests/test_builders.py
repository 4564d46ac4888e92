"""The same sources build with every builder the README names: ProperDocs (the
main build, checked page by page elsewhere), MkDocs 1.6 (the second build of
tests/test_reproducible.py, identical to the first), and Zensical.

Zensical runs no MkDocs plugins, so its build is the README's command: the
snippet runner's own CLI (which publishes figures, downloads and notebooks
into docs/), then ``zensical build``. Each of its pages is checked the way
the main build is: every Python block shows the code that runs, followed by
the output and figures the main build shows for it, with a download link
that gives that code; every link and resource resolves to a file in the
site; and no link starts with ``/``, which would leave a site served below a
path (a GitHub Pages project site)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.browser import internal_link_problems, parsed
from tests.conftest import ROOT, once_per_session
from tests.pages import html_for_page, shown_blocks, structure_problems

PAGES = sorted(p.relative_to(ROOT / "docs").as_posix() for p in (ROOT / "docs").glob("*.md"))
BIN = Path(sys.executable).parent
# What the runner publishes into docs/ (git-ignored): left out of the copy,
# so that the Zensical build shows what the runner's CLI publishes by itself.
PUBLISHED = ("snippets", "notebooks")
PUBLISHED_PAGES = ("tools.md",)  # where each tool is used (course_build/code_links/usage.py)


def project_copy(target: Path) -> Path:
    """The project's sources and its snippet cache (so nothing runs again), without
    what a build wrote: a fresh clone after one ProperDocs build."""
    ignore = shutil.ignore_patterns(".git", ".venv", "site", ".cache", "__pycache__", "*.egg-info", ".pytest_cache")
    shutil.copytree(ROOT, target, ignore=ignore)
    for folder in PUBLISHED:
        shutil.rmtree(target / "docs" / folder, ignore_errors=True)
    for page in PUBLISHED_PAGES:
        (target / "docs" / page).unlink(missing_ok=True)
    return target


@pytest.fixture(scope="session")
def zensical_site(built_site, tmp_path_factory) -> Path:
    """The README's Zensical command, run once for all workers in a copy of the
    project, after the main build has brought the snippet cache up to date."""

    def build(folder: Path) -> str | None:
        project = project_copy(folder / "course")
        for command in (
            [sys.executable, "-m", "course_build.runner"],
            [str(BIN / "zensical"), "build", "-f", "mkdocs.yml"],
        ):
            done = subprocess.run(command, cwd=project, capture_output=True, text=True)
            if done.returncode != 0:
                return f"{' '.join(command)} failed:\n{done.stdout[-3000:]}{done.stderr[-3000:]}"
        return None

    return once_per_session(tmp_path_factory, "zensical", build) / "course" / "site"


@pytest.mark.parametrize("page", PAGES)
def test_zensical_shows_the_code_that_runs(page, zensical_site):
    problems = structure_problems(ROOT, zensical_site, page)
    assert not problems, "\n\n".join(problems)


@pytest.mark.parametrize("page", PAGES)
def test_zensical_shows_the_outputs_and_figures_of_the_main_build(page, zensical_site, built_site):
    main, zensical = shown_blocks(html_for_page(built_site, page)), shown_blocks(html_for_page(zensical_site, page))
    assert [(b.output, b.figures) for b in zensical] == [(b.output, b.figures) for b in main]


@pytest.mark.parametrize("page", PAGES)
def test_zensical_links_resolve(page, zensical_site):
    problems = internal_link_problems(zensical_site, html_for_page(zensical_site, page))
    assert not problems, f"docs/{page} built by Zensical: broken links:\n" + "\n".join(problems)


def names_linked_in_code(html: Path) -> list[tuple[str, str]]:
    """Each linked name in the page's Python blocks: its text and public path."""
    article = parsed(html).find("article")
    return [
        (link.get_text(), link["title"])
        for block in article.select("div.language-python.highlight")
        for link in block.select("a.code-ref")
    ]


@pytest.mark.parametrize("page", PAGES)
def test_zensical_links_the_same_names_in_code(page, zensical_site, built_site):
    main = names_linked_in_code(html_for_page(built_site, page))
    assert names_linked_in_code(html_for_page(zensical_site, page)) == main
    assert main or not shown_blocks(html_for_page(built_site, page)) or page == "index.md", f"{page}: no name linked"


def absolute_links(html: Path) -> list[str]:
    """Links and resources of a built page whose address starts with ``/``."""
    soup = parsed(html)
    return [
        f"<{tag.name} {attribute}={tag[attribute]}>"
        for tag in soup.find_all(True)
        for attribute in ("href", "src")
        if tag.get(attribute, "").startswith("/") and not tag[attribute].startswith("//")
    ]


@pytest.mark.parametrize("builder", ["properdocs", "zensical"])
def test_no_link_leaves_a_site_served_below_a_path(builder, request):
    site = request.getfixturevalue("built_site" if builder == "properdocs" else "zensical_site")
    # Except the 404 page: served in place of any missing address, at any
    # depth, it can only link from the root (both builders take the root's
    # path from site_url, which this configuration leaves unset).
    pages = [html for html in sorted(site.rglob("*.html")) if html != site / "404.html"]
    found = {str(html.relative_to(site)): links for html in pages if (links := absolute_links(html))}
    assert not found, f"{builder}: links starting with /: {found}"
