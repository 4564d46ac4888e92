"""Every lesson offered as a notebook runs top to bottom in a fresh kernel and
prints what the build stored in it and what the page shows."""

from __future__ import annotations

import nbformat
import pytest
from nbclient import NotebookClient

from course_build.runner.notebook_preview import PreviewMismatch, finish_preview
from course_build.runner.notebooks import is_lesson
from tests.conftest import ROOT
from tests.pages import html_for_page, shown_blocks

LESSONS = sorted(
    page.relative_to(ROOT / "docs").with_suffix("").as_posix()
    for page in (ROOT / "docs").rglob("*.md")
    if is_lesson(page.relative_to(ROOT / "docs").as_posix(), page.read_text())
)


def printed(cell) -> tuple[str, str]:
    streams = {"stdout": "", "stderr": ""}
    for output in cell.get("outputs", []):
        if output["output_type"] == "stream":
            streams[output["name"]] += output["text"]
    return streams["stdout"], streams["stderr"]


@pytest.mark.parametrize("lesson", LESSONS)
def test_notebook_runs_in_a_fresh_kernel_and_prints_what_the_page_shows(lesson, built_site, tmp_path):
    """The fresh run of every block of the lesson: in order, in one new kernel,
    in an empty folder (tests/test_pages.py checks that the cells are the blocks)."""
    path = built_site / "notebooks" / lesson / f"{lesson}.ipynb"
    assert path.is_file(), f"{lesson} is offered without a notebook"
    stored = nbformat.read(path, as_version=4)
    code_cells = [cell for cell in stored.cells if cell.cell_type == "code"]
    assert code_cells, f"{path.name} has no code"
    assert any(cell.outputs for cell in code_cells), f"{path.name} was published without the build's outputs"
    shown = shown_blocks(html_for_page(built_site, f"{lesson}.md"))
    assert len(shown) == len(code_cells), f"docs/{lesson}.md shows {len(shown)} blocks, its notebook {len(code_cells)}"

    fresh = nbformat.read(path, as_version=4)
    NotebookClient(fresh, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}}).execute()
    fresh_cells = [cell for cell in fresh.cells if cell.cell_type == "code"]
    for number, (before, after, page_block) in enumerate(zip(code_cells, fresh_cells, shown, strict=False), start=1):
        where = f"{path.name} code cell {number} (docs/{lesson}.md, Python block {number})"
        stdout, stderr = printed(after)
        assert stderr == "", f"{where} wrote to stderr:\n{stderr}"
        assert stdout == printed(before)[0], f"{where} printed something else than the notebook holds"
        assert stdout.rstrip("\n") == page_block.output.rstrip("\n"), (
            f"{where}: a fresh run prints something else than the page shows\n"
            f"--- page shows ---\n{page_block.output}--- fresh run printed ---\n{stdout}"
        )


@pytest.mark.parametrize("lesson", LESSONS)
def test_the_preview_shows_the_notebooks_formulas_as_mathml(lesson, built_site):
    # The preview loads no MathJax: $$ left in the page would show as LaTeX.
    notebook = nbformat.read(built_site / "notebooks" / lesson / f"{lesson}.ipynb", as_version=4)
    formulas = sum(cell.source.count("$$") // 2 for cell in notebook.cells if cell.cell_type == "markdown")
    preview = (built_site / "notebooks" / lesson / "index.html").read_text(encoding="utf-8")
    article = preview[preview.index("<article") : preview.index("</article>")]
    assert (article.count("<math"), article.count("<p>$$")) == (formulas, 0)


def test_a_preview_that_does_not_match_its_notebook_fails_the_build(tmp_path):
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("$$\nx^2\n$$")])
    path = tmp_path / "lesson.ipynb"
    nbformat.write(notebook, path)
    assert "<math" in finish_preview("<p>$$\nx^2\n$$</p>", path)
    with pytest.raises(PreviewMismatch, match="0 formulas, the notebook holds 0 and 1"):
        finish_preview("<p>no formula here</p>", path)
