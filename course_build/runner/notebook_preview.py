"""Finish mkdocs-jupyter's preview of a lesson notebook so that it reads as
well as the lesson itself: figures are the lesson's, with their alt text
(nbconvert writes a stand-in for SVG images) and drawn for the reader's
colour scheme (the notebook holds the light ones inline), formulas are
MathML (the preview loads no MathJax), code cells that scroll sideways can
be reached from the keyboard, links to other lessons' notebooks lead to
their previews, and the table of contents leads to the headings
(mkdocs-jupyter names a heading with `code` in it one way in the contents
and nbconvert another way in the page).

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

from course_build.runner.entries import SCHEMES, figure_name
from course_build.runner.markdown import PUBLISHED_FOLDER
from course_build.runner.mathml import formula_html

# A figure as nbconvert shows it: inline, with its words for a missing alt text.
FIGURE = re.compile(
    r'<img alt="No description has been provided for this image" src="data:image/svg\+xml;base64,[\w+/=]*"\s*/?>'
)
# Markdown cells keep $$...$$ for a MathJax that the preview never loads.
FORMULA = re.compile(r"<p>\$\$(.+?)\$\$</p>", re.S)
CODE_CELL = re.compile(r'<div class="highlight-ipynb ')
HEADING_ID = re.compile(r'<h[1-6] id="([^"]+)"')
# A notebook links to another lesson's notebook as a sibling file; on the site
# that notebook's preview is a sibling folder.
NOTEBOOK_LINK = re.compile(r'href="([\w-]+)\.ipynb(#[\w-]*)?"')


class PreviewMismatch(RuntimeError):
    """The preview does not show what its notebook holds."""


def _figures(notebook: dict) -> list[tuple[str, str, int]]:
    """Each figure, in order: its alt text (the figure output's text/plain, a
    string or its lines, as .ipynb files store them), snippet and number."""
    return [
        (
            "".join(output["data"]["text/plain"]),
            output["metadata"]["figure"]["snippet"],
            output["metadata"]["figure"]["number"],
        )
        for cell in notebook["cells"]
        for output in cell.get("outputs", [])
        if "image/svg+xml" in output.get("data", {})
    ]


def _figure_html(alt: str, snippet: str, number: int) -> str:
    """The figure as a lesson page shows it: the variant drawn for each scheme,
    published with the snippets, only the reader's shown (and fetched). The
    preview is at notebooks/<lesson>/, two folders below the site's root."""
    return "".join(
        f'<img class="snippet-figure" alt="{html.escape(alt)}" loading="lazy"'
        f' src="../../{PUBLISHED_FOLDER}/{figure_name(snippet, number, scheme)}#only-{scheme}"/>'
        for scheme in SCHEMES
    )


def _formula_count(notebook: dict) -> int:
    return sum(
        "".join(cell["source"]).count("$$") // 2 for cell in notebook["cells"] if cell["cell_type"] == "markdown"
    )


def finish_preview(page_html: str, notebook_path: Path) -> str:
    """The preview's HTML with alt texts, MathML formulas, focusable code and
    links to the other lessons' previews."""
    notebook = json.loads(notebook_path.read_text(encoding="utf-8"))
    expected_figures, expected_formulas = _figures(notebook), _formula_count(notebook)
    figures, formulas = len(FIGURE.findall(page_html)), len(FORMULA.findall(page_html))
    if (figures, formulas) != (len(expected_figures), expected_formulas):
        raise PreviewMismatch(
            f"the preview shows {figures} figures and {formulas} formulas, the notebook"
            f" holds {len(expected_figures)} and {expected_formulas}; has mkdocs-jupyter's HTML changed?"
        )
    figure = iter(expected_figures)
    page_html = FIGURE.sub(lambda _: _figure_html(*next(figure)), page_html)
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
