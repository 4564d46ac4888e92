"""Which snippets a project has, and the digest of each file of its snippets
folder: what the build, the records it reads, and the maintainers' commands
that write those records all start from."""

from __future__ import annotations

from pathlib import Path

from course_build.runner import cache
from course_build.runner.settings import Settings


def discover_snippets(settings: Settings) -> list[str]:
    """Every runnable snippet; files starting with ``_`` are modules for import only."""
    return sorted(
        path.relative_to(settings.snippets_dir).as_posix()
        for path in settings.snippets_dir.rglob("*.py")
        if not path.name.startswith("_") and "__pycache__" not in path.parts
    )


def hash_tree(folder: Path) -> dict[str, str]:
    """The SHA-256 of every file below ``folder``, by its path there."""
    return {
        path.relative_to(folder).as_posix(): cache.sha256(path.read_bytes())
        for path in folder.rglob("*")
        if path.is_file() and "__pycache__" not in path.parts
    }
