"""What a preview's rebuild takes from the last one: while ``properdocs
serve`` runs, a page whose Markdown, included files and surroundings are
what they were at the last rebuild reuses that rebuild's HTML
(``PageRenders``), and a page whose HTML is unchanged its search entries
(``SearchEntries``).

After one snippet's edit only the page that includes it has changed, yet
the builder renders and indexes every page at every rebuild, which took
most of a rebuild's time beyond the snippet's own run. A page's HTML
depends on its Markdown, the files its ``--8<--`` lines include (snippets,
their rendered outputs), the other files of the site (links to them), the
usage page (code links to it) and the configuration; the key covers all of
these. A render is kept only if it logged no warning, so that a page whose
render warns (a broken link) warns again at every rebuild.

A plain ``build`` uses neither: it renders every page, as the builder does.
"""

from __future__ import annotations

import logging
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


class PageRenders:
    """Each page's last render, under the key it was rendered with."""

    def __init__(self) -> None:
        # By page: the key, what render set, and its links to other pages' anchors.
        self._kept: dict[str, tuple[str, dict, dict]] = {}

    def surroundings(self, config, files) -> str:
        """What every page's HTML depends on beyond its own Markdown and includes."""
        usage = files.get_file_from_path(USAGE_PAGE)
        parts = [
            Path(config.config_file_path).read_bytes().decode(errors="replace"),
            "\n".join(sorted(f.src_uri for f in files)),
            usage.content_string if usage is not None else "",
        ]
        return cache.sha256("\0".join(parts).encode())

    def reuse_or_render(self, page, config, surroundings: str) -> None:
        """Make ``page.render`` reuse its last render when nothing it depends on changed."""
        render = page.render
        base_paths = _include_paths(config)

        def render_or_reuse(config, files) -> None:
            key = cache.sha256("\0".join([surroundings, page.markdown, *_included(page.markdown, base_paths)]).encode())
            kept = self._kept.get(page.file.src_uri)
            if kept is not None and kept[0] == key:
                for name, value in kept[1].items():
                    setattr(page, name, value)
                # Keyed by this build's files, which the builder checks them against.
                page.links_to_anchors = {files.get_file_from_path(uri): links for uri, links in kept[2].items()}
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
                self._kept.pop(page.file.src_uri, None)
                return
            rendered = {name: getattr(page, name) for name in _RENDERED}
            links = {f.src_uri: anchors for f, anchors in (page.links_to_anchors or {}).items()}
            self._kept[page.file.src_uri] = (key, rendered, links)

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

    def __init__(self) -> None:
        self._kept: dict[str, tuple[str, list]] = {}

    def reuse_in(self, search_index) -> None:
        """Make ``search_index`` (the search plugin's index of this build)
        take the entries of a page whose HTML and title are unchanged."""
        index = search_index.add_entry_from_context

        def add_entry_from_context(page) -> None:
            key = cache.sha256("\0".join([page.url, page.title or "", repr(page.meta), page.content]).encode())
            kept = self._kept.get(page.url)
            if kept is not None and kept[0] == key:
                search_index.entries.extend(kept[1])
                return
            before = len(search_index.entries)
            index(page)
            self._kept[page.url] = (key, search_index.entries[before:])

        search_index.add_entry_from_context = add_entry_from_context
