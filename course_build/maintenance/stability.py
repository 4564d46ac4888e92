"""How often each verdict a snippet prints holds when its random sources
change, kept in ``snippets/stability.toml``: ``python -m course_build.maintenance.stability``.

Every snippet takes all of its randomness (data, folds, samplers, models) from
one constant near its top, ``SEED = 1``. A draw is one run of the snippet as a
reader runs it (``python <file>`` in its folder, on a copy of its lesson's
folder) with that line set to another seed. Each snippet that prints verdicts
(lesson 8's ``compare``, lesson 18's ``compare_across``) runs under
``--draws`` seeds: its own, the draw its page shows, then its own plus 1000,
2000, ... (far apart, so that a snippet drawing ``range(SEED, SEED + 4)``
shares no shuffle between draws). The record keeps, for each verdict, the
word every draw printed; the build shows on the page how often each held.

The draws run as tasks on Dask distributed: a ``LocalCluster`` of
``--workers`` single-threaded workers by default, or the scheduler at
``--scheduler ADDRESS`` (``dask scheduler`` plus ``dask worker`` processes,
on this machine or others). A worker needs this project's environment
installed (the lock, and this package), not a checkout: each task carries
its lesson's folder. Only snippets new or changed since their last
sweep run (``--all``: every one). A draw for a seed already on record, with
the same source and libraries, must print exactly the same as before: if not,
the snippet's randomness escapes ``SEED`` and the sweep fails, naming it. A
snippet that fails keeps its old entry; the others' new ones are written
before the sweep fails.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time
from importlib import metadata
from pathlib import Path

from course_build.runner import cache, records, verdicts
from course_build.runner.discovery import discover_snippets
from course_build.runner.records import Swept
from course_build.runner.schedule import THREAD_VARIABLES
from course_build.runner.settings import load_settings

COMMAND = records.STABILITY_COMMAND
SEED_LINE = re.compile(r"(?m)^SEED = (\d+)\b")
# The draws after the page's: its seed plus these multiples.
SPACING = 1000
# The libraries whose versions decide what a draw prints (the record names them).
LIBRARIES = ("numpy", "scipy", "scikit-learn", "imbalanced-learn", "pandas", "statsmodels", "baycomp")


def versions() -> str:
    found = []
    for name in LIBRARIES:
        try:
            found.append(f"{name}=={metadata.version(name)}")
        except metadata.PackageNotFoundError:
            continue
    return " ".join(found)


def page_seed(source: str) -> int | None:
    """The seed in the snippet's ``SEED = <n>`` line; None if it draws nothing at random."""
    match = SEED_LINE.search(source)
    return int(match.group(1)) if match else None


def draw_seeds(first: int, draws: int) -> list[int]:
    return [first + SPACING * k for k in range(draws)]


def prints_verdicts(source: str) -> bool:
    """Whether the snippet carries lesson 8's or lesson 18's comparison."""
    return bool(re.search(r"(?m)^def compare(_across)?\(", source))


def run_draw(folder: dict[str, bytes], name: str, seed: int, timeout: float) -> dict:
    """One draw, on whichever machine runs the task: the lesson's ``folder``
    (file name: content) written to a scratch folder, ``name``'s ``SEED`` line
    set to ``seed``, and the snippet run there as ``python <name>`` with one
    OpenMP/BLAS thread. Its stdout, exit code, stderr's end and CPU seconds
    (its child processes' included)."""
    env = {**os.environ, "MPLBACKEND": "Agg", **dict.fromkeys(THREAD_VARIABLES, "1")}
    with tempfile.TemporaryDirectory(prefix="stability-") as scratch:
        for file, content in folder.items():
            path = Path(scratch) / file
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(content)
        script = Path(scratch) / name
        source = script.read_text(encoding="utf-8")
        script.write_text(SEED_LINE.sub(f"SEED = {seed}", source, count=1), encoding="utf-8")
        with open(Path(scratch) / ".stdout", "w+b") as out, open(Path(scratch) / ".stderr", "w+b") as err:
            process = subprocess.Popen(
                [sys.executable, script.name], cwd=script.parent, env=env, stdout=out, stderr=err
            )
            started = time.monotonic()
            while True:
                # wait4 gives this child's own usage, its waited-for children's included.
                pid, status, usage = os.wait4(process.pid, os.WNOHANG)
                if pid:
                    break
                if time.monotonic() - started > timeout:
                    process.kill()
                    pid, status, usage = os.wait4(process.pid, 0)
                    break
                time.sleep(0.05)
            process.returncode = os.waitstatus_to_exitcode(status)
            out.seek(0)
            err.seek(0)
            return {
                "seed": seed,
                "stdout": out.read().decode(),
                "returncode": process.returncode,
                "stderr": err.read().decode(errors="replace")[-3000:],
                "cpu": usage.ru_utime + usage.ru_stime,
                "wall": time.monotonic() - started,
            }


def lesson_folder(snippets_dir: Path, name: str) -> dict[str, bytes]:
    """The files of the snippet's own folder (its lesson's), by name: all a draw needs."""
    folder = (snippets_dir / name).parent
    return {
        path.relative_to(snippets_dir).as_posix(): path.read_bytes()
        for path in folder.rglob("*")
        if path.is_file() and "__pycache__" not in path.parts
    }


class SweepFailed(Exception):
    """Some draws failed; what the others found is kept in ``swept``."""

    def __init__(self, swept: dict, cpu: float, message: str):
        super().__init__(message)
        self.swept, self.cpu = swept, cpu


def sweep(
    snippets_dir: Path,
    names: list[str],
    draws: int,
    client,
    *,
    timeouts: dict[str, float],
    expected_cpu: dict[str, float],
    known: dict[str, Swept],
) -> tuple[dict[str, Swept], float]:
    """Run every draw of every snippet in ``names`` on the Dask ``client``;
    the new record entries and the CPU seconds the draws took. ``known``:
    the record's entries taken from the same source and libraries, against
    which a draw of the same seed is checked."""
    tasks = []
    env_versions = versions()
    # Read once, before any draw runs: the record names the source the draws ran.
    sources = {name: (snippets_dir / name).read_bytes() for name in names}
    for name in names:
        folder = lesson_folder(snippets_dir, name)
        folder[name] = sources[name]
        first = page_seed(sources[name].decode("utf-8"))
        seeds = draw_seeds(first, draws) if first is not None else [None]
        for seed in seeds:
            # The longest first (by the durations record), so none runs alone at the end.
            tasks.append(
                client.submit(
                    run_draw,
                    folder,
                    name,
                    seed if seed is not None else 0,
                    timeouts[name],
                    key=f"draw-{name}-{seed}",
                    priority=int(expected_cpu.get(name, 1e6)),
                    pure=False,
                )
            )
    from distributed import as_completed

    results: dict[str, dict[int, dict]] = {name: {} for name in names}
    failed: dict[str, str] = {}
    cpu = 0.0
    for future in as_completed(tasks):
        result = future.result()
        name = future.key.removeprefix("draw-").rsplit("-", 1)[0]
        cpu += result["cpu"]
        if result["returncode"] != 0:
            # The others go on: what they find is recorded, and the sweep fails at the end.
            failed.setdefault(name, f"snippets/{name} failed with SEED = {result['seed']}:\n{result['stderr']}")
            print(f"  failed       {name}  SEED = {result['seed']}", flush=True)
            continue
        results[name][result["seed"]] = result
        print(f"{result['cpu']:7.1f} s CPU  {name}  SEED = {result['seed']}", flush=True)
    swept = {}
    for name in names:
        if name in failed:
            continue
        first = page_seed(sources[name].decode("utf-8"))
        seeds = draw_seeds(first, draws) if first is not None else [0]
        runs = [results[name][seed] for seed in seeds]
        outputs = [cache.sha256(run["stdout"].encode()) for run in runs]
        before = known.get(name)
        escaped = [
            seed
            for seed, output in zip(seeds, outputs, strict=True)
            if before is not None and seed in before.seeds and before.outputs[before.seeds.index(seed)] != output
        ]
        if escaped:
            failed[name] = (
                f"snippets/{name} printed something else with SEED = {escaped[0]} than the draw on record "
                "for the same source and libraries: some of its randomness does not come from SEED"
            )
            continue
        read = [verdicts.read(run["stdout"]) for run in runs]
        keys = list(read[0])
        other = next((seed for seed, found in zip(seeds, read, strict=True) if list(found) != keys), None)
        if other is not None:
            failed[name] = f"snippets/{name} prints other comparisons with SEED = {other} than with SEED = {seeds[0]}"
            continue
        swept[name] = Swept(
            source=cache.sha256(sources[name]),
            versions=env_versions,
            seeds=[s for s in seeds] if first is not None else [],
            outputs=outputs if first is not None else outputs[:1],
            verdicts={key: [found[key] for found in read] for key in keys},
        )
    if failed:
        raise SweepFailed(swept, cpu, "\n".join(failed[name] for name in sorted(failed)))
    return swept, cpu


def weakened(before: dict[str, Swept], after: dict[str, Swept]) -> list[str]:
    """The verdicts firm in ``before`` (the committed record) whose page word
    no longer holds in 9 of 10 draws in ``after`` (a sweep on other versions),
    one line each."""
    lines = []
    for name, old in sorted(before.items()):
        new = after.get(name)
        for key, words in old.verdicts.items():
            if not old.seeds or not old.is_firm(key, words[0]):
                continue
            if new is None or key not in new.verdicts:
                lines.append(f"snippets/{name}: {key.replace(verdicts.GAP, words[0], 1)} is no longer printed")
            elif not new.is_firm(key, words[0]):
                split = ", ".join(f"{w} in {n}" for w, n in new.counts(key))
                lines.append(
                    f"snippets/{name}: {key.replace(verdicts.GAP, words[0], 1)} was firm, now {split} "
                    f"of {len(new.seeds)} draws"
                )
    return lines


def connect(scheduler: str | None, workers: int):
    """A Dask client: to the scheduler at ``scheduler``, or to a local cluster
    of ``workers`` single-threaded worker processes."""
    from distributed import Client, LocalCluster

    if scheduler:
        return Client(scheduler), None
    # A dashboard on any free port: the default 8787 may be taken (by a reader's own cluster).
    cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=":0")
    return Client(cluster), cluster


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "snippets", nargs="*", help="sweep only these (paths below snippets/), whatever the record says"
    )
    parser.add_argument("--all", action="store_true", help="sweep every snippet that prints verdicts again")
    parser.add_argument("--draws", type=int, default=10, help="draws per snippet, the page's included (default 10)")
    parser.add_argument("--scheduler", help="address of a running Dask scheduler (default: a local cluster)")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1, help="local cluster's workers")
    args = parser.parse_args(argv)
    settings = load_settings(Path.cwd())
    snippets = [
        s for s in discover_snippets(settings) if prints_verdicts((settings.snippets_dir / s).read_text("utf-8"))
    ]
    tree = {s: cache.sha256((settings.snippets_dir / s).read_bytes()) for s in snippets}
    record = {s: m for s, m in (records.load_stability(settings) or {}).items() if s in tree}
    unknown = sorted(set(args.snippets) - set(snippets))
    if unknown:
        sys.exit(f"not snippets that print verdicts in {settings.snippets_dir}: {', '.join(unknown)}")
    # On record: swept from the current source, with as many draws as asked for.
    current = {s for s, m in record.items() if m.source == tree[s] and len(m.seeds) in (0, args.draws)}
    names = snippets if args.all else sorted(args.snippets or set(snippets) - current)
    env_versions = versions()
    known = {s: m for s, m in record.items() if m.source == tree[s] and m.versions == env_versions}
    one_core = records.as_measured(records.load_durations(settings) or {}, tree)
    # The order of the draws needs only a rough guess: the last measurement, of any source.
    last_measured = {s: m.cpu_seconds for s, m in (records.load_durations(settings) or {}).items()}
    # A draw may take several times its one-core time on a busy worker; none may hang.
    timeouts = {s: 10 * max(settings.for_snippet(s).timeout, one_core.get(s, 0)) for s in names}
    print(f"sweeping {len(names)} of {len(snippets)} snippets that print verdicts, {args.draws} draws each")
    if not names:
        return
    client, cluster = connect(args.scheduler, args.workers)
    started = time.monotonic()
    try:
        swept, cpu = sweep(
            settings.snippets_dir,
            names,
            args.draws,
            client,
            timeouts=timeouts,
            expected_cpu=last_measured,
            known=known,
        )
    except SweepFailed as failure:
        swept, cpu, failure_message = failure.swept, failure.cpu, str(failure)
    else:
        failure_message = None
    finally:
        workers = len(client.scheduler_info()["workers"])
        client.close()
        if cluster is not None:
            cluster.close()
    wall = time.monotonic() - started
    record.update(swept)
    records.save_stability(settings, record)
    print(f"wrote {records.stability_path(settings).relative_to(settings.root)}")
    print(
        f"wall {wall:.1f} s, CPU {cpu:.1f} s on {workers} worker(s): "
        f"wall / (CPU / workers) = {wall / (cpu / workers):.2f}"
    )
    if failure_message:
        sys.exit(failure_message)


if __name__ == "__main__":
    main()
