"""A pytest plugin (loaded with ``-p`` in pyproject.toml, so that it also
covers README.md, which no conftest.py below tests/ reaches)."""

import pytest


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """pytest-codeblocks reports a failed shell block (README.md) by its exit
    status alone, an int, which crashes xdist; report the command's output."""
    outcome = yield
    report = outcome.get_result()
    if report.failed and isinstance(report.longrepr, int) and call.excinfo is not None:
        error = call.excinfo.value
        output = (getattr(error, "stdout", b"") or b"") + (getattr(error, "stderr", b"") or b"")
        report.longrepr = (
            f"{item.name}: {getattr(error, 'cmd', '')!r} exited with status {report.longrepr}\n"
            + output.decode(errors="replace")[-4000:]
        )
