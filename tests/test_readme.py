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


def test_every_install_checks_the_locks_hashes():
    """The Quick start, CI and the workflows install a lock's exact files,
    hashes checked, and then the project itself without dependencies."""
    places = {
        "README.md": "\n".join(quick_start_commands()),
        ".ci/run": (ROOT / ".ci" / "run").read_text(),
        **{f"workflows/{p.name}": p.read_text() for p in (ROOT / ".github" / "workflows").glob("*.yml")},
    }
    installs = [(name, m[0]) for name, text in places.items() for m in re.finditer(r"pip install [^&\n]*", text)]
    assert len(installs) >= 6, installs
    for name, install in installs:
        assert re.search(r"--require-hashes -r \S+$", install.strip()) or install.strip().endswith("--no-deps -e ."), (
            f"{name}: {install!r} installs files it does not check"
        )
    assert "--hash=sha256:" in (ROOT / "requirements.lock").read_text()
