"""The ``course-print`` MkDocs plugin: the print page's figures and
solutions, the home page's links to it, and its PDF, printed when asked for
(``print_pdf``: the deploy and the test suite ask, an author's build does not).
A preview (``serve``) makes no print page at all: it switches print-site off.

It finishes the page of ``print-site`` (mkdocs-print-site-plugin), which
must be the last plugin listed: its handlers run after print-site's (a lower
event priority), so it edits the copy of each page that print-site keeps for
the print page, and prints that page once print-site has written it.
"""

from __future__ import annotations

import hashlib
import logging
import re
import shutil
import time
from pathlib import Path

from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs_print_site_plugin.urls import get_page_key

from course_build.printing.chromium import INSTALL_HINT, chromium_executable
from course_build.printing.kept_pages import KeptPages
from course_build.printing.print_page import PRINT_LINKS_CLASS, PrintPageMismatch, for_print

log = logging.getLogger("mkdocs.plugins.course_build.printing")

# Where the home page's Markdown wants its links to the print page and the PDF.
PRINT_LINKS_MARKER = "<!-- course-print: links to the print page and the PDF -->"
# How to ask for the PDF (mkdocs.yml sets print_pdf from this variable).
PRINT_REQUEST = "COURSE_PRINT_PDF=1 .venv/bin/properdocs build -f mkdocs.yml"
# What a preview says instead of making the print page.
PREVIEW_NOTE = "The print page is left out of this preview: `properdocs build` makes it"


class CoursePrintConfig(Config):
    # The PDF's file name, at the top of the site.
    pdf = config_options.Type(str, default="imbalanced-classification-with-python.pdf")
    # True (or 1): print the PDF. Printing takes 10-20 s and is redone whenever
    # any page changed, so an author's build skips it unless asked.
    print_pdf = config_options.Type(int, default=False)  # a bool is an int; COURSE_PRINT_PDF=1 reads as 1
    # True: print, and fail the build when there is no Chromium to print with (deploys).
    require_pdf = config_options.Type(bool, default=False)
    # The last PDF printed, kept under the digest of the site it was printed from.
    cache_dir = config_options.Type(str, default=".snippet-cache/course-print")
    # print-site's rewrite of each page, kept from one build to the next (kept_pages.py).
    pages_dir = config_options.Type(str, default=".snippet-cache/print-page")


class CoursePrintPlugin(BasePlugin[CoursePrintConfig]):
    def __init__(self) -> None:
        super().__init__()
        self.chromium: str | None = None
        self.previewing = False
        self.printing = False
        self.kept_pages: KeptPages | None = None

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # Printing takes about ten seconds, and combining every page into the
        # print page a few more at each rebuild: a preview does neither.
        self.previewing = command == "serve"

    def on_config(self, config):
        if "print-site" not in config.plugins:
            raise PluginError("course-print finishes the page of print-site, which is not listed in plugins")
        if self.previewing:
            # Before print-site's own on_config (it is listed after this
            # plugin), so that it adds no stylesheet and makes no page.
            config.plugins["print-site"].config["enabled"] = False
        else:
            self.kept_pages = KeptPages(Path(config.config_file_path).parent / self.config.pages_dir)
            self.kept_pages.install()
        self.printing = not self.previewing and bool(self.config.print_pdf or self.config.require_pdf)
        # Without a browser to print with, the build goes on as one not asked to
        # print: the home page links to no PDF.
        self.chromium = chromium_executable() if self.printing else None
        if self.chromium is None and self.config.require_pdf and not self.previewing:
            raise PluginError(f"require_pdf is set, but {INSTALL_HINT}")
        return config

    def _print_page_url(self, config) -> str:
        return config.plugins["print-site"].config["print_page_basename"] + "/"

    def on_page_markdown(self, markdown, page, config, files):
        if PRINT_LINKS_MARKER not in markdown:
            return markdown
        if self.previewing:  # no print page to link to
            note = re.sub(r"`([^`]+)`", r"<code>\1</code>", PREVIEW_NOTE)  # raw HTML: no Markdown inside
            return markdown.replace(PRINT_LINKS_MARKER, f'<p class="{PRINT_LINKS_CLASS}">{note}.</p>')
        to_root = "../" * page.url.count("/")
        pdf = (
            f', and as <a href="{to_root}{self.config.pdf}" download>a PDF</a>.'
            if self.chromium
            else ". (A build that prints it, with Chromium, also makes a PDF of it; this copy of the site was built without.)"
        )
        links = (
            f'<p class="{PRINT_LINKS_CLASS}">The whole course is also on one page, in order and with every solution'
            f' unfolded, <a href="{to_root}{self._print_page_url(config)}">to read in one piece or print</a>{pdf}</p>'
        )
        return markdown.replace(PRINT_LINKS_MARKER, links)

    @event_priority(-100)
    def on_page_content(self, html, page, config, files):
        # print-site has just kept this page's HTML for the print page (page.html).
        if hasattr(page, "html") and page.html:
            try:
                page.html = for_print(page.html, get_page_key(page.url), page.title)
            except PrintPageMismatch as error:
                raise PluginError(f"{page.file.src_uri}: {error}") from None
        return html

    def on_build_error(self, error):
        if self.kept_pages is not None:
            self.kept_pages.uninstall()

    @event_priority(-100)
    def on_post_build(self, config):
        if self.kept_pages is not None:  # print-site has written its page
            self.kept_pages.uninstall()
            self.kept_pages.forget_unused()
        if self.previewing:
            log.info(PREVIEW_NOTE)
            return
        if self.chromium is None:
            if self.printing:
                log.info(f"No PDF of the course: {INSTALL_HINT}, then build again")
            else:
                log.info(f"No PDF of the course: it is printed on request, `{PRINT_REQUEST}`")
            return
        site = Path(config.site_dir)
        pdf = site / self.config.pdf
        # The PDF depends on nothing but the built site (byte-identical from one
        # build to the next) and the browser: an unchanged site reuses the last print.
        cached = (
            Path(config.config_file_path).parent / self.config.cache_dir / f"{site_digest(site, self.chromium)}.pdf"
        )
        if cached.is_file():
            shutil.copyfile(cached, pdf)
            log.info(f"The site has not changed since the last print: reused {self.config.pdf}")
            return
        # Only what needs Chromium loads Playwright and pikepdf.
        from course_build.printing.pdf import print_to_pdf

        started = time.perf_counter()
        print_to_pdf(site, self._print_page_url(config), pdf, self.chromium)
        shutil.rmtree(cached.parent, ignore_errors=True)
        cached.parent.mkdir(parents=True)
        shutil.copyfile(pdf, cached)
        log.info(
            f"Printed the course to {self.config.pdf} ({pdf.stat().st_size / 1e6:.1f} MB) in {time.perf_counter() - started:.1f} s"
        )


def site_digest(site: Path, chromium: str) -> str:
    """What the PDF is printed from: every file of the site, and the browser
    (its path and its executable's size and time)."""
    digest = hashlib.sha256()
    browser = Path(chromium).resolve().stat()
    digest.update(f"{chromium}\0{browser.st_size}\0{browser.st_mtime_ns}\0".encode())
    for file in sorted(site.rglob("*")):
        if file.is_file() and file.suffix != ".pdf":
            digest.update(file.relative_to(site).as_posix().encode() + b"\0")
            digest.update(file.read_bytes())
    return digest.hexdigest()
