"""The cache of resolved names (course_build/code_links/known.py): it links
what resolving links, and a build that has seen the code before imports no
library for its links; an edit that names nothing new imports none either."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

from course_build.code_links.known import KnownLinks
from course_build.code_links.resolve import LINKED_LIBRARIES, reference_url, references
from tests.conftest import ROOT

CODE = """\
import numpy as np
from sklearn.linear_model import LogisticRegression

model = LogisticRegression(max_iter=np.int64(200))
"""


def test_known_links_are_what_resolving_gives_for_every_snippet(tmp_path):
    sources = [path.read_text(encoding="utf-8") for path in sorted((ROOT / "snippets").rglob("*.py"))]
    resolved = [[(r, reference_url(r.path)) for r in references(code)] for code in sources]
    assert any(resolved), "no snippet names anything to link"
    assert [KnownLinks(tmp_path).references(code) for code in sources] == resolved
    # A second process's cache, read from disk.
    assert [KnownLinks(tmp_path).references(code) for code in sources] == resolved


def libraries_imported_linking(folder: Path, code: str) -> tuple[list[str], int]:
    """In a fresh interpreter: the linked libraries imported to link ``code``
    with the cache in ``folder``, and how many names it resolved."""
    script = f"""\
    import sys
    from pathlib import Path
    from course_build.code_links.known import KnownLinks
    known = KnownLinks(Path({str(folder)!r}))
    known.references({code!r})
    print(sorted(name for name in {sorted(LINKED_LIBRARIES)!r} if name in sys.modules), known.resolved)
    """
    done = subprocess.run([sys.executable, "-c", textwrap.dedent(script)], capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    imported, resolved = done.stdout.rsplit(" ", 1)
    return eval(imported), int(resolved)  # noqa: S307 - our own script's printed list


def test_code_seen_before_is_linked_without_importing_a_library(tmp_path):
    imported, resolved = libraries_imported_linking(tmp_path, CODE)
    assert {"numpy", "sklearn"} <= set(imported) and resolved == 2, (imported, resolved)
    assert libraries_imported_linking(tmp_path, CODE) == ([], 0)
    # An edited block is parsed again, but resolves only names it did not use before.
    assert libraries_imported_linking(tmp_path, CODE + "# edited: no new name\n") == ([], 0)
    imported, resolved = libraries_imported_linking(tmp_path, CODE + "from scipy.stats import ttest_rel\n")
    assert "scipy" in imported and resolved == 1


def test_other_library_versions_start_afresh(tmp_path):
    KnownLinks(tmp_path, version="one").references(CODE)
    other = KnownLinks(tmp_path, version="two")
    assert not other.blocks and not other.names
    other.references(CODE)
    assert [path.name for path in tmp_path.glob("*.json")] == ["two.json"], "the other versions' file stays"
