"""Blocks that keep a reader waiting say so next to them, in words taken from
the record of their time on one core (course_build/runner/records.py), and no
other block carries such a note."""

from __future__ import annotations

import pytest

from course_build.runner import records
from course_build.runner.markdown import SLOW_SECONDS, wait_words
from course_build.runner.render import discover_snippets
from course_build.runner.settings import load_settings
from tests.browser import parsed
from tests.conftest import ROOT
from tests.pages import html_for_page
from tests.test_pages import CODE_INCLUDE, PAGES


def test_wait_words_stay_the_same_within_a_bucket_and_grow_with_the_time():
    assert wait_words(7.9) is None
    assert wait_words(8.0) == wait_words(19.9) == "ten to twenty seconds"
    assert wait_words(30) == wait_words(49.9) == "about half a minute"
    assert wait_words(75) == "about a minute"
    words = [wait_words(s) for s in (10, 30, 60, 150, 600)]
    assert len(set(words)) == len(words), words


@pytest.mark.parametrize("page", PAGES)
def test_each_slow_block_says_how_long_it_takes_and_no_other_does(page, built_site):
    settings = load_settings(ROOT)
    known = set(discover_snippets(settings))
    shown = [
        match.group(2) for match in CODE_INCLUDE.finditer((ROOT / "docs" / page).read_text()) if match.group(2) in known
    ]
    record = records.load_durations(settings)
    expected = [wait_words(record[snippet].cpu_seconds) for snippet in shown]
    article = parsed(html_for_page(built_site, page)).find("article")
    notes = []
    for block in article.select("div.language-python.highlight"):
        sibling = block.find_next_sibling()
        note = sibling if sibling is not None and "snippet-duration" in (sibling.get("class") or []) else None
        notes.append(note.get_text(" ", strip=True) if note else None)
    assert len(notes) == len(expected), (notes, shown)
    for snippet, words, note in zip(shown, expected, notes, strict=True):
        if words is None:
            assert note is None, f"{snippet} takes under {SLOW_SECONDS} s on one core, yet the page says: {note}"
        else:
            assert note is not None and f"takes {words} to run" in note, f"{snippet}: {note!r}, expected {words!r}"
