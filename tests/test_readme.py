"""The README's promises: two commands, and CI runs exactly the second."""

import io
import re

from pytest_codeblocks import extract_from_buffer

from tests.conftest import ROOT


def quick_start_commands() -> list[str]:
    readme = (ROOT / "README.md").read_text()
    section = readme.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    blocks = [b for b in extract_from_buffer(io.StringIO(section)) if b.syntax == "bash"]
    return blocks[0].code.strip().splitlines()


def test_quick_start_is_two_commands_build_then_test():
    build, test = quick_start_commands()
    assert re.search(r"properdocs build\b", build)
    assert re.search(r"-m pytest\b", test)


def test_ci_runs_exactly_the_second_command():
    lines = [line.strip() for line in (ROOT / ".ci" / "run").read_text().splitlines()]
    commands = [line for line in lines if line and not line.startswith("#")]
    # Before it, CI only installs the browser and sets the environment.
    assert commands[-1] == quick_start_commands()[1]
    assert not any(word in line for line in commands[:-1] for word in ("pytest", "mkdocs", "properdocs"))


def test_every_install_from_the_lock_checks_its_hashes():
    """The Quick start, CI and the workflows install the lock's exact files:
    hashes checked, the project itself added without dependencies."""
    lock = re.compile(r"pip install (?P<options>[^&\n]*)-r requirements\.lock")
    project = re.compile(r"pip install (?P<options>[^&\n]*)-e \.")
    places = [ROOT / "README.md", ROOT / ".ci" / "run", *(ROOT / ".github" / "workflows").glob("*.yml")]
    texts = {path.relative_to(ROOT).as_posix(): path.read_text() for path in places}
    installs = [(name, m) for name, text in texts.items() for m in lock.finditer(text)]
    assert len([name for name, _ in installs if name == "README.md"]) >= 2
    for name, match in installs:
        assert "--require-hashes" in match["options"], f"{name}: {match[0]!r} does not check hashes"
    for name, text in texts.items():
        for match in project.finditer(text):
            assert "--no-deps" in match["options"], f"{name}: {match[0]!r} installs dependencies unchecked"
    assert "--hash=sha256:" in (ROOT / "requirements.lock").read_text()
