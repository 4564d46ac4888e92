"""Names in the course's code link to their libraries' reference pages: each
link names an object that exists under that public path in the installed
library, and follows that library's address scheme for its installed version;
every scikit-learn and imbalanced-learn name a block imports is linked; what
cannot be resolved from the code's own imports stays plain."""

from __future__ import annotations

import ast
import importlib
import re
from importlib import metadata

import pytest

from course_build.code_links.resolve import reference_url, references
from tests.browser import parsed
from tests.pages import html_for_page
from tests.test_pages import LESSONS, PAGES


def _minor(distribution: str) -> str:
    return ".".join(metadata.version(distribution).split(".")[:2])


# Each library's reference addresses, as its own site lays them out (checked
# against the published pages): by minor version for scikit-learn and NumPy,
# by release for SciPy and Matplotlib; imbalanced-learn keeps only "stable"
# (its latest release) and "dev".
SCHEMES = {
    "sklearn": [
        rf"https://scikit-learn\.org/{re.escape(_minor('scikit-learn'))}/modules/generated/(?P<path>[\w.]+)\.html"
    ],
    "imblearn": [r"https://imbalanced-learn\.org/stable/references/generated/(?P<path>[\w.]+)\.html"],
    "numpy": [
        rf"https://numpy\.org/doc/{re.escape(_minor('numpy'))}/reference/(?:random/)?generated/(?P<path>[\w.]+)\.html",
        rf"https://numpy\.org/doc/{re.escape(_minor('numpy'))}/reference/(?:random/generator|constants|arrays\.scalars)\.html#(?P<path>[\w.]+)",
    ],
    "scipy": [
        rf"https://docs\.scipy\.org/doc/scipy-{re.escape(metadata.version('scipy'))}/reference/generated/(?P<path>[\w.]+)\.html"
    ],
    "matplotlib": [
        rf"https://matplotlib\.org/{re.escape(metadata.version('matplotlib'))}/api/_as_gen/(?P<path>[\w.]+)\.html",
        rf"https://matplotlib\.org/{re.escape(metadata.version('matplotlib'))}/api/matplotlib_configuration_api\.html#(?P<path>[\w.]+)",
    ],
}


def public_object(path: str) -> object:
    """The object at ``path``, reached through public modules and attributes only."""
    parts = path.split(".")
    assert not any(part.startswith("_") for part in parts), f"{path} goes through a private name"
    for split in range(len(parts), 0, -1):
        try:
            obj = importlib.import_module(".".join(parts[:split]))
        except ImportError:
            continue
        for name in parts[split:]:
            obj = getattr(obj, name)
        return obj
    raise AssertionError(f"{path}: no such module")


def code_blocks(site, page):
    article = parsed(html_for_page(site, page)).find("article")
    return [div.find("code") for div in article.select("div.language-python.highlight")]


def preview_cells(site, page):
    """The Python code cells of a lesson's notebook preview."""
    stem = page.removesuffix(".md")
    return parsed(site / "notebooks" / stem / "index.html").select("div.highlight-ipynb.hl-python pre")


def link_problems(where: str, code) -> list[str]:
    problems = []
    for link in code.select("a"):
        path, href = link.get("title", ""), link.get("href", "")
        if "code-ref" not in link.get("class", []):
            problems.append(f"{where}: a link in code that is not ours: {link}")
            continue
        public_object(path)
        if "code-usage" in link["class"]:
            continue  # an imported name, leading to the usage page (tests/test_usage_page.py)
        matches = [re.fullmatch(scheme, href) for scheme in SCHEMES[path.split(".")[0]]]
        if not any(m and m["path"] == path for m in matches):
            problems.append(f"{where}: {link.get_text()} -> {href} for {path}")
    return problems


@pytest.mark.parametrize("page", PAGES)
def test_every_link_in_code_names_a_public_object_at_its_reference_address(page, built_site):
    problems = [p for code in code_blocks(built_site, page) for p in link_problems(page, code)]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("page", LESSONS)
def test_a_lessons_notebook_preview_links_the_same_names_as_the_lesson(page, built_site):
    cells = preview_cells(built_site, page)
    problems = [p for cell in cells for p in link_problems(f"preview of {page}", cell)]
    assert not problems, "\n".join(problems)

    def linked(blocks):
        return [(a.get_text(), a["title"]) for block in blocks for a in block.select("a.code-ref")]

    assert linked(cells) == linked(code_blocks(built_site, page)) != []


@pytest.mark.parametrize("page", PAGES)
def test_every_name_imported_from_scikit_learn_or_imbalanced_learn_is_linked(page, built_site):
    for code in code_blocks(built_site, page):
        linked = {link["title"] for link in code.select("a.code-ref")}
        for node in ast.walk(ast.parse(code.get_text())):
            if (
                isinstance(node, ast.ImportFrom)
                and node.module
                and node.module.split(".")[0] in ("sklearn", "imblearn")
            ):
                for alias in node.names:
                    assert f"{node.module}.{alias.name}" in linked, f"{page}: {node.module}.{alias.name} is not linked"


def linked_text(code: str) -> dict[str, str]:
    return {code[r.start : r.end]: r.path for r in references(code)}


def test_names_are_resolved_from_the_codes_own_imports_under_their_public_paths():
    code = (
        "import numpy as np\n"
        "import matplotlib.pyplot as plt\n"
        "from scipy import stats\n"
        "from sklearn.model_selection import TunedThresholdClassifierCV as Tuner\n"
        "p = stats.t.sf(np.abs(-2.0), df=3)\n"
        "fig, ax = plt.subplots()\n"
        "model = Tuner(None)\n"
    )
    assert linked_text(code) == {
        "TunedThresholdClassifierCV": "sklearn.model_selection.TunedThresholdClassifierCV",
        "stats.t.sf": "scipy.stats.t",
        "np.abs": "numpy.absolute",  # NumPy documents the alias under its function's name
        "plt.subplots": "matplotlib.pyplot.subplots",
        "Tuner": "sklearn.model_selection.TunedThresholdClassifierCV",
    }


@pytest.mark.parametrize(
    "path, page",
    [
        ("numpy.random.default_rng", "random/generator.html#numpy.random.default_rng"),
        ("numpy.random.seed", "random/generated/numpy.random.seed.html"),
        ("numpy.nan", "constants.html#numpy.nan"),
        ("numpy.float64", "arrays.scalars.html#numpy.float64"),
        ("numpy.mean", "generated/numpy.mean.html"),
    ],
)
def test_numpy_names_documented_on_shared_pages_link_there(path, page):
    """NumPy documents some names on a page they share rather than one of their own."""
    url = reference_url(path)
    assert url == f"https://numpy.org/doc/{_minor('numpy')}/reference/{page}"
    assert any(m and m["path"] == path for m in (re.fullmatch(s, url) for s in SCHEMES["numpy"]))


def test_what_the_imports_do_not_settle_stays_plain():
    code = (
        "import numpy as np\n"
        "import pandas as pd\n"
        "from collections import Counter\n"
        "from sklearn.linear_model import LogisticRegression\n"
        "from sklearn.metrics import f1_score\n"
        "f1_score = None  # reassigned: no longer what was imported\n"
        "model = LogisticRegression()\n"
        "model.fit([[0], [1]], [0, 1])\n"
        "frame = pd.DataFrame()\n"
        "print(np, Counter(), np.no_such_function)\n"
    )
    assert linked_text(code) == {"LogisticRegression": "sklearn.linear_model.LogisticRegression"}
    assert references("this is not Python (") == []
