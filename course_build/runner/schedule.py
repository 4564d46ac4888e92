"""Run snippets in their own processes, a few at a time, each within its time limit.

A snippet runs forked from a server process that has the heavy libraries
imported already or, when only a few snippets need running, in a fresh
interpreter (cheaper than paying for every import up front). Either way
``execute.run_snippet`` makes it look like ``python snippets/<file>.py``.
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
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import psutil

from course_build.runner import execute

log = logging.getLogger("course_build.runner")

_SLOW_NOTICE_SECONDS = 10.0
# How often a running snippet's CPU time is read (reading walks its process tree).
_CPU_CHECK_SECONDS = 0.25
# A snippet's time limit counts CPU time, so that a busy machine does not
# fail it; one that waits without computing is stopped by a wall clock this
# many times its limit.
WALL_BACKSTOP_FACTOR = 5
THREAD_VARIABLES = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")


class Stopped(Exception):
    """The run was told to stop (see ``SnippetProcesses.run``)."""


@dataclass
class Job:
    snippet: str  # path below the snippets folder, e.g. "lesson02/class_counts.py"
    snippets_dir: Path  # copied for the job, so that the snippet cannot touch the original
    work: Path  # the job's own folder: the copy, and what the run leaves (see execute)
    timeout: float  # CPU seconds, its child processes' included

    @property
    def wall_backstop(self) -> float:
        return self.timeout * WALL_BACKSTOP_FACTOR

    @property
    def copy_root(self) -> Path:
        return self.work / "snippets"


@dataclass
class Finished:
    job: Job
    seconds: float
    timed_out: bool
    exitcode: int | None
    limit_hit: str | None = None  # "cpu" or "wall" when timed out


def thread_share(snippets_at_once: int) -> dict[str, str]:
    """Share the cores between snippets running at once. OpenMP and BLAS start
    a thread per core in every snippet; oversubscribed, their spinning threads
    made a gradient boosting fit twenty times slower. Results do not change."""
    threads = str(max(1, (os.cpu_count() or 1) // snippets_at_once))
    return dict.fromkeys(THREAD_VARIABLES, threads)


def third_party_imports(snippets_dir: Path, snippets: list[str]) -> list[str]:
    """Modules the snippets import from installed packages, to import once up front."""
    local = {p.stem for p in snippets_dir.rglob("*.py")}
    modules: set[str] = set()
    for snippet in snippets:
        try:
            tree = ast.parse((snippets_dir / snippet).read_bytes())
        except SyntaxError:
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                modules.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                modules.add(node.module)
    return sorted(
        m for m in modules if m.split(".")[0] not in local and importlib.util.find_spec(m.split(".")[0]) is not None
    )


class Forkserver:
    """The server process snippets are forked from, with their imports done.

    Libraries read their thread counts when they load, which happens in the
    server; so it is restarted when the share of cores changes. There is one
    forkserver per process (multiprocessing's), so one owner at a time."""

    def __init__(self) -> None:
        self.threads: dict[str, str] | None = None  # the share it was started with, while running
        self.preloaded: frozenset[str] = frozenset()

    @staticmethod
    def available() -> bool:
        return "forkserver" in multiprocessing.get_all_start_methods()

    def serves(self, threads: dict[str, str]) -> bool:
        return self.threads == threads

    def start(self, preload: list[str], threads: dict[str, str]) -> None:
        if self.serves(threads) and self.preloaded.issuperset(preload):
            return
        self.close()
        multiprocessing.get_context("forkserver").set_forkserver_preload(["course_build.runner.execute", *preload])
        # The server takes its environment from this process's: for the moment
        # it starts, the whole process has the share (a process started from
        # another thread meanwhile, such as the notebook converter, would
        # inherit it too, which only sets how many threads that one uses).
        saved = {name: os.environ.get(name) for name in threads}
        os.environ.update(threads)
        try:
            multiprocessing.forkserver.ensure_running()
        finally:
            for name, value in saved.items():
                if value is None:
                    os.environ.pop(name)
                else:
                    os.environ[name] = value
        self.threads, self.preloaded = dict(threads), frozenset(preload)

    def close(self) -> None:
        if self.threads is not None:
            multiprocessing.forkserver._forkserver._stop()  # no public way to stop it
            self.threads, self.preloaded = None, frozenset()


class _Child:
    """One snippet's process."""

    def __init__(self, work: Path, forked: bool, env: dict[str, str]):
        self.started = time.monotonic()
        self._forked = forked
        if forked:
            context = multiprocessing.get_context("forkserver")
            self._process = context.Process(target=execute.run_snippet, args=(str(work),))
            self._process.start()
            self.pid = self._process.pid
        else:
            self._popen = subprocess.Popen(
                [sys.executable, "-m", "course_build.runner.execute", str(work)], stdin=subprocess.DEVNULL, env=env
            )
            self.pid = self._popen.pid

    def exitcode(self) -> int | None:
        return self._process.exitcode if self._forked else self._popen.poll()

    def cpu_seconds(self) -> float:
        """CPU time of the snippet's process and its descendants: those still
        running, and those that ended and were waited for (counted in their
        parent's children times)."""
        try:
            process = psutil.Process(self.pid)
            tree = [process, *process.children(recursive=True)]
        except psutil.Error:
            return 0.0  # ended meanwhile
        total = 0.0
        for member in tree:
            try:
                times = member.cpu_times()
            except psutil.Error:
                continue
            total += times.user + times.system + times.children_user + times.children_system
        return total

    def end(self) -> None:
        """Stop it and anything it started (its process group) if still running."""
        try:
            os.killpg(self.pid, signal.SIGKILL)
        except OSError:
            pass  # nothing left in the group, or it had not made its group yet
        if self._forked:
            self._process.kill()
            self._process.join()
        else:
            self._popen.kill()
            self._popen.wait()


class SnippetProcesses:
    """Runs jobs; owns the forkserver between runs (``mkdocs serve`` keeps one
    for all its rebuilds). ``fork``: True or False to choose, None to let
    the number of jobs decide."""

    def __init__(self, fork: bool | None = None):
        self.fork = fork
        self.forkserver = Forkserver()
        self._fresh_sys_path: list[str] | None = None

    def close(self) -> None:
        self.forkserver.close()

    def __enter__(self) -> SnippetProcesses:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def fresh_sys_path(self, env: dict[str, str]) -> list[str]:
        """``sys.path`` of a fresh interpreter, less its first entry (the script's folder)."""
        if self._fresh_sys_path is None:
            done = subprocess.run(
                [sys.executable, "-c", "import json, sys; print(json.dumps(sys.path[1:]))"],
                env=env,
                capture_output=True,
                text=True,
                check=True,
            )
            self._fresh_sys_path = json.loads(done.stdout)
        return self._fresh_sys_path

    def run(
        self,
        jobs: list[Job],
        workers: int,
        stop: threading.Event | None = None,
        launched: threading.Event | None = None,
    ) -> Iterator[Finished]:
        """Run ``jobs`` in order, ``workers`` at a time, yielding each as it ends.
        Leaving early (an error, Ctrl-C, ``stop`` set from another thread:
        :class:`Stopped`) stops whatever still runs. ``launched`` is set once
        the first ones have started."""
        if not jobs:
            return
        threads = thread_share(min(workers, len(jobs)))
        forked = self.fork
        if forked is None:
            forked = self.forkserver.serves(threads) or len(jobs) > workers
        forked = forked and self.forkserver.available()
        if forked:
            preload = third_party_imports(jobs[0].snippets_dir, [job.snippet for job in jobs])
            self.forkserver.start(preload, threads)
        env = {**os.environ, **threads}
        # A fresh interpreter has its own sys.path already; a forked one gets it.
        sys_path = self.fresh_sys_path(env) if forked else None
        pending = list(jobs)
        running: dict[int, tuple[Job, _Child]] = {}
        next_notice: dict[int, float] = {}
        cpu_used: dict[int, float] = {}
        next_cpu_check: dict[int, float] = {}
        done = 0
        try:
            while pending or running:
                while pending and len(running) < workers:
                    job = pending.pop(0)
                    shutil.copytree(job.snippets_dir, job.copy_root, ignore=shutil.ignore_patterns("__pycache__"))
                    draws = any(
                        m.split(".")[0] == "matplotlib" for m in third_party_imports(job.snippets_dir, [job.snippet])
                    )
                    execute.write_job(
                        job.work, str(job.copy_root / job.snippet), str(job.copy_root), env, sys_path, draws
                    )
                    child = _Child(job.work, forked, env)
                    running[id(job)] = (job, child)
                    next_notice[id(job)] = _SLOW_NOTICE_SECONDS
                    cpu_used[id(job)], next_cpu_check[id(job)] = 0.0, 0.0
                if launched is not None:
                    launched.set()
                time.sleep(0.02)
                if stop is not None and stop.is_set():
                    raise Stopped(f"stopped with {len(running) + len(pending)} of {len(jobs)} snippets unfinished")
                for key, (job, child) in list(running.items()):
                    elapsed = time.monotonic() - child.started
                    exitcode = child.exitcode()
                    if exitcode is None and elapsed >= next_cpu_check[key]:
                        cpu_used[key] = child.cpu_seconds()
                        next_cpu_check[key] = elapsed + _CPU_CHECK_SECONDS
                    limit_hit = (
                        "cpu" if cpu_used[key] > job.timeout else "wall" if elapsed > job.wall_backstop else None
                    )
                    if exitcode is None and limit_hit is None:
                        if elapsed > next_notice[key]:
                            log.info(f"snippets: {job.snippet} is still running after {elapsed:.0f}s")
                            next_notice[key] += _SLOW_NOTICE_SECONDS
                        continue
                    child.end()
                    del running[key]
                    done += 1
                    cpu = cpu_used.pop(key)
                    del next_cpu_check[key]
                    log.info(f"snippets: [{done}/{len(jobs)}] {job.snippet} ran in {elapsed:.2f}s ({cpu:.1f}s CPU)")
                    timed_out = limit_hit is not None and exitcode is None
                    yield Finished(job, elapsed, timed_out, exitcode, limit_hit if timed_out else None)
        finally:
            for _, child in running.values():
                child.end()
