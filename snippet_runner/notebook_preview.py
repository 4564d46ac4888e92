"""Finish mkdocs-jupyter's preview of a lesson notebook so that it reads as
well as the lesson itself: figures carry their alt text (nbconvert writes a
stand-in for SVG images), formulas are MathML (the preview loads no MathJax),
code cells that scroll sideways can be reached from the keyboard, links
to other lessons' notebooks lead to their previews, and the table of contents
leads to the headings (mkdocs-jupyter names a heading with `code` in it one
way in the contents and nbconvert another way in the page).

Edits nbconvert's HTML with patterns rather than a parser: a page is more
than half a megabyte of inline theme, and the preview is built on every build.
Each pattern must find what the notebook says is there, or the build fails.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator
from pathlib import Path

from .mathml import formula_html

# nbconvert's words for an image it was given no alt text for.
FIGURE = re.compile(r'<img alt="No description has been provided for this image" src="data:image/svg\+xml;')
# Markdown cells keep $$...$$ for a MathJax that the preview never loads.
FORMULA = re.compile(r"<p>\$\$(.+?)\$\$</p>", re.S)
CODE_CELL = re.compile(r'<div class="highlight-ipynb ')
HEADING_ID = re.compile(r'<h[1-6] id="([^"]+)"')
# A notebook links to another lesson's notebook as a sibling file; on the site
# that notebook's preview is a sibling folder.
NOTEBOOK_LINK = re.compile(r'href="([\w-]+)\.ipynb(#[\w-]*)?"')


class PreviewMismatch(RuntimeError):
    """The preview does not show what its notebook holds."""


def _figure_alts(notebook: dict) -> list[str]:
    """Alt text of each figure, in order: the runner writes it as the
    figure output's text/plain (a string, or its lines, as .ipynb files store it)."""
    return [
        "".join(output["data"]["text/plain"])
        for cell in notebook["cells"]
        for output in cell.get("outputs", [])
        if "image/svg+xml" in output.get("data", {})
    ]


def _formula_count(notebook: dict) -> int:
    return sum(
        "".join(cell["source"]).count("$$") // 2 for cell in notebook["cells"] if cell["cell_type"] == "markdown"
    )


def finish_preview(page_html: str, notebook_path: Path) -> str:
    """The preview's HTML with alt texts, MathML formulas, focusable code and
    links to the other lessons' previews."""
    notebook = json.loads(notebook_path.read_text(encoding="utf-8"))
    alts, expected_formulas = _figure_alts(notebook), _formula_count(notebook)
    figures, formulas = len(FIGURE.findall(page_html)), len(FORMULA.findall(page_html))
    if (figures, formulas) != (len(alts), expected_formulas):
        raise PreviewMismatch(
            f"the preview shows {figures} figures and {formulas} formulas, the notebook"
            f" holds {len(alts)} and {expected_formulas}; has mkdocs-jupyter's HTML changed?"
        )
    alt = iter(alts)
    page_html = FIGURE.sub(
        lambda _: f'<img class="snippet-figure" alt="{html.escape(next(alt))}" src="data:image/svg+xml;', page_html
    )
    number = iter(range(1, formulas + 1))
    page_html = FORMULA.sub(lambda m: formula_html(html.unescape(m.group(1)), next(number)), page_html)
    page_html = CODE_CELL.sub('<div tabindex="0" class="highlight-ipynb ', page_html)
    own = notebook_path.stem  # the download link of this very notebook stays as it is
    return NOTEBOOK_LINK.sub(
        lambda m: m.group(0) if m.group(1) == own else f'href="../{m.group(1)}/{m.group(2) or ""}"', page_html
    )


def _entries(toc) -> Iterator:
    for entry in toc:
        yield entry
        yield from _entries(entry.children)


def match_contents_to_headings(toc, page_html: str) -> None:
    """Point each entry of the page's table of contents (in document order)
    at the id that its heading really has."""
    entries, ids = list(_entries(toc)), HEADING_ID.findall(page_html)
    if len(entries) != len(ids):
        raise PreviewMismatch(f"the table of contents has {len(entries)} entries for {len(ids)} headings")
    for entry, heading_id in zip(entries, ids, strict=False):
        entry.id = heading_id
