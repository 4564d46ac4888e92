"""What a preview's rebuild reuses from the last one (course_build/runner/rebuilds.py):
a page's HTML, unless its Markdown, what it includes or its surroundings
changed, and a page's search entries, unless its HTML changed. Whatever
changed is on the served page, and in the search index, at the first rebuild."""

from __future__ import annotations

import json
import logging
import urllib.request
from pathlib import Path
from types import SimpleNamespace

import pytest

from course_build.runner.rebuilds import PageRenders, SearchEntries
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


def render_twice(tmp_path: Path, change=None, warn: bool = False) -> FakePage:
    """Renders one page at two rebuilds, with ``change(page, included_file)``
    made between them; gives the second rebuild's page."""
    included = tmp_path / "snippets" / "a.py"
    included.parent.mkdir(parents=True, exist_ok=True)
    included.write_text("print('a')\n")
    (tmp_path / "mkdocs.yml").write_text("site_name: x\n")
    config = SimpleNamespace(
        config_file_path=str(tmp_path / "mkdocs.yml"), mdx_configs={"pymdownx.snippets": {"base_path": ["snippets"]}}
    )
    renders, surroundings = PageRenders(), "site"
    first = FakePage('# Page\n\n--8<-- "a.py"\n', warn)
    renders.reuse_or_render(first, config, surroundings)
    first.render(config, files=None)
    second = FakePage(first.markdown, warn)
    second.renders = first.renders
    if change is not None:
        surroundings = change(second, included) or surroundings
    renders.reuse_or_render(second, config, surroundings)
    second.render(config, files=None)
    return second


def test_an_unchanged_page_reuses_its_render(tmp_path):
    page = render_twice(tmp_path)
    assert page.renders == 1 and page.content == f"<p>{page.markdown} (1)</p>"


def edit_markdown(page, included):
    page.markdown += "More prose.\n"


def edit_included_file(page, included):
    included.write_text("print('b')\n")


def move_to_another_site(page, included):
    return "another site"


@pytest.mark.parametrize(
    "change",
    [edit_markdown, edit_included_file, move_to_another_site],
    ids=["its Markdown", "a file it includes", "its surroundings"],
)
def test_a_changed_page_is_rendered_again(tmp_path, change):
    assert render_twice(tmp_path, change).renders == 2


def test_a_render_that_warned_is_rendered_again_and_warns_again(tmp_path):
    assert render_twice(tmp_path, warn=True).renders == 2


def test_unchanged_html_reuses_its_search_entries():
    indexed = []

    class Index:
        entries: list = []

        def add_entry_from_context(self, page):
            indexed.append(page.url)
            self.entries.append({"location": page.url, "text": page.content})

    def page(content: str):
        return SimpleNamespace(url="a/", title="A", meta={}, content=content)

    entries = SearchEntries()
    for content in ("<p>one</p>", "<p>one</p>", "<p>two</p>"):
        index = Index()
        index.entries = []
        entries.reuse_in(index)
        index.add_entry_from_context(page(content))
        assert index.entries == [{"location": "a/", "text": content}]
    assert indexed == ["a/", "a/"], "indexed again with the same HTML, or not again with new HTML"


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
