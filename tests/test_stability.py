"""The record of how often each printed verdict holds over draws of a
snippet's random sources (course_build/maintenance/stability.py), what the
build shows of it, and that the course's record covers every verdict it prints.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import time

import pytest

from course_build.runner import cache, records, verdicts
from course_build.runner.discovery import discover_snippets
from course_build.runner.entries import rendered_name
from course_build.runner.records import STABILITY_COMMAND, Swept
from course_build.runner.settings import load_settings
from tests.claims import ROOT, stdout
from tests.conftest import mkdocs_build
from tests.test_runner import free_port, make_project, page_including

# --- the course's record ----------------------------------------------------------


def verdict_snippets(settings) -> list[str]:
    return [s for s in discover_snippets(settings) if verdicts.read(stdout(s))]


def test_every_verdict_the_course_prints_is_swept_over_ten_draws(built_site):
    settings = load_settings(ROOT)
    record = records.load_stability(settings)
    assert record is not None, f"no snippets/{records.STABILITY}: run `{STABILITY_COMMAND}`"
    printing = verdict_snippets(settings)
    assert len(printing) > 30, printing
    problems = []
    for snippet in printing:
        swept = record.get(snippet)
        source = cache.sha256((settings.snippets_dir / snippet).read_bytes())
        if swept is None or swept.source != source:
            problems.append(f"{snippet}: not swept from its current source")
            continue
        if "\nSEED = " in (settings.snippets_dir / snippet).read_text():
            if len(swept.seeds) != 10:
                problems.append(f"{snippet}: {len(swept.seeds)} draws, not 10")
        printed = verdicts.read(stdout(snippet))
        recorded = {key: words[0] for key, words in swept.verdicts.items()}
        if printed != recorded:
            problems.append(f"{snippet}: the page prints {printed}, the record's first draw {recorded}")
    assert not problems, "\n".join(problems) + f"\nrun `{STABILITY_COMMAND}`"


def test_the_pages_show_each_verdicts_stability(built_site):
    """Under each output that prints verdicts, one row per verdict, with its split."""
    settings = load_settings(ROOT)
    record = records.load_stability(settings)
    for snippet in verdict_snippets(settings):
        rendered = (settings.rendered_dir / rendered_name(snippet)).read_text()
        swept = record[snippet]
        if not swept.seeds:
            continue  # draws nothing at random: every run prints the same
        assert f"over {len(swept.seeds)} draws of `SEED`" in rendered, snippet
        for key, words in swept.verdicts.items():
            assert key.replace(verdicts.GAP, words[0], 1).replace("|", "\\|") in rendered, (snippet, key)


# --- the sweep, on throwaway projects ------------------------------------------------

# A snippet with lesson 8's kind of output: one verdict that never moves, one
# that follows a coin thrown with SEED.
COIN = """\
import numpy as np

SEED = 0


def compare(metric, word):
    print(f"{metric}: A {word} B | difference +0.0100, sd 0.0100 | wins 1, ties 0, losses 0 of 1 | p = 0.010")


rng = np.random.default_rng(SEED)
compare("always", "beats")
compare("coin", "beats" if rng.random() < 0.5 else "ties with")
"""
# The same, with a coin that ignores SEED, and prints a number drawn from it:
# two sweeps' coins alone agree in all four draws one time in sixteen.
ESCAPED = COIN.replace("default_rng(SEED)", "default_rng()") + "print(rng.random())\n"


def sweep(project, *arguments) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "course_build.maintenance.stability", "--draws", "4", *arguments],
        cwd=project,
        capture_output=True,
        text=True,
    )


def test_the_sweep_records_every_draws_words_and_skips_what_is_on_record(tmp_path):
    project = make_project(tmp_path, {"coin.py": COIN, "quiet.py": "print('no verdict')\n"})
    done = sweep(project, "--workers", "2")
    assert done.returncode == 0, done.stderr
    record = records.load_stability(load_settings(project))
    assert list(record) == ["coin.py"]
    swept = record["coin.py"]
    assert swept.seeds == [0, 1000, 2000, 3000]
    assert swept.verdicts["always: A … B"] == ["beats"] * 4
    expected = [
        "beats" if __import__("numpy").random.default_rng(seed).random() < 0.5 else "ties with" for seed in swept.seeds
    ]
    assert swept.verdicts["coin: A … B"] == expected
    assert len(set(expected)) == 2, "the seeds chosen should move the coin"
    again = sweep(project)
    assert "sweeping 0 of 1" in again.stdout, again.stdout


def test_a_snippet_whose_randomness_escapes_seed_fails_the_second_sweep(tmp_path):
    project = make_project(tmp_path, {"coin.py": ESCAPED})
    assert sweep(project, "--workers", "1").returncode == 0
    done = sweep(project, "--all", "--workers", "1")
    assert done.returncode != 0
    assert "snippets/coin.py printed something else with SEED = " in done.stderr, done.stderr
    assert "does not come from SEED" in done.stderr


def test_a_separate_scheduler_gives_the_same_record_as_a_local_cluster(tmp_path):
    local = make_project(tmp_path / "local", {"coin.py": COIN})
    assert sweep(local, "--workers", "2").returncode == 0
    remote = make_project(tmp_path / "remote", {"coin.py": COIN})
    port = free_port()
    address = f"tcp://127.0.0.1:{port}"
    dask = [sys.executable, "-m", "distributed.cli.dask_scheduler"]
    scheduler = subprocess.Popen(
        [*dask, "--host", "127.0.0.1", "--port", str(port), "--dashboard-address", ":0"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    worker = subprocess.Popen(
        [sys.executable, "-m", "distributed.cli.dask_worker", address, "--nthreads", "1", "--dashboard-address", ":0"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        cwd=tmp_path,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            done = sweep(remote, "--scheduler", address)
            if done.returncode == 0 or time.monotonic() > deadline:
                break
            time.sleep(1)
        assert done.returncode == 0, done.stderr
        assert "on 1 worker(s)" in done.stdout, done.stdout
    finally:
        worker.terminate()
        scheduler.terminate()
        worker.wait(30)
        scheduler.wait(30)
    assert (remote / "snippets" / records.STABILITY).read_bytes() == (
        local / "snippets" / records.STABILITY
    ).read_bytes()


# --- what the build does with the record ------------------------------------------------


def swept_project(tmp_path):
    project = make_project(tmp_path / "project", {"coin.py": COIN}, pages={"index.md": page_including("coin.py")})
    assert sweep(project, "--workers", "1").returncode == 0
    return project


def test_the_page_shows_the_split_and_a_stale_record_fails_a_strict_build_every_time(tmp_path):
    project = swept_project(tmp_path)
    assert mkdocs_build(project, tmp_path / "site").returncode == 0
    page = (tmp_path / "site" / "index.html").read_text()
    assert "over 4 draws of" in page
    assert "holds in 4 of 4" in page
    assert "depends on the draw" in page
    # Edited without a new sweep: the first build runs it again, the second
    # finds its output cached; both fail, naming the snippet and the command.
    (project / "snippets" / "coin.py").write_text(COIN + "# edited\n")
    for _ in range(2):
        done = mkdocs_build(project, tmp_path / "site")
        assert done.returncode != 0
        assert "has not swept the current source of snippets/coin.py" in done.stderr, done.stderr
        assert STABILITY_COMMAND in done.stderr


def test_a_record_whose_words_differ_from_the_output_fails_a_strict_build(tmp_path):
    project = swept_project(tmp_path)
    settings = load_settings(project)
    record = records.load_stability(settings)
    swept = record["coin.py"]
    record["coin.py"] = Swept(
        swept.source, swept.versions, swept.seeds, swept.outputs, {**swept.verdicts, "always: A … B": ["loses to"] * 4}
    )
    records.save_stability(settings, record)
    done = mkdocs_build(project, tmp_path / "site")
    assert done.returncode != 0
    assert "does not hold the verdicts snippets/coin.py prints" in done.stderr, done.stderr


@pytest.mark.parametrize(
    ("words", "firm"),
    [(["beats"] * 10, True), (["beats"] * 9 + ["edges"], True), (["beats"] * 8 + ["edges"] * 2, False)],
)
def test_a_verdict_is_firm_in_nine_of_ten_draws(words, firm):
    swept = Swept("", "", list(range(10)), [""] * 10, {"AP: A … B": words})
    assert swept.is_firm("AP: A … B", "beats") is firm


def test_no_record_no_table(tmp_path):
    project = make_project(tmp_path, {"coin.py": COIN}, pages={"index.md": page_including("coin.py")})
    shutil.rmtree(project / "snippets" / "__pycache__", ignore_errors=True)
    assert mkdocs_build(project, tmp_path / "site").returncode == 0
    assert "draws of" not in (tmp_path / "site" / "index.html").read_text()


# --- what a sentence may say of a verdict ----------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "allowed"),
    [
        ("SMOTE ties with plain LR on AP.", False),
        ("SMOTE ties with plain LR on AP in 6 of 10 draws, and loses to it in the other 4.", True),
        ("SMOTE ties with plain LR on AP in 4 of 10 draws.", False),
    ],
)
def test_a_plain_word_on_a_verdict_that_holds_in_six_of_ten_draws_is_refused(monkeypatch, sentence, allowed):
    import tests.claims as claims

    swept = Swept("", "", list(range(10)), [""] * 10, {"AP: SMOTE … plain LR": ["ties with"] * 6 + ["loses to"] * 4})
    monkeypatch.setattr(claims, "stability_record", lambda: {"x.py": swept})
    check = lambda: claims.check_stability("x.py", "AP: SMOTE ties with plain LR", "ties with", None, sentence)  # noqa: E731
    if allowed:
        check()
    else:
        with pytest.raises(AssertionError, match="holds in only 6 of 10 draws"):
            check()
    # Firm (9 of 10): stated plainly.
    firm = Swept("", "", list(range(10)), [""] * 10, {"AP: SMOTE … plain LR": ["ties with"] * 9 + ["loses to"]})
    monkeypatch.setattr(claims, "stability_record", lambda: {"x.py": firm})
    claims.check_stability("x.py", "AP: SMOTE ties with plain LR", "ties with", None, "SMOTE ties with plain LR on AP.")


def test_the_drift_report_names_a_firm_verdict_that_weakened():
    from course_build.maintenance.stability import weakened

    def record(words):
        return {
            "x.py": Swept("", "", list(range(10)), [""] * 10, {"AP: A … B": words, "F1: A … B": ["ties with"] * 10})
        }

    before = record(["beats"] * 10)
    assert weakened(before, record(["beats"] * 9 + ["edges"])) == []
    lines = weakened(before, record(["beats"] * 6 + ["edges"] * 4))
    assert lines == ["snippets/x.py: AP: A beats B was firm, now beats in 6, edges in 4 of 10 draws"], lines
    # A verdict that was not firm cannot weaken.
    assert weakened(record(["beats"] * 6 + ["edges"] * 4), record(["edges"] * 10)) == []


def test_the_weekly_drift_job_sweeps_the_newest_releases():
    import yaml

    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "drift.yml").read_text())
    newest = [
        m for m in workflow["jobs"]["report"]["strategy"]["matrix"]["include"] if m["against"] == "newest releases"
    ]
    assert newest and "--stability" in newest[0]["drift"].split(), newest
