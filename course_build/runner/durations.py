"""How long each snippet keeps a reader waiting, measured on one core and kept
in ``snippets/durations.toml``: ``python -m course_build.runner.durations``.

A build's own timing depends on the machine that runs it: the same snippet
took 35 s and 94 s of CPU in two builds, as the runner gave it one core or
two and other work competed for them. A page must not change from one build
to the next, so the note beside a slow block (markdown.py) comes from this
record instead, taken by one command: each snippet runs as a reader runs it
(``python <file>`` in its folder), pinned to one core, with one OpenMP and
BLAS thread. Every measurement keeps the digest of the source it measured; a
build whose snippet no longer matches it warns (fails, when strict) and names
the command that measures it again. A project without the file shows no notes.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import tomllib
from dataclasses import dataclass
from pathlib import Path

from course_build.runner import cache
from course_build.runner.schedule import THREAD_VARIABLES
from course_build.runner.settings import Settings, load_settings

RECORD_NAME = "durations.toml"
COMMAND = "python -m course_build.runner.durations"
HEADER = f"""\
# How long each snippet takes to run on one core: its CPU seconds (child
# processes included) and the SHA-256 of the source measured, written by
# `{COMMAND}`; not edited by hand. The note beside a slow
# block on its page comes from here (course_build/runner/durations.py says why).
"""


@dataclass(frozen=True)
class Measured:
    cpu_seconds: float
    source: str  # cache.sha256 of the snippet's source when it was measured


def record_path(settings: Settings) -> Path:
    return settings.snippets_dir / RECORD_NAME


def load(settings: Settings) -> dict[str, Measured] | None:
    """The record, by snippet; None if the project keeps none."""
    path = record_path(settings)
    if not path.is_file():
        return None
    table = tomllib.loads(path.read_text())
    return {name: Measured(float(row["cpu-seconds"]), row["source"]) for name, row in table.items()}


def save(settings: Settings, record: dict[str, Measured]) -> None:
    # One line per snippet, sorted: a new measurement changes only its own line.
    lines = [
        f'"{name}" = {{ cpu-seconds = {m.cpu_seconds:.1f}, source = "{m.source}" }}\n'
        for name, m in sorted(record.items())
    ]
    record_path(settings).write_text(HEADER + "\n" + "".join(lines))


def as_measured(record: dict[str, Measured], tree: dict[str, str]) -> dict[str, float]:
    """The recorded CPU seconds of each snippet whose current source (its
    digest in ``tree``) is the one measured."""
    return {s: m.cpu_seconds for s, m in record.items() if tree.get(s) == m.source}


def stale_warning(names: list[str], snippets_folder: str) -> str:
    listed = ", ".join(f"{snippets_folder}/{name}" for name in names)
    return (
        f"{snippets_folder}/{RECORD_NAME} has not measured the current source of {listed}, "
        f"so its page says nothing of how long it takes: run `{COMMAND}`"
    )


def _one_thread_on(core: int):
    def pin() -> None:
        os.sched_setaffinity(0, {core})

    return pin


def measure(snippets_dir: Path, names: list[str], jobs: int) -> dict[str, float]:
    """Run each snippet on a copy of ``snippets_dir``, at most ``jobs`` at a
    time, each pinned to a core of its own; their CPU seconds, by name."""
    cores = sorted(os.sched_getaffinity(0))[: max(1, jobs)]
    env = {**os.environ, "MPLBACKEND": "Agg", **dict.fromkeys(THREAD_VARIABLES, "1")}
    measured: dict[str, float] = {}
    with tempfile.TemporaryDirectory(prefix="durations-") as scratch:
        copy = Path(scratch) / "snippets"
        shutil.copytree(snippets_dir, copy, ignore=shutil.ignore_patterns("__pycache__"))
        waiting = list(reversed(names))
        # pid: (name, core, stderr file, process). Each Popen is kept: one dropped while
        # running would be reaped by the next Popen, and its usage lost to wait4.
        running: dict[int, tuple[str, int, object, subprocess.Popen]] = {}
        while waiting or running:
            free = [core for core in cores if core not in {c for _, c, _, _ in running.values()}]
            while waiting and free:
                name, core = waiting.pop(), free.pop()
                script = copy / name
                stderr = tempfile.TemporaryFile(dir=scratch)
                # Started from this thread alone, where preexec_fn is safe.
                process = subprocess.Popen(
                    [sys.executable, script.name],
                    cwd=script.parent,
                    env=env,
                    stdout=subprocess.DEVNULL,
                    stderr=stderr,
                    preexec_fn=_one_thread_on(core),
                )
                running[process.pid] = (name, core, stderr, process)
            # wait4 gives the ended process's own usage, its waited-for children's included.
            pid, status, usage = os.wait4(-1, 0)
            if pid not in running:
                continue
            name, _, stderr, process = running.pop(pid)
            process.returncode = os.waitstatus_to_exitcode(status)
            if process.returncode != 0:
                stderr.seek(0)
                sys.exit(f"snippets/{name} failed:\n{stderr.read().decode(errors='replace')[-3000:]}")
            stderr.close()
            measured[name] = usage.ru_utime + usage.ru_stime
            print(f"{measured[name]:7.1f} s  {name}", flush=True)
    return measured


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("snippets", nargs="*", help="measure these (paths below snippets/) whatever the record says")
    parser.add_argument("--all", action="store_true", help="measure every snippet again")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="snippets measured at once")
    args = parser.parse_args(argv)
    from course_build.runner.render import discover_snippets  # here: render imports this module

    settings = load_settings(Path.cwd())
    snippets = discover_snippets(settings)
    tree = {s: cache.sha256((settings.snippets_dir / s).read_bytes()) for s in snippets}
    record = {s: m for s, m in (load(settings) or {}).items() if s in tree}
    unknown = sorted(set(args.snippets) - set(snippets))
    if unknown:
        sys.exit(f"not snippets in {settings.snippets_dir}: {', '.join(unknown)}")
    current = as_measured(record, tree)
    names = snippets if args.all else sorted(set(args.snippets) | {s for s in snippets if s not in current})
    # The longest first (by the last record), so that none runs alone at the end.
    names.sort(key=lambda s: -(record[s].cpu_seconds if s in record else float("inf")))
    print(f"measuring {len(names)} of {len(snippets)} snippets, {args.jobs} at a time, one core each")
    for name, seconds in measure(settings.snippets_dir, names, args.jobs).items():
        record[name] = Measured(seconds, tree[name])
    save(settings, record)
    print(f"wrote {record_path(settings).relative_to(settings.root)}")


if __name__ == "__main__":
    main()
