"""Measure the build, side by side, in one run: ``python -m snippet_runner.benchmark``.

S  every snippet a page includes, run with plain ``python``, one after another
C  cold build (empty cache)           W  warm build (nothing changed)
E  build after editing one snippet    F  floor: a build that executes nothing
M  the same pages built with markdown-exec executing the same snippets

Everything runs on a scratch copy of the project, so the real cache is untouched.
Targets: C <= 0.5 S, C <= M, W <= 1.15 F, E - W <= 1.3 x the edited snippet's own run.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
INCLUDE = re.compile(r'^(\s*)```python\n\1--8<-- "([^"]+\.py)"\n\1```\n', re.M)
OUTPUT_INCLUDE = re.compile(r'^\s*--8<-- "[^"]+\.out\.md"\n', re.M)


def timed(command: list[str], cwd: Path, env: dict | None = None) -> float:
    started = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, env={**os.environ, **(env or {})}, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        sys.exit(f"failed: {' '.join(command)} in {cwd}\n{done.stdout[-3000:]}{done.stderr[-3000:]}")
    return seconds


def build(project: Path, **env: str) -> float:
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(project / "site")]
    return timed(command, project, {"NO_MKDOCS_2_WARNING": "1", **env})


def included_snippets(project: Path) -> list[str]:
    return sorted({m.group(2) for page in (project / "docs").rglob("*.md") for m in INCLUDE.finditer(page.read_text())})


def copy_project(target: Path) -> Path:
    shutil.copytree(
        ROOT, target, ignore=shutil.ignore_patterns(".git", ".venv", "site", ".snippet-cache", "__pycache__", "*.egg-info")
    )
    return target


def markdown_exec_variant(project: Path) -> None:
    """Turn the copy into a markdown-exec site: the same includes, executed by
    markdown-exec (``exec="on"``) instead of our runner."""
    config = (project / "mkdocs.yml").read_text()
    config = re.sub(r"\nhooks:\n(  - .*\n)+", "\nplugins:\n  - search\n  - markdown-exec\n", config)
    (project / "mkdocs.yml").write_text(config)
    for page in (project / "docs").rglob("*.md"):
        text = OUTPUT_INCLUDE.sub("", page.read_text())
        page.write_text(re.sub(r'^(\s*)```python\n(\1--8<--)', r'\1```python exec="on" source="above"\n\2', text, flags=re.M))
    # Figures are not collected without our hook; links to them must not fail the build.
    (project / "mkdocs.yml").write_text(config.replace("strict: true", "strict: false"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--edit", default="02-intuition/class_counts.py", help="the snippet to edit for E")
    parser.add_argument("--repeat", type=int, default=3, help="repetitions of the cheap builds (median)")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="snippet-benchmark-") as scratch:
        project = copy_project(Path(scratch) / "course")
        snippets = included_snippets(project)
        print(f"{len(snippets)} snippets on {len(list((project / 'docs').rglob('*.md')))} pages, {os.cpu_count()} cores")

        env = {**os.environ, "MPLBACKEND": "Agg"}
        own_runs = {}
        for name in snippets:
            script = project / "snippets" / name
            own_runs[name] = timed([sys.executable, script.name], script.parent, env)
        S = sum(own_runs.values())

        C = build(project)
        W = statistics.median(build(project) for _ in range(args.repeat))
        F = statistics.median(build(project, SNIPPET_RUNNER_SKIP="1") for _ in range(args.repeat))
        edits = []
        edited = project / "snippets" / args.edit
        for n in range(args.repeat):
            edited.write_text(edited.read_text() + f"# benchmark edit {n}\n")
            edits.append(build(project))
        E = statistics.median(edits)

        exec_project = copy_project(Path(scratch) / "markdown-exec")
        markdown_exec_variant(exec_project)
        M = build(exec_project)

    own = own_runs[args.edit]
    rows = [
        ("S  plain python, one by one", S),
        ("C  cold build", C),
        ("W  warm build", W),
        ("E  build after editing " + args.edit, E),
        ("F  floor (build executing nothing)", F),
        ("M  markdown-exec build", M),
    ]
    for label, seconds in rows:
        print(f"{label:<58} {seconds:8.2f}s")
    checks = [
        ("C / S", C / S, 0.5),
        ("C / M", C / M, 1.0),
        ("W / F", W / F, 1.15),
        (f"(E - W) / own run of {args.edit} ({own:.2f}s)", (E - W) / own, 1.3),
    ]
    print()
    for label, ratio, target in checks:
        verdict = "ok" if ratio <= target else "MISSED"
        print(f"{label:<58} {ratio:8.2f}  target <= {target:<5} {verdict}")


if __name__ == "__main__":
    main()
