"""What a build takes from the last one: a page whose Markdown, included
files and surroundings are what they were at the last build reuses that
build's HTML (``PageRenders``), and a page whose HTML is unchanged its search
entries (``SearchEntries``). Both are kept in memory for ``properdocs serve``'s
next rebuild and on disk (``.snippet-cache/page-renders/``,
``.snippet-cache/search-entries/``) for the next ``build``.

After one snippet's edit only the page that includes it has changed, yet
the builder renders and indexes every page at every build, which took
most of a rebuild's time beyond the snippet's own run, and half of a build
in which nothing had changed. A page's HTML depends on its Markdown (as the
plugins left it), the files its ``--8<--`` lines include (snippets, their
rendered outputs), the other files of the site (links to them), the usage
page (code links to it), the configuration, and the code that renders it
(every installed package's version, Python's, and this project's
``course_build``); the key covers all of these. A render is kept only if it
logged no warning, so that a page whose render warns (a broken link) warns
again at every build.
"""

from __future__ import annotations

import logging
import pickle
import re
from pathlib import Path

from course_build.code_links.usage import USAGE_PAGE
from course_build.runner import cache

_INCLUDE = re.compile(r'^\s*--8<-- "([^"]+)"\s*$', re.M)
# What Page.render sets (MkDocs 1.6, ProperDocs 1.6), but for its links to other pages.
_RENDERED = ("content", "toc", "_title_from_render", "present_anchor_ids")
# The loggers a render's warnings reach (ProperDocs', MkDocs' and extensions').
_LOGGERS = ("properdocs", "mkdocs", "")


class _CountWarnings(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


class _Kept:
    """Values by name, each under the key it was made with: in memory, and
    on disk in ``folder``, one file a name (written atomically)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._memory: dict[str, tuple[str, object]] = {}
        self._used: set[str] = set()

    def _path(self, name: str) -> Path:
        return self.folder / f"{cache.sha256(name.encode())}.pickle"

    def get(self, name: str, key: str):
        """The value kept for ``name`` under ``key``, or None."""
        self._used.add(name)
        kept = self._memory.get(name)
        if kept is None:
            try:
                kept = pickle.loads(self._path(name).read_bytes())
            except Exception:  # noqa: BLE001 - missing, or written by other code: made afresh
                kept = None
        if kept is None or kept[0] != key:
            return None
        self._memory[name] = kept
        return kept[1]

    def put(self, name: str, key: str, value) -> None:
        self._used.add(name)
        self._memory[name] = (key, value)
        cache.write_atomically(self._path(name), pickle.dumps((key, value)))

    def drop(self, name: str) -> None:
        self._memory.pop(name, None)
        self._path(name).unlink(missing_ok=True)

    def forget_unused(self) -> None:
        """Drop what this build did not ask for (pages since removed), and
        start counting afresh for the next."""
        for name in set(self._memory) - self._used:
            del self._memory[name]
        if self.folder.is_dir():
            used = {self._path(name).name for name in self._used}
            for path in self.folder.glob("*.pickle"):
                if path.name not in used:
                    path.unlink(missing_ok=True)
        self._used = set()


def surroundings(config, files) -> str:
    """What every page's HTML and search entries depend on beyond the page
    itself: the configuration, the site's files, the usage page, and the code
    that renders (installed packages, Python, this project's own code)."""
    usage = files.get_file_from_path(USAGE_PAGE)
    project_code = Path(__file__).parents[1]
    parts = [
        cache.environment_fingerprint(),
        *(path.read_text(encoding="utf-8") for path in sorted(project_code.rglob("*.py"))),
        Path(config.config_file_path).read_bytes().decode(errors="replace"),
        "\n".join(sorted(f.src_uri for f in files)),
        usage.content_string if usage is not None else "",
    ]
    return cache.sha256("\0".join(parts).encode())


class PageRenders:
    """Each page's last render, under the key it was rendered with."""

    def __init__(self, folder: Path) -> None:
        # By page: what render set, and its links to other pages' anchors.
        self._kept = _Kept(folder)

    def forget_unused(self) -> None:
        self._kept.forget_unused()

    def reuse_or_render(self, page, config, surroundings: str) -> None:
        """Make ``page.render`` reuse its last render when nothing it depends on changed."""
        render = page.render
        base_paths = _include_paths(config)

        def render_or_reuse(config, files) -> None:
            key = cache.sha256("\0".join([surroundings, page.markdown, *_included(page.markdown, base_paths)]).encode())
            kept = self._kept.get(page.file.src_uri, key)
            if kept is not None:
                rendered, links = kept
                for name, value in rendered.items():
                    setattr(page, name, value)
                # Keyed by this build's files, which the builder checks them against.
                page.links_to_anchors = {files.get_file_from_path(uri): anchors for uri, anchors in links.items()}
                return
            counter = _CountWarnings()
            loggers = [logging.getLogger(name) for name in _LOGGERS]
            for logger in loggers:
                logger.addHandler(counter)
            try:
                render(config, files)
            finally:
                for logger in loggers:
                    logger.removeHandler(counter)
            if counter.count:
                self._kept.drop(page.file.src_uri)
                return
            rendered = {name: getattr(page, name) for name in _RENDERED}
            links = {f.src_uri: anchors for f, anchors in (page.links_to_anchors or {}).items()}
            self._kept.put(page.file.src_uri, key, (rendered, links))

        page.render = render_or_reuse


def _include_paths(config) -> list[Path]:
    """pymdownx.snippets' base paths, as absolute folders."""
    root = Path(config.config_file_path).parent
    base = (config.mdx_configs or {}).get("pymdownx.snippets", {}).get("base_path", ["."])
    return [root / path for path in ([base] if isinstance(base, str) else base)]


def _included(markdown: str, base_paths: list[Path], seen: frozenset[str] = frozenset()) -> list[str]:
    """Each file that ``markdown``'s ``--8<--`` lines include, and what those
    include in turn: its name and its text (or that it is missing)."""
    found = []
    for name in _INCLUDE.findall(markdown):
        if name in seen:
            continue
        path = next((base / name for base in base_paths if (base / name).is_file()), None)
        text = path.read_text(encoding="utf-8", errors="replace") if path else "\0missing"
        found += [name, text, *_included(text, base_paths, seen | {name})]
    return found


class SearchEntries:
    """Each page's entries in Material's search index, under its URL and HTML."""

    def __init__(self, folder: Path) -> None:
        self._kept = _Kept(folder)

    def forget_unused(self) -> None:
        self._kept.forget_unused()

    def reuse_in(self, search_index, surroundings: str) -> None:
        """Make ``search_index`` (the search plugin's index of this build)
        take the entries of a page whose HTML and title are unchanged."""
        index = search_index.add_entry_from_context

        def add_entry_from_context(page) -> None:
            parts = [surroundings, page.url, page.title or "", repr(page.meta), page.content]
            key = cache.sha256("\0".join(parts).encode())
            kept = self._kept.get(page.url, key)
            if kept is not None:
                search_index.entries.extend(kept)
                return
            before = len(search_index.entries)
            index(page)
            self._kept.put(page.url, key, search_index.entries[before:])

        search_index.add_entry_from_context = add_entry_from_context
