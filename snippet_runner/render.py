"""Bring every snippet's rendered output up to date: run what changed, reuse the rest.

For ``snippets/lesson02/class_counts.py`` this writes, under the cache folder,
``rendered/lesson02/class_counts.out.md`` (the Markdown a page includes right
below the code) and ``figures/lesson02/class_counts-1.svg`` and so on.
"""

from __future__ import annotations

import ast
import importlib.util
import json
import logging
import multiprocessing
import multiprocessing.forkserver
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from snippet_runner import cache, execute
from snippet_runner.settings import Settings, SnippetSettings

log = logging.getLogger("snippet_runner")

# Where a snippet's figures and its source (for download) are published.
PUBLISHED_PREFIX = "/snippets/"
_SLOW_NOTICE_SECONDS = 10.0


class SnippetFailure(Exception):
    """One or more snippets failed; the message names each file and line."""

    def __init__(self, report: "Report"):
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


def discover_snippets(settings: Settings) -> list[str]:
    """Every runnable snippet; files starting with ``_`` are modules for import only."""
    return sorted(
        path.relative_to(settings.snippets_dir).as_posix()
        for path in settings.snippets_dir.rglob("*.py")
        if not path.name.startswith("_") and "__pycache__" not in path.parts
    )


def rendered_name(snippet: str) -> str:
    """The include name of a snippet's output: ``a/b.py`` -> ``a/b.out.md``."""
    return snippet.removesuffix(".py") + ".out.md"


def _hash_tree(folder: Path) -> dict[str, str]:
    return {
        path.relative_to(folder).as_posix(): cache.sha256(path.read_bytes())
        for path in folder.rglob("*")
        if path.is_file() and "__pycache__" not in path.parts
    }


def _cache_key(source_hash: str, snippet_settings: SnippetSettings) -> str:
    parts = [source_hash, cache.environment_fingerprint(), json.dumps(snippet_settings.__dict__, sort_keys=True)]
    return cache.sha256("\n".join(parts).encode())


def _entry_path(settings: Settings, snippet: str) -> Path:
    return settings.entries_dir / (snippet + ".json")


def figure_name(snippet: str, number: int) -> str:
    """Where figure ``number`` of a snippet lives, below the figures folder and
    below the published prefix: ``a/b.py`` -> ``a/b-1.svg``."""
    return f"{snippet.removesuffix('.py')}-{number}.svg"


def figure_path(settings: Settings, snippet: str, number: int) -> Path:
    return settings.figures_dir / figure_name(snippet, number)


def _reusable_entry(settings: Settings, snippet: str, key: str, tree: dict[str, str]) -> dict | None:
    entry = cache.load_entry(_entry_path(settings, snippet))
    if entry is None or entry["key"] != key:
        return None
    if any(tree.get(dep) != digest for dep, digest in entry["dependencies"].items()):
        return None
    for number, figure in enumerate(entry["figures"], start=1):
        path = figure_path(settings, snippet, number)
        if not path.is_file() or cache.sha256(path.read_bytes()) != figure["sha256"]:
            return None
    return entry


def _last_seconds(settings: Settings, snippet: str) -> float:
    """How long the snippet took when it last ran; unknown counts as long."""
    entry = cache.load_entry(_entry_path(settings, snippet))
    return entry["seconds"] if entry else float("inf")


# --- running -----------------------------------------------------------------

_forkserver_started = False


def _third_party_imports(settings: Settings, snippets: list[str]) -> list[str]:
    """Modules the snippets import from installed packages, to import once up front."""
    local = {p.stem for p in settings.snippets_dir.rglob("*.py")}
    modules: set[str] = set()
    for snippet in snippets:
        try:
            tree = ast.parse((settings.snippets_dir / snippet).read_bytes())
        except SyntaxError:
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                modules.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                modules.add(node.module)
    return sorted(
        m for m in modules
        if m.split(".")[0] not in local and importlib.util.find_spec(m.split(".")[0]) is not None
    )


class _Child:
    """A snippet running in its own process: forked from a server that has the
    heavy imports done, or, when only a few snippets need running, a fresh
    interpreter (cheaper than paying for every import up front)."""

    def __init__(self, args: tuple[str, str, str], forked: bool, thread_env: dict[str, str]):
        self.started = time.monotonic()
        if forked:
            context = multiprocessing.get_context("forkserver")
            self._process = context.Process(target=execute.run_snippet, args=args, daemon=True)
            self._process.start()
            self.pid = self._process.pid
        else:
            self._popen = subprocess.Popen(
                [sys.executable, "-m", "snippet_runner.execute", *args],
                stdin=subprocess.DEVNULL,
                env={**os.environ, **thread_env},
            )
            self.pid = self._popen.pid
        self._forked = forked

    def exitcode(self) -> int | None:
        return self._process.exitcode if self._forked else self._popen.poll()

    def kill(self) -> None:
        try:  # the snippet's process group: it and anything it started
            os.killpg(self.pid, signal.SIGKILL)
        except OSError:
            pass  # it had not made its own group yet
        if self._forked:
            self._process.kill()
            self._process.join()
        else:
            self._popen.kill()
            self._popen.wait()


def _thread_env(snippets_at_once: int) -> dict[str, str]:
    """Share the cores between snippets running at once. OpenMP and BLAS start
    a thread per core in every snippet; oversubscribed, their spinning threads
    made a gradient boosting fit twenty times slower. Results do not change."""
    threads = str(max(1, (os.cpu_count() or 1) // snippets_at_once))
    return {name: threads for name in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")}


def _start_forkserver(preload: list[str], thread_env: dict[str, str]) -> None:
    """Start the server children are forked from; it imports ``preload`` once."""
    global _forkserver_started
    if _forkserver_started:
        return
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["snippet_runner.execute", *preload])
    # Thread counts are read when the libraries load, in the server.
    saved = {name: os.environ.get(name) for name in thread_env}
    os.environ.update(thread_env)
    try:
        multiprocessing.forkserver.ensure_running()
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name)
            else:
                os.environ[name] = value
    _forkserver_started = True


@dataclass
class _Job:
    snippet: str
    settings: SnippetSettings
    work: Path
    child: _Child | None = None
    next_notice: float = _SLOW_NOTICE_SECONDS


def _run_all(settings: Settings, snippets: list[str], workers: int, scratch: Path) -> list[tuple[_Job, float, bool]]:
    """Run the snippets, ``workers`` at a time; returns (job, seconds, timed_out)."""
    forked = "forkserver" in multiprocessing.get_all_start_methods() and (
        _forkserver_started or len(snippets) > workers
    )
    thread_env = _thread_env(min(workers, len(snippets)))
    if forked:
        _start_forkserver(_third_party_imports(settings, snippets), thread_env)
    pending = [
        _Job(s, settings.for_snippet(s), scratch / f"job{i}") for i, s in enumerate(snippets)
    ]
    running: list[_Job] = []
    finished: list[tuple[_Job, float, bool]] = []
    total = len(pending)
    while pending or running:
        while pending and len(running) < workers:
            job = pending.pop(0)
            copy_root = job.work / "snippets"
            shutil.copytree(settings.snippets_dir, copy_root, ignore=shutil.ignore_patterns("__pycache__"))
            script = str(copy_root / job.snippet)
            job.child = _Child((script, str(copy_root), str(job.work)), forked, thread_env)
            running.append(job)
        time.sleep(0.02)
        for job in list(running):
            elapsed = time.monotonic() - job.child.started
            timed_out = elapsed > job.settings.timeout
            if timed_out:
                job.child.kill()
            elif job.child.exitcode() is None:
                if elapsed > job.next_notice:
                    log.info(f"snippets: {job.snippet} is still running after {elapsed:.0f}s")
                    job.next_notice += _SLOW_NOTICE_SECONDS
                continue
            running.remove(job)
            finished.append((job, elapsed, timed_out))
            log.info(f"snippets: [{len(finished)}/{total}] {job.snippet} ran in {elapsed:.2f}s")
    return finished


def _collect(settings: Settings, job: _Job, seconds: float, timed_out: bool, tree: dict[str, str], key: str) -> tuple[dict | None, Outcome]:
    """Turn what a finished job left in its folder into a cache entry, or an error."""
    shown = f"{settings.snippets_dir.relative_to(settings.root).as_posix()}/{job.snippet}"
    copy_root = str(job.work / "snippets")

    def readable(text: str) -> str:
        return text.replace(copy_root + os.sep, shown.removesuffix(job.snippet))

    def failed(error: str, details: str = "") -> tuple[None, Outcome]:
        return None, Outcome(job.snippet, seconds, False, readable(error), readable(details))

    stdout = (job.work / "stdout").read_bytes() if (job.work / "stdout").exists() else b""
    stderr = (job.work / "stderr").read_text(errors="replace") if (job.work / "stderr").exists() else ""
    tail = "\n".join(stderr.splitlines()[-15:])
    if timed_out:
        return failed(
            f"{shown}: did not finish within {job.settings.timeout:g}s; if it needs longer, set"
            f" [tool.snippet-runner.overrides.\"{job.snippet}\"] timeout in pyproject.toml",
            tail,
        )
    result_file = job.work / "result.json"
    if not result_file.exists():
        return failed(f"{shown}: the process ended (status {job.child.exitcode()}) before the snippet finished", tail)
    result = json.loads(result_file.read_text())
    if result["error"]:
        error = result["error"]
        where = f"{shown}:{error['line']}" if error["line"] else shown
        return failed(f"{where}: {error['type']}: {error['message']}", tail)
    if stderr and not job.settings.expected_stderr:
        return failed(
            f"{shown}: wrote to stderr (warnings included); fix the cause, or declare it with"
            f" [tool.snippet-runner.overrides.\"{job.snippet}\"] expected-stderr = true",
            tail,
        )
    if len(stdout) > job.settings.max_output_bytes:
        return failed(
            f"{shown}: printed {len(stdout):,} bytes, more than the {job.settings.max_output_bytes:,}"
            " a page shows; print less, or raise max-output-bytes for it in pyproject.toml"
        )
    for number, figure in enumerate(result["figures"], start=1):
        if not figure["alt"]:
            return failed(
                f"{shown}: figure {number} has no alt text; describe it for readers who cannot"
                " see it, e.g. plt.subplots(label=\"Scatter plot of ...\")"
            )
    figures = []
    for number, figure in enumerate(result["figures"], start=1):
        data = (job.work / figure["file"]).read_bytes()
        cache.write_atomically(figure_path(settings, job.snippet, number), data)
        figures.append({"alt": figure["alt"], "sha256": cache.sha256(data)})
    entry = {
        "key": key,
        "snippet": job.snippet,
        "seconds": round(seconds, 3),
        "stdout": stdout.decode("utf-8", errors="replace"),
        "stderr": stderr,
        "figures": figures,
        "dependencies": {dep: tree[dep] for dep in result["dependencies"] if dep in tree},
    }
    return entry, Outcome(job.snippet, seconds, False)


# --- rendering -----------------------------------------------------------------


def _fence(text: str, attributes: str) -> str:
    """A fenced block that survives backticks inside ``text``."""
    longest = max((len(run) for run in text.split("\n") if set(run) == {"`"}), default=0)
    ticks = "`" * max(3, longest + 1)
    return f"{ticks} {{ {attributes} }}\n{text.rstrip(chr(10))}\n{ticks}\n"


def _markdown_for_entry(snippet: str, entry: dict) -> str:
    parts = []
    if entry["stdout"]:
        parts.append(_fence(entry["stdout"], '.text .snippet-output title="Output"'))
    if entry["stderr"]:
        parts.append(_fence(entry["stderr"], '.text .snippet-stderr title="Standard error"'))
    for number, figure in enumerate(entry["figures"], start=1):
        alt = " ".join(figure["alt"].split()).replace("[", "\\[").replace("]", "\\]")
        url = PUBLISHED_PREFIX + figure_name(snippet, number)
        parts.append(f"![{alt}]({url}){{ .snippet-figure loading=lazy }}\n")
    file_name = snippet.rsplit("/", 1)[-1]
    parts.append(
        f"[Download {file_name}]({PUBLISHED_PREFIX}{snippet})"
        f'{{ .snippet-download download="{file_name}" }}\n'
    )
    return "\n".join(parts)


def _markdown_for_failure(outcome: Outcome) -> str:
    """Shown only while previewing (``mkdocs serve``); a build fails instead."""
    body = (outcome.details or "").rstrip()
    return f'!!! failure "This snippet failed"\n\n    {outcome.error}\n\n' + "".join(
        "    " + line + "\n" for line in _fence(body, ".text").splitlines()
    )


def _write_if_changed(path: Path, text: str) -> None:
    data = text.encode()
    if not path.is_file() or path.read_bytes() != data:
        cache.write_atomically(path, data)


def _remove_leftovers(settings: Settings, snippets: list[str]) -> None:
    """Drop rendered files of snippets that no longer exist, so no page can show them."""
    live = {s.removesuffix(".py") for s in snippets}
    for folder, suffix in ((settings.rendered_dir, ".out.md"), (settings.figures_dir, ".svg")):
        for path in folder.rglob(f"*{suffix}") if folder.is_dir() else ():
            stem = path.relative_to(folder).as_posix().removesuffix(suffix)
            if suffix == ".svg":
                stem = stem.rsplit("-", 1)[0]
            if stem not in live:
                path.unlink()
    for path in settings.entries_dir.rglob("*.json") if settings.entries_dir.is_dir() else ():
        if path.relative_to(settings.entries_dir).as_posix().removesuffix(".json") not in snippets:
            path.unlink()


def render_all(
    settings: Settings,
    *,
    workers: int | None = None,
    use_cache: bool = True,
    keep_going: bool = False,
    while_running: Callable[[], None] | None = None,
) -> Report:
    """Render every snippet. Failures raise :class:`SnippetFailure` unless
    ``keep_going``, in which case the page shows the error in place of output.
    ``while_running`` is called when snippets start running, for a caller
    that has work to overlap with them."""
    started = time.monotonic()
    workers = workers or os.cpu_count() or 1
    snippets = discover_snippets(settings)
    tree = _hash_tree(settings.snippets_dir)
    keys = {s: _cache_key(tree[s], settings.for_snippet(s)) for s in snippets}
    report = Report()
    entries: dict[str, dict] = {}
    for snippet in snippets:
        entry = _reusable_entry(settings, snippet, keys[snippet], tree) if use_cache else None
        if entry is not None:
            entries[snippet] = entry
            report.outcomes.append(Outcome(snippet, entry["seconds"], True))
    # Longest first (by their last run, however old), so that no long snippet
    # starts last and runs alone while the other cores sit idle.
    stale = sorted((s for s in snippets if s not in entries), key=lambda s: -_last_seconds(settings, s))
    if stale:
        log.info(f"snippets: running {len(stale)} of {len(snippets)} ({len(snippets) - len(stale)} cached)")
        if while_running:
            while_running()
        with tempfile.TemporaryDirectory(prefix="snippet-runner-") as scratch:
            for job, seconds, timed_out in _run_all(settings, stale, workers, Path(scratch)):
                entry, outcome = _collect(settings, job, seconds, timed_out, tree, keys[job.snippet])
                report.outcomes.append(outcome)
                if entry is not None:
                    cache.save_entry(_entry_path(settings, job.snippet), entry)
                    entries[job.snippet] = entry
    _remove_leftovers(settings, snippets)
    for snippet in snippets:
        if snippet in entries:
            text = _markdown_for_entry(snippet, entries[snippet])
        else:
            text = _markdown_for_failure(next(o for o in report.failures if o.name == snippet))
        _write_if_changed(settings.rendered_dir / rendered_name(snippet), text)
    report.outcomes.sort(key=lambda o: o.name)
    report.wall_seconds = time.monotonic() - started
    if report.failures and not keep_going:
        # Leave no output that a page could show for a failed snippet.
        for outcome in report.failures:
            (settings.rendered_dir / rendered_name(outcome.name)).unlink(missing_ok=True)
        raise SnippetFailure(report)
    return report


def published_files(settings: Settings) -> list[tuple[str, Path]]:
    """(site path, file) for every snippet's source and rendered figures."""
    sources = [(snippet, settings.snippets_dir / snippet) for snippet in discover_snippets(settings)]
    figures = [
        (path.relative_to(settings.figures_dir).as_posix(), path)
        for path in sorted(settings.figures_dir.rglob("*.svg"))
    ] if settings.figures_dir.is_dir() else []
    return [(PUBLISHED_PREFIX.lstrip("/") + name, path) for name, path in sources + figures]


def cached_entry(settings: Settings, snippet: str) -> dict | None:
    """The last successful run of ``snippet`` (its stdout, stderr, figures), if cached."""
    return cache.load_entry(_entry_path(settings, snippet))
