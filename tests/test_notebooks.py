"""Every lesson offered as a notebook runs top to bottom in a fresh kernel and
prints what the build stored in it (which is what the page shows)."""

from __future__ import annotations

import nbformat
import pytest
from nbclient import NotebookClient

from snippet_runner.notebook_preview import PreviewMismatch, finish_preview
from snippet_runner.notebooks import is_lesson
from tests.conftest import ROOT

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
def test_notebook_runs_in_a_fresh_kernel_and_prints_what_it_shows(lesson, built_site, tmp_path):
    path = built_site / "notebooks" / lesson / f"{lesson}.ipynb"
    assert path.is_file(), f"{lesson} is offered without a notebook"
    stored = nbformat.read(path, as_version=4)
    code_cells = [cell for cell in stored.cells if cell.cell_type == "code"]
    assert code_cells, f"{path.name} has no code"
    assert any(cell.outputs for cell in code_cells), f"{path.name} was published without the build's outputs"

    fresh = nbformat.read(path, as_version=4)
    NotebookClient(fresh, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}}).execute()
    for number, (before, after) in enumerate(zip(stored.cells, fresh.cells), start=1):
        if before.cell_type != "code":
            continue
        assert printed(after)[1] == "", f"{path.name} cell {number} wrote to stderr:\n{printed(after)[1]}"
        assert printed(after)[0] == printed(before)[0], f"{path.name} cell {number} printed something else"


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
