"""Run one snippet the way ``python snippets/<file>.py`` would, in this process.

Called in a fresh child process (forked from a server that has the heavy
libraries imported, or started from scratch). Reads ``job.json`` from the
job's work folder and writes ``stdout``, ``stderr``, SVG figures and
``result.json`` there.
"""

from __future__ import annotations

import atexit
import builtins
import importlib.machinery
import json
import os
import random
import sys
import threading
import traceback
import types
from pathlib import Path

FIGURE_BACKEND = "module://course_build.runner.figure_backend"


def write_job(
    work: Path, script: str, copy_root: str, env: dict[str, str], sys_path: list[str] | None, draws: bool
) -> None:
    """What ``run_snippet`` needs to know, in the job's folder (both ways of
    starting a child read it from there). ``draws``: the script imports matplotlib."""
    job = {"script": script, "copy_root": copy_root, "env": env, "sys_path": sys_path, "draws": draws}
    (work / "job.json").write_text(json.dumps(job))


# multiprocessing's class of a main process, which it keeps private: taken
# while this module loads in the server snippets are forked from (a fresh
# interpreter has not imported multiprocessing, and must not for us).
_MAIN_PROCESS = (
    type(sys.modules["multiprocessing.process"].current_process()) if "multiprocessing.process" in sys.modules else None
)


def _as_if_started_by_python() -> None:
    """Undo what being forked by multiprocessing changed: a snippet's process
    is a main process, not a daemon child (joblib would refuse to start
    workers, and a multiprocessing pool would raise)."""
    process = sys.modules.get("multiprocessing.process")
    if process is None or process.parent_process() is None:
        return  # a fresh interpreter already is one
    process._current_process = _MAIN_PROCESS()
    process._parent_process = None
    process._children = set()


def _run_as_main(script: str) -> None:
    """What ``python script`` does: compile the file and run it as the ``__main__`` module."""
    main = types.ModuleType("__main__")
    main.__file__ = script
    main.__loader__ = importlib.machinery.SourceFileLoader("__main__", script)
    main.__builtins__ = builtins
    sys.modules["__main__"] = main
    if "multiprocessing" in sys.modules:
        # multiprocessing names the main module __mp_main__ when it loads;
        # here it loaded before the snippet (preloaded, or forked by it).
        sys.modules["__mp_main__"] = main
    with open(script, "rb") as source:
        code = compile(source.read(), script, "exec")
    exec(code, main.__dict__)


def _use_figure_backend(work: Path):
    import matplotlib

    from course_build.runner import figure_backend

    figure_backend.output_dir = work
    matplotlib.rcParams["backend"] = FIGURE_BACKEND
    return figure_backend


def _opened_paths_under(root: str) -> set[str]:
    """Record every file the snippet opens below ``root`` (its data files)."""
    opened: set[str] = set()

    def audit(event: str, args: tuple) -> None:
        if event == "open" and not isinstance(args[0], int):
            path = os.path.abspath(os.fsdecode(args[0]))
            if path.startswith(root):
                opened.add(path)

    sys.addaudithook(audit)
    return opened


def _error_location(error: BaseException, script: str) -> int | None:
    """The line of the snippet's own frame closest to where the error was raised."""
    line = None
    for frame in traceback.extract_tb(error.__traceback__):
        if frame.filename == script:
            line = frame.lineno
    if line is None and isinstance(error, SyntaxError) and error.filename == script:
        line = error.lineno
    return line


def _print_traceback(error: BaseException, script: str) -> None:
    """Print the traceback as Python would, without this runner's frames."""
    tb = error.__traceback__
    while tb is not None and tb.tb_frame.f_code.co_filename != script:
        tb = tb.tb_next
    traceback.print_exception(type(error), error, tb or error.__traceback__)


def run_snippet(work_dir: str) -> None:
    """Execute the job's script (inside a private copy of the snippets folder)
    as ``__main__``, as ``python <script>`` would with the job's environment,
    and write everything it produced into ``work_dir``."""
    work = Path(work_dir)
    job = json.loads((work / "job.json").read_text())
    script, copy_root = job["script"], job["copy_root"]
    # Own process group, so that the runner can stop anything it started.
    try:
        os.setsid()
    except OSError:
        pass
    _as_if_started_by_python()
    os.environ.clear()
    os.environ.update(job["env"])
    # Point the process's own stdout and stderr (C code included) at files.
    for fd, name in ((1, "stdout"), (2, "stderr")):
        with open(work / name, "wb") as sink:
            os.dup2(sink.fileno(), fd)
    sys.stdout = open(1, "w", encoding="utf-8", closefd=False)
    sys.stderr = open(2, "w", encoding="utf-8", errors="backslashreplace", closefd=False)

    # Figures go to the work folder, through our backend (a snippet that does
    # not draw pays nothing for it).
    if job["draws"] or "matplotlib" in sys.modules:
        _use_figure_backend(work)

    # A fresh interpreter seeds its generators from the OS; so do we, so that a
    # snippet without a fixed random_state shows different output every run.
    random.seed()
    if "numpy" in sys.modules:
        sys.modules["numpy"].random.seed()

    os.chdir(os.path.dirname(script))
    sys.argv = [script]
    if job["sys_path"] is None:  # a fresh interpreter's own, less its first entry (our cwd)
        sys.path[0] = os.path.dirname(script)
    else:
        sys.path[:] = [os.path.dirname(script), *job["sys_path"]]
    sys.dont_write_bytecode = True
    opened = _opened_paths_under(copy_root)

    result: dict = {"error": None}
    try:
        _run_as_main(script)
    except SystemExit as exit_:
        if exit_.code not in (None, 0):
            print(exit_.code if isinstance(exit_.code, str) else "", file=sys.stderr)
            result["error"] = {"type": "SystemExit", "message": f"exit status {exit_.code}", "line": None}
    except BaseException as error:  # noqa: BLE001 - report anything the snippet raises
        _print_traceback(error, script)
        result["error"] = {
            "type": type(error).__name__,
            "message": str(error),
            "line": _error_location(error, script),
        }
    figures = []
    if "matplotlib.pyplot" in sys.modules:
        figure_backend = _use_figure_backend(work)
        figure_backend.save_open_figures()
        figures = figure_backend.saved
    # What the interpreter does on its way out (multiprocessing's forked
    # children skip it): stop executors and wait for the snippet's threads,
    # then run its exit handlers. No public API does either.
    threading._shutdown()
    atexit._run_exitfuncs()

    local_modules = {
        os.path.normpath(module.__file__)
        for module in list(sys.modules.values())
        if getattr(module, "__file__", None) and module.__file__.startswith(copy_root)
    }
    result["figures"] = figures
    result["dependencies"] = sorted(
        os.path.relpath(path, copy_root) for path in (opened | local_modules) if path != script
    )
    sys.stdout.flush()
    sys.stderr.flush()
    (work / "result.json").write_text(json.dumps(result))


if __name__ == "__main__":
    # Started as ``python -m course_build.runner.execute WORK_DIR``.
    run_snippet(sys.argv[1])
