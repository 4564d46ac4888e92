"""Where things live and how snippets run, read from ``[tool.snippet-runner]``."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class SnippetSettings:
    """What one snippet may do; part of its cache key."""

    timeout: float = 60.0
    max_output_bytes: int = 20_000
    # Warnings and other stderr fail the build unless a snippet expects them.
    expected_stderr: bool = False


@dataclass(frozen=True)
class Settings:
    root: Path
    snippets_dir: Path
    cache_dir: Path
    defaults: SnippetSettings = SnippetSettings()
    overrides: dict[str, SnippetSettings] = field(default_factory=dict)

    @property
    def rendered_dir(self) -> Path:
        """Markdown fragments that pages include below each snippet."""
        return self.cache_dir / "rendered"

    @property
    def figures_dir(self) -> Path:
        return self.cache_dir / "figures"

    @property
    def entries_dir(self) -> Path:
        return self.cache_dir / "entries"

    def for_snippet(self, name: str) -> SnippetSettings:
        return self.overrides.get(name, self.defaults)


def _snippet_settings(table: dict, base: SnippetSettings, where: str) -> SnippetSettings:
    known = {"timeout", "max-output-bytes", "expected-stderr"}
    unknown = set(table) - known
    if unknown:
        raise ValueError(f"{where}: unknown setting(s) {sorted(unknown)}; known: {sorted(known)}")
    return SnippetSettings(
        timeout=float(table.get("timeout", base.timeout)),
        max_output_bytes=int(table.get("max-output-bytes", base.max_output_bytes)),
        expected_stderr=bool(table.get("expected-stderr", base.expected_stderr)),
    )


def load_settings(root: Path) -> Settings:
    """Read settings from ``root/pyproject.toml``; every key is optional."""
    root = root.resolve()
    pyproject = root / "pyproject.toml"
    table: dict = {}
    if pyproject.exists():
        table = tomllib.loads(pyproject.read_text()).get("tool", {}).get("snippet-runner", {})
    where = f"{pyproject} [tool.snippet-runner]"
    overrides_table = table.pop("overrides", {})
    snippets_dir = root / table.pop("snippets", "snippets")
    cache_dir = root / table.pop("cache", ".snippet-cache")
    defaults = _snippet_settings(table, SnippetSettings(), where)
    overrides = {}
    for name, override in overrides_table.items():
        if not (snippets_dir / name).is_file():
            raise ValueError(f"{where}: override for {name!r}, which is not a file in {snippets_dir}")
        overrides[name] = _snippet_settings(override, defaults, f"{where} overrides {name!r}")
    return Settings(root, snippets_dir, cache_dir, defaults, overrides)
