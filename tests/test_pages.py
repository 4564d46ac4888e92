"""Every page tells the truth: it shows the code that runs, and each Python
block on it, run again from scratch, prints exactly what the page shows after
it (a lesson's blocks run again in its notebook's fresh kernel, in an empty
folder: tests/test_notebooks.py; other pages' blocks in a fresh interpreter here)."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest

from course_build.runner.notebooks import is_lesson
from course_build.runner.render import discover_snippets, rendered_name
from course_build.runner.settings import load_settings
from tests.conftest import ROOT
from tests.pages import output_problem, python_blocks, structure_problems

PAGES = sorted(p.relative_to(ROOT / "docs").as_posix() for p in (ROOT / "docs").rglob("*.md"))
CODE_INCLUDE = re.compile(r'^(\s*)```python\n\1--8<-- "([^"]+\.py)"\n\1```\n', re.M)
OUTPUT_INCLUDE = re.compile(r'^\s*--8<-- "([^"]+\.out\.md)"\s*$', re.M)


def lesson_notebook(site: Path, page: str) -> Path:
    stem = page.removesuffix(".md")
    return site / "notebooks" / stem / f"{stem}.ipynb"


LESSONS = [page for page in PAGES if is_lesson(page, (ROOT / "docs" / page).read_text())]
# A lesson's blocks run again, in order, in its notebook's fresh kernel
# (tests/test_notebooks.py); the other pages' blocks run here, one fresh
# interpreter each (one test each, so that xdist spreads them over the cores).
BLOCKS = [
    pytest.param(page, number, id=f"{page}-{number}")
    for page in PAGES
    if page not in LESSONS
    for number in range(1, len(python_blocks(ROOT, ROOT / "docs" / page, built=False)) + 1)
]


@pytest.mark.parametrize("page", PAGES)
def test_page_shows_the_code_that_runs(page, built_site):
    problems = structure_problems(ROOT, built_site, page)
    assert not problems, "\n\n".join(problems)


@pytest.mark.parametrize("page, number", BLOCKS)
def test_block_prints_what_the_page_shows(page, number, built_site, tmp_path):
    problem = output_problem(ROOT, built_site, page, number, tmp_path)
    assert problem is None, problem


@pytest.mark.parametrize("page", LESSONS)
def test_a_lessons_notebook_holds_exactly_its_blocks(page, built_site):
    """So that running the notebook (tests/test_notebooks.py) runs every block of the page."""
    notebook = nbformat.read(lesson_notebook(built_site, page), as_version=4)
    cells = [cell.source for cell in notebook.cells if cell.cell_type == "code"]
    blocks = [block.code.rstrip("\n") for block in python_blocks(ROOT, ROOT / "docs" / page)]
    assert cells == blocks


@pytest.mark.parametrize("page", PAGES)
def test_every_included_snippet_is_followed_by_its_output(page):
    """The authoring convention: the output include comes right after the code."""
    text = (ROOT / "docs" / page).read_text()
    expected = [rendered_name(match.group(2)) for match in CODE_INCLUDE.finditer(text)]
    pairs = re.findall(r'^(\s*)```python\n\1--8<-- "([^"]+\.py)"\n\1```\n\n\1--8<-- "([^"]+)"$', text, re.M)
    paired = {code: output for _, code, output in pairs}
    for match in CODE_INCLUDE.finditer(text):
        snippet = match.group(2)
        line = text.count("\n", 0, match.start()) + 1
        assert paired.get(snippet) == rendered_name(snippet), (
            f"docs/{page}:{line}: {snippet} must be followed by a blank line and"
            f' --8<-- "{rendered_name(snippet)}" at the same indentation'
        )
    assert sorted(OUTPUT_INCLUDE.findall(text)) == sorted(expected), (
        f"docs/{page}: output includes without their code block above them"
    )


def test_every_snippet_is_shown_on_a_page():
    pages = "\n".join((ROOT / "docs" / page).read_text() for page in PAGES)
    orphans = [s for s in discover_snippets(load_settings(ROOT)) if f'--8<-- "{s}"' not in pages]
    assert not orphans, f"snippets no page includes: {orphans}"
