"""The Markdown a page includes below a snippet: its output, figures and download link."""

from __future__ import annotations

from course_build.runner import verdicts
from course_build.runner.entries import SCHEMES, Entry, figure_name
from course_build.runner.records import Swept

# The folder of docs/ into which a snippet's figures and its source (for
# download) are published (see publish.py). Links to it are relative, as if
# from a page at the top of docs/ (where the lessons are): every builder
# turns them into links that work below any path the site is served from,
# and a strict build fails on one that resolves to nothing.
PUBLISHED_FOLDER = "snippets"

# A snippet that takes this many CPU seconds on one core (as measured and
# recorded in durations.toml, records.py) says so next to its code: "about ten seconds".
SLOW_SECONDS = 8.0
# How long a reader waits, in words: (upper bound of the CPU seconds, words).
WAIT_WORDS = (
    (20.0, "ten to twenty seconds"),
    (50.0, "about half a minute"),
    (120.0, "about a minute"),
    (300.0, "a few minutes"),
    (float("inf"), "several minutes"),
)


def wait_words(seconds: float) -> str | None:
    """Roughly how long a run that took ``seconds`` keeps a reader waiting;
    None if too short to mention."""
    if seconds < SLOW_SECONDS:
        return None
    return next(words for limit, words in WAIT_WORDS if seconds < limit)


def fence(text: str, attributes: str) -> str:
    """A fenced block that survives backticks inside ``text``."""
    longest = max((len(run) for run in text.split("\n") if set(run) == {"`"}), default=0)
    ticks = "`" * max(3, longest + 1)
    return f"{ticks} {{ {attributes} }}\n{text.rstrip(chr(10))}\n{ticks}\n"


def stability_table(swept: Swept, attributes: bool = True) -> str:
    """How often each verdict of the page's draw held over the record's draws:
    a table, one row per verdict, in the order printed (with the classes the
    site styles it by, unless ``attributes`` is false: a notebook's Markdown)."""
    draws = len(swept.seeds)
    rows = []
    for key, words in swept.verdicts.items():
        shown = key.replace(verdicts.GAP, words[0], 1)
        counts = swept.counts(key)
        held = words.count(words[0])
        if len(counts) == 1:
            split = f"holds in {draws} of {draws}"
        else:
            split = f"holds in {held} of {draws}; " + ", ".join(f"{w} in {n}" for w, n in counts if w != words[0])
        firm = "yes" if swept.is_firm(key, words[0]) else "no: depends on the draw"
        rows.append(f"| {shown.replace('|', chr(92) + '|')} | {split} | {firm} |")
    title = f"Each verdict above, over {draws} draws of `SEED` (the one shown and {draws - 1} others):\n"
    table = "| verdict in this draw | over the draws | firm? |\n|---|---|---|\n" + "\n".join(rows) + "\n"
    if not attributes:
        return title + "\n" + table
    # A table takes no attributes in Python-Markdown; the title's class styles both.
    return title + "{: .snippet-stability-title }\n\n" + table


def for_entry(entry: Entry, one_core_seconds: float | None = None, swept: Swept | None = None) -> str:
    """What a page shows below the snippet of ``entry``; a slow one says so,
    from ``one_core_seconds``, its recorded CPU time, and one that prints
    verdicts shows how often each held, from ``swept`` (records.py)."""
    parts = []
    if one_core_seconds is not None and (wait := wait_words(one_core_seconds)):
        parts.append(f"Measured on one core, this example takes {wait} to run.\n{{: .snippet-duration }}\n")
    if entry.stdout:
        parts.append(fence(entry.stdout, '.text .snippet-output title="Output"'))
    if entry.stderr:
        parts.append(fence(entry.stderr, '.text .snippet-stderr title="Standard error"'))
    if swept is not None and swept.seeds:
        parts.append(stability_table(swept))
    for number, figure in enumerate(entry.figures, start=1):
        alt = " ".join(figure.alt.split()).replace("[", "\\[").replace("]", "\\]")
        # Material shows an image whose address ends in #only-light in the light
        # scheme only, and #only-dark in the dark one; being lazy, the hidden
        # one is not even fetched.
        images = [
            f"![{alt}]({PUBLISHED_FOLDER}/{figure_name(entry.snippet, number, scheme)}#only-{scheme})"
            "{ .snippet-figure loading=lazy }"
            for scheme in SCHEMES
        ]
        parts.append("\n".join(images) + "\n")
    file_name = entry.snippet.rsplit("/", 1)[-1]
    parts.append(
        f'[Download {file_name}]({PUBLISHED_FOLDER}/{entry.snippet}){{ .snippet-download download="{file_name}" }}\n'
    )
    return "\n".join(parts)


def for_failure(error: str, details: str) -> str:
    """Shown only while previewing (``mkdocs serve``); a build fails instead."""
    body = details.rstrip()
    return f'!!! failure "This snippet failed"\n\n    {error}\n\n' + "".join(
        "    " + line + "\n" for line in fence(body, ".text").splitlines()
    )
