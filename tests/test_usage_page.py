"""The page of where each tool is used lists exactly the scikit-learn and
imbalanced-learn names the course's code links, each with its reference and
the places that show it; an imported name in code leads to its entry."""

from __future__ import annotations

import re

from tests.browser import parsed
from tests.pages import html_for_page
from tests.test_code_links import SCHEMES, code_blocks
from tests.test_pages import PAGES

USAGE = "tools.md"
LESSON_PAGES = [page for page in PAGES if page != USAGE]


def linked_in_code(site) -> dict[str, set[str]]:
    """Listed tools linked in each page's code, by page."""
    return {
        page: {
            link["title"]
            for code in code_blocks(site, page)
            for link in code.select("a.code-ref")
            if link["title"].split(".")[0] in ("sklearn", "imblearn")
        }
        for page in LESSON_PAGES
    }


def entries(site) -> dict[str, list[str]]:
    """Each entry of the usage page: its tool's public path and the hrefs of its places."""
    table_rows = parsed(html_for_page(site, USAGE)).find("article").select("tr")
    found = {}
    for row in table_rows:
        cells = row.find_all("td")
        if not cells:
            continue
        tool = cells[0].find("a")
        reference = re.fullmatch(SCHEMES[tool["id"].split(".")[0]][0], tool["href"])
        assert reference and reference["path"] == tool["id"], f"{tool['id']}: its reference is {tool['href']}"
        found[tool["id"]] = [a["href"] for a in cells[1].find_all("a")]
    return found


def test_the_usage_page_lists_exactly_the_tools_linked_in_code(built_site):
    listed = set(entries(built_site))
    linked = set().union(*linked_in_code(built_site).values())
    assert listed == linked, f"listed only: {sorted(listed - linked)}; linked only: {sorted(linked - listed)}"


def test_every_place_on_the_usage_page_shows_its_tool_there(built_site):
    page_of_url = {html_for_page(built_site, page).parent: page for page in LESSON_PAGES}
    usage_dir = html_for_page(built_site, USAGE).parent
    linked = linked_in_code(built_site)
    for tool, hrefs in entries(built_site).items():
        pages_listed = set()
        for href in hrefs:
            target, _, anchor = href.partition("#")
            page = page_of_url[(usage_dir / target).resolve()]
            pages_listed.add(page)
            assert tool in linked[page], f"{tool}: {href} shows no such code"
            if anchor:
                article = parsed(html_for_page(built_site, page)).find("article")
                heading = article.find(id=anchor)
                assert heading is not None and heading.name in ("h2", "h3"), f"{tool}: {href} names no section"
                shown = set()
                for element in heading.find_all_next():
                    if element.name in ("h2", "h3") and element is not heading:
                        break
                    if element.name == "a" and "code-ref" in (element.get("class") or []):
                        shown.add(element["title"])
                assert tool in shown, f"{tool}: section {href} shows no code that uses it"
        assert pages_listed == {page for page, tools in linked.items() if tool in tools}, tool


def test_a_name_imported_in_code_leads_to_its_entry_on_the_usage_page(built_site):
    listed = set(entries(built_site))
    seen = 0
    for page in LESSON_PAGES:
        page_dir = html_for_page(built_site, page).parent
        for code in code_blocks(built_site, page):
            for link in code.select("a.code-usage"):
                target, _, anchor = link["href"].partition("#")
                assert html_for_page(built_site, USAGE).parent == (page_dir / target).resolve(), link["href"]
                assert anchor == link["title"] and anchor in listed, link
                seen += 1
    assert seen, "no imported name links to the usage page"
