"""Every page tells the truth: each Python block on it, copied into a fresh
interpreter, prints exactly what the built page shows after it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from snippet_runner.render import discover_snippets, rendered_name
from snippet_runner.settings import load_settings
from tests.conftest import ROOT
from tests.pages import output_problem, python_blocks, structure_problems

PAGES = sorted(p.relative_to(ROOT / "docs").as_posix() for p in (ROOT / "docs").rglob("*.md"))
CODE_INCLUDE = re.compile(r'^(\s*)```python\n\1--8<-- "([^"]+\.py)"\n\1```\n', re.M)
OUTPUT_INCLUDE = re.compile(r'^\s*--8<-- "([^"]+\.out\.md)"\s*$', re.M)


# One test per Python block, so that xdist spreads the fresh runs over all cores.
BLOCKS = [
    pytest.param(page, number, id=f"{page}-{number}")
    for page in PAGES
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


@pytest.mark.parametrize("page", PAGES)
def test_every_included_snippet_is_followed_by_its_output(page):
    """The authoring convention: the output include comes right after the code."""
    text = (ROOT / "docs" / page).read_text()
    expected = [rendered_name(match.group(2)) for match in CODE_INCLUDE.finditer(text)]
    pairs = re.findall(
        r'^(\s*)```python\n\1--8<-- "([^"]+\.py)"\n\1```\n\n\1--8<-- "([^"]+)"$', text, re.M
    )
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
