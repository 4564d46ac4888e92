"""Turn a lesson page into a Jupyter notebook, with the build's outputs in place.

Prose becomes Markdown cells; each included snippet becomes a code cell whose
outputs (printed text, SVG figures) come from the snippet cache, so nothing is
executed a second time. Material-only syntax is turned into plain Markdown:
admonitions become bold headings, ``math`` fences become ``$$`` blocks.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from course_build.runner import cache, entries, markdown, records, verdicts
from course_build.runner.entries import Entry, figure_path
from course_build.runner.settings import Settings

_ADMONITION = re.compile(r'^(\s*)(?:!!!|\?\?\?\+?)\s+(\w[\w-]*)(?:\s+"([^"]*)")?\s*$')
_INCLUDE = re.compile(r'^\s*--8<--\s+"([^"]+)"\s*$')
_PAGE_LINK = re.compile(r"\[([^\]]+)\]\(([\w/-]+)\.md(#[\w-]*)?\)")


def snippets_on_page(markdown: str) -> list[str]:
    """The snippets a page shows, in order (fenced ``python`` includes of ``.py`` files)."""
    lines = markdown.split("\n")
    return [snippet for _, snippet in _code_includes(lines)]


def is_lesson(page: str, markdown: str) -> bool:
    return page != "index.md" and bool(snippets_on_page(markdown))


def _code_includes(lines: list[str]) -> list[tuple[int, str]]:
    found = []
    for i in range(len(lines) - 2):
        include = _INCLUDE.match(lines[i + 1])
        if (
            lines[i].strip() == "```python"
            and include
            and include.group(1).endswith(".py")
            and lines[i + 2].strip() == "```"
        ):
            found.append((i, include.group(1)))
    return found


def _outputs(entry: Entry, settings: Settings) -> list:
    outputs = []
    if entry.stdout:
        outputs.append(new_output("stream", name="stdout", text=entry.stdout))
    if entry.stderr:
        outputs.append(new_output("stream", name="stderr", text=entry.stderr))
    for number, figure in enumerate(entry.figures, start=1):
        svg = figure_path(settings, entry.snippet, number).read_text()
        # The metadata names the figure, so that the preview can show the
        # published variant for the reader's colour scheme (notebook_preview).
        figure_id = {"snippet": entry.snippet, "number": number}
        outputs.append(
            new_output(
                "display_data", data={"image/svg+xml": svg, "text/plain": figure.alt}, metadata={"figure": figure_id}
            )
        )
    return outputs


def _link_notebooks(prose: str, notebooks: Collection[str]) -> str:
    """Links to other lessons lead to their notebooks, which sit side by side
    once downloaded; a link to a page with no notebook keeps only its words."""

    def relink(match: re.Match) -> str:
        text, page, anchor = match.group(1), match.group(2), match.group(3) or ""
        return f"[{text}]({page}.ipynb{anchor})" if page in notebooks else text

    return _PAGE_LINK.sub(relink, prose)


def lesson_notebook(
    page: str, settings: Settings, notebooks: Collection[str], stability: dict | None = None
) -> nbformat.NotebookNode:
    """A notebook of the page: Markdown cells and code cells with their
    outputs. ``notebooks`` names the lessons that have one (``03-metrics``);
    ``stability``, the stability record, if already read."""
    lines = page.split("\n")
    code_at = dict(_code_includes(lines))
    if stability is None:
        stability = records.load_stability(settings) or {}
    cells: list = []
    prose: list[str] = []
    open_blocks: list[int] = []  # indentation of each admonition we are inside
    in_math = False
    i = 0

    def flush_prose() -> None:
        text = "\n".join(prose).strip("\n")
        if text:
            cells.append(new_markdown_cell(_link_notebooks(text, notebooks)))
        prose.clear()

    while i < len(lines):
        line = lines[i]
        indent = len(line) - len(line.lstrip())
        while line.strip() and open_blocks and indent <= open_blocks[-1]:
            open_blocks.pop()
        dedented = line[min(indent, 4 * len(open_blocks)) :]
        if i in code_at:
            snippet = code_at[i]
            flush_prose()
            entry = entries.load(settings, snippet)
            cell = new_code_cell((settings.snippets_dir / snippet).read_text().rstrip("\n"))
            cell.outputs = _outputs(entry, settings) if entry else []
            cells.append(cell)
            if entry:
                # How often each printed verdict held over draws of SEED, as on the page.
                digest = cache.sha256((settings.snippets_dir / snippet).read_bytes())
                swept = records.stability_shown(stability, snippet, digest, verdicts.read(entry.stdout))
                if isinstance(swept, records.Swept) and swept.seeds:
                    cells.append(new_markdown_cell(markdown.stability_table(swept, attributes=False)))
            i += 3
            continue
        include = _INCLUDE.match(line)
        if include and include.group(1).endswith(".out.md"):
            i += 1  # the outputs are already in the code cell
            continue
        admonition = _ADMONITION.match(line)
        if admonition:
            title = admonition.group(3) or admonition.group(2).capitalize()
            prose.append(f"**{title}**" if title else "")
            open_blocks.append(indent)
        elif dedented.strip() == "```math" and not in_math:
            prose.append("$$")
            in_math = True
        elif dedented.strip() == "```" and in_math:
            prose.append("$$")
            in_math = False
        else:
            prose.append(dedented)
        i += 1
    flush_prose()
    for number, cell in enumerate(cells, start=1):
        cell["id"] = f"cell-{number}"  # fixed ids keep the file identical across builds
        if cell["cell_type"] == "code":
            cell["execution_count"] = None
    notebook = new_notebook(cells=cells)
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    notebook.metadata["language_info"] = {"name": "python"}
    return notebook


def lesson_notebooks(settings: Settings, docs_dir: Path) -> dict[str, str]:
    """A notebook for every lesson (a page other than the home page that
    shows snippets), by file name: ``{"03-metrics.ipynb": text}``."""
    pages = {
        page.relative_to(docs_dir).as_posix(): page.read_text(encoding="utf-8")
        for page in sorted(docs_dir.rglob("*.md"))
    }
    lessons = {name: markdown for name, markdown in pages.items() if is_lesson(name, markdown)}
    notebooks = {name.removesuffix(".md") for name in lessons}
    # Read once for all lessons: parsing it took two thirds of this, at every build.
    stability = records.load_stability(settings) or {}
    return {
        page.removesuffix(".md") + ".ipynb": nbformat.writes(lesson_notebook(markdown, settings, notebooks, stability))
        + "\n"
        for page, markdown in lessons.items()
    }
