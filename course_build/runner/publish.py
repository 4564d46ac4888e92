"""Put what the pages link to into the docs folder, where every site builder finds it.

ProperDocs, MkDocs and Zensical each copy the files of the docs folder into
the site, and each turns a link relative to a page into one that works below
any path the site is served from. So the runner writes, into two git-ignored
folders of ``docs/``:

- ``snippets/``: each snippet's source (the download under its code) and its
  figures, for the light and the dark scheme (``a/b.py``, ``a/b-1.svg``,
  ``a/b-1-dark.svg``), the links of ``markdown.for_entry``;
- ``notebooks/``: each lesson as a Jupyter notebook (``03-metrics.ipynb``);

and the page listing where the course uses each tool (``tools.md``, from
``course_build.code_links.usage``).

A file is written only when its content changed (``properdocs serve``
watches ``docs/`` and would otherwise rebuild for ever), and whatever is no
longer current is removed, so no page can link to a figure a snippet no
longer draws.
"""

from __future__ import annotations

from pathlib import Path

from course_build.code_links.usage import USAGE_PAGE, write_usage_page
from course_build.runner import cache, entries
from course_build.runner.discovery import discover_snippets
from course_build.runner.entries import SCHEMES, figure_name, figure_path
from course_build.runner.markdown import PUBLISHED_FOLDER
from course_build.runner.notebooks import lesson_notebooks
from course_build.runner.settings import Settings

NOTEBOOKS_FOLDER = "notebooks"


def is_published(relative: Path) -> bool:
    """Whether ``relative``, a path below the docs folder, is one that ``publish`` writes."""
    return relative.parts[:1] in ((PUBLISHED_FOLDER,), (NOTEBOOKS_FOLDER,)) or relative == Path(USAGE_PAGE)


def snippet_files(settings: Settings) -> dict[str, Path]:
    """Each file to publish below ``docs/snippets/``, by its path there: the
    snippets' sources and the figures of their current cache entries."""
    files = {}
    for snippet in discover_snippets(settings):
        files[snippet] = settings.snippets_dir / snippet
        entry = entries.load(settings, snippet)
        for number in range(1, len(entry.figures) + 1) if entry else ():
            for scheme in SCHEMES:
                files[figure_name(snippet, number, scheme)] = figure_path(settings, snippet, number, scheme)
    return files


def publish(settings: Settings, docs_dir: Path) -> None:
    """Bring ``docs_dir/snippets`` and ``docs_dir/notebooks`` up to date with the cache."""
    sources = snippet_files(settings)
    _mirror(docs_dir / PUBLISHED_FOLDER, {name: path.read_bytes() for name, path in sources.items()})
    notebooks = lesson_notebooks(settings, docs_dir)
    _mirror(docs_dir / NOTEBOOKS_FOLDER, {name: text.encode() for name, text in notebooks.items()})
    write_usage_page(docs_dir, settings.snippets_dir)


def _mirror(folder: Path, wanted: dict[str, bytes]) -> None:
    """Make ``folder`` hold exactly ``wanted`` (contents by relative path)."""
    for name, data in wanted.items():
        path = folder / name
        if not path.is_file() or path.read_bytes() != data:
            cache.write_atomically(path, data)
    if not folder.is_dir():
        return
    for path in sorted(folder.rglob("*"), reverse=True):  # files before their folders
        name = path.relative_to(folder).as_posix()
        if path.is_file() and name not in wanted:
            path.unlink()
        elif path.is_dir() and not any(path.iterdir()):
            path.rmdir()
