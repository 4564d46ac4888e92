"""Bring every snippet's rendered output up to date: run what changed, reuse the rest.

The jobs are split: ``schedule`` runs processes, ``checks`` judges each run,
``entries`` keeps the cache, ``markdown`` writes what pages include. This
module puts them together and reports.
"""

from __future__ import annotations

import atexit
import fcntl
import logging
import os
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import NoReturn

from course_build.runner import cache, checks, entries, markdown, records, verdicts
from course_build.runner.discovery import discover_snippets, hash_tree
from course_build.runner.entries import SCHEMES, Entry, figure_name, figure_path, rendered_name
from course_build.runner.schedule import Job, SnippetProcesses
from course_build.runner.settings import Settings

__all__ = [
    "Outcome",
    "Rendering",
    "Report",
    "SnippetFailure",
    "cached_entry",
    "discover_snippets",
    "figure_name",
    "figure_path",
    "render_all",
    "refuse",
    "rendered_name",
]

log = logging.getLogger("course_build.runner")


class SnippetFailure(Exception):
    """One or more snippets failed; the message names each file and line."""

    def __init__(self, report: Report):
        super().__init__(report.failure_message())
        self.report = report


@dataclass
class Outcome:
    name: str  # path below the snippets folder, e.g. "lesson02/class_counts.py"
    seconds: float
    cached: bool
    error: str | None = None  # one line: "snippets/x.py:12: ValueError: ..."
    details: str = ""  # the traceback or other evidence, for the log only


@dataclass
class Report:
    outcomes: list[Outcome] = field(default_factory=list)
    wall_seconds: float = 0.0
    # Records (records.py) that no longer match a snippet's source, one line
    # each: the caller reports them, at every build, cached or not.
    stale_records: list[str] = field(default_factory=list)

    @property
    def failures(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.error]

    def failure_message(self) -> str:
        parts = [f"{len(self.failures)} snippet(s) failed:"]
        for outcome in self.failures:
            parts.append(outcome.error)
            if outcome.details:
                parts.append("    " + outcome.details.rstrip().replace("\n", "\n    "))
        return "\n".join(parts)

    def timing_table(self) -> str:
        rows = sorted(self.outcomes, key=lambda o: o.seconds, reverse=True)
        ran = sum(not o.cached for o in rows)
        lines = ["Snippet timings, slowest first (cached ones show their last run):"]
        for o in rows:
            state = "failed" if o.error else "cached" if o.cached else "ran"
            lines.append(f"  {o.seconds:7.2f}s  {state:<6}  {o.name}")
        total = sum(o.seconds for o in rows)
        lines.append(
            f"  {total:7.2f}s  total of {len(rows)} ({ran} ran, {len(rows) - ran} cached);"
            f" wall time {self.wall_seconds:.2f}s"
        )
        return "\n".join(lines)


@contextmanager
def _cache_lock(settings: Settings) -> Iterator[None]:
    """One runner at a time per cache: a second one waits, then finds the
    first one's results instead of running every snippet again."""
    settings.cache_dir.mkdir(parents=True, exist_ok=True)
    with open(settings.cache_dir / ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        yield


def _write_if_changed(path: Path, text: str) -> None:
    data = text.encode()
    if not path.is_file() or path.read_bytes() != data:
        cache.write_atomically(path, data)


def _remove_leftovers(settings: Settings, current: dict[str, Entry]) -> None:
    """Drop what no page may show: files of snippets that no longer exist,
    and figures beyond the number a snippet drew last."""
    wanted_figures = {
        figure_name(snippet, number, scheme)
        for snippet, entry in current.items()
        for number in range(1, len(entry.figures) + 1)
        for scheme in SCHEMES
    }
    live = {s.removesuffix(".py") for s in current}
    if settings.figures_dir.is_dir():
        for path in settings.figures_dir.rglob("*.svg"):
            if path.relative_to(settings.figures_dir).as_posix() not in wanted_figures:
                path.unlink()
    if settings.rendered_dir.is_dir():
        for path in settings.rendered_dir.rglob("*.out.md"):
            if path.relative_to(settings.rendered_dir).as_posix().removesuffix(".out.md") not in live:
                path.unlink()
    if settings.entries_dir.is_dir():
        for path in settings.entries_dir.rglob("*.json"):
            if path.relative_to(settings.entries_dir).as_posix().removesuffix(".json") not in current:
                path.unlink()


def render_all(
    settings: Settings,
    *,
    workers: int | None = None,
    use_cache: bool = True,
    keep_going: bool = False,
    processes: SnippetProcesses | None = None,
    stop: threading.Event | None = None,
    launched: threading.Event | None = None,
) -> Report:
    """Render every snippet. Failures raise :class:`SnippetFailure` unless
    ``keep_going``, in which case the page shows the error in place of output.
    ``processes`` runs them (a caller that renders again and again keeps
    one); by default a new one, closed after. ``stop``, set from another
    thread, stops the run (``schedule.Stopped``); ``launched`` is set once
    the first snippets that had to run have started."""
    if processes is None:
        with SnippetProcesses() as processes:
            return render_all(
                settings,
                workers=workers,
                use_cache=use_cache,
                keep_going=keep_going,
                processes=processes,
                stop=stop,
                launched=launched,
            )
    with _cache_lock(settings):
        report = _render_locked(settings, workers or os.cpu_count() or 1, use_cache, processes, stop, launched)
    if report.failures and not keep_going:
        refuse(settings, report)
    return report


def refuse(settings: Settings, report: Report) -> NoReturn:
    """Fail the build: leave no output that a page could show for a failed
    snippet, and raise :class:`SnippetFailure` naming each."""
    for outcome in report.failures:
        (settings.rendered_dir / rendered_name(outcome.name)).unlink(missing_ok=True)
    raise SnippetFailure(report)


class Rendering:
    """``render_all`` (always keeping going: the caller judges failures) in a
    thread of its own, so that the caller can go on meanwhile; ``result``
    waits for it. The snippets run in their own processes, so they use the
    other cores while the caller's thread works.

    Whatever ends the caller first (Ctrl-C, an error, the interpreter
    exiting) stops the snippets still running; what had finished is kept.

    The constructor returns once the first snippets have started (or there
    was nothing to run). For one edited snippet that takes 0.03-0.05 s; done
    while the caller went on, it took 0.35-0.5 s, as a builder loading its
    configuration holds the interpreter lock most of the time. (A cold run
    waits about 3 s, for the forkserver's imports; it then spends far longer
    on the snippets than the builder spends on its configuration.)"""

    def __init__(self, settings: Settings, processes: SnippetProcesses):
        self._stop = threading.Event()
        self._launched = threading.Event()
        self._outcome: Report | BaseException | None = None
        self._thread = threading.Thread(
            target=self._render, args=(settings, processes), name="snippet-runner", daemon=True
        )
        # A daemon thread is not waited for at exit; this stops and joins it
        # then (atexit runs before daemon threads are frozen).
        atexit.register(self.stop)
        self._thread.start()
        try:
            self._launched.wait()
        except BaseException:  # Ctrl-C while waiting
            self.stop()
            raise

    def _render(self, settings: Settings, processes: SnippetProcesses) -> None:
        try:
            self._outcome = render_all(
                settings, keep_going=True, processes=processes, stop=self._stop, launched=self._launched
            )
        except BaseException as error:  # noqa: BLE001 - handed to the thread that waits
            self._outcome = error
        finally:
            self._launched.set()  # nothing ran, or it failed before

    def running(self) -> bool:
        return self._thread.is_alive()

    def result(self) -> Report:
        try:
            self._thread.join()
        except BaseException:  # Ctrl-C while waiting
            self.stop()
            raise
        atexit.unregister(self.stop)
        if isinstance(self._outcome, BaseException):
            raise self._outcome
        return self._outcome

    def stop(self) -> None:
        """Stop the snippets still running and wait for the thread."""
        self._stop.set()
        self._thread.join()
        atexit.unregister(self.stop)


def longest_first(
    snippets: list[str], last_run: dict[str, float], recorded: dict[str, float], timeout: Callable[[str], float]
) -> list[str]:
    """The order to start ``snippets`` in: longest first, so that no long snippet
    starts last and runs alone while the other cores sit idle. A snippet's
    length is its last run's seconds, however old; else (a fresh clone) its CPU
    seconds in the durations record, for whatever source was measured. Those
    with neither go first of all, the longest time limit first."""

    def key(snippet: str) -> tuple[int, float]:
        seconds = last_run.get(snippet, recorded.get(snippet))
        return (0, -timeout(snippet)) if seconds is None else (1, -seconds)

    return sorted(snippets, key=key)


def _render_locked(
    settings: Settings,
    workers: int,
    use_cache: bool,
    processes: SnippetProcesses,
    stop: threading.Event | None,
    launched: threading.Event | None,
) -> Report:
    started = time.monotonic()
    snippets = discover_snippets(settings)
    tree = hash_tree(settings.snippets_dir)
    keys = {s: entries.cache_key(tree[s], settings.for_snippet(s)) for s in snippets}
    report = Report()
    current: dict[str, Entry] = {}  # the entry each snippet's page shows
    stale = []
    for snippet in snippets:
        entry = entries.reusable(settings, snippet, keys[snippet], tree) if use_cache else None
        if entry is not None:
            current[snippet] = entry
            report.outcomes.append(Outcome(snippet, entry.seconds, True))
        else:
            stale.append(snippet)
    if stale:
        log.info(f"snippets: running {len(stale)} of {len(snippets)} ({len(snippets) - len(stale)} cached)")
        last_run = {s: entries.load(settings, s) for s in stale}
        stale = longest_first(
            stale,
            {s: entry.seconds for s, entry in last_run.items() if entry is not None},
            {s: m.cpu_seconds for s, m in (records.load_durations(settings) or {}).items()},
            lambda s: settings.for_snippet(s).timeout,
        )
        snippets_folder = settings.snippets_dir.relative_to(settings.root).as_posix()
        with tempfile.TemporaryDirectory(prefix="snippet-runner-") as scratch:
            jobs = [
                Job(s, settings.snippets_dir, Path(scratch) / f"job{i}", settings.for_snippet(s).timeout)
                for i, s in enumerate(stale)
            ]
            for finished in processes.run(jobs, workers, stop, launched):
                snippet = finished.job.snippet
                verdict = checks.check(finished, settings.for_snippet(snippet), f"{snippets_folder}/{snippet}")
                if isinstance(verdict, checks.Failure):
                    report.outcomes.append(Outcome(snippet, finished.seconds, False, verdict.error, verdict.details))
                    continue
                # Saved at once: an interrupted build keeps what had finished.
                current[snippet] = entries.store(
                    settings,
                    snippet,
                    keys[snippet],
                    finished.seconds,
                    verdict.stdout,
                    verdict.stderr,
                    [
                        (
                            f["alt"],
                            (finished.job.work / f["file"]).read_bytes(),
                            (finished.job.work / f["dark_file"]).read_bytes(),
                        )
                        for f in verdict.figures
                    ],
                    {dep: tree[dep] for dep in verdict.dependencies if dep in tree},
                )
                report.outcomes.append(Outcome(snippet, finished.seconds, False))
    failed = {o.name: o for o in report.failures}
    # A failed snippet keeps its last good entry (and figures) for its next run's ordering.
    kept = {s: entries.load(settings, s) for s in failed}
    _remove_leftovers(settings, {**{s: e for s, e in kept.items() if e}, **current})
    # How long a block keeps a reader waiting comes from the record, measured on
    # one core, never from this build's run (records.py says why).
    record = records.load_durations(settings)
    one_core = records.as_measured(record or {}, tree)
    if record is not None and (unmeasured := [s for s in snippets if s not in one_core]):
        # Handed to the caller, not logged from here: a builder counts the
        # warnings of a strict build only in its own thread and once its build
        # has begun, and a preview must show this without stopping.
        report.stale_records.append(
            records.stale_durations_warning(unmeasured, settings.snippets_dir.relative_to(settings.root).as_posix())
        )
    swept = _stability_shown(settings, report, {s: current[s] for s in snippets if s not in failed}, tree)
    for snippet in snippets:
        if snippet in failed:
            text = markdown.for_failure(failed[snippet].error, failed[snippet].details)
        else:
            text = markdown.for_entry(current[snippet], one_core.get(snippet), swept.get(snippet))
        _write_if_changed(settings.rendered_dir / rendered_name(snippet), text)
    report.outcomes.sort(key=lambda o: o.name)
    report.wall_seconds = time.monotonic() - started
    return report


def _stability_shown(
    settings: Settings, report: Report, current: dict[str, Entry], tree: dict[str, str]
) -> dict[str, records.Swept]:
    """The record of each snippet whose verdicts the page shows with their
    stability: swept from its current source, with the words its output
    prints. Any other snippet that prints verdicts is reported stale."""
    record = records.load_stability(settings)
    if record is None:
        return {}
    folder = settings.snippets_dir.relative_to(settings.root).as_posix()
    shown, unswept = {}, []
    for snippet, entry in current.items():
        printed = verdicts.read(entry.stdout)
        found = records.stability_shown(record, snippet, tree[snippet], printed)
        if found == "unswept":
            unswept.append(snippet)
        elif found == "mismatched":
            recorded = {key: words[0] for key, words in record[snippet].verdicts.items()}
            report.stale_records.append(records.mismatched_stability_warning(snippet, folder, printed, recorded))
        elif found is not None:
            shown[snippet] = found
    if unswept:
        report.stale_records.append(records.stale_stability_warning(unswept, folder))
    return shown


def cached_entry(settings: Settings, snippet: str) -> dict | None:
    """The last successful run of ``snippet`` (its stdout, stderr, figures), if
    cached, as a plain dict (``entries.load`` gives the typed :class:`Entry`)."""
    entry = entries.load(settings, snippet)
    return entry.as_dict() if entry else None
