"""What a build reuses from the last one (course_build/runner/rebuilds.py):
a page's HTML, unless its Markdown, what it includes or its surroundings
changed, and a page's search entries, unless its HTML changed; in memory for
a preview's next rebuild, and on disk for the next build. Whatever changed is
on the page, and in the search index, at the first build or rebuild; a build
that reuses everything writes the very site a build from scratch writes."""

from __future__ import annotations

import json
import logging
import shutil
import urllib.request
from pathlib import Path
from types import SimpleNamespace

import pytest

from course_build.runner.rebuilds import PageRenders, SearchEntries
from tests.conftest import mkdocs_build
from tests.test_runner import MKDOCS_YML, make_project, page_including
from tests.test_stale_records import Preview


class FakePage:
    """What the builder's Page offers a render: its Markdown, file and the attributes render sets."""

    def __init__(self, markdown: str, warn: bool = False):
        self.markdown, self.warn, self.renders = markdown, warn, 0
        self.file = SimpleNamespace(src_uri="page.md")

    def render(self, config, files) -> None:
        self.renders += 1
        if self.warn:
            logging.getLogger("properdocs.test").warning("a broken link")
        self.content, self.toc = f"<p>{self.markdown} ({self.renders})</p>", []
        self._title_from_render, self.present_anchor_ids, self.links_to_anchors = None, set(), {}


def render_twice(tmp_path: Path, change=None, warn: bool = False, across_builds: bool = False) -> FakePage:
    """Renders one page at two rebuilds, with ``change(page, included_file)``
    made between them; gives the second rebuild's page. ``across_builds``:
    the second is another build, which finds only what the first left on disk."""
    included = tmp_path / "snippets" / "a.py"
    included.parent.mkdir(parents=True, exist_ok=True)
    included.write_text("print('a')\n")
    (tmp_path / "mkdocs.yml").write_text("site_name: x\n")
    config = SimpleNamespace(
        config_file_path=str(tmp_path / "mkdocs.yml"), mdx_configs={"pymdownx.snippets": {"base_path": ["snippets"]}}
    )
    renders, surroundings = PageRenders(tmp_path / "kept"), "site"
    first = FakePage('# Page\n\n--8<-- "a.py"\n', warn)
    renders.reuse_or_render(first, config, surroundings)
    first.render(config, files=None)
    second = FakePage(first.markdown, warn)
    second.renders = first.renders
    if change is not None:
        surroundings = change(second, included) or surroundings
    if across_builds:
        renders = PageRenders(tmp_path / "kept")
    renders.reuse_or_render(second, config, surroundings)
    second.render(config, files=None)
    return second


@pytest.mark.parametrize("across_builds", [False, True], ids=["the next rebuild", "the next build"])
def test_an_unchanged_page_reuses_its_render(tmp_path, across_builds):
    page = render_twice(tmp_path, across_builds=across_builds)
    assert page.renders == 1 and page.content == f"<p>{page.markdown} (1)</p>"


def test_a_damaged_kept_render_is_rendered_again(tmp_path):
    def damage(page, included):
        for kept in (tmp_path / "kept").iterdir():
            kept.write_bytes(kept.read_bytes()[:20])

    assert render_twice(tmp_path, damage, across_builds=True).renders == 2


def edit_markdown(page, included):
    page.markdown += "More prose.\n"


def edit_included_file(page, included):
    included.write_text("print('b')\n")


def move_to_another_site(page, included):
    return "another site"


@pytest.mark.parametrize("across_builds", [False, True], ids=["the next rebuild", "the next build"])
@pytest.mark.parametrize(
    "change",
    [edit_markdown, edit_included_file, move_to_another_site],
    ids=["its Markdown", "a file it includes", "its surroundings"],
)
def test_a_changed_page_is_rendered_again(tmp_path, change, across_builds):
    assert render_twice(tmp_path, change, across_builds=across_builds).renders == 2


@pytest.mark.parametrize("across_builds", [False, True], ids=["the next rebuild", "the next build"])
def test_a_render_that_warned_is_rendered_again_and_warns_again(tmp_path, across_builds):
    assert render_twice(tmp_path, warn=True, across_builds=across_builds).renders == 2


def test_unchanged_html_reuses_its_search_entries(tmp_path):
    indexed = []

    class Index:
        entries: list = []

        def add_entry_from_context(self, page):
            indexed.append(page.url)
            self.entries.append({"location": page.url, "text": page.content})

    def page(content: str):
        return SimpleNamespace(url="a/", title="A", meta={}, content=content)

    entries = SearchEntries(tmp_path / "kept")
    for content, surroundings in [
        ("<p>one</p>", "site"),
        ("<p>one</p>", "site"),
        ("<p>two</p>", "site"),
        ("<p>two</p>", "new site"),
    ]:
        index = Index()
        index.entries = []
        entries.reuse_in(index, surroundings)
        index.add_entry_from_context(page(content))
        assert index.entries == [{"location": "a/", "text": content}]
    assert indexed == ["a/", "a/", "a/"], "indexed again with the same HTML and site, or not again with a change"


SEARCHED_MKDOCS_YML = MKDOCS_YML.replace("plugins:\n", "plugins:\n  - search\n")


def test_a_preview_serves_every_change_at_its_first_rebuild(tmp_path):
    """Two pages: an edited snippet, then an edited page, are each on their
    page and in the search index at the first rebuild; the other page is served as before."""
    project = make_project(
        tmp_path / "project",
        {"a.py": "print('alpha')\n", "b.py": "print('beta')\n"},
        pages={"index.md": page_including("a.py"), "other.md": page_including("b.py")},
    )
    (project / "mkdocs.yml").write_text(SEARCHED_MKDOCS_YML)
    with Preview(project, tmp_path / "serve.log") as preview:

        def served(path: str) -> str:
            with urllib.request.urlopen(f"http://127.0.0.1:{preview.port}/{path}", timeout=30) as response:
                return response.read().decode()

        def searched() -> str:
            return " ".join(entry["text"] for entry in json.loads(served("search/search_index.json"))["docs"])

        preview.wait_for(lambda: "alpha" in served("") and "beta" in served("other/"), "the first build")
        other = served("other/")
        (project / "snippets" / "a.py").write_text("print('gamma')\n")
        preview.wait_for(lambda: "gamma" in served(""), "the edited snippet")
        assert "gamma" in searched() and "alpha" not in searched(), searched()
        assert served("other/").count("beta") == other.count("beta")
        (project / "docs" / "other.md").write_text(page_including("b.py") + "\nA new paragraph.\n")
        preview.wait_for(lambda: "A new paragraph." in served("other/"), "the edited page")
        assert "A new paragraph." in searched() and "gamma" in served(""), searched()
        assert preview.builds() == 3, preview.text()


def files_of(site: Path) -> dict[str, bytes]:
    return {path.relative_to(site).as_posix(): path.read_bytes() for path in site.rglob("*") if path.is_file()}


def test_a_build_that_reuses_every_page_writes_the_site_a_fresh_build_writes(tmp_path):
    """Real builds, one after another: the second reuses every page's render
    and search entries from disk, and its site is byte for byte the first's. An edited
    page, and only that page, is rendered again, and a removed page's render is forgotten."""
    project = make_project(
        tmp_path / "project",
        {"a.py": "print('alpha')\n", "b.py": "print('beta')\n"},
        pages={"index.md": page_including("a.py"), "other.md": page_including("b.py") + "\n[Home](index.md)\n"},
    )
    (project / "mkdocs.yml").write_text(SEARCHED_MKDOCS_YML)
    kept = project / ".snippet-cache" / "page-renders"

    def build(site: str) -> Path:
        done = mkdocs_build(project, tmp_path / site, print_pdf=False)
        assert done.returncode == 0, done.stderr
        return tmp_path / site

    first = build("first")
    renders = {path.name: path.stat().st_mtime_ns for path in kept.iterdir()}
    pages = len(list((project / "docs").glob("*.md")))  # the two, and the usage page the build adds
    assert len(renders) == pages and len(list((project / ".snippet-cache" / "search-entries").iterdir())) == pages
    second = build("second")
    assert {path.name: path.stat().st_mtime_ns for path in kept.iterdir()} == renders, "a page was rendered again"
    assert files_of(second) == files_of(first), "the build that reused renders wrote another site"
    (project / "docs" / "other.md").write_text(page_including("b.py") + "\nA new paragraph.\n")
    third = build("third")
    assert "A new paragraph." in (third / "other" / "index.html").read_text()
    assert "A new paragraph." in (third / "search" / "search_index.json").read_text()
    changed = [name for name, time in renders.items() if (kept / name).stat().st_mtime_ns != time]
    assert len(changed) == 1, f"{len(changed)} pages rendered again after one page's edit"
    (project / "docs" / "other.md").unlink()
    shutil.rmtree(tmp_path / "third")
    build("third")
    assert len(list(kept.iterdir())) == pages - 1, "the removed page's render is still kept"
