"""The whole course on one page and in its PDF (course_build/printing/): every page of
the navigation in order, every figure drawn for the light scheme, every
solution unfolded, no line of code cut at the page's edge, links to sections
that lead to them, and the same bytes each time it is printed.

The PDF is read with pypdf (its text) and pikepdf (its tagged structure,
where each figure is a Figure element carrying its alt text)."""

from __future__ import annotations

import os
import re
import shutil
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pikepdf
import pytest
from bs4 import BeautifulSoup
from mkdocs.utils.yaml import yaml_load
from pypdf import PdfReader

from course_build.printing.chromium import INSTALL_HINT, chromium_executable
from course_build.printing.pdf import print_to_pdf, structure_elements
from course_build.printing.plugin import PREVIEW_NOTE, PRINT_LINKS_MARKER, PRINT_REQUEST, site_digest
from tests.browser import html_file, page_url, parsed
from tests.conftest import ROOT, mkdocs_build, once_per_session
from tests.test_stale_records import Preview

PRINT_PAGE = "print/"
PDF = "imbalanced-classification-with-python.pdf"


def nav_pages(items=None) -> list[str]:
    """The Markdown files of mkdocs.yml's navigation, in its order."""
    if items is None:
        with open(ROOT / "mkdocs.yml", encoding="utf-8") as f:
            items = yaml_load(f)["nav"]
    pages = []
    for item in items:
        value = next(iter(item.values())) if isinstance(item, dict) else item
        pages += nav_pages(value) if isinstance(value, list) else [value]
    return pages


def page_article(site: Path, doc: str):
    soup = parsed(html_file(site, page_url(doc)))
    return soup.find("article") or soup


def light_figures(site: Path, doc: str) -> list[str]:
    """Alt texts of the figures the page shows in the light scheme, in order."""
    return [
        img["alt"] for img in page_article(site, doc).select("img.snippet-figure") if img["src"].endswith("#only-light")
    ]


def code_lines(site: Path, doc: str) -> list[str]:
    """Every line of every code block on the page (outputs included), folded ones too."""
    return [line for code in page_article(site, doc).select("pre > code") for line in code.get_text().splitlines()]


def flat(text: str) -> str:
    """``text`` without whitespace: where a printed line wraps, or how the PDF's
    text spaces its words, does not matter."""
    return re.sub(r"\s+", "", text)


def missing_in_order(wanted: list[str], text: str) -> list[str]:
    """The items of ``wanted`` that ``text`` does not hold one after the other
    (each looked for after the previous one found)."""
    missing, position = [], 0
    for item in wanted:
        found = text.find(flat(item), position)
        if found < 0:
            missing.append(item)
        else:
            position = found + len(flat(item))
    return missing


@pytest.fixture(scope="session")
def course_pdf(built_site) -> Path:
    pdf = built_site / PDF
    if chromium_executable() is None:
        if os.environ.get("COURSE_REQUIRE_BROWSER") == "1":
            pytest.fail(f"COURSE_REQUIRE_BROWSER=1 but {INSTALL_HINT}", pytrace=False)
        pytest.skip(reason=f"the build prints the PDF with Chromium; {INSTALL_HINT}")
    assert pdf.is_file(), f"the build had Chromium but made no {PDF}"
    return pdf


@pytest.fixture(scope="session")
def pdf_text(course_pdf, tmp_path_factory) -> str:
    """The PDF's text without whitespace, extracted once for all workers (about 20 s)."""

    def extract(folder: Path) -> None:
        text = "\n".join(page.extract_text() for page in PdfReader(course_pdf).pages)
        (folder / "text").write_text(flat(text), encoding="utf-8")

    return (once_per_session(tmp_path_factory, "pdf-text", extract) / "text").read_text(encoding="utf-8")


def title_and_opening(site: Path, doc: str) -> list[str]:
    """The page's title and its first paragraph printed (the home page's
    links to the print page and the lesson's to its notebook are not)."""
    article = page_article(site, doc)
    opening = next(
        p for p in article.find_all("p") if not {"course-print", "lesson-notebook"} & set(p.get("class", []))
    )
    return [article.find("h1").get_text().removesuffix("¶"), opening.get_text()]


def test_every_page_is_in_the_pdf_in_order(built_site, course_pdf, pdf_text):
    # Each title with the paragraph under it: the contents at the start list the titles alone.
    wanted = [text for doc in nav_pages() for text in title_and_opening(built_site, doc)]
    missing = missing_in_order(wanted, pdf_text)
    assert not missing, f"pages' titles or opening paragraphs missing from the PDF's text, or out of order: {missing}"
    titles = wanted[::2]
    with pikepdf.open(course_pdf) as pdf, pdf.open_outline() as outline:
        bookmarks = [str(item.title) for item in outline.root]
        for item in outline.root:
            bookmarks += [str(child.title) for child in item.children]
    unmarked = [title for title in titles if title not in bookmarks]
    assert not unmarked, f"pages without a bookmark in the PDF's outline: {unmarked}"


def test_every_figure_is_in_the_pdf_with_its_alt_text(built_site, course_pdf):
    """Each figure is a Figure in the PDF's tagged structure, with the page's
    alt text, in the pages' order: none lost, none twice (as the light and
    the dark variant)."""
    expected = [alt for doc in nav_pages() for alt in light_figures(built_site, doc)]
    assert expected, "the course has no figures to look for"
    with pikepdf.open(course_pdf) as pdf:
        figures = [
            str(element.get("/Alt", ""))
            for element in structure_elements(pdf.Root.StructTreeRoot)
            if element.S == "/Figure"
        ]
    assert figures == expected, (
        f"{len(figures)} figures in the PDF, {len(expected)} on the pages; first difference: "
        + next(
            (f"{got!r} instead of {want!r}" for got, want in zip(figures, expected, strict=False) if got != want),
            "in number",
        )
    )


def test_the_print_page_shows_the_light_figures_and_unfolded_solutions(built_site):
    article = page_article(built_site, "print.md")
    figures = [img["src"] for img in article.select("img.snippet-figure")]
    dark = [src for src in figures if "-dark." in src or "#only-" in src]
    assert figures and not dark, f"figures on the print page not drawn for (only) the light scheme: {dark[:5]}"
    folded = [d.summary.get_text() for d in article.find_all("details") if not d.has_attr("open")]
    assert not folded, f"folded on the print page: {folded}"
    solutions = sum(len(page_article(built_site, doc).find_all("details")) for doc in nav_pages())
    assert len(article.find_all("details")) == solutions, "the print page does not have every page's <details>"


def test_no_line_of_code_is_cut_at_the_page_edge(built_site, pdf_text):
    """Every line of every code block and output, folded solutions' too, is
    in the PDF's text whole, in order. A line that runs past the edge of
    the page is clipped there, and what is cut off is not in the text."""
    lines = [line for doc in nav_pages() for line in code_lines(built_site, doc) if line.strip()]
    missing = missing_in_order(lines, pdf_text)
    assert not missing, f"{len(missing)} of {len(lines)} code lines not whole in the PDF, e.g.: {missing[:5]}"


def test_links_lead_to_sections_of_the_pdf(course_pdf):
    """Links in the PDF lead to named places in it (the contents, links
    between lessons), and none to the server it was printed from."""
    with pikepdf.open(course_pdf) as pdf:
        destinations = set(pdf.Root.Dests.keys())
        internal, broken, local = 0, [], []
        for page in pdf.pages:
            for annotation in page.get("/Annots", []):
                if annotation.get("/Subtype") != "/Link":
                    continue
                if "/Dest" in annotation:
                    internal += 1
                    name = (
                        "/" + str(annotation.Dest)
                        if isinstance(annotation.Dest, pikepdf.String)
                        else str(annotation.Dest)
                    )
                    if name not in destinations:
                        broken.append(name)
                elif not str(annotation.get("/A", {}).get("/URI", "https://")).startswith("https://"):
                    local.append(str(annotation.A.URI))
    lessons = [doc for doc in nav_pages() if re.match(r"\d\d-", doc)]
    assert internal >= len(lessons), f"only {internal} links to places in the PDF"
    assert not broken, f"links to places the PDF does not name: {broken[:10]}"
    assert not local, f"links that leave the PDF for no public address: {local[:10]}"
    missing = [doc for doc in lessons if "/" + doc.removesuffix(".md") not in destinations]
    assert not missing, f"lessons the PDF names no place for (their contents links lead nowhere): {missing}"


def test_printing_again_gives_the_same_bytes(built_site, course_pdf, tmp_path):
    """Chromium stamps dates and numbers into a PDF; the build removes them
    (course_build/printing/pdf.py). Printed again from the same site, the PDF is the same."""
    again = tmp_path / PDF
    # In a thread of its own: the browser tests may hold a sync Playwright, and
    # its event loop, in this worker's main thread.
    with ThreadPoolExecutor(1) as thread:
        thread.submit(print_to_pdf, built_site, PRINT_PAGE, again, chromium_executable()).result()
    assert again.read_bytes() == course_pdf.read_bytes(), "printing the same page twice gave two different PDFs"


def test_the_home_page_links_to_the_print_page_and_the_pdf(built_site):
    links = {a["href"] for a in page_article(built_site, "index.md").select("p.course-print a")}
    pdf = {PDF} if chromium_executable() else set()
    assert links == {PRINT_PAGE} | pdf, f"the home page's links to the printable course: {links}"


def test_links_to_downloads_are_not_printed(built_site, pdf_text):
    """Under each example, a link downloads its file: on paper it leads nowhere."""
    downloads = [
        a.get_text() for doc in nav_pages() for a in page_article(built_site, doc).select("a.snippet-download")
    ]
    assert downloads, "no download links to look for"
    printed = [text for text in downloads if flat(text) in pdf_text]
    assert not printed, f"{len(printed)} of {len(downloads)} download links printed, e.g. {printed[:3]}"


def test_slow_example_notes_are_not_printed(built_site, pdf_text):
    """Paper runs nothing: how long an example takes to run is for the screen."""
    notes = [p.get_text() for doc in nav_pages() for p in page_article(built_site, doc).select("p.snippet-duration")]
    assert notes, "no slow-example notes to look for"
    printed = [text for text in notes if flat(text) in pdf_text]
    assert not printed, f"{len(printed)} of {len(notes)} slow-example notes printed, e.g. {printed[:3]}"


def test_a_changed_site_is_printed_again(tmp_path):
    """The build reuses the last PDF only for the very same site and browser
    (course_build/printing/plugin.py): any other file's change, and only that, prints again."""
    site = tmp_path / "site"
    (site / "print").mkdir(parents=True)
    (site / "print" / "index.html").write_text("<p>the course</p>")
    browser = tmp_path / "chromium"
    browser.write_bytes(b"a browser")
    before = site_digest(site, str(browser))
    (site / PDF).write_bytes(b"%PDF-")
    assert site_digest(site, str(browser)) == before, "the PDF itself must not change what it is printed from"
    (site / "print" / "index.html").write_text("<p>the course, edited</p>")
    assert site_digest(site, str(browser)) != before, "an edited page must print again"


def printing_project(root: Path) -> Path:
    """A one-page site with the home page's marker, course-print and print-site."""
    (root / "docs").mkdir(parents=True)
    (root / "docs" / "index.md").write_text(f"# Home\n\n{PRINT_LINKS_MARKER}\n")
    (root / "mkdocs.yml").write_text(PRINTING_MKDOCS_YML)
    return root


PRINTING_MKDOCS_YML = """\
site_name: Throwaway
strict: true
theme: material
plugins:
  - course-print:
      print_pdf: !ENV [COURSE_PRINT_PDF, false]
  - print-site:
      print_page_basename: print
"""


@pytest.mark.parametrize("asked", [False, True], ids=["an author's build", "asked to print"])
def test_a_build_prints_the_pdf_only_when_asked(tmp_path, asked):
    """Printing takes 10-20 s, redone whenever a page changed: a build prints
    only when asked (COURSE_PRINT_PDF=1, which the deploy and this suite
    set), and one that does not says how to, and links to no PDF."""
    if asked and chromium_executable() is None:
        pytest.skip(reason=f"printing needs Chromium; {INSTALL_HINT}")
    printing_project(tmp_path)
    done = mkdocs_build(tmp_path, tmp_path / "site", print_pdf=asked)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "site" / PRINT_PAGE / "index.html").is_file(), "a build made no print page"
    links = {a["href"] for a in parsed(tmp_path / "site" / "index.html").select("p.course-print a")}
    if asked:
        assert (tmp_path / "site" / PDF).is_file() and links == {PRINT_PAGE, PDF}, (links, done.stderr)
    else:
        assert not (tmp_path / "site" / PDF).exists() and links == {PRINT_PAGE}, links
        [said] = [line for line in done.stderr.splitlines() if "No PDF" in line]
        assert f"printed on request, `{PRINT_REQUEST}`" in said, done.stderr


def test_the_print_page_rewrites_only_pages_it_has_not_seen(tmp_path):
    """print-site's rewrite of each page for the print page took most of a
    build in which nothing changed: it is kept on disk
    (course_build/printing/kept_pages.py), and a build rewrites only an
    edited page, writing the very print page a build from scratch writes."""
    project = printing_project(tmp_path / "project")
    (project / "docs" / "other.md").write_text("# Other\n\n## A section\n\nSee [home](index.md#home).\n")
    kept = project / ".snippet-cache" / "print-page"

    def print_page(site: str) -> str:
        done = mkdocs_build(project, tmp_path / site, print_pdf=False)
        assert done.returncode == 0, done.stderr
        return (tmp_path / site / PRINT_PAGE / "index.html").read_text(encoding="utf-8")

    first = print_page("first")
    rewrites = {path.name: path.stat().st_mtime_ns for path in kept.iterdir()}
    assert len(rewrites) == 2, f"{len(rewrites)} rewrites kept for two pages"
    assert print_page("second") == first
    assert {path.name: path.stat().st_mtime_ns for path in kept.iterdir()} == rewrites, "a page was rewritten again"
    shutil.rmtree(kept)
    assert print_page("from scratch") == first
    (project / "docs" / "other.md").write_text("# Other\n\n## A new section\n")
    edited = print_page("edited")
    assert 'id="other-a-new-section"' in edited and "other-a-section" not in edited
    assert len(list(kept.iterdir())) == 2, "the edited page's old rewrite is still kept"


def test_a_preview_makes_no_print_page_and_links_to_none(tmp_path):
    """Combining every page into the print page took seconds at each rebuild
    of ``serve``: a preview leaves it out (course-print switches print-site
    off), says so in its log, and its home page links to no print page."""
    project = printing_project(tmp_path / "project")
    with Preview(project, tmp_path / "serve.log") as preview:
        preview.wait_for(lambda: "Home" in preview.page(), "the home page")
        preview.wait_for(lambda: PREVIEW_NOTE in preview.text(), "its note on the print page")
        home = BeautifulSoup(preview.page(), "html.parser")
        assert not home.select("p.course-print a"), f"the preview's home page links to: {home.select('p.course-print')}"
        assert home.select_one("p.course-print").get_text() == PREVIEW_NOTE.replace("`", "") + "."
        with pytest.raises(urllib.error.HTTPError) as missing:
            urllib.request.urlopen(f"http://127.0.0.1:{preview.port}/{PRINT_PAGE}", timeout=30)
        assert missing.value.code == 404, "the preview serves a print page"
