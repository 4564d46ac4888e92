"""A snippet changed since its measurement (snippets/durations.toml) is named
at every build, whatever the builder and whether its output was run again or
taken from the cache: a strict build fails on it every time, and a preview
shows it and serves the edited page at its first rebuild, never stopping.

The builders count a strict build's warnings only in the build itself, so the
runner hands these to the plugin (``Report.stale_records``), which logs them
in the builder's own thread (course_build/runner/mkdocs_plugin.py)."""

from __future__ import annotations

import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from course_build.runner import cache, records
from course_build.runner.records import Measured
from course_build.runner.settings import load_settings
from tests.conftest import mkdocs_build
from tests.test_runner import free_port, make_project, page_including

SOURCE = "print('measured')\n"
EDIT = "# edited since its measurement\n"
STALE = "has not measured the current source of snippets/slow.py"


def measured_project(root: Path) -> Path:
    """A project whose one snippet is on record, measured as it is now."""
    project = make_project(root, {"slow.py": SOURCE}, pages={"index.md": page_including("slow.py")})
    records.save_durations(load_settings(project), {"slow.py": Measured(35.0, cache.sha256(SOURCE.encode()))})
    return project


@pytest.mark.parametrize("builder", ["properdocs", "mkdocs"])
def test_a_strict_build_fails_on_a_stale_record_whether_it_ran_the_snippet_or_not(tmp_path, builder):
    project = measured_project(tmp_path)
    site = tmp_path / "site"
    assert mkdocs_build(project, site, builder).returncode == 0
    (project / "snippets" / "slow.py").write_text(SOURCE + EDIT)
    for output in ("run again", "cached"):
        done = mkdocs_build(project, site, builder)
        ran = "(1 ran, 0 cached)" in done.stderr
        assert ran == (output == "run again"), done.stderr
        assert done.returncode != 0 and STALE in done.stderr, f"{builder}, output {output}:\n{done.stderr}"


class Preview:
    """``properdocs serve`` (or ``builder`` serve) of ``project``, with its log; stopped on exit."""

    def __init__(self, project: Path, log: Path, builder: str = "properdocs"):
        self.port, self.log = free_port(), log
        self._log = open(log, "w")
        self.server = subprocess.Popen(
            [sys.executable, "-m", builder, "serve", "-f", "mkdocs.yml", "--dev-addr", f"127.0.0.1:{self.port}"],
            cwd=project,
            stdout=self._log,
            stderr=subprocess.STDOUT,
        )

    def __enter__(self) -> Preview:
        return self

    def __exit__(self, *exc) -> None:
        self.server.terminate()
        self.server.wait(timeout=30)
        self._log.close()

    def page(self) -> str:
        with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/", timeout=30) as response:
            return response.read().decode()

    def text(self) -> str:
        return self.log.read_text()

    def builds(self) -> int:
        """Builds finished: the first, then each rebuild."""
        return self.text().count("Serving on") + self.text().count("Reloading browsers")

    def wait_for(self, condition, what: str, seconds: float = 60) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            assert self.server.poll() is None, f"the server stopped; its log:\n{self.text()}"
            try:
                if condition():
                    return
            except OSError:
                pass
            time.sleep(0.2)
        pytest.fail(f"the preview never showed {what}; its log:\n{self.text()}")


@pytest.mark.parametrize("builder", ["properdocs", "mkdocs"])
def test_a_preview_shows_a_stale_record_and_serves_the_edited_page_at_its_first_rebuild(tmp_path, builder):
    project = measured_project(tmp_path)
    with Preview(project, tmp_path / "serve.log", builder) as preview:
        preview.wait_for(lambda: "measured" in preview.page(), "the first build")
        (project / "snippets" / "slow.py").write_text(SOURCE + EDIT)
        preview.wait_for(lambda: EDIT.strip() in preview.page(), "the edited snippet")
        log = preview.text()
        assert "Aborted" not in log, log
        assert f"WARNING (the build fails on this): snippets/durations.toml {STALE}" in log, log
        # The build writes into docs/ (the snippet's copy to download), which
        # the server watches: those writes must not start a second rebuild.
        time.sleep(3)
        assert preview.builds() == 2 and "Detected file changes" not in preview.text()[len(log) :], preview.text()
