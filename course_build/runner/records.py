"""The records the build reads and never writes: each is kept in the snippets
folder by a maintainer's command (``course_build/maintenance/``), and every
entry keeps the SHA-256 of the source it was taken from. A build whose
snippet no longer matches its entry warns by name (a strict build fails) and
shows nothing from that entry; a project without the file shows nothing.

- ``durations.toml``: each snippet's CPU seconds on one core. A build's own
  timing depends on the machine (the same snippet took 35 s and 94 s of CPU in
  two builds, given one core or two while other work ran), and a page must not
  change from one build to the next, so the note beside a slow block comes
  from here.
- ``stability.toml``: for each verdict line a snippet prints, the word it
  printed in each of several draws of its random sources (its ``SEED``).
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from course_build.runner.settings import Settings

DURATIONS = "durations.toml"
DURATIONS_COMMAND = "python -m course_build.maintenance.durations"
DURATIONS_HEADER = f"""\
# How long each snippet takes to run on one core: its CPU seconds (child
# processes included) and the SHA-256 of the source measured, written by
# `{DURATIONS_COMMAND}`; not edited by hand. The note beside a slow
# block on its page comes from here (course_build/runner/records.py says why).
"""


@dataclass(frozen=True)
class Measured:
    cpu_seconds: float
    source: str  # cache.sha256 of the snippet's source when it was measured


def durations_path(settings: Settings) -> Path:
    return settings.snippets_dir / DURATIONS


def load_durations(settings: Settings) -> dict[str, Measured] | None:
    """The durations record, by snippet; None if the project keeps none."""
    path = durations_path(settings)
    if not path.is_file():
        return None
    table = tomllib.loads(path.read_text())
    return {name: Measured(float(row["cpu-seconds"]), row["source"]) for name, row in table.items()}


def save_durations(settings: Settings, record: dict[str, Measured]) -> None:
    # One line per snippet, sorted: a new measurement changes only its own line.
    lines = [
        f'"{name}" = {{ cpu-seconds = {m.cpu_seconds:.1f}, source = "{m.source}" }}\n'
        for name, m in sorted(record.items())
    ]
    durations_path(settings).write_text(DURATIONS_HEADER + "\n" + "".join(lines))


def as_measured(record: dict[str, Measured], tree: dict[str, str]) -> dict[str, float]:
    """The recorded CPU seconds of each snippet whose current source (its
    digest in ``tree``) is the one measured."""
    return {s: m.cpu_seconds for s, m in record.items() if tree.get(s) == m.source}


def stale_durations_warning(names: list[str], snippets_folder: str) -> str:
    listed = ", ".join(f"{snippets_folder}/{name}" for name in names)
    return (
        f"{snippets_folder}/{DURATIONS} has not measured the current source of {listed}, "
        f"so its page says nothing of how long it takes: run `{DURATIONS_COMMAND}`"
    )
