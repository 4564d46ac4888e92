"""The record of how long each snippet takes on one core (course_build/runner/records.py):
the command that measures it, and what a build does with it."""

from __future__ import annotations

import logging
import subprocess
import sys

from course_build.runner import cache, records
from course_build.runner.entries import rendered_name
from course_build.runner.records import DURATIONS_COMMAND as COMMAND
from course_build.runner.records import Measured
from course_build.runner.render import discover_snippets
from course_build.runner.settings import load_settings
from tests.conftest import ROOT, mkdocs_build
from tests.test_runner import make_project, page_including, render

BUSY = """\
import time
end = time.process_time() + 1.0
while time.process_time() < end:
    pass
"""
ASLEEP = "import time\ntime.sleep(1.0)\n"
# Fails (so the command fails) unless run on one core with one OpenMP and BLAS thread.
ONE_CORE = """\
import os, sys
one = len(os.sched_getaffinity(0)) == 1 and os.environ["OMP_NUM_THREADS"] == os.environ["OPENBLAS_NUM_THREADS"] == "1"
sys.exit(0 if one else f"not on one core: {os.sched_getaffinity(0)}")
"""


def measure(project, *arguments: str) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "course_build.maintenance.durations", *arguments],
        cwd=project,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


def test_every_snippet_of_the_course_is_measured_as_it_is_now():
    settings = load_settings(ROOT)
    snippets = discover_snippets(settings)
    tree = {s: cache.sha256((settings.snippets_dir / s).read_bytes()) for s in snippets}
    record = records.load_durations(settings)
    assert record is not None, f"no {records.durations_path(settings)}: run `{COMMAND}`"
    unmeasured = [s for s in snippets if s not in records.as_measured(record, tree)]
    assert not unmeasured, records.stale_durations_warning(unmeasured, "snippets")
    assert set(record) == set(snippets), f"measured snippets that no longer exist: {set(record) - set(snippets)}"


def test_the_command_measures_cpu_time_on_one_core_and_then_only_what_changed(tmp_path):
    project = make_project(tmp_path, {"busy.py": BUSY, "asleep.py": ASLEEP, "one_core.py": ONE_CORE})
    assert "measuring 3 of 3 snippets" in measure(project)
    settings = load_settings(project)
    record = records.load_durations(settings)
    assert 0.9 <= record["busy.py"].cpu_seconds < 2.0, record
    assert record["asleep.py"].cpu_seconds < 0.5, record  # a wait is not work
    assert record["busy.py"].source == cache.sha256(BUSY.encode())

    assert "measuring 0 of 3 snippets" in measure(project)
    (project / "snippets" / "asleep.py").write_text(ASLEEP + "# changed\n")
    output = measure(project)
    assert "measuring 1 of 3 snippets" in output and "asleep.py" in output, output
    assert "measuring 3 of 3 snippets" in measure(project, "--all")


def test_a_failing_snippet_fails_the_command_and_names_it(tmp_path):
    project = make_project(tmp_path, {"broken.py": "raise SystemExit('no data here')\n"})
    done = subprocess.run(
        [sys.executable, "-m", "course_build.maintenance.durations"], cwd=project, capture_output=True, text=True
    )
    assert done.returncode != 0 and "snippets/broken.py failed" in done.stderr and "no data here" in done.stderr


def test_a_page_words_the_recorded_time_not_the_build_s_own(tmp_path):
    project = make_project(tmp_path, {"quick.py": "print(1)\n", "slow.py": "print(2)\n"})
    settings = load_settings(project)
    records.save_durations(
        settings,
        {
            "quick.py": Measured(0.5, cache.sha256(b"print(1)\n")),
            "slow.py": Measured(35.0, cache.sha256(b"print(2)\n")),
        },
    )
    render(project)
    rendered = settings.rendered_dir
    assert "this example takes about half a minute to run" in (rendered / rendered_name("slow.py")).read_text()
    assert "Measured on one core" not in (rendered / rendered_name("quick.py")).read_text()


def test_a_snippet_changed_since_its_measurement_is_named_in_a_warning_and_says_nothing(tmp_path):
    project = make_project(tmp_path, {"slow.py": "print(2)\n"})
    settings = load_settings(project)
    records.save_durations(settings, {"slow.py": Measured(35.0, cache.sha256(b"print('before')\n"))})
    # The caller logs it, at each build (tests/test_stale_records.py).
    [stale] = render(project).stale_records
    assert f"snippets/slow.py, so its page says nothing of how long it takes: run `{COMMAND}`" in stale
    assert "Measured on one core" not in (settings.rendered_dir / rendered_name("slow.py")).read_text()


def test_a_project_without_a_record_shows_no_notes_and_no_warning(tmp_path, caplog):
    project = make_project(tmp_path, {"slow.py": "print(2)\n"})
    with caplog.at_level(logging.WARNING, logger="course_build.runner"):
        assert not render(project).stale_records
    assert not caplog.records


def test_a_strict_build_fails_on_a_snippet_changed_since_its_measurement(tmp_path):
    project = make_project(tmp_path, {"slow.py": "print(2)\n"}, pages={"index.md": page_including("slow.py")})
    settings = load_settings(project)
    records.save_durations(settings, {"slow.py": Measured(35.0, cache.sha256(b"print(2)\n"))})
    assert mkdocs_build(project, tmp_path / "site").returncode == 0
    assert "takes about half a minute" in (tmp_path / "site" / "index.html").read_text()
    (project / "snippets" / "slow.py").write_text("print(3)\n")
    done = mkdocs_build(project, tmp_path / "site")
    assert done.returncode != 0
    assert "has not measured the current source of snippets/slow.py" in done.stderr, done.stderr
