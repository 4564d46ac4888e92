"""The drift report: what the pages would show with other versions of the libraries.

``python -m course_build.maintenance.drift`` runs every snippet in a separate virtual
environment resolved from the newest releases of every dependency (not the
lock), or from a given set of versions, and reports against the locked build:
snippets that fail or warn, printed outputs that changed (a unified diff),
figures whose drawing changed, and printed verdicts of lesson 8's comparison
rule whose word changed. It exits with status 1 when a snippet fails or a
verdict word changes; numbers that move within a verdict are reported only.

The comparison itself (:func:`compare_builds`, :func:`report`) reads two
snippet caches, so it can be fed any two builds.
"""

from __future__ import annotations

import argparse
import difflib
import json
import logging
import re
import shutil
import subprocess
import sys
import tomllib
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from textwrap import shorten

from course_build.maintenance import stability
from course_build.runner import cache, entries, records
from course_build.runner.discovery import discover_snippets
from course_build.runner.render import SnippetFailure, render_all
from course_build.runner.settings import Settings, load_settings

# One printed comparison, as lesson 8's ``compare`` prints it ("AP: SMOTE
# trails plain LR | difference ..."); the claims tests parse the same lines.
COMPARISON = re.compile(
    r"^(?P<metric>[^:\n]+): (?P<a>.+?) (?P<verdict>beats|edges|ties with|trails|loses to) (?P<b>.+?) \| difference ",
    re.M,
)
# Where the report's environment and its copy of the project live (git-ignored).
WORK_FOLDER = ".drift"


@dataclass
class VerdictChange:
    snippet: str
    comparison: str  # "AP: SMOTE ... plain LR", the verdict left out
    locked: str
    other: str


@dataclass
class Drift:
    """How one build differs from another (the locked one)."""

    failures: dict[str, str] = field(default_factory=dict)  # snippet -> error, warnings included
    output_diffs: dict[str, str] = field(default_factory=dict)  # snippet -> unified diff
    figures_changed: dict[str, list[str]] = field(default_factory=dict)  # snippet -> what changed
    verdicts_changed: list[VerdictChange] = field(default_factory=list)

    @property
    def breaks_pages(self) -> bool:
        """A snippet fails or a verdict word a page states may no longer hold."""
        return bool(self.failures or self.verdicts_changed)


def verdicts(stdout: str) -> dict[str, str]:
    """Each printed comparison (with the ``== <part>`` it is printed under,
    if any) and its verdict word."""
    found: dict[str, str] = {}
    part = ""
    for line in stdout.splitlines():
        if line.startswith("== "):
            part = line + " / "
        match = COMPARISON.match(line)
        if match:
            found[f"{part}{match['metric']}: {match['a']} … {match['b']}"] = match["verdict"]
    return found


def drawing(svg: bytes) -> bytes:
    """A figure without its metadata, which names the matplotlib version that
    wrote it: what remains is what it draws."""
    return re.sub(rb"<metadata>.*?</metadata>", b"", svg, flags=re.S)


def _figures(settings: Settings, entry: entries.Entry) -> list[tuple[str, bytes, bytes]]:
    return [
        (
            figure.alt,
            drawing(entries.figure_path(settings, entry.snippet, number).read_bytes()),
            drawing(entries.figure_path(settings, entry.snippet, number, "dark").read_bytes()),
        )
        for number, figure in enumerate(entry.figures, start=1)
    ]


def compare_builds(locked: Settings, other: Settings, failures: dict[str, str]) -> Drift:
    """Compare the snippet caches of two builds of the same snippets.
    ``failures``: the snippets that failed in ``other``, with their errors."""
    drift = Drift(failures=dict(sorted(failures.items())))
    for snippet in discover_snippets(locked):
        if snippet in failures:
            continue
        before, after = entries.load(locked, snippet), entries.load(other, snippet)
        if before is None or after is None:
            raise ValueError(
                f"snippets/{snippet} has no cached run in {locked.cache_dir if before is None else other.cache_dir}"
            )
        for stream in ("stdout", "stderr"):
            old, new = getattr(before, stream), getattr(after, stream)
            if old != new:
                diff = difflib.unified_diff(
                    old.splitlines(keepends=True),
                    new.splitlines(keepends=True),
                    f"locked/{snippet} ({stream})",
                    f"other/{snippet} ({stream})",
                )
                drift.output_diffs[snippet] = drift.output_diffs.get(snippet, "") + "".join(diff)
        old_figures, new_figures = _figures(locked, before), _figures(other, after)
        changed = [
            f'figure {number} ("{shorten(old[0], 70, placeholder=" …")}")'
            for number, (old, new) in enumerate(zip(old_figures, new_figures, strict=False), start=1)
            if old != new
        ]
        if len(old_figures) != len(new_figures):
            changed.append(f"{len(new_figures)} figures instead of {len(old_figures)}")
        if changed:
            drift.figures_changed[snippet] = changed
        old_verdicts, new_verdicts = verdicts(before.stdout), verdicts(after.stdout)
        for comparison, word in old_verdicts.items():
            if new_verdicts.get(comparison, "(not printed)") != word:
                drift.verdicts_changed.append(
                    VerdictChange(snippet, comparison, word, new_verdicts.get(comparison, "(not printed)"))
                )
    return drift


def report(drift: Drift, title: str, versions: list[tuple[str, str, str]]) -> str:
    """The drift as Markdown. ``versions``: (distribution, locked, other) for
    each one whose version differs."""
    lines = [f"# {title}", ""]
    if versions:
        lines += ["| package | locked | here |", "|---|---|---|"]
        lines += [f"| {name} | {old} | {new} |" for name, old, new in versions]
        lines.append("")
    if not (drift.failures or drift.output_diffs or drift.figures_changed or drift.verdicts_changed):
        lines.append("Nothing moved: every snippet prints and draws what the locked build shows.")
        return "\n".join(lines) + "\n"
    if drift.failures:
        lines += ["## Snippets that fail or warn", ""]
        for snippet, error in drift.failures.items():
            lines += [f"- `snippets/{snippet}`:", "", "  ```text", *("  " + x for x in error.splitlines()), "  ```"]
        lines.append("")
    if drift.verdicts_changed:
        lines += ["## Verdicts whose word changed", ""]
        lines += [
            f"- `snippets/{c.snippet}`: {c.comparison}: **{c.locked}** → **{c.other}**" for c in drift.verdicts_changed
        ]
        lines.append("")
    if drift.output_diffs:
        lines += ["## Printed output that changed", ""]
        for snippet, diff in drift.output_diffs.items():
            lines += [f"### `snippets/{snippet}`", "", "```diff", diff.rstrip("\n"), "```", ""]
    if drift.figures_changed:
        lines += ["## Figures whose drawing changed", ""]
        lines += [f"- `snippets/{snippet}`: {', '.join(what)}" for snippet, what in drift.figures_changed.items()]
        lines.append("")
    return "\n".join(lines)


# --- running the snippets in another environment --------------------------------


def installed_versions() -> dict[str, str]:
    return {dist.metadata["Name"].lower(): dist.version for dist in metadata.distributions()}


def collect(root: Path, result: Path) -> None:
    """Run every snippet of the project at ``root`` in this environment and
    write the failures and the installed versions to ``result`` (JSON)."""
    try:
        render_all(load_settings(root))
        failures = {}
    except SnippetFailure as failure:
        failures = {o.name: o.error + ("\n" + o.details if o.details else "") for o in failure.report.failures}
    result.write_text(json.dumps({"failures": failures, "versions": installed_versions()}))


def _run(command: list[str], **options) -> None:
    logging.getLogger("course_build.runner").info("drift: " + " ".join(command))
    subprocess.run(command, check=True, **options)


def prepare_environment(root: Path, work: Path, python: str, lock: Path | None, pins: list[str]) -> Path:
    """A virtual environment in ``work``: the lock's exact files (hashes
    checked) if ``lock`` is given, else the newest releases that
    ``pyproject.toml`` allows, with ``pins`` (``scikit-learn==1.8.0``) on top.
    Then the project itself, without dependencies. Returns its Python.

    Each request has its own environment, kept for the next run of the same
    request (which upgrades it to the newest releases again): deleting one
    takes minutes on some disks."""
    request = [python, lock.read_text() if lock else "", *sorted(pins)]
    venv = work / "envs" / cache.sha256("\0".join(request).encode())[:16]
    if not (venv / "bin" / "python").exists():
        _run([python, "-m", "venv", str(venv)])
    pip = [str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet"]
    if lock is not None:
        _run([*pip, "--require-hashes", "-r", str(lock)])
    else:
        # The project's dependencies as pyproject.toml states them, with no lock.
        requires = tomllib.loads((root / "pyproject.toml").read_text())["project"]["dependencies"]
        _run([*pip, "--upgrade", *requires, *pins])
    _run([*pip, "--no-deps", "--force-reinstall", str(root)])
    return venv / "bin" / "python"


def project_copy(root: Path, target: Path) -> Path:
    """The snippets and their settings, with the cache of earlier runs in
    the same place kept (its entries are keyed on the package versions)."""
    target.mkdir(parents=True, exist_ok=True)
    shutil.rmtree(target / "snippets", ignore_errors=True)
    shutil.copytree(root / "snippets", target / "snippets", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy2(root / "pyproject.toml", target / "pyproject.toml")
    return target


def main() -> int:
    parser = argparse.ArgumentParser(
        prog="python -m course_build.maintenance.drift", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument("pins", nargs="*", help="versions to hold, e.g. scikit-learn==1.8.0 (default: the newest)")
    parser.add_argument("--lock", type=Path, help="install this hashed lock instead of resolving the newest releases")
    parser.add_argument("--python", default=sys.executable, help="the interpreter of the other environment")
    parser.add_argument("--output", type=Path, help="also write the report to this file")
    parser.add_argument(
        "--report-verdicts-only",
        action="store_true",
        help="changed verdict words do not fail the run (versions the pages' numbers never came from, such as the floor)",
    )
    parser.add_argument(
        "--stability",
        action="store_true",
        help="also sweep every verdict over draws in the other environment, and fail when a firm one weakens",
    )
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="folder holding pyproject.toml (default: here)")
    parser.add_argument("--collect", type=Path, help=argparse.SUPPRESS)  # the other environment's half
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    root = args.root.resolve()
    if args.collect:
        collect(root, args.collect)
        return 0
    locked = load_settings(root)
    render_all(locked)  # the locked build; a failure here is not drift
    work = root / WORK_FOLDER
    other_python = prepare_environment(root, work, args.python, args.lock, args.pins)
    copy = project_copy(root, work / "project")
    result = work / "result.json"
    _run(
        [str(other_python), "-m", "course_build.maintenance.drift", "--root", str(copy), "--collect", str(result)],
        cwd=copy,
    )
    collected = json.loads(result.read_text())
    drift = compare_builds(locked, load_settings(copy), collected["failures"])
    mine = installed_versions()
    versions = [
        (name, mine.get(name, "—"), version)
        for name, version in sorted(collected["versions"].items())
        if mine.get(name) != version and name != "imbalanced-classification-course"
    ]
    python_version = subprocess.run(
        [str(other_python), "-c", "import platform; print(platform.python_version())"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    what = (
        f"lock {args.lock.name}"
        if args.lock
        else "the newest releases" + (f", with {' '.join(args.pins)}" if args.pins else "")
    )
    text = report(drift, f"Drift report: {what}, Python {python_version}, against the locked build", versions)
    weakened_verdicts = []
    if args.stability:
        # The same sweep as the committed record's, with the other versions.
        _run([str(other_python), "-m", "course_build.maintenance.stability", "--all"], cwd=copy)
        weakened_verdicts = stability.weakened(
            records.load_stability(locked) or {}, records.load_stability(load_settings(copy)) or {}
        )
        text += "\n## Firm verdicts that weakened over ten draws\n\n" + (
            "".join(f"- {line}\n" for line in weakened_verdicts)
            or "None: every firm verdict still holds in 9 of 10 draws.\n"
        )
    print(text)
    if args.output:
        args.output.write_text(text)
    return 1 if drift.failures or weakened_verdicts or (drift.verdicts_changed and not args.report_verdicts_only) else 0


if __name__ == "__main__":
    sys.exit(main())
