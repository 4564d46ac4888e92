"""The drift report against two real builds of a throwaway project that
differ in exactly one snippet's printed output and one figure."""

from __future__ import annotations

import re
import shutil
import tomllib

from course_build.maintenance.drift import compare_builds, report
from course_build.runner.render import render_all
from course_build.runner.settings import load_settings
from tests.claims import squash
from tests.conftest import ROOT
from tests.test_runner import make_project

COUNTS = "print({0: 990, 1: 10})\n"
VERDICT = (
    "print('AP: SMOTE trails plain LR | difference -0.010, sd 0.005 | wins 1, ties 0, losses 9 of 10 | p = 0.080')\n"
)
STEADY_FIGURE = """\
import matplotlib.pyplot as plt
fig, ax = plt.subplots(label="Bar chart of the two class counts")
ax.bar([0, 1], [990, 10])
"""


def moving_figure(height: int) -> str:
    return f"""\
import matplotlib.pyplot as plt
print("drawn")
fig, ax = plt.subplots(label="Line of the threshold against recall")
ax.plot([0, 1], [0, {height}])
"""


def build(folder, snippets):
    project = make_project(folder, snippets)
    render_all(load_settings(project))
    return load_settings(project)


def test_the_report_names_exactly_the_changed_output_and_figure(tmp_path):
    same = {"counts.py": COUNTS, "verdict.py": VERDICT, "steady.py": STEADY_FIGURE}
    locked = build(tmp_path / "locked", {**same, "output.py": "print(0.91)\n", "figure.py": moving_figure(1)})
    other = build(tmp_path / "other", {**same, "output.py": "print(0.92)\n", "figure.py": moving_figure(2)})

    drift = compare_builds(locked, other, failures={})

    assert list(drift.output_diffs) == ["output.py"]
    assert "-0.91\n+0.92\n" in drift.output_diffs["output.py"]
    assert drift.figures_changed == {"figure.py": ['figure 1 ("Line of the threshold against recall")']}
    assert drift.failures == {} and drift.verdicts_changed == [] and not drift.breaks_pages
    text = report(drift, "Drift", [])
    assert "snippets/output.py" in text and "snippets/figure.py" in text
    assert "counts.py" not in text and "steady.py" not in text and "verdict.py" not in text


def test_a_changed_verdict_word_or_a_failure_breaks_the_pages(tmp_path):
    locked = build(tmp_path / "locked", {"verdict.py": VERDICT, "counts.py": COUNTS})
    other = build(tmp_path / "other", {"verdict.py": VERDICT.replace("trails", "ties with"), "counts.py": COUNTS})

    drift = compare_builds(locked, other, failures={})
    assert [(c.snippet, c.comparison, c.locked, c.other) for c in drift.verdicts_changed] == [
        ("verdict.py", "AP: SMOTE … plain LR", "trails", "ties with")
    ]
    assert drift.breaks_pages

    failed = compare_builds(locked, locked, failures={"counts.py": "snippets/counts.py: FutureWarning"})
    assert failed.breaks_pages and "FutureWarning" in report(failed, "Drift", [])


def test_identical_builds_report_nothing_moved(tmp_path):
    locked = build(tmp_path / "locked", {"counts.py": COUNTS, "steady.py": STEADY_FIGURE})
    shutil.copytree(tmp_path / "locked", tmp_path / "other")
    drift = compare_builds(locked, load_settings(tmp_path / "other"), failures={})
    assert "Nothing moved" in report(drift, "Drift", [])


def test_the_home_page_states_the_tested_floor():
    """The oldest versions the home page names are the lower bounds in
    pyproject.toml, and the oldest Python is the one it requires."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    bounds = dict(re.fullmatch(r"([\w-]+)(?:\[\w+\])?>=([\d.]+).*", d).groups() for d in project["dependencies"])
    home = squash((ROOT / "docs" / "index.md").read_text())
    python = project["requires-python"].removeprefix(">=")
    stated = f"Python {python} with numpy {bounds['numpy']}, scikit-learn {bounds['scikit-learn']}, imbalanced-learn {bounds['imbalanced-learn']} and matplotlib {bounds['matplotlib']}"
    assert stated in home, stated
