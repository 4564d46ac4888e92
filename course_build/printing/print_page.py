"""Each page as the print page shows it: what paper needs that the page
on screen does not.

Edits the HTML that Python-Markdown wrote from our own Markdown, with
patterns rather than a parser, as course_build/runner/notebook_preview.py does
(the print page is made on every build); each count is checked, so a change
in that HTML fails the build instead of printing the wrong thing.
"""

from __future__ import annotations

import re
from html import escape

# The home page's paragraph that links to the print page and the PDF (on the
# print page itself it would link to itself), and each lesson's to its
# notebook and its preview (which the print page does not hold).
PRINT_LINKS_CLASS = "course-print"
NOT_PRINTED = re.compile(rf'<p class="(?:{PRINT_LINKS_CLASS}|lesson-notebook)">.*?</p>\n?', re.S)
# print-site makes the IDs of headings unique across pages by prefixing the
# page's key (and rewrites links to match), but not those of links, which
# the usage page's entries are (course_build/code_links/usage.py).
LINK_ID = re.compile(r'(<a [^>]*\bid=")')
# Each formula is a region named after its number on its page (course_build/runner/mathml.py).
FORMULA_NAME = re.compile(r'(aria-label="Formula \d+)"')
# Each figure is on the page twice, drawn for each colour scheme
# (course_build/runner/markdown.py); paper is light, and the PDF prints the page.
DARK_FIGURE = re.compile(r'<img [^>]*class="snippet-figure"[^>]*src="[^"]*-dark\.svg#only-dark"[^>]*>\n?')
LIGHT_FIGURE_SRC = re.compile(r'(<img [^>]*class="snippet-figure"[^>]*src="[^"]*\.svg)#only-light"')
# Solutions and asides are folded (pymdownx.details' `???`); on paper they
# cannot be unfolded.
FOLDED = re.compile(r"<details(?![^>]*\bopen\b)")


class PrintPageMismatch(Exception):
    pass


def for_print(html: str, page_key: str, title: str) -> str:
    """``html``, the content of the page titled ``title`` whose IDs print-site
    prefixes with ``page_key``, as the print page shows it: only the light
    variant of each figure, shown in either scheme; every ``<details>``
    open; no link to the print page or to notebooks; IDs and region names
    unique on the print page."""
    html = NOT_PRINTED.sub("", html)
    html = LINK_ID.sub(rf"\g<1>{page_key}-", html)
    html = FORMULA_NAME.sub(lambda m: f'{m[1]}, {escape(title)}"', html)
    html, dark = DARK_FIGURE.subn("", html)
    # Without its #only-light, Material's stylesheet shows the figure in the dark scheme too.
    html, light = LIGHT_FIGURE_SRC.subn(r'\1"', html)
    if dark != light:
        raise PrintPageMismatch(f"{light} figures drawn for the light scheme but {dark} for the dark one")
    html = FOLDED.sub("<details open", html)
    if html.count("<details") != len(re.findall(r"<details[^>]*\bopen\b", html)):
        raise PrintPageMismatch("a <details> element is still folded")
    return html
