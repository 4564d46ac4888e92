"""Every page works in a real browser: the built site, served over HTTP and
rendered by Chromium with Material's JavaScript, loads nothing from other
hosts, logs no errors, shows its figures, puts a copy button on every code
block, finds lessons in search, reads well in the dark scheme (with figures
drawn for it, and only those fetched) and passes every axe-core
accessibility check in both schemes.
The links test reads the built HTML and needs no browser."""

from __future__ import annotations

import dataclasses
import fcntl
import json
import os
import re
from urllib.parse import urljoin, urlsplit

import pytest
from playwright.sync_api import sync_playwright

from course_build.code_links.usage import USAGE_PAGE
from course_build.printing.chromium import CHROMIUM_ARGS, INSTALL_HINT, chromium_executable, is_local, serve
from course_build.runner.notebooks import is_lesson
from tests.browser import (
    AXE_CORE_TARBALL,
    CODE_BLOCK,
    PageVisit,
    axe_core_script,
    built_pages,
    css_urls,
    describe_violation,
    html_file,
    internal_link_problems,
    is_remote_url,
    page_url,
    parsed,
    relative_luminance,
    remote_resources,
    violation_target,
    visit,
)
from tests.conftest import ROOT, session_folder
from tests.test_pages import CODE_INCLUDE
from tests.test_print import PRINT_PAGE

# Every page of the site by its URL path below the root ("" is the home page),
# known before the build from docs/, so that a failure names the page: the
# Markdown pages, each lesson's notebook preview, the 404 page and the
# whole course on one page (mkdocs-print-site-plugin's).
DOCS = {
    md.relative_to(ROOT / "docs").as_posix(): md.read_text(encoding="utf-8") for md in (ROOT / "docs").rglob("*.md")
}
# The usage page is written into docs/ by the build itself, so a fresh clone has
# no file for it yet when the tests are collected.
DOCS.setdefault(USAGE_PAGE, "")
NOTEBOOK_PREVIEWS = [f"notebooks/{doc.removesuffix('.md')}/" for doc, text in DOCS.items() if is_lesson(doc, text)]
PAGES = sorted([page_url(doc) for doc in DOCS] + NOTEBOOK_PREVIEWS + ["404.html", PRINT_PAGE])
PAGE_PARAMS = [pytest.param(page, id=page.strip("/") or "index") for page in PAGES]
SCHEMES = {"light": "default", "dark": "slate"}  # prefers-color-scheme -> Material's scheme

# Violations in the theme that we cannot fix, by (rule, target), with the reason.
# Material's unnamed search dialog used to be one; docs/javascripts/accessibility.js
# names it now.
UPSTREAM_VIOLATIONS: dict[tuple[str, str], str] = {}
# Pages made for paper, which show the figures drawn for the light scheme in
# either scheme and no others (course_build/printing/print_page.py): the PDF is printed
# from the print page, and paper is light.
LIGHT_FIGURES_ONLY = {PRINT_PAGE}


@pytest.fixture(scope="session")
def chromium():
    """One Chromium for the session (per xdist worker)."""
    executable = chromium_executable()
    if executable is None:
        if os.environ.get("COURSE_REQUIRE_BROWSER") == "1":
            pytest.fail(f"COURSE_REQUIRE_BROWSER=1 but {INSTALL_HINT}", pytrace=False)
        pytest.skip(reason=f"{INSTALL_HINT}, to run the browser tests")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def site_url(built_site):
    with serve(built_site) as base:
        yield base


def new_context(chromium, site_url: str, scheme: str, scripts: bool = True):
    """A browser context whose system prefers ``scheme`` (and runs the pages'
    scripts unless told not to); requests to other hosts are refused on the
    spot (and recorded by ``visit``)."""
    context = chromium.new_context(
        color_scheme=scheme, viewport={"width": 1280, "height": 800}, java_script_enabled=scripts
    )
    context.set_default_timeout(20_000)
    context.route(lambda url: not is_local(url, site_url), lambda route: route.abort())
    return context


@pytest.fixture(scope="session")
def axe_script(request) -> str:
    """axe-core, downloaded from the npm registry into pytest's cache once."""
    return axe_core_script(request.config.cache.mkdir("axe-core"))


@pytest.fixture(scope="session")
def visited(chromium, site_url, axe_script, tmp_path_factory):
    """``visited(page, scheme)``: the page's PageVisit. Each page is loaded
    once per scheme in the whole session, in one context per scheme: xdist
    spreads the checks of one page over all workers, so the first worker to
    need a visit records it in a file the others read."""
    shared = session_folder(tmp_path_factory)
    (shared / "browser-visits").mkdir(exist_ok=True)
    contexts = {}

    def seen(page: str, scheme: str) -> PageVisit:
        record = shared / "browser-visits" / f"{scheme}-{page.strip('/').replace('/', '-') or 'index'}.json"
        with open(record.with_suffix(".lock"), "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            if not record.exists():
                if scheme not in contexts:
                    contexts[scheme] = new_context(chromium, site_url, scheme)
                record.write_text(json.dumps(dataclasses.asdict(visit(contexts[scheme], site_url, page, axe_script))))
        return PageVisit(**json.loads(record.read_text()))

    yield seen
    for context in contexts.values():
        context.close()


def test_every_built_page_is_checked(built_site):
    built = built_pages(built_site)
    assert built == PAGES, (
        f"built but not tested: {sorted(set(built) - set(PAGES))}; tested but not built: {sorted(set(PAGES) - set(built))}"
    )


def in_both_schemes(visited, page: str, what: str) -> list[str]:
    """``what`` (a PageVisit list) from the page's visits in both schemes, each line labelled."""
    return [f"[{scheme}] {line}" for scheme in SCHEMES for line in getattr(visited(page, scheme), what)]


@pytest.mark.parametrize("page", PAGE_PARAMS)
def test_no_errors_in_the_console(page, visited):
    errors = in_both_schemes(visited, page, "errors")
    assert not errors, f"/{page} logged errors:\n" + "\n".join(errors)


@pytest.mark.parametrize("page", PAGE_PARAMS)
def test_every_request_succeeds(page, visited):
    failed = in_both_schemes(visited, page, "failed_requests")
    assert not failed, f"/{page}: requests that failed:\n" + "\n".join(failed)


@pytest.mark.parametrize("page", PAGE_PARAMS)
def test_nothing_is_fetched_from_other_hosts(page, visited):
    foreign = in_both_schemes(visited, page, "foreign_requests")
    assert not foreign, f"/{page} requested other hosts (the site must work offline):\n" + "\n".join(foreign)


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("page", PAGE_PARAMS)
def test_images_load_and_have_alt_text(page, scheme, visited):
    images = visited(page, scheme).images
    broken = [image["src"] for image in images if image["shown"] and image["naturalWidth"] == 0]
    # nbconvert's stand-in for an image it was given no alt text for.
    no_alt = [
        image["src"][:80] for image in images if image["alt"] in ("", "No description has been provided for this image")
    ]
    assert not broken, f"/{page}: images that did not load: {broken}"
    assert not no_alt, f"/{page}: images without alt text: {no_alt}"


@pytest.mark.parametrize("page", PAGE_PARAMS)
def test_every_code_block_has_a_copy_button(page, visited, built_site):
    seen = visited(page, "light")
    soup = parsed(html_file(built_site, page))
    in_html = len((soup.find("article") or soup).select(CODE_BLOCK))
    assert seen.code_blocks == in_html, f"/{page}: the browser sees {seen.code_blocks} code blocks, the HTML {in_html}"
    assert not seen.code_blocks_without_copy_button, (
        f"/{page}: {len(seen.code_blocks_without_copy_button)} of {seen.code_blocks} code blocks have no copy button:\n"
        + "\n".join(seen.code_blocks_without_copy_button)
    )


def figure_pairs(images: list[dict]) -> dict[str, dict[str, dict]]:
    """The page's figures, each by its light variant's address, with its
    image for each scheme (``#only-light``, ``#only-dark``)."""
    pairs: dict[str, dict[str, dict]] = {}
    for image in images:
        # Lesson pages and notebook previews alike.
        if image["figure"]:
            scheme = "dark" if image["src"].endswith("-dark.svg#only-dark") else "light"
            pairs.setdefault(image["src"].replace("-dark.svg#only-dark", ".svg#only-light"), {})[scheme] = image
    return pairs


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("page", PAGE_PARAMS)
def test_colour_scheme_follows_the_system_and_so_do_the_figures(page, scheme, visited):
    seen = visited(page, scheme)
    assert seen.color_scheme == SCHEMES[scheme], f"/{page}: body[data-md-color-scheme] is {seen.color_scheme!r}"
    luminance = relative_luminance(seen.background)
    if scheme == "dark":
        assert luminance < 0.05, f"/{page}: the page background {seen.background} is not dark"
    else:
        assert luminance > 0.9, f"/{page}: the page background {seen.background} is not light"
    if page in LIGHT_FIGURES_ONLY:
        figures = [image for image in seen.images if image["figure"]]
        hidden = [image["src"] for image in figures if not image["shown"]]
        dark = [image["src"] for image in figures if "-dark." in image["src"]]
        assert figures and not hidden and not dark, f"/{page}: light figures hidden {hidden[:3]}, dark ones {dark[:3]}"
        return
    pairs = figure_pairs(seen.images)
    unpaired = [light[:100] for light, variants in pairs.items() if set(variants) != set(SCHEMES)]
    assert not unpaired, f"/{page}: figures without a variant for each scheme: {unpaired}"
    wrong = [
        f"{variant['src']} {'shown' if variant['shown'] else 'hidden'}"
        for variants in pairs.values()
        for variant_scheme, variant in variants.items()
        if variant["shown"] != (variant_scheme == scheme)
    ]
    assert not wrong, f"/{page} in the {scheme} scheme: each figure must show its {scheme} variant only: {wrong}"
    shown = [variants[scheme] for variants in pairs.values()]
    # Both what the stylesheet puts behind the figure and what the figure itself draws.
    backgrounds = [(image["src"], image["background"], image["corner"]) for image in shown]
    if scheme == "dark":
        light = [b for b in backgrounds if not b[2] or max(relative_luminance(b[1]), relative_luminance(b[2])) > 0.05]
        assert not light, f"/{page}: figures showing a light background in the dark scheme (src, CSS, drawn): {light}"
    else:
        dark = [b for b in backgrounds if not b[2] or min(relative_luminance(b[1]), relative_luminance(b[2])) < 0.9]
        assert not dark, f"/{page}: figures not on a light background in the light scheme (src, CSS, drawn): {dark}"


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("page", PAGE_PARAMS)
def test_the_other_schemes_figures_are_not_fetched(page, scheme, visited):
    """Each figure costs one download: the variant for the other scheme is
    fetched only if the reader switches to it."""
    seen = visited(page, scheme)
    if page in LIGHT_FIGURES_ONLY:
        dark = [url for url in seen.image_requests if "-dark." in urlsplit(url).path]
        assert not dark, f"/{page} has light figures only, yet fetched dark ones: {dark}"
        return
    other = "light" if scheme == "dark" else "dark"
    # By path: an image's src may be relative to the page or absolute.
    hidden = {
        urlsplit(urljoin(seen.url, variants[other]["src"])).path
        for variants in figure_pairs(seen.images).values()
        if other in variants
    }
    fetched = [url for url in seen.image_requests if urlsplit(url).path in hidden]
    assert not fetched, f"/{page} in the {scheme} scheme fetched the {other} figures: {fetched}"


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("page", PAGE_PARAMS)
def test_no_accessibility_violations(page, scheme, visited):
    # Every rule at every impact, minor and moderate included.
    problems = []
    for violation in visited(page, scheme).violations:
        nodes = [n for n in violation["nodes"] if (violation["id"], violation_target(n)) not in UPSTREAM_VIOLATIONS]
        if nodes:
            problems.append(describe_violation(violation, nodes))
    assert not problems, f"/{page} in the {scheme} scheme, axe-core finds:\n" + "\n".join(problems)


@pytest.mark.parametrize("scheme", SCHEMES)
def test_figures_follow_the_system_before_materials_script_runs(chromium, site_url, scheme):
    """Until Material's script applies a palette, the page is in its first
    scheme whatever the system prefers, and a lazy figure near the top that
    is displayed in that window is fetched. With scripts off the window never
    closes. (Nor are images lazy then, so this checks what is displayed, not
    what is fetched.)"""
    context = new_context(chromium, site_url, scheme, scripts=False)
    try:
        tab = context.new_page()
        tab.goto(site_url + "02-intuition/", wait_until="load")
        figures = tab.locator("img.snippet-figure")
        shown = [figures.nth(i).get_attribute("src") for i in range(figures.count()) if figures.nth(i).is_visible()]
        ending = "-dark.svg#only-dark" if scheme == "dark" else ".svg#only-light"
        assert shown and all(src.endswith(ending) for src in shown), f"figures shown in the {scheme} scheme: {shown}"
    finally:
        context.close()


def test_palette_toggle_switches_to_dark_and_back(chromium, site_url):
    context = new_context(chromium, site_url, "light")  # its own: the choice is stored per context
    try:
        tab = context.new_page()
        tab.goto(site_url + "03-metrics/")
        body = tab.locator("body")
        assert body.get_attribute("data-md-color-scheme") == "default"
        tab.get_by_title("Switch to dark mode").click()
        tab.wait_for_selector('body[data-md-color-scheme="slate"]')
        background = tab.evaluate("getComputedStyle(document.body).backgroundColor")
        assert relative_luminance(background) < 0.05, f"dark mode background is {background}"
        shown_figures = "images => images.filter(i => i.checkVisibility()).map(i => i.getAttribute('src'))"
        figures = tab.locator("img.snippet-figure")
        assert figures.count() > 0, "03-metrics has no figure to check"
        dark = figures.evaluate_all(shown_figures)
        assert dark and all(src.endswith("-dark.svg#only-dark") for src in dark), f"figures shown in dark mode: {dark}"
        assert len(dark) * 2 == figures.count(), "not one variant of each figure shown"
        tab.get_by_title("Switch to light mode").click()
        tab.wait_for_selector('body[data-md-color-scheme="default"]')
        light = figures.evaluate_all(shown_figures)
        assert light == [src.replace("-dark.svg#only-dark", ".svg#only-light") for src in dark], (
            f"figures shown in light mode: {light}"
        )
    finally:
        context.close()


def test_search_finds_the_oversampling_lesson(chromium, site_url):
    # ADASYN appears only in lesson 5; "SMOTE" is now on so many pages that
    # lesson 5 can fall below the results Material shows at first.
    context = new_context(chromium, site_url, "light")
    try:
        tab = context.new_page()
        tab.goto(site_url)
        query = tab.locator(".md-search__input")
        query.click()
        query.press_sequentially("ADASYN")
        results = tab.locator(".md-search-result__list a.md-search-result__link")
        results.first.wait_for()
        hrefs = results.evaluate_all("links => links.map(a => a.href)")
        # Links carry ?h=adasyn, for search.highlight, and often a #section.
        lesson = [i for i, href in enumerate(hrefs) if urlsplit(href).path == "/05-oversampling/"]
        assert lesson, f"searching ADASYN does not list the oversampling lesson; results: {hrefs}"
        results.nth(lesson[0]).click()  # and the result leads there
        tab.wait_for_url(re.compile(r"/05-oversampling/"))
        assert "ADASYN" in tab.locator("article").inner_text()
    finally:
        context.close()


def test_search_indexes_every_page_once_and_no_notebook_preview(built_site):
    """A preview repeats its lesson's text: indexed too, it would list each
    lesson twice and make the index every page loads more than twice as heavy."""
    index = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    indexed = {entry["location"].split("#")[0] for entry in index["docs"]}
    pages = {page_url(doc) for doc in DOCS}
    assert indexed == pages, f"not indexed: {sorted(pages - indexed)}; indexed but no page: {sorted(indexed - pages)}"


@pytest.mark.parametrize("page", PAGE_PARAMS)
def test_internal_links_resolve(page, built_site):
    """Every link and resource within the site exists, with its #anchor."""
    problems = internal_link_problems(built_site, html_file(built_site, page))
    assert not problems, f"/{page}: broken internal links:\n" + "\n".join(problems)


@pytest.mark.parametrize("page", PAGE_PARAMS)
def test_html_loads_nothing_from_other_hosts(page, built_site):
    remote = remote_resources(html_file(built_site, page))
    assert not remote, f"/{page} makes the browser fetch from other hosts:\n" + "\n".join(remote)


def test_stylesheets_load_nothing_from_other_hosts(built_site):
    remote = [
        f"{css.relative_to(built_site)}: {url}"
        for css in built_site.rglob("*.css")
        for url in css_urls(css.read_text(encoding="utf-8"))
        if is_remote_url(url)
    ]
    assert not remote, "stylesheets fetch from other hosts (fonts?):\n" + "\n".join(remote)


def test_a_tampered_axe_core_download_is_refused(tmp_path):
    (tmp_path / AXE_CORE_TARBALL.rsplit("/", 1)[1]).write_bytes(b"not axe-core")
    with pytest.raises(RuntimeError, match="integrity"):
        axe_core_script(tmp_path)
    assert not list(tmp_path.iterdir()), "the bad download is kept, so every later run fails"


def test_copy_button_copies_exactly_the_code_around_the_links_in_it(chromium, site_url):
    """Names in code are links (course_build/code_links/highlight.py); what the reader
    copies is still the snippet's source, character for character."""
    context = new_context(chromium, site_url, "light")
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_url.rstrip("/"))
    try:
        tab = context.new_page()
        tab.goto(site_url + "12-leaderboard/")
        tab.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")  # the solutions too
        sources = [
            (ROOT / "snippets" / match.group(2)).read_text().rstrip()
            for match in CODE_INCLUDE.finditer((ROOT / "docs" / "12-leaderboard.md").read_text())
        ]
        blocks = tab.locator("div.language-python.highlight")
        assert blocks.count() == len(sources) and blocks.locator("a.code-ref").count() > 0
        for number, source in enumerate(sources):
            block = blocks.nth(number)
            block.hover()
            block.locator(".md-code__button[data-md-type='copy'], button.md-clipboard").first.click()
            copied = tab.evaluate("navigator.clipboard.readText()")
            assert copied == source, f"block {number + 1} copied differently from its snippet"
    finally:
        context.close()
