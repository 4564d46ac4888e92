"""How long each snippet keeps a reader waiting, measured on one core and kept
in ``snippets/durations.toml``: ``python -m course_build.maintenance.durations``.

The build reads the record (``course_build/runner/records.py`` says why it
does not time its own runs); this command writes it: each snippet runs as a
reader runs it (``python <file>`` in its folder), pinned to one core, with
one OpenMP and BLAS thread, and only those whose source changed since their
last measurement run again unless ``--all`` is given.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from course_build.runner import cache, records
from course_build.runner.discovery import discover_snippets
from course_build.runner.records import Measured
from course_build.runner.schedule import THREAD_VARIABLES
from course_build.runner.settings import load_settings

COMMAND = records.DURATIONS_COMMAND


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
    settings = load_settings(Path.cwd())
    snippets = discover_snippets(settings)
    tree = {s: cache.sha256((settings.snippets_dir / s).read_bytes()) for s in snippets}
    record = {s: m for s, m in (records.load_durations(settings) or {}).items() if s in tree}
    unknown = sorted(set(args.snippets) - set(snippets))
    if unknown:
        sys.exit(f"not snippets in {settings.snippets_dir}: {', '.join(unknown)}")
    current = records.as_measured(record, tree)
    names = snippets if args.all else sorted(set(args.snippets) | {s for s in snippets if s not in current})
    # The longest first (by the last record), so that none runs alone at the end.
    names.sort(key=lambda s: -(record[s].cpu_seconds if s in record else float("inf")))
    print(f"measuring {len(names)} of {len(snippets)} snippets, {args.jobs} at a time, one core each")
    for name, seconds in measure(settings.snippets_dir, names, args.jobs).items():
        record[name] = Measured(seconds, tree[name])
    records.save_durations(settings, record)
    print(f"wrote {records.durations_path(settings).relative_to(settings.root)}")


if __name__ == "__main__":
    main()
