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

import json
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


STABILITY = "stability.toml"
STABILITY_COMMAND = "python -m course_build.maintenance.stability"
STABILITY_HEADER = f"""\
# How often each verdict a snippet prints holds when its random sources change:
# each snippet ran once per seed in `seeds` (the first is the one in its source,
# the draw its page shows), with SEED set to that seed; `outputs` holds the
# SHA-256 of each draw's printed output, and each verdict the word each draw
# printed. Written by `{STABILITY_COMMAND}`; not edited by hand.
"""
# A verdict is firm when the same word holds in at least this share of draws
# (9 of 10): a sentence may state it plainly; any other is reported with its split.
FIRM_SHARE = 0.9


@dataclass(frozen=True)
class Swept:
    source: str  # cache.sha256 of the snippet's source when it was swept
    versions: str  # the libraries it ran with, "numpy==2.4.6 scikit-learn==..."
    seeds: list[int]
    outputs: list[str]  # cache.sha256 of each draw's stdout
    verdicts: dict[str, list[str]]  # verdicts.read's key: the word of each draw

    def counts(self, key: str) -> list[tuple[str, int]]:
        """The words a verdict took over the draws, the most frequent first
        (the page's own word first among equals)."""
        words = self.verdicts[key]
        order = list(dict.fromkeys(words))
        return sorted(((w, words.count(w)) for w in order), key=lambda wc: -wc[1])

    def is_firm(self, key: str, word: str) -> bool:
        """Whether ``word`` holds for ``key`` in at least 9 of 10 draws."""
        words = self.verdicts[key]
        return words.count(word) >= FIRM_SHARE * len(words)


def stability_path(settings: Settings) -> Path:
    return settings.snippets_dir / STABILITY


def _toml_string(text: str) -> str:
    # A TOML basic string: JSON's escapes are TOML's for these characters.
    return json.dumps(text, ensure_ascii=False)


def load_stability(settings: Settings) -> dict[str, Swept] | None:
    """The stability record, by snippet; None if the project keeps none."""
    path = stability_path(settings)
    if not path.is_file():
        return None
    table = tomllib.loads(path.read_text(encoding="utf-8"))
    return {
        name: Swept(row["source"], row["versions"], list(row["seeds"]), list(row["outputs"]), dict(row["verdicts"]))
        for name, row in table.items()
    }


def save_stability(settings: Settings, record: dict[str, Swept]) -> None:
    parts = [STABILITY_HEADER]
    for name, swept in sorted(record.items()):
        parts.append(
            f"\n[{_toml_string(name)}]\n"
            f"source = {_toml_string(swept.source)}\n"
            f"versions = {_toml_string(swept.versions)}\n"
            f"seeds = {json.dumps(swept.seeds)}\n"
            f"outputs = [\n" + "".join(f"  {_toml_string(o)},\n" for o in swept.outputs) + "]\n"
            f"\n[{_toml_string(name)}.verdicts]\n"
            + "".join(f"{_toml_string(key)} = {json.dumps(words)}\n" for key, words in swept.verdicts.items())
        )
    stability_path(settings).write_text("".join(parts), encoding="utf-8")


def stability_shown(record: dict[str, Swept], snippet: str, digest: str, printed: dict[str, str]) -> Swept | str | None:
    """What a page may show of ``snippet``'s stability, given the digest of its
    current source and the verdicts its output prints (``verdicts.read``): its
    record entry; ``"unswept"`` if the record lacks its current source;
    ``"mismatched"`` if the record's first draw printed other words; None if
    it prints no verdict."""
    if not printed:
        return None
    swept = record.get(snippet)
    if swept is None or swept.source != digest:
        return "unswept"
    if {key: words[0] for key, words in swept.verdicts.items()} != printed:
        return "mismatched"
    return swept


def stale_stability_warning(names: list[str], snippets_folder: str) -> str:
    listed = ", ".join(f"{snippets_folder}/{name}" for name in names)
    return (
        f"{snippets_folder}/{STABILITY} has not swept the current source of {listed}, "
        f"so its page shows no verdict's stability: run `{STABILITY_COMMAND}`"
    )


def mismatched_stability_warning(name: str, snippets_folder: str, printed: dict, recorded: dict) -> str:
    return (
        f"{snippets_folder}/{STABILITY} does not hold the verdicts {snippets_folder}/{name} prints "
        f"(printed {printed}, recorded for its seed {recorded}): run `{STABILITY_COMMAND} {name}`"
    )
