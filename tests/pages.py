"""Read pages the way the build reads them, and compare them with fresh runs.

Used by the page tests on the real site, and by the engine tests on
throwaway projects, so both check exactly the same things.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import markdown
from mkdocs.utils.yaml import yaml_load
from pytest_codeblocks import extract_from_buffer

from tests.browser import html_file, page_url, parsed

# Fence languages that highlight as Python; only exactly "python" is run.
PYTHON_LANGUAGES = {"python", "py", "python3", "py3", "pycon"}


def snippets_config(project: Path) -> dict:
    """The pymdownx.snippets settings in the project's mkdocs.yml."""
    with open(project / "mkdocs.yml", encoding="utf-8") as f:
        config = yaml_load(f)
    for extension in config["markdown_extensions"]:
        if isinstance(extension, dict) and "pymdownx.snippets" in extension:
            return dict(extension["pymdownx.snippets"])
    raise LookupError("mkdocs.yml does not configure pymdownx.snippets")


def expand_includes(project: Path, page: Path, *, built: bool = True) -> str:
    """The page's Markdown with every ``--8<--`` include expanded by
    pymdownx.snippets itself, configured as in mkdocs.yml. Paths resolve
    against ``project``, as they do when MkDocs runs there. Before a build
    (``built=False``) rendered outputs may be missing; they are left out."""
    config = snippets_config(project)
    if not built:
        config["check_paths"] = False
    config["base_path"] = [str(project / p) for p in config.get("base_path", ["."])]
    converter = markdown.Markdown(extensions=["pymdownx.snippets"], extension_configs={"pymdownx.snippets": config})
    lines = page.read_text(encoding="utf-8").split("\n")
    return "\n".join(converter.preprocessors["snippet"].run(lines))


@dataclass
class Block:
    code: str
    lineno: int  # line in the expanded page


def python_blocks(project: Path, page: Path, *, built: bool = True) -> list[Block]:
    """Python fences as pytest-codeblocks sees them (info string exactly ``python``)."""
    blocks = extract_from_buffer(io.StringIO(expand_includes(project, page, built=built)))
    return [Block(b.code, b.lineno) for b in blocks if b.syntax == "python"]


@dataclass
class ShownBlock:
    code: str
    output: str  # what the page shows as the block's printed output ("" if none)
    figures: list[tuple[str, str]]  # (src, alt) of each figure shown under it
    download: str | None = None  # href of the link to download the code as a file


def shown_blocks(html_file: Path) -> list[ShownBlock]:
    """Every Python-highlighted block of a built page, with the output and
    figures the page shows after it, in page order."""
    soup = parsed(html_file)
    article = soup.find("article") or soup
    shown: list[ShownBlock] = []
    for element in article.find_all(["div", "img", "a"]):
        classes = element.get("class") or []
        if element.name == "div" and "highlight" in classes:
            if any(c.removeprefix("language-") in PYTHON_LANGUAGES for c in classes if c.startswith("language-")):
                shown.append(ShownBlock(element.find("code").get_text(), "", []))
            elif "snippet-output" in classes and shown:
                shown[-1].output += element.find("code").get_text()
        elif element.name == "img" and "snippet-figure" in classes and shown:
            shown[-1].figures.append((element.get("src", ""), element.get("alt", "")))
        elif element.name == "a" and "snippet-download" in classes and shown:
            shown[-1].download = element.get("href")
    return shown


def html_for_page(site: Path, page: str) -> Path:
    """Built HTML of ``page`` (a path below docs/): the one mapping from pages
    to URLs, which the browser tests own."""
    return html_file(site, page_url(page))


@dataclass
class FreshRun:
    stdout: str
    stderr: str
    returncode: int


def run_fresh(code: str, workdir: Path, timeout: float = 120) -> FreshRun:
    """Run ``code`` as a reader would after pasting it into a file: a new
    interpreter, in an empty folder, with a non-interactive matplotlib."""
    script = workdir / "copied_block.py"
    script.write_text(code, encoding="utf-8")
    env = {**os.environ, "MPLBACKEND": "Agg", "PYTHONIOENCODING": "utf-8"}
    done = subprocess.run(
        [sys.executable, script.name], cwd=workdir, env=env, capture_output=True, text=True, timeout=timeout
    )
    return FreshRun(done.stdout, done.stderr, done.returncode)


def structure_problems(project: Path, site: Path, page: str) -> list[str]:
    """Python blocks the suite would not run, code that differs from what
    runs, and code that cannot be downloaded as shown."""
    blocks = python_blocks(project, project / "docs" / page)
    shown = shown_blocks(html_for_page(site, page))
    if len(blocks) != len(shown):
        return [
            f"docs/{page}: the built page shows {len(shown)} Python block(s) but only {len(blocks)}"
            " are fenced as exactly ```python (```py or ```python title=... are not run by the tests)"
        ]
    problems = []
    for number, (block, page_block) in enumerate(zip(blocks, shown, strict=False), start=1):
        where = f"docs/{page}, Python block {number} (line {block.lineno} after includes)"
        if block.code.rstrip("\n") != page_block.code.rstrip("\n"):
            problems.append(f"{where}: the page shows different code from the block the tests run")
        if page_block.download is None:
            problems.append(f"{where}: no download link; show code only through a snippet include")
        else:
            downloaded = (html_for_page(site, page).parent / page_block.download).resolve()
            if not downloaded.is_file() or downloaded.read_text(encoding="utf-8").rstrip("\n") != block.code.rstrip(
                "\n"
            ):
                problems.append(f"{where}: the download link {page_block.download} does not give the code shown")
    return problems


def output_problem(project: Path, site: Path, page: str, number: int, workdir: Path) -> str | None:
    """Whether Python block ``number`` (from 1), run fresh, prints what the page shows."""
    block = python_blocks(project, project / "docs" / page)[number - 1]
    shown = shown_blocks(html_for_page(site, page))[number - 1]
    where = f"docs/{page}, Python block {number} (line {block.lineno} after includes)"
    run = run_fresh(block.code, workdir)
    if run.returncode != 0 or run.stderr:
        return f"{where}: a fresh run failed or wrote to stderr:\n{run.stderr[-2000:]}"
    # The page's block ends with exactly one newline, whatever the run ended with.
    if run.stdout.rstrip("\n") != shown.output.rstrip("\n"):
        return (
            f"{where}: a fresh run prints something else than the page shows\n"
            f"--- page shows ---\n{shown.output}--- fresh run printed ---\n{run.stdout}"
        )
    return None


def page_problems(project: Path, site: Path, page: str, workdir: Path) -> list[str]:
    """Everything wrong with one page."""
    problems = structure_problems(project, site, page)
    if problems:
        return problems
    blocks = python_blocks(project, project / "docs" / page)
    outputs = (output_problem(project, site, page, n, workdir) for n in range(1, len(blocks) + 1))
    return [problem for problem in outputs if problem]
