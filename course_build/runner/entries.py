"""Cache entries: what one successful run of a snippet left, and where it is kept.

For ``snippets/lesson02/class_counts.py`` the cache folder holds
``entries/lesson02/class_counts.py.json`` (this module's :class:`Entry`),
``figures/lesson02/class_counts-1.svg`` and ``class_counts-1-dark.svg`` (the
first figure, drawn for the light and the dark scheme) and so on, and
``rendered/lesson02/class_counts.out.md`` (written by ``render``).
"""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass, field
from pathlib import Path

from course_build.runner import cache
from course_build.runner.settings import Settings, SnippetSettings

# The site's colour schemes; each figure is drawn for both (see figure_backend).
SCHEMES = ("light", "dark")


@dataclass(frozen=True)
class Figure:
    alt: str
    sha256: str  # of the figure drawn for the light scheme
    dark_sha256: str  # and for the dark one

    def digest(self, scheme: str) -> str:
        return self.dark_sha256 if scheme == "dark" else self.sha256


@dataclass(frozen=True)
class Entry:
    key: str  # see cache_key: what must not change for the entry to be reused
    snippet: str  # path below the snippets folder, e.g. "lesson02/class_counts.py"
    seconds: float
    stdout: str
    stderr: str
    figures: tuple[Figure, ...] = ()
    # Local files the run read or imported (below the snippets folder) and their digests.
    dependencies: dict[str, str] = field(default_factory=dict)

    def as_dict(self) -> dict:
        return dataclasses.asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> Entry:
        figures = tuple(Figure(**figure) for figure in data["figures"])
        return cls(**{**data, "figures": figures})


def rendered_name(snippet: str) -> str:
    """The include name of a snippet's output: ``a/b.py`` -> ``a/b.out.md``."""
    return snippet.removesuffix(".py") + ".out.md"


def figure_name(snippet: str, number: int, scheme: str = "light") -> str:
    """Where figure ``number`` of a snippet lives, below the figures folder and
    below the published folder: ``a/b.py`` -> ``a/b-1.svg``, or ``a/b-1-dark.svg``
    for the dark scheme."""
    return f"{snippet.removesuffix('.py')}-{number}{'-dark' if scheme == 'dark' else ''}.svg"


def figure_path(settings: Settings, snippet: str, number: int, scheme: str = "light") -> Path:
    return settings.figures_dir / figure_name(snippet, number, scheme)


def entry_path(settings: Settings, snippet: str) -> Path:
    return settings.entries_dir / (snippet + ".json")


def cache_key(source_hash: str, snippet_settings: SnippetSettings) -> str:
    """The snippet's source, its settings, and the environment (Python, the
    installed packages, this runner's own code)."""
    parts = [source_hash, cache.environment_fingerprint(), json.dumps(snippet_settings.__dict__, sort_keys=True)]
    return cache.sha256("\n".join(parts).encode())


def load(settings: Settings, snippet: str) -> Entry | None:
    """The last successful run of ``snippet``, if the cache holds an intact one."""
    payload = cache.load_entry(entry_path(settings, snippet))
    try:
        return Entry.from_dict(payload) if payload is not None else None
    except (KeyError, TypeError):
        return None  # written by an older runner


def save(settings: Settings, entry: Entry) -> None:
    cache.save_entry(entry_path(settings, entry.snippet), entry.as_dict())


def reusable(settings: Settings, snippet: str, key: str, tree: dict[str, str]) -> Entry | None:
    """The cached entry, if nothing it depends on changed and its figures are intact."""
    entry = load(settings, snippet)
    if entry is None or entry.key != key:
        return None
    if any(tree.get(dep) != digest for dep, digest in entry.dependencies.items()):
        return None
    for number, figure in enumerate(entry.figures, start=1):
        for scheme in SCHEMES:
            path = figure_path(settings, snippet, number, scheme)
            if not path.is_file() or cache.sha256(path.read_bytes()) != figure.digest(scheme):
                return None
    return entry


def store(
    settings: Settings,
    snippet: str,
    key: str,
    seconds: float,
    run_stdout: bytes,
    run_stderr: str,
    figures: list[tuple[str, bytes, bytes]],
    dependencies: dict[str, str],
) -> Entry:
    """Keep a successful run: its figures (``(alt, light svg, dark svg)``
    each), then its entry."""
    for number, (_, light, dark) in enumerate(figures, start=1):
        cache.write_atomically(figure_path(settings, snippet, number, "light"), light)
        cache.write_atomically(figure_path(settings, snippet, number, "dark"), dark)
    entry = Entry(
        key=key,
        snippet=snippet,
        seconds=round(seconds, 3),
        stdout=run_stdout.decode("utf-8", errors="replace"),
        stderr=run_stderr,
        figures=tuple(Figure(alt, cache.sha256(light), cache.sha256(dark)) for alt, light, dark in figures),
        dependencies=dependencies,
    )
    save(settings, entry)
    return entry
