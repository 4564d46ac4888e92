"""The comparison rule itself: one ``compare`` function everywhere, the rule
the tests apply, and every verdict on every page guarded by a claims test."""

from __future__ import annotations

import ast
import importlib
import re
from pathlib import Path

import pytest

from tests.claims import ACROSS, COMPARISON, ROOT, rule, rule_across, squash

CANONICAL = ROOT / "snippets" / "08-fair-evaluation" / "paired.py"
# "edge" is also a noun ("the edge of the cloud"); only its verb forms are verdicts.
VERDICT_WORD = re.compile(r"\b(beats?|(?<!the )(?<!an )edges?(?! of)|ties? with|trails?|loses? to|losing to)\b")


CANONICAL_ACROSS = ROOT / "snippets" / "18-real-data" / "logistic.py"


def compare_source(path: Path, name: str = "compare") -> str | None:
    """The source of the module-level function ``name`` in a snippet, if any."""
    source = path.read_text(encoding="utf-8")
    for node in ast.parse(source).body:
        if isinstance(node, ast.FunctionDef) and node.name == name:
            return ast.get_source_segment(source, node)
    return None


def comparing_snippets(name: str = "compare") -> list[Path]:
    return sorted(p for p in (ROOT / "snippets").rglob("*.py") if compare_source(p, name) is not None)


def test_canonical_compare_exists():
    assert compare_source(CANONICAL), f"{CANONICAL.relative_to(ROOT)} must define compare()"
    assert len(comparing_snippets()) > 1


@pytest.mark.parametrize("snippet", comparing_snippets(), ids=lambda p: str(p.relative_to(ROOT / "snippets")))
def test_every_compare_is_lesson_8s(snippet):
    """A reader copies any example on its own, so each carries ``compare``; all
    copies must be the one lesson 8 teaches."""
    assert compare_source(snippet) == compare_source(CANONICAL), (
        f"snippets/{snippet.relative_to(ROOT / 'snippets')} carries a compare() that differs from lesson 8's"
    )


@pytest.mark.parametrize(
    "snippet", comparing_snippets("compare_across"), ids=lambda p: str(p.relative_to(ROOT / "snippets"))
)
def test_every_compare_across_is_lesson_18s(snippet):
    """The same for the comparison across datasets: every copy is lesson 18's."""
    assert len(comparing_snippets("compare_across")) > 1
    assert compare_source(snippet, "compare_across") == compare_source(CANONICAL_ACROSS, "compare_across"), (
        f"snippets/{snippet.relative_to(ROOT / 'snippets')} carries a compare_across() that differs from lesson 18's"
    )


@pytest.mark.parametrize(
    "snippet", comparing_snippets("equivalence"), ids=lambda p: str(p.relative_to(ROOT / "snippets"))
)
def test_every_equivalence_is_lesson_18s(snippet):
    """The Bayesian signed-rank test is carried by every example that uses it: one copy, lesson 18's."""
    assert len(comparing_snippets("equivalence")) > 1
    assert compare_source(snippet, "equivalence") == compare_source(CANONICAL_ACROSS, "equivalence"), (
        f"snippets/{snippet.relative_to(ROOT / 'snippets')} carries an equivalence() that differs from lesson 18's"
    )


@pytest.mark.parametrize(
    ("median", "p", "expected"),
    [
        (0.02, 0.01, {"beats"}),
        (-0.02, 0.049, {"loses to"}),
        (0.02, 0.05, {"ties with"}),
        (-0.001, 0.9, {"ties with"}),
        (0.0, 0.01, {"beats", "loses to"}),
    ],
)
def test_rule_across(median, p, expected):
    assert rule_across(median, p) == expected


def run_compare_across(scores: dict, control: str, capsys) -> list[re.Match]:
    """Lesson 18's ``compare_across``, run on made-up scores; its parsed lines."""
    namespace: dict = {}
    source = compare_source(CANONICAL_ACROSS, "compare_across")
    header = "import numpy as np\nfrom scipy import stats\nfrom statsmodels.stats.multitest import multipletests\n"
    exec(compile(header + source, "compare_across", "exec"), namespace)
    namespace["compare_across"]("AP", scores, control)
    lines = capsys.readouterr().out.strip().splitlines()
    parsed = [ACROSS.fullmatch(line) for line in lines]
    assert all(parsed), lines
    return parsed


def test_a_significant_result_with_a_median_of_zero_takes_the_direction_of_the_signed_ranks(capsys):
    """15 small losses, 3 ties and 15 large gains: the median difference is 0,
    and the signed ranks (what the test measures) favour the method."""
    import numpy as np

    diff = np.array([-0.001] * 15 + [0.0] * 3 + [0.05] * 15)
    base = np.linspace(0.5, 0.9, len(diff))
    (line,) = run_compare_across({"control": base, "method": base + diff}, "control", capsys)
    assert float(line["median"]) == 0 and float(line["p"]) < 0.05, line[0]
    assert line["verdict"] == "beats", line[0]


def test_canonical_compare_across_prints_what_the_rule_says(capsys):
    """Lesson 18's function, run on made-up per-dataset scores, prints lines the
    tests parse and verdicts the rule gives, with Holm's correction applied."""
    import numpy as np
    import pandas as pd

    namespace: dict = {}
    source = compare_source(CANONICAL_ACROSS, "compare_across")
    header = "import numpy as np\nfrom scipy import stats\nfrom statsmodels.stats.multitest import multipletests\n"
    exec(compile(header + source, "compare_across", "exec"), namespace)
    rng = np.random.default_rng(0)
    base = pd.Series(rng.uniform(0.5, 0.9, 30))
    better, same = base + 0.02 + rng.normal(0, 0.01, 30), base + rng.normal(0, 0.01, 30)
    namespace["compare_across"]("AP", {"control": base, "better": better, "same": same}, "control")
    lines = capsys.readouterr().out.strip().splitlines()
    parsed = [ACROSS.fullmatch(line) for line in lines]
    assert all(parsed), lines
    assert [m["verdict"] for m in parsed] == ["beats", "ties with"], lines
    for m in parsed:
        assert m["verdict"] in rule_across(float(m["median"]), float(m["p"]))
    # Holm multiplies the smallest of the two raw p-values by 2.
    raw = namespace["stats"].wilcoxon(better - base, zero_method="zsplit").pvalue
    assert float(parsed[0]["p"]) == pytest.approx(min(1, 2 * raw), abs=5e-4)


@pytest.mark.parametrize(
    ("mean", "wins", "losses", "n", "p", "expected"),
    [
        (0.03, 15, 5, 20, 0.01, "beats"),
        (-0.03, 2, 18, 20, 0.001, "loses to"),
        (0.01, 16, 4, 20, 0.2, "edges"),
        (-0.01, 4, 16, 20, 0.2, "trails"),
        (0.01, 15, 5, 20, 0.2, "ties with"),
        (0.0095, 3, 6, 10, 0.77, "ties with"),
    ],
)
def test_rule(mean, wins, losses, n, p, expected):
    assert rule(mean, wins, losses, n, p) == expected


def test_rounded_boundary_accepts_either_side(monkeypatch):
    """A p printed as 0.050 may lie on either side of 0.05; both verdicts are
    consistent with it, any other p decides."""
    import tests.claims as claims

    line = "AP: A {} B | difference -0.0100, sd 0.0150 | wins 2, ties 0, losses 18 of 20 | p = {}"
    for word, p, accepted in [
        ("loses to", "0.050", True),
        ("trails", "0.050", True),
        ("ties with", "0.050", False),
        ("loses to", "0.051", False),
        ("trails", "0.049", False),
    ]:
        monkeypatch.setattr(claims, "stdout", lambda snippet, text=line.format(word, p): text)  # noqa: B008 - binds this iteration's line
        try:
            claims.verdict("x.py", f"AP: A {word} B", worded=False)
        except AssertionError:
            assert not accepted, (word, p)
        else:
            assert accepted, (word, p)


def test_canonical_compare_prints_what_the_rule_says(capsys):
    """Lesson 8's function, run on made-up folds, prints lines the tests parse
    and verdicts the rule gives."""
    namespace: dict = {}
    exec(
        compile("import numpy as np\nfrom scipy import stats\n" + compare_source(CANONICAL), "compare", "exec"),
        namespace,
    )
    base = [0.70, 0.60, 0.80, 0.75, 0.65] * 4
    cases = {
        "beats": [b + 0.05 for b in base],
        "ties with": [b + d for b, d in zip(base, [0.02, -0.02, 0.01, -0.01, 0.0] * 4, strict=False)],
        "trails": [b + d for b, d in zip(base, [-0.03, -0.001, -0.06, -0.002, 0.04] * 4, strict=False)],
    }
    for expected, scores in cases.items():
        namespace["compare"]("AP", "A", scores, "B", base, 5)
        line = capsys.readouterr().out.strip()
        match = COMPARISON.fullmatch(line)
        assert match, f"unparseable: {line}"
        assert match["verdict"] == expected, line
        assert (
            rule(float(match["mean"]), int(match["wins"]), int(match["losses"]), int(match["n"]), float(match["p"]))
            == expected
        )


def guarded_sentences() -> dict[str, list[str]]:
    """Every sentence a claims test declares with ``@says``, by page."""
    found: dict[str, list[str]] = {}
    for path in sorted((ROOT / "tests").glob("test_claims_*.py")):
        module = importlib.import_module(f"tests.{path.stem}")
        for item in vars(module).values():
            if hasattr(item, "claim"):
                page, sentence = item.claim
                found.setdefault(page, []).append(squash(sentence))
    return found


def verdict_sentences(page: Path) -> list[str]:
    """The page's sentences outside code that use a verdict word. A word in
    bold or in quotes is mentioned (defined, quoted), not used, and is left out."""
    text = re.sub(r"(?ms)^\s*```.*?^\s*```", "", page.read_text(encoding="utf-8"))
    text = re.sub(r"(?m)^\s*(--8<--.*|[!?]{3}\+? .*)$", ".", text)
    text = squash(re.sub(r"(?m)^\|.*\|$", "", text))
    # Sentences, and the items of bullet lists.
    sentences = re.split(r"(?<=[.!?:;])\s+(?=[A-Z`*\[(])|\s-\s(?=\S)", text)
    mention = re.compile(r"\*\*[^*]*\*\*|\"[^\"]*\"")
    return [s for s in sentences if VERDICT_WORD.search(mention.sub("", s))]


@pytest.mark.parametrize("page", sorted((ROOT / "docs").glob("*.md")), ids=lambda p: p.name)
def test_every_verdict_is_guarded(page):
    """A sentence that compares techniques with a verdict word is asserted by a claims test."""
    guarded = guarded_sentences().get(page.name, [])
    unguarded = [s for s in verdict_sentences(page) if not any(g in s or s in g for g in guarded)]
    assert not unguarded, f"docs/{page.name}: sentences with a verdict word but no @says test:\n" + "\n".join(
        f"  {s}" for s in unguarded
    )
