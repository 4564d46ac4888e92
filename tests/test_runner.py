"""The snippet runner against throwaway projects, one per kind of bad input.

Each project is a real folder with real snippets, run in real processes; the
MkDocs cases run a real ``mkdocs build``.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import textwrap
import time
import urllib.request
from pathlib import Path

import pytest

from course_build.runner.publish import snippet_files
from course_build.runner.render import Rendering, SnippetFailure, cached_entry, longest_first, render_all
from course_build.runner.schedule import SnippetProcesses, thread_share
from course_build.runner.settings import load_settings
from tests.conftest import mkdocs_build
from tests.pages import page_problems

MKDOCS_YML = """\
site_name: Throwaway
strict: true
# ProperDocs ships no theme of its own; the course's theme is at hand.
theme: material
plugins:
  - snippet-runner
validation:
  links:
    absolute_links: relative_to_docs
markdown_extensions:
  - attr_list
  - pymdownx.highlight:
      pygments_lang_class: true
  - pymdownx.superfences
  - pymdownx.snippets:
      base_path: [snippets, .snippet-cache/rendered]
      check_paths: true
"""


def make_project(root: Path, snippets: dict[str, str], settings: str = "", pages: dict[str, str] | None = None) -> Path:
    """A project folder: snippets/, pyproject.toml settings and, if given, docs/ with mkdocs.yml."""
    for name, source in snippets.items():
        path = root / "snippets" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(source))
    (root / "pyproject.toml").write_text("[tool.snippet-runner]\n" + textwrap.dedent(settings))
    for name, text in (pages or {}).items():
        (root / "docs").mkdir(exist_ok=True)
        (root / "docs" / name).write_text(textwrap.dedent(text))
    if pages:
        (root / "mkdocs.yml").write_text(MKDOCS_YML)
    return root


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def page_including(*snippets: str) -> str:
    parts = ["# Page\n"]
    for snippet in snippets:
        parts.append(f'```python\n--8<-- "{snippet}"\n```\n\n--8<-- "{snippet.removesuffix(".py")}.out.md"\n')
    return "\n".join(parts)


def render(project: Path, **options):
    return render_all(load_settings(project), **options)


def failure_of(project: Path, **options) -> str:
    with pytest.raises(SnippetFailure) as failure:
        render(project, **options)
    return str(failure.value)


# --- bad inputs --------------------------------------------------------------


def test_an_exception_names_the_file_and_line(tmp_path):
    make_project(tmp_path, {"bad.py": "x = 1\n\ny = x / 0\n"})
    message = failure_of(tmp_path)
    assert "snippets/bad.py:3: ZeroDivisionError: division by zero" in message
    # The traceback shown to the maintainer points at the repository, not a scratch copy.
    assert 'File "snippets/bad.py", line 3' in message


def test_a_failed_snippet_leaves_no_output_for_pages(tmp_path):
    make_project(tmp_path, {"bad.py": "print('half')\nraise RuntimeError('boom')\n"})
    failure_of(tmp_path)
    assert not (tmp_path / ".snippet-cache" / "rendered" / "bad.out.md").exists()


def test_a_snippet_over_its_cpu_limit_is_stopped(tmp_path):
    # The busy loop runs in a child process while the snippet itself waits:
    # the limit counts the children's CPU time too.
    source = """\
    import subprocess, sys
    subprocess.run([sys.executable, "-c", "while True: pass"])
    """
    make_project(tmp_path, {"busy.py": source}, "timeout = 1\n")
    message = failure_of(tmp_path)
    assert "snippets/busy.py: used more than its 1s of CPU time (its child processes included)" in message


def test_a_snippet_that_waits_past_the_wall_clock_backstop_is_stopped(tmp_path):
    make_project(tmp_path, {"hang.py": "import time\nwhile True:\n    time.sleep(1)\n"}, "timeout = 1\n")
    with pytest.raises(SnippetFailure) as failure:
        render(tmp_path)
    message = str(failure.value)
    assert "snippets/hang.py: still running after 5s of wall-clock time (5 times its 1s CPU limit)" in message
    # Not stopped before the backstop (a lower bound, which no slow machine can break).
    assert failure.value.report.outcomes[0].seconds >= 5


def test_a_timeout_can_be_raised_for_one_snippet(tmp_path):
    # Computes for about 1.5 s of CPU time, over the default limit of 1 s.
    source = """\
    import time
    while time.process_time() < 1.5:
        pass
    print("done")
    """
    make_project(
        tmp_path, {"slow.py": source}, 'timeout = 1\n[tool.snippet-runner.overrides."slow.py"]\ntimeout = 10\n'
    )
    render(tmp_path)
    assert cached_entry(load_settings(tmp_path), "slow.py")["stdout"] == "done\n"


def test_megabytes_of_output_are_rejected(tmp_path):
    make_project(tmp_path, {"loud.py": "print('x' * 3_000_000)\n"})
    message = failure_of(tmp_path)
    assert "snippets/loud.py: printed 3,000,001 bytes, more than the 20,000" in message


def test_a_warning_fails_the_build(tmp_path):
    source = """\
    import warnings
    warnings.warn("this API is going away", FutureWarning)
    """
    make_project(tmp_path, {"warns.py": source})
    message = failure_of(tmp_path)
    assert "snippets/warns.py: wrote to stderr" in message
    assert "snippets/warns.py:2: FutureWarning: this API is going away" in message


def test_a_deprecation_in_our_own_code_fails_the_build(tmp_path):
    # A library deprecating something we call warns with stacklevel=2: the
    # warning is attributed to the snippet, which runs as __main__.
    source = """\
    import warnings

    def old_api():
        warnings.warn("old_api is deprecated", DeprecationWarning, stacklevel=2)

    old_api()
    """
    make_project(tmp_path, {"deprecated.py": source})
    assert "snippets/deprecated.py:6: DeprecationWarning: old_api is deprecated" in failure_of(tmp_path)


def test_expected_stderr_is_shown_not_failed(tmp_path):
    make_project(
        tmp_path,
        {"warns.py": "import sys\nprint('to stderr', file=sys.stderr)\n"},
        '[tool.snippet-runner.overrides."warns.py"]\nexpected-stderr = true\n',
    )
    render(tmp_path)
    rendered = (tmp_path / ".snippet-cache/rendered/warns.out.md").read_text()
    assert 'title="Standard error"' in rendered and "to stderr" in rendered


def test_a_figure_without_alt_text_fails(tmp_path):
    source = """\
    import matplotlib.pyplot as plt
    fig, ax = plt.subplots()
    ax.plot([1, 2, 3])
    plt.show()
    """
    make_project(tmp_path, {"plot.py": source})
    assert "snippets/plot.py: figure 1 has no alt text" in failure_of(tmp_path)


def test_figures_are_svg_with_alt_text_and_identical_across_runs(tmp_path):
    source = """\
    import matplotlib.pyplot as plt
    fig, ax = plt.subplots(label="A rising line")
    ax.plot([1, 2, 3])
    plt.show()
    fig, ax = plt.subplots(label="A scatter of 2,000 points")
    ax.scatter(range(2000), range(2000))
    """
    make_project(tmp_path, {"plots.py": source})
    render(tmp_path)
    figures = tmp_path / ".snippet-cache" / "figures"
    names = [f"plots-{n}{dark}.svg" for n in (1, 2) for dark in ("", "-dark")]
    first = [(figures / name).read_bytes() for name in names]
    assert first[0].startswith(b"<?xml") and b"<svg" in first[0]
    assert b"<image" in first[2], "a dense scatter is embedded as a bitmap"
    rendered = (tmp_path / ".snippet-cache/rendered/plots.out.md").read_text()
    assert "![A rising line](snippets/plots-1.svg#only-light)" in rendered
    assert "![A rising line](snippets/plots-1-dark.svg#only-dark)" in rendered
    render(tmp_path, use_cache=False)
    assert [(figures / name).read_bytes() for name in names] == first


def test_a_snippet_cannot_dirty_the_working_tree(tmp_path):
    source = """\
    from pathlib import Path
    Path("relative.txt").write_text("x")
    Path(__file__).with_name("beside_me.txt").write_text("x")
    print("wrote")
    """
    make_project(tmp_path, {"writer.py": source})
    (tmp_path / ".gitignore").write_text(".snippet-cache/\n")

    def git(*args):
        return subprocess.run(["git", *args], cwd=tmp_path, capture_output=True, text=True, check=True)

    git("init", "-q")
    git("add", "-A")
    git("-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "init")
    render(tmp_path)
    assert git("status", "--porcelain").stdout == ""


def test_snippets_are_isolated_from_each_other(tmp_path):
    # One worker and more snippets than workers: they run forked from one
    # server process that has matplotlib and sklearn imported already.
    changes = """\
    import matplotlib
    import sklearn
    matplotlib.rcParams["lines.linewidth"] = 9.0
    sklearn.leaked_by_another_snippet = True
    """
    reads = """\
    import matplotlib
    import sklearn
    print(matplotlib.rcParams["lines.linewidth"], hasattr(sklearn, "leaked_by_another_snippet"))
    """
    make_project(tmp_path, {"a_changes.py": changes, "b_reads.py": reads, "c_reads.py": reads})
    render(tmp_path, workers=1)
    settings = load_settings(tmp_path)
    for name in ("b_reads.py", "c_reads.py"):
        assert cached_entry(settings, name)["stdout"] == "1.5 False\n"


def test_a_snippet_runs_as_main_with_its_own_folder_as_working_directory(tmp_path):
    source = """\
    import os, sys
    print(__name__, os.path.basename(os.getcwd()), os.path.basename(sys.argv[0]))
    """
    make_project(tmp_path, {"lesson/where.py": source})
    render(tmp_path)
    assert cached_entry(load_settings(tmp_path), "lesson/where.py")["stdout"] == "__main__ lesson where.py\n"


def test_a_fresh_clone_starts_the_snippets_longest_on_record_first(tmp_path):
    """With no last run to go by, the durations record orders the snippets
    (by name, or by time limit, they would run a, b, c)."""
    started = tmp_path / "started.txt"
    names = ["a.py", "b.py", "c.py"]
    make_project(tmp_path, {n: f"open({str(started)!r}, 'a').write({n!r} + ' ')\n" for n in names})
    record = {"a.py": 0.5, "b.py": 40.0, "c.py": 9.0}
    (tmp_path / "snippets" / "durations.toml").write_text(
        "".join(f'"{n}" = {{ cpu-seconds = {t}, source = "an older source" }}\n' for n, t in record.items())
    )
    report = render(tmp_path, workers=1)
    assert started.read_text().split() == ["b.py", "c.py", "a.py"]
    assert len(report.stale_records) == 1  # one warning, naming the three measured from another source


def test_longest_first_trusts_a_last_run_over_the_record_and_starts_the_unknown_first():
    order = longest_first(
        ["on record", "ran before", "never measured", "short"],
        last_run={"ran before": 30.0, "short": 1.0},
        recorded={"on record": 20.0, "ran before": 2.0},
        timeout=lambda snippet: 60.0,
    )
    assert order == ["never measured", "ran before", "on record", "short"]


# --- the cache ---------------------------------------------------------------


def ran(report) -> list[str]:
    return [o.name for o in report.outcomes if not o.cached]


def test_only_what_changed_runs_again(tmp_path):
    make_project(
        tmp_path,
        {
            "_shared.py": "GREETING = 'hello'\n",
            "uses_module.py": "from _shared import GREETING\nprint(GREETING)\n",
            "reads_data.py": "print(open('data.txt').read())\n",
            "plain.py": "print('plain')\n",
            "data.txt": "first",
        },
    )
    assert sorted(ran(render(tmp_path))) == ["plain.py", "reads_data.py", "uses_module.py"]
    assert ran(render(tmp_path)) == []

    (tmp_path / "snippets/data.txt").write_text("second")
    assert ran(render(tmp_path)) == ["reads_data.py"]
    (tmp_path / "snippets/_shared.py").write_text("GREETING = 'bonjour'\n")
    assert ran(render(tmp_path)) == ["uses_module.py"]
    (tmp_path / "snippets/plain.py").write_text("print('edited')\n")
    assert ran(render(tmp_path)) == ["plain.py"]
    settings = load_settings(tmp_path)
    assert cached_entry(settings, "uses_module.py")["stdout"] == "bonjour\n"
    assert cached_entry(settings, "reads_data.py")["stdout"] == "second\n"


def test_changing_a_snippets_settings_runs_it_again(tmp_path):
    make_project(tmp_path, {"a.py": "print(1)\n"})
    render(tmp_path)
    (tmp_path / "pyproject.toml").write_text("[tool.snippet-runner]\ntimeout = 30\n")
    assert ran(render(tmp_path)) == ["a.py"]


@pytest.mark.parametrize("damage", ["truncate", "edit"])
def test_a_damaged_cache_entry_is_run_again(tmp_path, damage):
    make_project(tmp_path, {"a.py": "print('right')\n"})
    render(tmp_path)
    entry = tmp_path / ".snippet-cache/entries/a.py.json"
    data = entry.read_text()
    entry.write_text(data[: len(data) // 2] if damage == "truncate" else data.replace("right", "wrong"))
    assert ran(render(tmp_path)) == ["a.py"]
    assert json.loads(entry.read_text())["payload"]["stdout"] == "right\n"


def test_a_deleted_snippet_leaves_nothing_behind(tmp_path):
    make_project(tmp_path, {"a.py": "print(1)\n", "b.py": "print(2)\n"})
    render(tmp_path)
    (tmp_path / "snippets/b.py").unlink()
    render(tmp_path)
    assert not (tmp_path / ".snippet-cache/rendered/b.out.md").exists()
    assert not (tmp_path / ".snippet-cache/entries/b.py.json").exists()


def test_previewing_shows_the_error_on_the_page_instead_of_stopping(tmp_path):
    make_project(tmp_path, {"bad.py": "raise ValueError('no good')\n"})
    report = render(tmp_path, keep_going=True)
    assert [o.name for o in report.failures] == ["bad.py"]
    rendered = (tmp_path / ".snippet-cache/rendered/bad.out.md").read_text()
    assert rendered.startswith('!!! failure "This snippet failed"')
    assert "snippets/bad.py:1: ValueError: no good" in rendered


# --- through MkDocs ------------------------------------------------------------


def test_mkdocs_build_fails_naming_a_failing_snippet(tmp_path):
    make_project(tmp_path, {"bad.py": "import math\nmath.sqrt(-1)\n"}, pages={"index.md": page_including("bad.py")})
    done = mkdocs_build(tmp_path, tmp_path / "site")
    assert done.returncode != 0
    assert "snippets/bad.py:2: ValueError: math domain error" in done.stderr + done.stdout


def test_mkdocs_build_fails_when_an_included_snippet_is_deleted(tmp_path):
    make_project(tmp_path, {"a.py": "print(1)\n"}, pages={"index.md": page_including("a.py")})
    assert mkdocs_build(tmp_path, tmp_path / "site").returncode == 0
    (tmp_path / "snippets/a.py").unlink()
    done = mkdocs_build(tmp_path, tmp_path / "site")
    assert done.returncode != 0
    assert "a.py" in done.stderr


def test_notebook_previews_are_converted_ahead_as_mkdocs_jupyter_would(tmp_path):
    """A changed lesson's notebook is converted in a second process while the
    pages are built; mkdocs-jupyter finds the preview in its cache, and it is
    the preview mkdocs-jupyter makes when it converts the notebook itself."""
    config = MKDOCS_YML.replace(
        "  - snippet-runner\n",
        "  - snippet-runner\n  - mkdocs-jupyter:\n      include: ['notebooks/*.ipynb']\n"
        "      cache_dir: .snippet-cache/mkdocs-jupyter\n",
    )
    make_project(tmp_path, {"a.py": "print('hello')\n"}, pages={"lesson.md": page_including("a.py")})
    (tmp_path / "mkdocs.yml").write_text(config)
    done = mkdocs_build(tmp_path, tmp_path / "ahead")
    assert done.returncode == 0, done.stderr[-3000:]
    notebook = tmp_path / "docs/notebooks/lesson.ipynb"
    assert f"Cache hit: {notebook}" in done.stderr, done.stderr[-3000:]
    assert "Cache miss" not in done.stderr, done.stderr[-3000:]
    (tmp_path / "mkdocs.yml").write_text(config.replace("      cache_dir:", "      cache: false\n      cache_dir:"))
    done = mkdocs_build(tmp_path, tmp_path / "itself")
    assert done.returncode == 0, done.stderr[-3000:]
    assert "Cache hit" not in done.stderr, done.stderr[-3000:]
    preview = "notebooks/lesson/index.html"
    assert (tmp_path / "ahead" / preview).read_text() == (tmp_path / "itself" / preview).read_text()


def test_page_check_catches_output_that_changes_between_runs(tmp_path):
    source = "import random\nprint(random.random())\n"
    make_project(tmp_path, {"noisy.py": source}, pages={"index.md": page_including("noisy.py")})
    assert mkdocs_build(tmp_path, tmp_path / "site").returncode == 0
    workdir = tmp_path / "work"
    workdir.mkdir()
    problems = page_problems(tmp_path, tmp_path / "site", "index.md", workdir)
    assert len(problems) == 1 and "a fresh run prints something else than the page shows" in problems[0]


def test_page_check_catches_python_blocks_that_would_not_be_run(tmp_path):
    page = page_including("a.py") + '\n```py\nprint("never run by the tests")\n```\n'
    make_project(tmp_path, {"a.py": "print(1)\n"}, pages={"index.md": page})
    assert mkdocs_build(tmp_path, tmp_path / "site").returncode == 0
    workdir = tmp_path / "work"
    workdir.mkdir()
    problems = page_problems(tmp_path, tmp_path / "site", "index.md", workdir)
    assert problems and "shows 2 Python block(s) but only 1" in problems[0]


def test_page_check_passes_an_honest_page(tmp_path):
    make_project(tmp_path, {"a.py": "print('same every time')\n"}, pages={"index.md": page_including("a.py")})
    assert mkdocs_build(tmp_path, tmp_path / "site").returncode == 0
    workdir = tmp_path / "work"
    workdir.mkdir()
    assert page_problems(tmp_path, tmp_path / "site", "index.md", workdir) == []


def test_mkdocs_serve_reruns_only_what_changed_and_survives_a_failure(tmp_path):
    page = page_including("a.py", "b.py")
    make_project(tmp_path, {"a.py": "print('a1')\n", "b.py": "print('b1')\n"}, pages={"index.md": page})
    port = free_port()
    log = open(tmp_path / "serve.log", "w+")
    server = subprocess.Popen(
        [sys.executable, "-m", "properdocs", "serve", "-f", "mkdocs.yml", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=tmp_path,
        stdout=log,
        stderr=subprocess.STDOUT,
        text=True,
    )

    def page_text() -> str:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=10) as response:
            return response.read().decode()

    def wait_for(condition, what: str) -> None:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if condition():
                    return
            except OSError:
                pass
            time.sleep(0.3)
        pytest.fail(f"mkdocs serve never showed {what}; its log:\n{(tmp_path / 'serve.log').read_text()}")

    def log_text() -> str:
        return (tmp_path / "serve.log").read_text()

    try:
        wait_for(lambda: "a1" in page_text() and "b1" in page_text(), "the first build")
        assert "running 2 of 2" in log_text()

        (tmp_path / "snippets/a.py").write_text("raise KeyError('gone')\n")
        wait_for(lambda: "This snippet failed" in page_text(), "the failure on the page")
        assert "snippets/a.py:1: KeyError" in page_text()
        assert "running 1 of 2" in log_text()

        (tmp_path / "snippets/a.py").write_text("print('a2')\n")
        wait_for(lambda: "a2" in page_text(), "the fixed snippet's output")
        assert server.poll() is None, "the server stopped"

        runs_before = log_text().count("snippets: running")
        (tmp_path / "docs/index.md").write_text(page.replace("# Page", "# Page, edited"))
        wait_for(lambda: "Page, edited" in page_text(), "the edited prose")
        assert log_text().count("snippets: running") == runs_before, "a prose edit ran snippets"
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()


def test_a_snippet_that_draws_fewer_figures_publishes_only_those(tmp_path):
    draws = """\
    import matplotlib.pyplot as plt
    for n in range({count}):
        fig, ax = plt.subplots(label=f"Figure {{n}}")
        ax.plot([0, n])
    """
    make_project(tmp_path, {"plots.py": draws.format(count=3)})
    render(tmp_path)
    settings = load_settings(tmp_path)
    figures = tmp_path / ".snippet-cache" / "figures"
    assert sorted(p.name for p in figures.iterdir()) == [
        f"plots-{n}{dark}.svg" for n in (1, 2, 3) for dark in ("-dark", "")
    ]
    (tmp_path / "snippets/plots.py").write_text(textwrap.dedent(draws.format(count=1)))
    render(tmp_path)
    assert sorted(p.name for p in figures.iterdir()) == ["plots-1-dark.svg", "plots-1.svg"]
    assert list(snippet_files(settings)) == ["plots.py", "plots-1.svg", "plots-1-dark.svg"]


# --- faithful execution: a snippet runs as ``python snippets/<file>.py`` would -----

FAITHFUL = {
    "joblib_workers.py": """\
    import multiprocessing
    import signal

    from joblib import Parallel, delayed

    def square(x):
        return x * x

    print(Parallel(n_jobs=2)(delayed(square)(i) for i in range(6)))
    me = multiprocessing.current_process()
    print(__name__, type(me).__name__, me.name, me.daemon, multiprocessing.parent_process())
    print(signal.getsignal(signal.SIGINT) is signal.default_int_handler, signal.getsignal(signal.SIGTERM))
    """,
    "process_pool.py": """\
    import multiprocessing

    def square(x):
        return x * x

    if __name__ == "__main__":
        with multiprocessing.Pool(2) as pool:
            print(pool.map(square, range(6)))
    """,
    "interpreter.py": """\
    import hashlib
    import os
    import sys

    print(os.path.basename(__file__), os.path.basename(sys.argv[0]), sys.modules["__main__"].__file__ == __file__)
    print(sys.path[1:] == eval(os.environ["EXPECTED_SYS_PATH"]))
    environment = sorted(os.environ.items())
    print(hashlib.sha256(repr(environment).encode()).hexdigest())
    """,
}


@pytest.mark.parametrize("fork", [True, False], ids=["forked", "fresh"])
def test_a_snippet_sees_what_python_file_py_would(tmp_path, monkeypatch, fork):
    make_project(tmp_path, FAITHFUL)
    plain_path = subprocess.run(
        [sys.executable, "-c", "import sys; print(sys.path[1:])"], capture_output=True, text=True, check=True
    ).stdout
    monkeypatch.setenv("EXPECTED_SYS_PATH", plain_path)
    workers = 2
    with SnippetProcesses(fork=fork) as processes:
        render(tmp_path, workers=workers, processes=processes)
    env = {**os.environ, **thread_share(min(workers, len(FAITHFUL)))}
    settings = load_settings(tmp_path)
    for name in FAITHFUL:
        plain = subprocess.run(
            [sys.executable, name], cwd=tmp_path / "snippets", env=env, capture_output=True, text=True, check=True
        )
        assert plain.stderr == ""
        assert cached_entry(settings, name)["stdout"] == plain.stdout, name
    assert "True" in cached_entry(settings, "interpreter.py")["stdout"].splitlines()[1]


def still_running(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except FileNotFoundError:
        return False
    return state != "Z"  # a zombie has ended; only its parent has yet to collect it


@pytest.mark.parametrize("fork", [True, False], ids=["forked", "fresh"])
def test_nothing_a_snippet_started_outlives_it(tmp_path, fork):
    source = """\
    import subprocess, sys
    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(987)"])
    print(child.pid)
    """
    make_project(tmp_path, {"starts_a_process.py": source})
    with SnippetProcesses(fork=fork) as processes:
        render(tmp_path, processes=processes)
    pid = int(cached_entry(load_settings(tmp_path), "starts_a_process.py")["stdout"])
    deadline = time.monotonic() + 10
    while still_running(pid) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not still_running(pid), "the snippet's child process is still running"


def blas_threads_source() -> str:
    return """\
    import numpy
    from threadpoolctl import threadpool_info
    print(sorted({pool["num_threads"] for pool in threadpool_info()}))
    """


def test_snippets_running_at_once_share_the_cores_in_either_mode(tmp_path, monkeypatch):
    for name in thread_share(1):  # the suite limits its own threads; the runner must do it itself
        monkeypatch.delenv(name, raising=False)
    make_project(tmp_path, {"a.py": blas_threads_source(), "b.py": blas_threads_source()})
    share = int(thread_share(2)["OMP_NUM_THREADS"])
    for fork in (True, False):
        with SnippetProcesses(fork=fork) as processes:
            render(tmp_path, workers=2, use_cache=False, processes=processes)
        for name in ("a.py", "b.py"):
            assert cached_entry(load_settings(tmp_path), name)["stdout"] == f"[{share}]\n", (fork, name)


@pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="one core: every share is one thread")
def test_the_forkserver_restarts_when_the_share_of_cores_changes(tmp_path, monkeypatch):
    for name in thread_share(1):
        monkeypatch.delenv(name, raising=False)
    make_project(tmp_path, {"a.py": blas_threads_source(), "b.py": blas_threads_source()})
    settings = load_settings(tmp_path)
    with SnippetProcesses(fork=True) as processes:
        render(tmp_path, workers=2, processes=processes)
        assert cached_entry(settings, "a.py")["stdout"] == f"[{thread_share(2)['OMP_NUM_THREADS']}]\n"
        (tmp_path / "snippets/a.py").write_text(textwrap.dedent(blas_threads_source()) + "# edited\n")
        assert ran(render(tmp_path, workers=2, processes=processes)) == ["a.py"]
        # One snippet alone gets all the cores, from a server started anew.
        assert cached_entry(settings, "a.py")["stdout"] == f"[{thread_share(1)['OMP_NUM_THREADS']}]\n"


def slow_snippet(pid_file: Path) -> dict[str, str]:
    """``slow.py``, which records its process id in ``pid_file``, then sleeps
    for ``delay.txt`` seconds (600, within its limit of 900)."""
    source = f"""\
    import os, pathlib, time
    pathlib.Path({str(pid_file)!r}).write_text(str(os.getpid()))
    time.sleep(float(open("delay.txt").read()))
    """
    return {"slow.py": source, "delay.txt": "600"}


SLOW_SNIPPET_TIMEOUT = '[tool.snippet-runner.overrides."slow.py"]\ntimeout = 900\n'


@pytest.mark.parametrize("front", ["python -m course_build.runner", "properdocs build", "properdocs serve"])
def test_an_interrupted_run_keeps_what_had_finished(tmp_path, front):
    """Ctrl-C stops the snippets still running, keeps those that had finished,
    and the next run runs only the rest; through the runner's own command, and
    through a build or a preview, where the snippets run beside the builder's thread."""
    quick = {f"quick{n}.py": f"print({n})\n" for n in range(3)}
    make_project(
        tmp_path,
        {**quick, **slow_snippet(tmp_path / "slow.pid")},
        SLOW_SNIPPET_TIMEOUT,
        pages={"index.md": page_including(*quick, "slow.py")},
    )
    command = {
        "python -m course_build.runner": ["-m", "course_build.runner", "--root", str(tmp_path), "--jobs", "2"],
        "properdocs build": ["-m", "properdocs", "build", "-f", "mkdocs.yml"],
        "properdocs serve": ["-m", "properdocs", "serve", "-f", "mkdocs.yml", "--dev-addr", f"127.0.0.1:{free_port()}"],
    }[front]
    runner = subprocess.Popen(
        [sys.executable, *command], cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    entries_dir = tmp_path / ".snippet-cache/entries"
    deadline = time.monotonic() + 120
    while not all((entries_dir / f"{name}.json").exists() for name in quick) or not (tmp_path / "slow.pid").exists():
        assert time.monotonic() < deadline and runner.poll() is None, "the quick snippets never finished"
        time.sleep(0.1)
    assert runner.poll() is None, "the run ended before it could be interrupted"
    runner.send_signal(signal.SIGINT)  # what Ctrl-C sends
    runner.wait(timeout=60)  # raises if it hangs on
    slow_pid = int((tmp_path / "slow.pid").read_text())
    time.sleep(0.5)
    assert not still_running(slow_pid), "the interrupted snippet is still running"
    (tmp_path / "snippets/delay.txt").write_text("0")
    assert ran(render(tmp_path)) == ["slow.py"]


def test_loading_the_configuration_starts_the_snippets_and_shutdown_stops_them(tmp_path):
    """The plugin starts running what changed while the builder is still
    loading its configuration, before the build's first event; shutting
    down (as after a configuration error) stops it."""
    make_project(
        tmp_path,
        slow_snippet(tmp_path / "slow.pid"),
        SLOW_SNIPPET_TIMEOUT,
        pages={"index.md": page_including("slow.py")},
    )
    script = f"""\
    import pathlib, time
    import properdocs.__main__  # first: ProperDocs stands in for mkdocs, whose API the plugin uses
    from properdocs.config import load_config
    config = load_config({str(tmp_path / "mkdocs.yml")!r})
    pid_file = pathlib.Path({str(tmp_path / "slow.pid")!r})
    deadline = time.monotonic() + 60
    while not pid_file.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    print(pid_file.exists())
    config.plugins["snippet-runner"].on_shutdown()
    """
    done = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(script)], cwd=tmp_path, capture_output=True, text=True, timeout=120
    )
    assert done.stdout.strip() == "True", f"no snippet ran while the configuration loaded\n{done.stderr}"
    assert not still_running(int((tmp_path / "slow.pid").read_text())), "the snippet outlived the shutdown"


def snippet_children() -> list[int]:
    """This process's children that run a snippet in a fresh interpreter."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            parent = int(stat.read_text().rsplit(")", 1)[1].split()[1])
            command = (stat.parent / "cmdline").read_bytes()
        except (FileNotFoundError, ProcessLookupError):
            continue  # ended meanwhile
        # "python -m course_build.runner.execute <job>" (a forkserver names the module among its preloads)
        if parent == os.getpid() and b"\0-m\0course_build.runner.execute\0" in command:
            found.append(int(stat.parent.name))
    return found


def test_a_rendering_returns_once_its_snippets_have_started(tmp_path):
    """The builder's thread waits for the snippets to start: left to prepare
    them while it went on loading its configuration, the rendering's thread
    started them 0.3-0.45 s later."""
    make_project(
        tmp_path,
        slow_snippet(tmp_path / "slow.pid"),
        SLOW_SNIPPET_TIMEOUT,
    )
    with SnippetProcesses(fork=False) as processes:
        rendering = Rendering(load_settings(tmp_path), processes)
        try:
            assert snippet_children(), "no snippet had started when the rendering returned"
        finally:
            rendering.stop()
    assert not snippet_children()
