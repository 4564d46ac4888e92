"""Print the print page to a PDF with Chromium, the same bytes every time.

Chromium stamps the time of printing into the PDF (its creation and
modification dates) and numbers the IDs of its tagged structure's elements (table headers) after the
page's DOM nodes, which differ from one load to the next with the order in
which scripts ran. pikepdf (qpdf) removes the dates, renumbers the IDs in
the structure's own order and writes the file deterministically, in half a
second; pypdf took eight to write the same file.
"""

from __future__ import annotations

from pathlib import Path

import pikepdf
from playwright.sync_api import sync_playwright

from course_build.printing.chromium import CHROMIUM_ARGS, is_local, serve

# Links into the site other than to the print page's own sections (a
# download, a notebook preview) would lead, in the PDF, to the local server
# it was printed from: they become plain text, in a span that keeps their
# classes for the print stylesheet (which hides the download links).
UNLINK_SITE_FILES = """
() => {
  for (const link of document.querySelectorAll('a[href]')) {
    const target = new URL(link.href, location.href);
    const here = target.origin === location.origin;
    if (here && !(target.pathname === location.pathname && target.hash)) {
      const text = document.createElement('span');
      text.className = link.className;
      text.append(...link.childNodes);
      link.replaceWith(text);
    }
  }
}
"""


def print_to_pdf(site: Path, page: str, pdf: Path, executable: str) -> None:
    """Print the page at URL path ``page`` of the built ``site`` into ``pdf``,
    in the light scheme, with Chromium at ``executable``: a tagged PDF (alt
    texts, reading order) with an outline of the headings."""
    with serve(site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        try:
            context = browser.new_context(color_scheme="light")
            # Nothing from other hosts, as on every page of the site.
            context.route(lambda url: not is_local(url, base), lambda route: route.abort())
            tab = context.new_page()
            tab.goto(base + page, wait_until="load")
            tab.evaluate(UNLINK_SITE_FILES)
            # The page size and margins are the print page's (print-site's stylesheet).
            tab.pdf(path=pdf, prefer_css_page_size=True, print_background=True, outline=True, tagged=True)
        finally:
            browser.close()
    make_reproducible(pdf)


def make_reproducible(pdf: Path) -> None:
    """Rewrite ``pdf`` so that printing the same page again gives the same bytes."""
    with pikepdf.open(pdf, allow_overwriting_input=True) as document:
        for key in ("/CreationDate", "/ModDate"):
            if key in document.docinfo:
                del document.docinfo[key]
        structure = document.Root.get("/StructTreeRoot")
        if structure is not None and "/IDTree" in structure:
            renumber_element_ids(document, structure)
        document.save(pdf, deterministic_id=True)


def renumber_element_ids(document: pikepdf.Pdf, structure: pikepdf.Dictionary) -> None:
    """Give the structure elements that have an ID (table headers, which
    cells name in their /Headers) IDs numbered in the structure's order."""
    elements = list(structure_elements(structure))
    renamed = {}
    names = pikepdf.Array()
    for element in elements:
        if "/ID" in element:
            renamed[bytes(element.ID)] = pikepdf.String(f"e{len(renamed):06d}")
            element.ID = renamed[bytes(element.ID)]
            names.extend([element.ID, element])
    for element in elements:
        attributes = element.get("/A")
        for owner in attributes if isinstance(attributes, pikepdf.Array) else [attributes]:
            if isinstance(owner, pikepdf.Dictionary) and "/Headers" in owner:
                owner.Headers = pikepdf.Array([renamed[bytes(name)] for name in owner.Headers])
    # One leaf holds every name, in order (numbers of one width sort as strings).
    structure.IDTree = document.make_indirect(pikepdf.Dictionary(Names=names))


def structure_elements(node: pikepdf.Object):
    """The structure elements under ``node``, depth first in document order."""
    kids = node.get("/K") if isinstance(node, pikepdf.Dictionary) else None
    if kids is None:
        return
    for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
        if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
            yield kid
            yield from structure_elements(kid)
