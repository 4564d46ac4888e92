"""Each page as the print page shows it: what paper needs that the page
on screen does not.

Edits the HTML that Python-Markdown wrote from our own Markdown, with
patterns rather than a parser, as snippet_runner/notebook_preview.py does
(the print page is made on every build); each count is checked, so a change
in that HTML fails the build instead of printing the wrong thing.
"""

from __future__ import annotations

import re

# The home page's paragraph that links to the print page and the PDF: on the
# print page itself it would link to itself.
PRINT_LINKS_CLASS = "course-print"
PRINT_LINKS = re.compile(rf'<p class="{PRINT_LINKS_CLASS}">.*?</p>\n?', re.S)
# Each figure is on the page twice, drawn for each colour scheme
# (snippet_runner/markdown.py); paper is light, and the PDF prints the page.
DARK_FIGURE = re.compile(r'<img [^>]*class="snippet-figure"[^>]*src="[^"]*-dark\.svg#only-dark"[^>]*>\n?')
LIGHT_FIGURE_SRC = re.compile(r'(<img [^>]*class="snippet-figure"[^>]*src="[^"]*\.svg)#only-light"')
# Solutions and asides are folded (pymdownx.details' `???`); on paper they
# cannot be unfolded.
FOLDED = re.compile(r"<details(?![^>]*\bopen\b)")


class PrintPageMismatch(Exception):
    pass


def for_print(html: str) -> str:
    """``html`` (a page's content) with only the light variant of each
    figure, shown in either scheme, every ``<details>`` open, and no link to
    the print page."""
    html = PRINT_LINKS.sub("", html)
    html, dark = DARK_FIGURE.subn("", html)
    # Without its #only-light, Material's stylesheet shows the figure in the dark scheme too.
    html, light = LIGHT_FIGURE_SRC.subn(r'\1"', html)
    if dark != light:
        raise PrintPageMismatch(f"{light} figures drawn for the light scheme but {dark} for the dark one")
    html = FOLDED.sub("<details open", html)
    if html.count("<details") != len(re.findall(r"<details[^>]*\bopen\b", html)):
        raise PrintPageMismatch("a <details> element is still folded")
    return html
