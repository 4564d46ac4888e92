"""One seed per snippet: every random draw of an example comes from its
``SEED`` constant, so that a reader (or the stability sweep) changes one
number and gets another draw of everything: data, folds, samplers, models."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.claims import ROOT

SNIPPETS = sorted(p for p in (ROOT / "snippets").rglob("*.py") if not p.name.startswith("_"))
# Calls that draw at random and take their seed as an argument.
SEEDED_CALLS = {"default_rng", "RandomState", "seed"}


def seed_problems(source: str) -> list[str]:
    """Where a snippet's randomness does not come from one module-level ``SEED``."""
    tree = ast.parse(source)
    seeds = [
        node
        for node in tree.body
        if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "SEED" for t in node.targets)
    ]
    problems = []
    draws = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        for keyword in node.keywords:
            if keyword.arg == "random_state":
                draws.append((node.lineno, keyword.value))
        name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
        if name in SEEDED_CALLS and node.args:
            draws.append((node.lineno, node.args[0]))
    for line, value in draws:
        if isinstance(value, ast.Constant) and value.value is not None:
            problems.append(f"line {line}: a literal seed {value.value!r}; use SEED")
    if draws or "shuffle=True" in source:
        if len(seeds) != 1 or not isinstance(seeds[0].value, ast.Constant) or not isinstance(seeds[0].value.value, int):
            problems.append("draws at random but has no one module-level `SEED = <int>`")
    return problems


@pytest.mark.parametrize("snippet", SNIPPETS, ids=lambda p: p.relative_to(ROOT / "snippets").as_posix())
def test_every_random_draw_comes_from_seed(snippet: Path):
    problems = seed_problems(snippet.read_text(encoding="utf-8"))
    assert not problems, f"snippets/{snippet.relative_to(ROOT / 'snippets')}: " + "; ".join(problems)


@pytest.mark.parametrize(
    ("source", "fine"),
    [
        ("SEED = 1\nf(random_state=SEED)\n", True),
        ("SEED = 1\nf(random_state=SEED)\ng(random_state=0)\n", False),
        ("f(random_state=1)\n", False),
        ("import numpy as np\nrng = np.random.default_rng(3)\n", False),
        ("SEED = 0\nfor seed in range(SEED, SEED + 4):\n    f(random_state=seed)\n", True),
        ("print('no randomness')\n", True),
        ("f(random_state=None)\n", False),
    ],
)
def test_the_seed_check_finds_escaped_seeds(source, fine):
    assert (not seed_problems(source)) == fine, seed_problems(source)
