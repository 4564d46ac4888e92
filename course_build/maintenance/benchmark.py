"""Measure the build, side by side, in one run: ``python -m course_build.maintenance.benchmark``.

S  every snippet a page includes, run with plain ``python``, one after another
C  cold build (empty cache)           W  warm build (nothing changed)
E  build after editing one snippet (median of --edits edits)
F  floor: a build that executes nothing (from a copy of its own, warm too)
P  ``properdocs serve``: from saving an edit of the snippet to its page
   served rebuilt (median of --serve-edits edits), polling the page
M  the same pages built with markdown-exec executing the same snippets
T  the whole test suite (``python -m pytest``) from a clean cache (--suite)
C' the cold build the suite itself makes, timed by the suite (tests/suite_time.py)

Everything runs on a scratch copy of the project, so the real cache is untouched.
The builds are an author's: none prints the PDF (COURSE_PRINT_PDF is unset).
Targets: C <= 0.5 S, C <= M, W <= 1.15 F, W <= 0.02 C, E - W <= 1.3 x the
edited snippet's own run, P <= that run + 3 s with one rebuild per edit,
T <= 4 C'.

T is judged against C', the build inside the suite's own run, rather than C,
taken a quarter of an hour earlier: a shared machine's speed drifts (the same
cold build once took 92 s, and 149 s within the hour).
"""

from __future__ import annotations

import argparse
import gzip
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import tomllib
import urllib.request
from pathlib import Path

from course_build.runner import cache, records
from course_build.runner.notebooks import snippets_on_page
from course_build.runner.settings import load_settings

ROOT = Path(__file__).resolve().parents[2]
# The line the suite ends with (tests/suite_time.py).
SUITE_BUILD = re.compile(r"its cold build C = ([\d.]+) s")
OUTPUT_INCLUDE = re.compile(r'^\s*--8<-- "[^"]+\.out\.md"\n', re.M)
TEXT_SUFFIXES = {".html", ".css", ".js", ".svg", ".json", ".xml"}


def author_environment(env: dict | None = None) -> dict:
    """The environment of an author's build, which prints no PDF (unless asked)."""
    return {**{k: v for k, v in os.environ.items() if k != "COURSE_PRINT_PDF"}, **(env or {})}


def machine_load() -> str:
    one, five, fifteen = os.getloadavg()
    return f"load average {one:.2f} {five:.2f} {fifteen:.2f} (1, 5, 15 min)"


def timed(command: list[str], cwd: Path, env: dict | None = None) -> float:
    started = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, env=author_environment(env), capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        said = [line for line in done.stderr.splitlines() if line.startswith(("WARNING", "ERROR"))]
        sys.exit(
            f"failed: {' '.join(command)} in {cwd}\n" + "\n".join([*said, done.stdout[-3000:], done.stderr[-3000:]])
        )
    return seconds


def build(project: Path, config: str = "mkdocs.yml") -> float:
    command = [
        sys.executable,
        "-m",
        "properdocs",
        "build",
        "--strict",
        "-f",
        config,
        "--site-dir",
        str(project / "site"),
    ]
    return timed(command, project)


def floor_config(project: Path) -> str:
    """A configuration whose build publishes the cache without running or checking anything."""
    config = (project / "mkdocs.yml").read_text()
    floor = config.replace("\n  - snippet-runner\n", "\n  - snippet-runner:\n      execute: false\n")
    assert floor != config, "mkdocs.yml does not list the snippet-runner plugin"
    (project / "mkdocs-floor.yml").write_text(floor)
    return "mkdocs-floor.yml"


def page_of(project: Path, snippet: str) -> str:
    """The URL path of the page that includes ``snippet``."""
    pages = [p for p in sorted((project / "docs").glob("*.md")) if snippet in snippets_on_page(p.read_text())]
    assert pages, f"no page includes {snippet}"
    return "" if pages[0].stem == "index" else f"{pages[0].stem}/"


def fetched(url: str) -> str | None:
    """The page at ``url``, or None while the server cannot answer (a
    preview's server holds a request until the rebuild under way is done)."""
    try:
        with urllib.request.urlopen(url, timeout=600) as response:
            return response.read().decode()
    except OSError:
        return None


def serve_edits(project: Path, snippet: str, edits: int, own_run) -> list[tuple[float, float, int]]:
    """For each of ``edits`` edits of ``snippet`` under ``properdocs serve``:
    the seconds from saving it to its page served with the edit, the
    snippet's own run taken right after, and how many rebuilds the edit set
    off (counted 3 s after its page was served: a second rebuild, set off by
    what the first one wrote, starts well within that). Its record is left
    stale: a preview warns of it and goes on."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    url = f"http://127.0.0.1:{port}/{page_of(project, snippet)}"
    edited = project / "snippets" / snippet
    log_path = project / "serve.log"
    with open(log_path, "w") as log:
        server = subprocess.Popen(
            [sys.executable, "-m", "properdocs", "serve", "-f", "mkdocs.yml", "--dev-addr", f"127.0.0.1:{port}"],
            cwd=project,
            env=author_environment(),
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            deadline = time.monotonic() + 900
            while fetched(url) is None:
                if server.poll() is not None or time.monotonic() > deadline:
                    sys.exit(f"properdocs serve never served {url}:\n{log_path.read_text()[-3000:]}")
                time.sleep(0.2)
            measured = []
            for n in range(edits):
                marker = f"# benchmark serve edit {n}"
                rebuilds = log_path.read_text().count("Reloading browsers")
                edited.write_text(edited.read_text() + marker + "\n")
                saved = time.perf_counter()
                while marker not in (fetched(url) or ""):
                    if time.perf_counter() - saved > 600:
                        sys.exit(f"properdocs serve never served the edit:\n{log_path.read_text()[-3000:]}")
                    time.sleep(0.05)
                served = time.perf_counter() - saved
                time.sleep(3)
                rebuilds = log_path.read_text().count("Reloading browsers") - rebuilds
                measured.append((served, own_run(snippet), rebuilds))
        finally:
            server.terminate()
            server.wait(timeout=60)
    return measured


def included_snippets(project: Path) -> list[str]:
    return sorted({s for page in (project / "docs").rglob("*.md") for s in snippets_on_page(page.read_text())})


def measured_again(project: Path, snippet: str) -> None:
    """Record ``snippet``'s time for its edited source, as its author would
    (``python -m course_build.maintenance.durations``), keeping the time: a
    strict build fails on a snippet changed since its measurement."""
    settings = load_settings(project)
    record = records.load_durations(settings) or {}
    if snippet in record:
        source = cache.sha256((settings.snippets_dir / snippet).read_bytes())
        record[snippet] = records.Measured(record[snippet].cpu_seconds, source)
        records.save_durations(settings, record)


def relax_timeout(project: Path, seconds: float) -> None:
    """Give every snippet of the copy ``seconds`` (on a machine busy with other
    work, a wall-clock limit fails snippets that would pass alone)."""
    pyproject = project / "pyproject.toml"
    text = pyproject.read_text()
    table = tomllib.loads(text).get("tool", {}).get("snippet-runner", {})
    if "[tool.snippet-runner]\n" in text:
        text = text.replace("[tool.snippet-runner]\n", f"[tool.snippet-runner]\ntimeout = {seconds}\n", 1)
    else:
        text += f"\n[tool.snippet-runner]\ntimeout = {seconds}\n"
    assert "timeout" not in table, "pyproject.toml sets a timeout already"
    pyproject.write_text(text)


def copy_project(target: Path) -> Path:
    shutil.copytree(
        ROOT,
        target,
        ignore=shutil.ignore_patterns(".git", ".venv", "site", ".snippet-cache", "__pycache__", "*.egg-info"),
    )
    return target


def markdown_exec_variant(project: Path) -> None:
    """Turn the copy into a markdown-exec site: the same includes, executed by
    markdown-exec (``exec="on"``) instead of our runner."""
    config = (project / "mkdocs.yml").read_text()
    config = config.replace("\n  - snippet-runner\n", "\n  - markdown-exec\n")
    (project / "mkdocs.yml").write_text(config)
    for page in (project / "docs").rglob("*.md"):
        text = OUTPUT_INCLUDE.sub("", page.read_text())
        page.write_text(
            re.sub(r"^(\s*)```python\n(\1--8<--)", r'\1```python exec="on" source="above"\n\2', text, flags=re.M)
        )
    # Figures are not collected without our hook; links to them must not fail the build.
    (project / "mkdocs.yml").write_text(config.replace("strict: true", "strict: false"))


def transferred_bytes(path: Path) -> int:
    """What a server that compresses text (as GitHub Pages does) sends for a file."""
    data = path.read_bytes()
    return len(gzip.compress(data, compresslevel=6, mtime=0)) if path.suffix in TEXT_SUFFIXES else len(data)


def page_weights(site: Path) -> tuple[list[tuple[str, int, int]], list[tuple[str, int]]]:
    """First-visit transfer of each lesson page in the light and in the dark
    scheme (the page, its stylesheets, scripts and every image the scheme
    shows, lazy ones included: not the figures drawn for the other scheme,
    which are never fetched), and the size of each figure."""
    from bs4 import BeautifulSoup

    pages = []
    for html in sorted(site.glob("[0-9][0-9]-*/index.html")):
        soup = BeautifulSoup(html.read_text(), "html.parser")
        urls = {tag.get("href") for tag in soup.find_all("link", rel="stylesheet")}
        urls |= {tag.get("src") for tag in soup.find_all(["script", "img"]) if tag.get("src")}
        weights = []
        for hidden in ("#only-dark", "#only-light"):
            shown = [url for url in urls if url and "//" not in url and not url.endswith(hidden)]
            files = [html] + [(html.parent / url.split("?")[0].split("#")[0]).resolve() for url in shown]
            weights.append(sum(transferred_bytes(f) for f in files if f.is_file()))
        pages.append((html.parent.name, *weights))
    figures = [(str(p.relative_to(site)), p.stat().st_size) for p in sorted(site.glob("snippets/**/*.svg"))]
    return pages, figures


def print_page_weights(pages: list[tuple[str, int, int]], figures: list[tuple[str, int]]) -> None:
    print("\nFirst visit to each lesson page, compressed as served (KB), light and dark scheme:")
    for name, light, dark in pages:
        print(f"  {name:<28} {light / 1000:7.1f} {dark / 1000:7.1f}")
    for column, scheme in ((1, "light"), (2, "dark")):
        median = statistics.median(page[column] for page in pages) / 1000
        print(f"  {'median, ' + scheme:<28} {median:7.1f}  target <= 300   {'ok' if median <= 300 else 'MISSED'}")
    name, largest = max(figures, key=lambda f: f[1])
    print(
        f"Largest figure: {name}, {largest / 1000:.1f} KB  target <= 150   {'ok' if largest <= 150_000 else 'MISSED'}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--edit", default="02-intuition/class_counts.py", help="the snippet to edit for E")
    parser.add_argument("--repeat", type=int, default=5, help="repetitions of W and F (median)")
    # A warm build varies by about a second from one run to the next on a
    # shared machine, as much as the edited snippet's own run takes.
    parser.add_argument("--edits", type=int, default=9, help="edits measured for E (median)")
    parser.add_argument("--serve-edits", type=int, default=5, help="edits measured for P (median)")
    parser.add_argument("--suite", action="store_true", help="also time the test suite from a clean cache (T)")
    parser.add_argument("--no-reference", action="store_true", help="skip S and M (the slow reference points)")
    parser.add_argument("--relaxed-timeout", type=float, help="snippets' time limit in the copies (a busy machine)")
    parser.add_argument("--weights", type=Path, metavar="SITE", help="only print the page weights of a built site")
    args = parser.parse_args()
    if args.weights:
        print_page_weights(*page_weights(args.weights))
        return

    with tempfile.TemporaryDirectory(prefix="snippet-benchmark-") as scratch:
        project = copy_project(Path(scratch) / "course")
        if args.relaxed_timeout:
            relax_timeout(project, args.relaxed_timeout)
        snippets = included_snippets(project)
        print(
            f"{len(snippets)} snippets on {len(list((project / 'docs').rglob('*.md')))} pages, {os.cpu_count()} cores,"
            f" {machine_load()}"
        )

        env = {**os.environ, "MPLBACKEND": "Agg"}

        def own_run(name: str) -> float:
            script = project / "snippets" / name
            return timed([sys.executable, script.name], script.parent, env)

        S = sum(own_run(name) for name in snippets) if not args.no_reference else None

        C = build(project)
        # The floor builds a copy of its own, with the cache C filled: a build
        # keeps each page's render under the configuration, so W's and F's,
        # taken in turns in one folder, would each render every page again.
        floor_project = Path(scratch) / "floor"
        shutil.copytree(project, floor_project, ignore=shutil.ignore_patterns("site"))
        floor = floor_config(floor_project)
        build(floor_project, floor)  # warm, as W is after C
        # Side by side, so that a machine whose load drifts compares like with like.
        pairs = [(build(project), build(floor_project, floor)) for _ in range(args.repeat)]
        W = statistics.median(w for w, _ in pairs)
        F = statistics.median(f for _, f in pairs)
        warm_ratios = [w / f for w, f in pairs]
        # Each edit likewise, against a warm build and the snippet's own run
        # taken right beside it.
        edits = []
        edited = project / "snippets" / args.edit
        for n in range(args.edits):
            warm = build(project)
            edited.write_text(edited.read_text() + f"# benchmark edit {n}\n")
            measured_again(project, args.edit)
            edits.append((build(project), warm, own_run(args.edit)))
        E = statistics.median(e for e, _, _ in edits)
        edit_ratios = [(e - w) / own for e, w, own in edits]
        own = statistics.median(own for _, _, own in edits)
        previews = serve_edits(project, args.edit, args.serve_edits, own_run)
        P = statistics.median(p for p, _, _ in previews)

        pages, figures = page_weights(project / "site")
        M = None
        if not args.no_reference:
            exec_project = copy_project(Path(scratch) / "markdown-exec")
            markdown_exec_variant(exec_project)
            M = build(exec_project)
        if args.suite:
            suite_project = copy_project(Path(scratch) / "suite")
            # The README's commands, which the suite runs, call .venv/bin/...
            (suite_project / ".venv").symlink_to(Path(sys.prefix))
            if args.relaxed_timeout:
                relax_timeout(suite_project, args.relaxed_timeout)
            started = time.perf_counter()
            suite = subprocess.run(
                [sys.executable, "-m", "pytest", "-q", "-rfE"], cwd=suite_project, capture_output=True, text=True
            )
            T = time.perf_counter() - started
            print(f"suite: {suite.stdout.strip().splitlines()[-1] if suite.stdout.strip() else suite.stderr[-500:]}")
            if suite.returncode != 0:  # a red suite's time says little; say what failed
                print("\n".join(line for line in suite.stdout.splitlines() if line.startswith(("FAILED", "ERROR"))))
            own_build = SUITE_BUILD.search(suite.stdout)
            C_suite = float(own_build[1]) if own_build else None
            if C_suite is None:
                print("the suite did not report the time of its cold build (tests/suite_time.py)")

    rows = [
        ("S  plain python, one by one", S),
        ("C  cold build", C),
        ("W  warm build", W),
        ("E  build after editing " + args.edit, E),
        ("F  floor (build executing nothing)", F),
        ("P  serve: saving an edit to its page served", P),
        ("M  markdown-exec build", M),
    ]
    if args.suite:
        rows += [("T  test suite from a clean cache", T), ("C' the suite's own cold build", C_suite)]
    # A shared machine's other work slows every row; the load says how much there was.
    print(f"at the end, {machine_load()}")
    for label, seconds in rows:
        print(f"{label:<58} {'skipped' if seconds is None else f'{seconds:8.2f}s'}")
    # A ratio measured several times is judged on its median; every
    # measurement is printed too, so that one median is not read alone.
    checks = [
        ("C / S", [C / S] if S else None, 0.5),
        ("C / M", [C / M] if M else None, 1.0),
        (f"W / F, median of {args.repeat}", warm_ratios, 1.15),
        (f"W / C, median of {args.repeat}", [w / C for w, _ in pairs], 0.02),
        (f"(E - W) / own run of {args.edit} ({own:.2f}s), median of {args.edits}", edit_ratios, 1.3),
        (f"P - its own run (seconds), median of {args.serve_edits}", [p - own for p, own, _ in previews], 3.0),
        ("rebuilds set off by each edit under serve", [float(r) for _, _, r in previews], 1.0),
    ]
    if args.suite:
        checks.append(("T / C'", [T / C_suite] if C_suite else None, 4.0))
    print()
    for label, ratios, target in checks:
        if ratios is None:
            print(f"{label:<58} skipped")
            continue
        ratio = statistics.median(ratios)
        verdict = "ok" if ratio <= target else "MISSED"
        each = f"  each: {' '.join(f'{r:.2f}' for r in sorted(ratios))}" if len(ratios) > 1 else ""
        print(f"{label:<58} {ratio:8.2f}  target <= {target:<5} {verdict}{each}")

    print_page_weights(pages, figures)


if __name__ == "__main__":
    main()
