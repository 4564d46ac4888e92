"""Counts of folds and repeats said in prose agree with the code the same section runs.

A sentence such as "five folds twice, so ... a mean over ten test folds" is a
claim about the snippets below it; this test reads their
``RepeatedStratifiedKFold(n_splits=..., n_repeats=...)`` (or a
``StratifiedGroupKFold`` repeated by a loop over seeds) and checks the words.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from tests.claims import ROOT

NUMBERS = {
    "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
}  # fmt: skip
TIMES = {"twice": 2, "three times": 3, "four times": 4, "five times": 5, "ten times": 10}
NUMBER = r"(\d+|" + "|".join(NUMBERS) + ")"
REPEATS = "(" + "|".join(TIMES) + ")"
# "five folds twice", "five folds, repeated four times"
SPLITS_AND_REPEATS = re.compile(rf"\b{NUMBER} folds,? (?:repeated )?{REPEATS}")
# "a mean over ten test folds", "scored on the same 20 folds"
TOTAL = re.compile(rf"\b(?:over|on the same) {NUMBER} (?:test )?folds\b")


def number(word: str) -> int:
    return int(word) if word.isdigit() else NUMBERS[word]


def splitters(snippet: Path) -> set[tuple[int, int]]:
    """The (n_splits, n_repeats) of every RepeatedStratifiedKFold the snippet builds,
    and of every StratifiedGroupKFold, repeated by a loop ``for seed in range(n)``
    around it (scikit-learn has no repeated group splitter)."""
    found = set()
    tree = ast.parse(snippet.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "RepeatedStratifiedKFold":
            args = {k.arg: k.value.value for k in node.keywords if isinstance(k.value, ast.Constant)}
            found.add((args.get("n_splits", 5), args.get("n_repeats", 10)))
    for loop in ast.walk(tree):
        generators = loop.generators if isinstance(loop, ast.ListComp | ast.GeneratorExp) else []
        for generator in generators:
            repeats = generator.iter
            if not (isinstance(repeats, ast.Call) and getattr(repeats.func, "id", None) == "range"):
                continue
            for node in ast.walk(loop):
                if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "StratifiedGroupKFold":
                    found.add((node.args[0].value if node.args else 5, repetitions(repeats)))
    return found


def repetitions(call: ast.Call) -> int:
    """How many values ``range(n)`` or ``range(SEED, SEED + n)`` gives."""
    if len(call.args) == 1:
        return call.args[0].value
    return call.args[1].right.value


def sections(page: Path) -> list[tuple[str, set[tuple[int, int]]]]:
    """Each section's prose (code fences left out) and the splitters of the snippets it includes."""
    text = page.read_text(encoding="utf-8")
    found = []
    for part in re.split(r"(?m)^#{2,3} ", text):
        snippets = re.findall(r'--8<-- "([^"]+\.py)"', part)
        configs = set().union(*(splitters(ROOT / "snippets" / s) for s in snippets)) if snippets else set()
        prose = " ".join(re.sub(r"(?ms)^\s*```.*?^\s*```", "", part).split())
        found.append((prose, configs))
    return found


@pytest.mark.parametrize("page", sorted((ROOT / "docs").glob("*.md")), ids=lambda p: p.name)
def test_fold_counts_in_prose_match_the_code(page):
    wrong = []
    for prose, configs in sections(page):
        if not configs:
            continue
        for match in SPLITS_AND_REPEATS.finditer(prose):
            said = (number(match[1]), TIMES[match[2]])
            if said not in configs:
                wrong.append(f"{match[0]!r} says {said}, the code runs {sorted(configs)}")
        for match in TOTAL.finditer(prose):
            if number(match[1]) not in {k * r for k, r in configs}:
                wrong.append(f"{match[0]!r}, the code runs {sorted(configs)} (n_splits, n_repeats)")
    assert not wrong, f"docs/{page.name}:\n  " + "\n  ".join(wrong)
