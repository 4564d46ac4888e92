"""Judge a finished run against the rules a page depends on.

A run passes when the snippet finished in time, raised nothing, wrote
nothing to stderr (unless it declares it), printed no more than a page
shows, and gave every figure alt text. A failure is one line naming the
file and line, plus evidence for the log.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass

from course_build.runner.schedule import WALL_BACKSTOP_FACTOR, Finished
from course_build.runner.settings import SnippetSettings


@dataclass
class Run:
    """What a finished job left in its folder."""

    stdout: bytes
    stderr: str
    figures: list[dict]  # {"file": name in the work folder, "alt": text}
    dependencies: list[str]  # local files read or imported, below the snippets folder


@dataclass
class Failure:
    error: str  # one line: "snippets/x.py:12: ValueError: ..."
    details: str = ""  # the traceback or other evidence, for the log only


def check(finished: Finished, settings: SnippetSettings, shown: str) -> Run | Failure:
    """``shown`` is how messages name the snippet, e.g. ``snippets/a/b.py``."""
    job = finished.job
    prefix = shown.removesuffix(job.snippet)

    def readable(text: str) -> str:
        return text.replace(str(job.copy_root) + os.sep, prefix)

    def failed(error: str, details: str = "") -> Failure:
        return Failure(readable(error), readable(details))

    stdout = (job.work / "stdout").read_bytes() if (job.work / "stdout").exists() else b""
    stderr = (job.work / "stderr").read_text(errors="replace") if (job.work / "stderr").exists() else ""
    tail = "\n".join(stderr.splitlines()[-15:])
    overrides = f'[tool.snippet-runner.overrides."{job.snippet}"]'
    if finished.timed_out and finished.limit_hit == "cpu":
        return failed(
            f"{shown}: used more than its {settings.timeout:g}s of CPU time (its child processes"
            f" included); if it needs more, set {overrides} timeout in pyproject.toml",
            tail,
        )
    if finished.timed_out:
        return failed(
            f"{shown}: still running after {job.wall_backstop:g}s of wall-clock time ({WALL_BACKSTOP_FACTOR}"
            f" times its {settings.timeout:g}s CPU limit) while computing little: waiting on something"
            " that does not come?",
            tail,
        )
    result_file = job.work / "result.json"
    if not result_file.exists():
        return failed(f"{shown}: the process ended (status {finished.exitcode}) before the snippet finished", tail)
    result = json.loads(result_file.read_text())
    if result["error"]:
        error = result["error"]
        where = f"{shown}:{error['line']}" if error["line"] else shown
        return failed(f"{where}: {error['type']}: {error['message']}", tail)
    if stderr and not settings.expected_stderr:
        return failed(
            f"{shown}: wrote to stderr (warnings included); fix the cause, or declare it with"
            f" {overrides} expected-stderr = true",
            tail,
        )
    if len(stdout) > settings.max_output_bytes:
        return failed(
            f"{shown}: printed {len(stdout):,} bytes, more than the {settings.max_output_bytes:,}"
            " a page shows; print less, or raise max-output-bytes for it in pyproject.toml"
        )
    for number, figure in enumerate(result["figures"], start=1):
        if not figure["alt"]:
            return failed(
                f"{shown}: figure {number} has no alt text; describe it for readers who cannot"
                ' see it, e.g. plt.subplots(label="Scatter plot of ...")'
            )
    return Run(stdout, stderr, result["figures"], result["dependencies"])
