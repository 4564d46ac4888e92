"""The verdict lines snippets print, read back: lesson 8's ``compare`` (one
dataset, paired folds), lesson 18's ``compare_across`` (many datasets) and
its ``equivalence`` (the Bayesian signed-rank test with a region of
practical equivalence).

Each line is keyed by what it compares, with its word left out
(``AP: SMOTE … plain LR``), and by the ``== <part>`` section it is printed
in, if any: the same key in two draws of a snippet's random sources names
the same comparison, whatever word each draw printed.
"""

from __future__ import annotations

import re

WORDS = ("beats", "edges", "ties with", "trails", "loses to")

# One printed comparison, as lesson 8's ``compare`` prints it.
COMPARISON = re.compile(
    r"^(?P<head>(?P<metric>[^:\n]+): (?P<a>.+?) (?P<verdict>beats|edges|ties with|trails|loses to) (?P<b>.+?))"
    r" \| difference (?P<mean>[-+]\d+\.\d+), sd (?P<sd>\d+\.\d+)"
    r" \| wins (?P<wins>\d+), ties (?P<ties>\d+), losses (?P<losses>\d+) of (?P<n>\d+)"
    r" \| p = (?P<p>\d\.\d+)$",
    re.M,
)
# One printed comparison across datasets, as lesson 18's ``compare_across`` prints it.
ACROSS = re.compile(
    r"^(?P<head>(?P<metric>[^:\n]+): (?P<a>.+?) (?P<verdict>beats|ties with|loses to) (?P<b>.+?))"
    r" across (?P<n>\d+) datasets \| median difference (?P<median>[-+]\d+\.\d+)"
    r" \| wins (?P<wins>\d+), ties (?P<ties>\d+), losses (?P<losses>\d+) \| Holm p = (?P<p>\d\.\d+)$",
    re.M,
)
# One Bayesian signed-rank test, as lesson 18's ``equivalence`` prints it.
EQUIVALENCE = re.compile(
    r"^(?P<head>(?P<metric>[^:\n]+): (?P<a>.+?) against (?P<b>.+?), within (?P<rope>\d+(?:\.\d+)?)"
    r" across (?P<n>\d+) datasets): (?P<verdict>equivalent|better|worse|undecided)"
    r" \| P\(.+?\) (?P<p_a>\d\.\d+), P\(equivalent\) (?P<p_rope>\d\.\d+), P\(.+?\) (?P<p_b>\d\.\d+)$",
    re.M,
)
SECTION = re.compile(r"(?m)^== (?P<name>.*)$")
GAP = "…"


def key(match: re.Match) -> str:
    """``AP: SMOTE … plain LR``: the comparison, without its verdict word
    (``AP: SMOTE against none, within 0.01: …`` for an equivalence test)."""
    if "rope" in match.groupdict():
        return f"{match['head']}: {GAP}"
    return f"{match['metric']}: {match['a']} {GAP} {match['b']}"


def statement_key(statement: str) -> str:
    """The key of a statement written with its word (``AP: SMOTE trails plain LR``)."""
    for word in sorted(WORDS, key=len, reverse=True):
        metric, sep, rest = statement.partition(": ")
        if f" {word} " in f" {rest} ":
            a, _, b = rest.partition(f" {word} ")
            return f"{metric}: {a} {GAP} {b}"
    raise ValueError(f"no verdict word in {statement!r}")


def read(stdout: str) -> dict[str, str]:
    """Every verdict line of an output, as ``{key: word}``; a line in a
    ``== <part>`` section is keyed ``<part> | <comparison>``, and a key printed
    again in the same section gets ``#2``, ``#3``..."""
    found: dict[str, str] = {}
    # A section is named by its words before any colon ("== ecoli: {0: 300, 1: 36}"):
    # what follows may change from one draw to the next.
    sections = [(m.start(), m["name"].split(":")[0].strip()) for m in SECTION.finditer(stdout)]
    matches = sorted(
        [*COMPARISON.finditer(stdout), *ACROSS.finditer(stdout), *EQUIVALENCE.finditer(stdout)],
        key=lambda m: m.start(),
    )
    for match in matches:
        part = next((name for start, name in reversed(sections) if start < match.start()), None)
        name = key(match) if part is None else f"{part} | {key(match)}"
        base, number = name, 1
        while name in found:
            number += 1
            name = f"{base} #{number}"
        found[name] = match["verdict"]
    return found
