"""What the claims tests share: declaring the sentence a test guards, reading
the output the built pages show, and the course's rule for comparing models.

A claims test names its sentence once, with ``@says(page, sentence)``; the
decorator checks that the page still says it and, when the test's assertion
fails, reports the sentence next to the evidence. ``verdict`` checks one
printed paired comparison against the rule lesson 8 teaches.
"""

from __future__ import annotations

import contextvars
import functools
import re
from pathlib import Path

from course_build.runner import records, verdicts
from course_build.runner.render import cached_entry
from course_build.runner.settings import load_settings
from course_build.runner.verdicts import ACROSS, COMPARISON, EQUIVALENCE

ROOT = Path(__file__).resolve().parents[1]
NUMBER = re.compile(r"-?\d+(?:\.\d+)?")

# The verdict words of lesson 8, and the stems a sentence may use them in
# ("SMOTE and undersampling both trail ...").
VERDICT_STEMS = {
    "beats": "beat",
    "edges": "edge",
    "ties with": "tie",
    "trails": "trail",
    "loses to": "lose",
}
_current_sentence: contextvars.ContextVar[str | None] = contextvars.ContextVar("sentence", default=None)


# --- pages -------------------------------------------------------------------


def squash(text: str) -> str:
    """Whitespace folded, and Markdown links reduced to their text."""
    text = re.sub(r"\[([^\]]+)\]\([^)]+\)", r"\1", text)
    return " ".join(text.split())


def page_text(page: str) -> str:
    return squash((ROOT / "docs" / page).read_text(encoding="utf-8"))


def says(page: str, sentence: str):
    """Declare the sentence of ``docs/<page>`` that the decorated test guards."""

    def decorate(test):
        @functools.wraps(test)
        def guarded(*args, **kwargs):
            assert squash(sentence) in page_text(page), (
                f"docs/{page} no longer contains the sentence this test guards:\n  {sentence}\n"
                "Update the test together with the page."
            )
            token = _current_sentence.set(sentence)
            try:
                return test(*args, **kwargs)
            except AssertionError as error:
                raise AssertionError(
                    f"docs/{page} says:\n  {sentence}\nbut the output shows otherwise:\n  {error}"
                ) from None
            finally:
                _current_sentence.reset(token)

        guarded.claim = (page, sentence)
        return guarded

    return decorate


# --- outputs -------------------------------------------------------------------


def stdout(snippet: str) -> str:
    """What ``snippets/<snippet>`` printed in the build the tests made."""
    entry = cached_entry(load_settings(ROOT), snippet)
    assert entry is not None, f"no cached output for snippets/{snippet}: did the site build?"
    return entry["stdout"]


def rows(snippet: str, columns: list[str], part: str | None = None) -> dict[str, dict[str, float]]:
    """Rows of a printed table: a name, then exactly ``len(columns)`` numbers
    (in the output's ``== <part>`` section, if given)."""
    table = {}
    for line in section(snippet, part).splitlines():
        parts = line.rsplit(maxsplit=len(columns))
        if len(parts) == len(columns) + 1 and all(NUMBER.fullmatch(p) for p in parts[1:]):
            table[parts[0].strip()] = dict(zip(columns, map(float, parts[1:]), strict=False))
    assert table, f"no rows with {len(columns)} numbers in the output of snippets/{snippet}"
    return table


def numeric_rows(snippet: str, width: int) -> list[list[float]]:
    """Lines of a printed table made only of ``width`` numbers, in order."""
    found = []
    for line in stdout(snippet).splitlines():
        parts = line.split()
        if len(parts) == width and all(NUMBER.fullmatch(p) for p in parts):
            found.append([float(p) for p in parts])
    assert found, f"no lines of {width} numbers in the output of snippets/{snippet}"
    return found


def value(snippet: str, pattern: str) -> float:
    """The number captured by ``pattern``'s first group in the snippet's output."""
    match = re.search(pattern, stdout(snippet))
    assert match, f"snippets/{snippet}: output does not match {pattern!r}:\n{stdout(snippet)}"
    return float(match.group(1))


# --- stability over draws ---------------------------------------------------------

# A sentence that states a verdict which does not hold in 9 of 10 draws must
# say how often it held: "ties with in 6 of 10 draws".
SPLIT = re.compile(r"\b(\d+) of (?:the )?(\d+) draws\b")


def stability_record() -> dict[str, records.Swept]:
    record = records.load_stability(load_settings(ROOT))
    assert record is not None, f"no snippets/{records.STABILITY}: run `{records.STABILITY_COMMAND}`"
    return record


def check_stability(snippet: str, statement: str, word: str, part: str | None, sentence: str | None) -> None:
    """A sentence may state ``word`` for ``statement`` plainly only if it holds
    in at least 9 of 10 draws (records.FIRM_SHARE); otherwise the sentence
    must give the number of draws in which it held ("in 6 of 10 draws")."""
    swept = stability_record().get(snippet)
    assert swept is not None, f"snippets/{snippet} is not in the stability record: run `{records.STABILITY_COMMAND}`"
    if not swept.seeds:
        return  # draws nothing at random: every run prints the same
    key = verdicts.statement_key(statement)
    keys = [k for k in swept.verdicts if k == key or k.endswith(f" | {key}") or k.split(" #")[0] == key]
    if part is not None:
        keys = [k for k in keys if k.startswith(part)]
    assert keys, f"snippets/{snippet}: no verdict {key!r} in the stability record"
    for found in keys:
        require_stated_count(swept, found, word, statement, sentence)


def require_stated_count(swept: records.Swept, key: str, word: str, statement: str, sentence: str | None) -> None:
    """Unless ``word`` holds for ``key`` in 9 of 10 draws, ``sentence`` must
    give the number of draws in which it held."""
    if sentence is None or not swept.seeds or swept.is_firm(key, word):
        return
    held, draws = swept.verdicts[key].count(word), len(swept.seeds)
    split = ", ".join(f"{w} in {n}" for w, n in swept.counts(key))
    stated = {(int(a), int(b)) for a, b in SPLIT.findall(sentence)}
    assert (held, draws) in stated, (
        f"{statement!r} holds in only {held} of {draws} draws ({split}): the sentence must say so "
        f"('in {held} of {draws} draws'), not state it as firm"
    )


# --- the comparison rule --------------------------------------------------------


def rule(mean: float, wins: int, losses: int, n: int, p: float) -> str:
    """Lesson 8's verdict for A against B, from the paired per-fold differences."""
    if p < 0.05:
        return "beats" if mean > 0 else "loses to"
    if max(wins, losses) >= 0.8 * n:
        return "edges" if wins > losses else "trails"
    return "ties with"


def section(snippet: str, name: str | None) -> str:
    """The snippet's output, or only the part after its line ``== <name>...``
    up to the next ``== `` line, for snippets that print one part per dataset."""
    text = stdout(snippet)
    if name is None:
        return text
    parts = re.split(r"(?m)^(?=== )", text)
    found = [part for part in parts if part.startswith(f"== {name}")]
    assert len(found) == 1, f"snippets/{snippet}: {len(found)} parts start with '== {name}'"
    return found[0]


def comparisons(snippet: str, part: str | None = None) -> dict[str, re.Match]:
    """Every comparison line the snippet printed, by ``metric: A verdict B``."""
    return {m["head"]: m for m in COMPARISON.finditer(section(snippet, part))}


def verdict(snippet: str, statement: str, part: str | None = None, *, worded: bool = True) -> re.Match:
    """Assert that ``snippets/<snippet>`` printed ``statement`` ("AP: SMOTE
    trails plain LR") as a paired comparison (in its ``== <part>`` section, if
    given), that the printed numbers support that verdict under the rule, and,
    if ``worded``, that the guarded sentence uses its word (a sentence such as
    "none of them beats B" is checked with ``worded=False``). Returns the parsed line."""
    printed = comparisons(snippet, part)
    match = printed.get(statement)
    if match is None:
        metric, _, rest = statement.partition(": ")
        same_pair = [
            head
            for head, m in printed.items()
            if m["metric"] == metric and rest.startswith(m["a"] + " ") and rest.endswith(" " + m["b"])
        ]
        raise AssertionError(
            f"snippets/{snippet} does not print {statement!r}; "
            + (f"it prints {same_pair}" if same_pair else f"its comparisons: {sorted(printed)}")
        )
    n, wins, ties, losses = (int(match[k]) for k in ("n", "wins", "ties", "losses"))
    assert wins + ties + losses == n, f"{match[0]}: folds do not add up"
    mean, p = float(match["mean"]), float(match["p"])
    expected = {rule(mean, wins, losses, n, p)}
    if match["p"] == "0.050":
        # Printed to three decimals, p = 0.050 may be just below 0.05 or not:
        # either side of the rule's boundary is consistent with the numbers.
        expected |= {rule(mean, wins, losses, n, 0.0499), rule(mean, wins, losses, n, 0.0501)}
    assert match["verdict"] in expected, (
        f"{match[0]}\nprints {match['verdict']!r}, but the rule gives {sorted(expected)} for these numbers"
    )
    sentence = _current_sentence.get()
    if worded and sentence is not None:
        stem = VERDICT_STEMS[match["verdict"]]
        assert re.search(rf"\b{stem}", sentence), f"the sentence does not use the verdict {match['verdict']!r}"
        check_stability(snippet, statement, match["verdict"], part, sentence)
    return match


# --- the rule across datasets (lesson 18) -----------------------------------------


def rule_across(median: float, p: float) -> set[str]:
    """Lesson 18's verdicts for A against B across datasets consistent with the
    printed Holm-adjusted Wilcoxon p-value and median difference. The snippet
    decides the direction by the signed ranks, which the line does not print;
    the median agrees with them whenever it is not zero."""
    if p >= 0.05:
        return {"ties with"}
    if median == 0:
        return {"beats", "loses to"}
    return {"beats"} if median > 0 else {"loses to"}


def across(snippet: str) -> dict[str, re.Match]:
    """Every across-datasets comparison the snippet printed, by ``metric: A verdict B``."""
    return {m["head"]: m for m in ACROSS.finditer(stdout(snippet))}


def verdict_across(snippet: str, statement: str, *, worded: bool = True, datasets: int | None = None) -> re.Match:
    """Assert that ``snippets/<snippet>`` printed ``statement`` ("F1: SMOTE beats
    none") as a comparison across datasets, that its printed numbers support the
    verdict under lesson 18's rule, and, if ``worded``, that the guarded sentence
    uses its word. A statement printed more than once must say the same each time."""
    text = stdout(snippet)
    found = [m for m in ACROSS.finditer(text) if m["head"] == statement]
    if not found:
        metric, _, rest = statement.partition(": ")
        same_pair = [
            m["head"]
            for m in ACROSS.finditer(text)
            if m["metric"] == metric and rest.startswith(m["a"] + " ") and rest.endswith(" " + m["b"])
        ]
        raise AssertionError(
            f"snippets/{snippet} does not print {statement!r}; "
            + (f"it prints {same_pair}" if same_pair else f"its comparisons: {sorted(across(snippet))}")
        )
    for match in found:
        n, wins, ties, losses = (int(match[k]) for k in ("n", "wins", "ties", "losses"))
        assert wins + ties + losses == n, f"{match[0]}: datasets do not add up"
        if datasets is not None:
            assert n == datasets, f"{match[0]}: {n} datasets, not {datasets}"
        median, p = float(match["median"]), float(match["p"])
        expected = rule_across(median, p)
        if match["p"] == "0.050":
            expected |= rule_across(median, 0.0499) | rule_across(median, 0.0501)
        assert match["verdict"] in expected, (
            f"{match[0]}\nprints {match['verdict']!r}, but the rule gives {sorted(expected)} for these numbers"
        )
    sentence = _current_sentence.get()
    if worded and sentence is not None:
        stem = VERDICT_STEMS[found[0]["verdict"]]
        assert re.search(rf"\b{stem}", sentence), f"the sentence does not use the verdict {found[0]['verdict']!r}"
        check_stability(snippet, statement, found[0]["verdict"], None, sentence)
    return found[0]


# --- the Bayesian signed-rank test (lesson 18) ------------------------------------------


def rule_bayes(p_a: float, p_rope: float, p_b: float) -> str:
    """Lesson 18's reading of the three probabilities: a side reaches 0.95, or nothing is shown."""
    if p_rope >= 0.95:
        return "equivalent"
    if max(p_a, p_b) >= 0.95:
        return "better" if p_a > p_b else "worse"
    return "undecided"


def bayes(snippet: str, statement: str, word: str) -> re.Match:
    """Assert that ``snippets/<snippet>`` printed the Bayesian signed-rank test
    ``statement`` ("AP: SMOTE against none") with ``word`` (equivalent, better,
    worse, undecided), that its three probabilities give that word, and that
    the word holds in 9 of 10 draws or the guarded sentence gives its count."""
    found = [
        m for m in EQUIVALENCE.finditer(stdout(snippet)) if f"{m['metric']}: {m['a']} against {m['b']}" == statement
    ]
    assert found, f"snippets/{snippet} prints no Bayesian test {statement!r}"
    match = found[0]
    probabilities = [float(match[k]) for k in ("p_a", "p_rope", "p_b")]
    assert abs(sum(probabilities) - 1) < 0.0015, match[0]
    assert match["verdict"] == rule_bayes(*probabilities), (
        f"{match[0]}: the probabilities give {rule_bayes(*probabilities)}"
    )
    assert match["verdict"] == word, f"{match[0]}\nprints {match['verdict']!r}, not {word!r}"
    swept = stability_record().get(snippet)
    assert swept is not None, f"snippets/{snippet} is not in the stability record"
    require_stated_count(swept, f"{match['head']}: {verdicts.GAP}", word, statement, _current_sentence.get())
    return match
