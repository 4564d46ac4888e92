"""Run one snippet the way ``python snippets/<file>.py`` would, in this process.

Called in a fresh child process (forked from a server that has the heavy
libraries imported, or started from scratch). Writes ``stdout``, ``stderr``,
SVG figures and ``result.json`` into the job's work folder.
"""

from __future__ import annotations

import json
import os
import random
import runpy
import sys
import traceback
from pathlib import Path

FIGURE_BACKEND = "module://snippet_runner.figure_backend"
FIGURE_DIR_VARIABLE = "SNIPPET_RUNNER_FIGURE_DIR"


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


def run_snippet(script: str, copy_root: str, work_dir: str) -> None:
    """Execute ``script`` (inside ``copy_root``, a private copy of the snippets
    folder) as ``__main__`` and write everything it produced into ``work_dir``."""
    work = Path(work_dir)
    # Own process group, so that a timeout also stops processes it started.
    try:
        os.setsid()
    except OSError:
        pass
    # Point the process's own stdout and stderr (C code included) at files.
    for fd, name in ((1, "stdout"), (2, "stderr")):
        with open(work / name, "wb") as sink:
            os.dup2(sink.fileno(), fd)
    sys.stdout = open(1, "w", encoding="utf-8", closefd=False)
    sys.stderr = open(2, "w", encoding="utf-8", errors="backslashreplace", closefd=False)

    # matplotlib loads the backend only if the snippet draws: a snippet that
    # does not pays nothing for it.
    os.environ["MPLBACKEND"] = FIGURE_BACKEND
    os.environ[FIGURE_DIR_VARIABLE] = str(work)
    if "matplotlib" in sys.modules:
        sys.modules["matplotlib"].rcParams["backend"] = FIGURE_BACKEND

    # A fresh interpreter seeds its generators from the OS; so do we, so that a
    # snippet without a fixed random_state shows different output every run.
    random.seed()
    if "numpy" in sys.modules:
        sys.modules["numpy"].random.seed()

    os.chdir(os.path.dirname(script))
    sys.argv = [script]
    sys.path[0] = os.path.dirname(script)
    sys.dont_write_bytecode = True
    opened = _opened_paths_under(copy_root)

    result: dict = {"error": None}
    try:
        runpy.run_path(script, run_name="__main__")
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
        from snippet_runner import figure_backend

        figure_backend.save_open_figures()
        figures = figure_backend.saved

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
    # Started as ``python -m snippet_runner.execute SCRIPT COPY_ROOT WORK_DIR``.
    run_snippet(*sys.argv[1:4])
