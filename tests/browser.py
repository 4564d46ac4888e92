"""Look at the built site the way readers do: served over HTTP and rendered
by a real Chromium running Material's own JavaScript, with axe-core (from
the npm registry, pinned by integrity hash) checking accessibility. Also reads the
built HTML directly, for links and for anything fetched from other hosts.

Used by tests/test_browser.py; the system's Chromium and the local server
are course_build/printing/chromium.py's, with which the build prints the course.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import io
import os
import re
import tarfile
import tempfile
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from bs4 import BeautifulSoup
from playwright.sync_api import BrowserContext
from playwright.sync_api import TimeoutError as PlaywrightTimeout

# Chromium and the local server are the build's too, which prints the course with them.
from course_build.printing.chromium import is_local

# axe-core as npm ships it, checked against the integrity hash npm itself
# checks. To upgrade: `npm view axe-core@<version> dist.tarball dist.integrity`.
AXE_CORE_TARBALL = "https://registry.npmjs.org/axe-core/-/axe-core-4.14.1.tgz"
AXE_CORE_INTEGRITY = "sha512-FHfa+lmNjQZfJz1q8wKqIDwC6DExcHt/pkjNQb09a3NPjCKg2rhu5qb2S4r76ASyFNNtuFooJpZe37OgudVGtQ=="


def url_path(page_file: Path, site: Path) -> str:
    """The URL path, below the site's root, at which a built file is read:
    ``05-oversampling/index.html`` is ``05-oversampling/``, the home page is ``""``."""
    relative = page_file.relative_to(site).as_posix()
    return relative.removesuffix("index.html")


def page_url(doc: str) -> str:
    """The URL path of ``docs/<doc>`` with directory URLs, as ``url_path`` gives it."""
    stem = doc.removesuffix(".md")
    return "" if stem == "index" else f"{stem.removesuffix('/index')}/"


def html_file(site: Path, page: str) -> Path:
    """The built file served at URL path ``page``."""
    return site / (page + "index.html" if page == "" or page.endswith("/") else page)


def built_pages(site: Path) -> list[str]:
    """URL paths of every page in the built site."""
    files = [
        site / "index.html",
        *site.glob("*/index.html"),
        *site.glob("notebooks/*/index.html"),
        *site.glob("404.html"),
    ]
    return sorted(url_path(f, site) for f in files if f.is_file())


# ---------------------------------------------------------------------------
# In the browser


# Code blocks, in the HTML and in the browser: Material's (pre > code), and
# the code cells of notebook previews (mkdocs-jupyter's .highlight-ipynb).
CODE_BLOCK = "pre > code, .highlight-ipynb > pre"
# Each code block with whether it has a working copy button. Material 9.7+
# puts a nav.md-code__nav with button.md-code__button[data-md-type=copy] in the
# <pre> (older releases a button.md-clipboard); mkdocs-jupyter puts a
# <clipboard-copy> in the cell that copies a hidden element, which must hold
# the cell's code.
CODE_BLOCKS = """
() => [...document.querySelectorAll('article pre')]
  .filter(pre => pre.querySelector(':scope > code') || pre.parentElement.matches('.highlight-ipynb'))
  .map(pre => {
    const cell = pre.closest('.jp-CodeCell');
    const copies = cell
      ? [...cell.querySelectorAll('clipboard-copy')].some(
          button => document.getElementById(button.getAttribute('for'))?.textContent.trim() === pre.textContent.trim())
      : !!pre.querySelector(":scope > nav .md-code__button[data-md-type='copy'], :scope > button.md-clipboard");
    return {name: `#${pre.id || cell?.id || '?'}: ${pre.textContent.trim().split('\\n')[0].slice(0, 60)}`, copies};
  })
"""
# Figures are lazy: load every shown one now, whether or not it is in view
# (each figure is on the page twice, once per colour scheme, and the scheme's
# stylesheet hides one of them). For each figure, the colour of its top-left
# pixel as drawn: its own background.
LOAD_SHOWN_IMAGES = """
async () => {
  const images = [...document.querySelectorAll('article img')];
  // Hidden by the scheme's stylesheet (not merely inside a closed <details>).
  const shown = image => getComputedStyle(image).display !== 'none';
  for (const image of images.filter(shown)) image.loading = 'eager';
  await Promise.all(images.filter(shown).map(image => image.decode().catch(() => null)));
  const drawnCorner = image => {
    if (!image.naturalWidth) return null;
    const canvas = document.createElement('canvas');
    canvas.width = image.naturalWidth;
    canvas.height = image.naturalHeight;
    const context = canvas.getContext('2d');
    context.drawImage(image, 0, 0);
    const [r, g, b, a] = context.getImageData(1, 1, 1, 1).data;
    return `rgba(${r}, ${g}, ${b}, ${a / 255})`;
  };
  return images.map(image => ({
    src: image.getAttribute('src'),
    alt: (image.getAttribute('alt') || '').trim(),
    shown: shown(image),
    naturalWidth: image.naturalWidth,
    figure: image.classList.contains('snippet-figure'),
    background: getComputedStyle(image).backgroundColor,
    corner: image.classList.contains('snippet-figure') && shown(image) ? drawnCorner(image) : null,
  }));
}
"""


@dataclass
class PageVisit:
    """What one page did in the browser, and what it showed."""

    url: str
    errors: list[str] = field(default_factory=list)  # console errors and uncaught exceptions
    failed_requests: list[str] = field(default_factory=list)
    foreign_requests: list[str] = field(default_factory=list)
    images: list[dict] = field(default_factory=list)
    image_requests: list[str] = field(default_factory=list)  # URLs of every image the page fetched
    code_blocks: int = 0
    code_blocks_without_copy_button: list[str] = field(default_factory=list)
    color_scheme: str | None = None  # body[data-md-color-scheme]
    background: str = ""  # computed background colour of the body
    violations: list[dict] = field(default_factory=list)  # axe-core's


def visit(context: BrowserContext, base: str, path: str, axe_script: str) -> PageVisit:
    """Load ``base + path`` in a new tab of ``context`` and record everything
    the tests look at, the findings of ``axe_script`` (axe-core) included."""
    seen = PageVisit(base + path)
    page = context.new_page()
    page.on(
        "console", lambda m: m.type == "error" and seen.errors.append(f"console error: {m.text} ({_where(m.location)})")
    )
    page.on("pageerror", lambda error: seen.errors.append(f"uncaught exception: {error}"))
    page.on("requestfailed", lambda r: seen.failed_requests.append(f"{r.method} {r.url}: {r.failure}"))
    page.on(
        "response",
        lambda r: r.status >= 400 and seen.failed_requests.append(f"{r.request.method} {r.url}: HTTP {r.status}"),
    )
    page.on("request", lambda r: is_local(r.url, base) or seen.foreign_requests.append(f"{r.method} {r.url}"))
    page.on("request", lambda r: r.resource_type == "image" and seen.image_requests.append(r.url))
    try:
        page.goto(seen.url, wait_until="load")
        try:  # Material adds the buttons from its bundle once the page is ready.
            page.wait_for_function(f"({CODE_BLOCKS})().every(block => block.copies)", timeout=5000)
        except PlaywrightTimeout:
            pass  # counted and reported below
        seen.images = page.evaluate(LOAD_SHOWN_IMAGES)
        blocks = page.evaluate(CODE_BLOCKS)
        seen.code_blocks = len(blocks)
        seen.code_blocks_without_copy_button = [block["name"] for block in blocks if not block["copies"]]
        seen.color_scheme = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
        seen.background = page.evaluate("getComputedStyle(document.body).backgroundColor")
        seen.violations = axe_violations(page, axe_script)
        # Anything the page still fetches (sitemap for instant navigation, search index) ends up recorded.
        page.wait_for_load_state("networkidle")
    finally:
        page.close()
    # A resource that fails is often asked for several times; say it once.
    seen.errors, seen.failed_requests, seen.foreign_requests = (
        list(dict.fromkeys(found)) for found in (seen.errors, seen.failed_requests, seen.foreign_requests)
    )
    return seen


def _where(location: dict) -> str:
    return f"{location.get('url') or '?'}:{location.get('lineNumber', 0) + 1}"


def axe_core_script(cache: Path) -> str:
    """axe-core's ``axe.min.js`` from the pinned npm tarball, downloaded once
    into the folder ``cache`` and checked against its integrity hash."""
    name = AXE_CORE_TARBALL.rsplit("/", 1)[1]
    tarball = cache / name
    if not tarball.exists():
        with urllib.request.urlopen(AXE_CORE_TARBALL, timeout=60) as response:
            data = response.read()
        # Workers may download at once; each renames a whole file into place.
        handle, partial = tempfile.mkstemp(dir=cache, prefix=name)
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(partial, tarball)
    data = tarball.read_bytes()
    algorithm, expected = AXE_CORE_INTEGRITY.split("-", 1)
    actual = base64.b64encode(hashlib.new(algorithm, data).digest()).decode()
    if actual != expected:
        tarball.unlink()
        raise RuntimeError(f"{AXE_CORE_TARBALL}: integrity {algorithm}-{actual}, expected {AXE_CORE_INTEGRITY}")
    with tarfile.open(fileobj=io.BytesIO(data)) as archive:
        return archive.extractfile("package/axe.min.js").read().decode()


def axe_violations(page, axe_script: str) -> list[dict]:
    """axe-core's violations on the page as it is now (all rules, all impacts)."""
    page.evaluate(axe_script)
    return page.evaluate("axe.run(document, {resultTypes: ['violations']}).then(results => results.violations)")


def violation_target(node: dict) -> str:
    """axe-core's CSS selector for a node (a list of selectors inside frames or shadow roots)."""
    return " ".join(part if isinstance(part, str) else " >>> ".join(part) for part in node["target"])


def describe_violation(violation: dict, nodes: list[dict] | None = None, examples: int = 3) -> str:
    """One violation, in enough detail to fix it: rule, impact, where, and why."""
    nodes = violation["nodes"] if nodes is None else nodes
    where = "; ".join(violation_target(node) for node in nodes[:examples])
    more = f" (and {len(nodes) - examples} more)" if len(nodes) > examples else ""
    # Different nodes can fail differently (one colour pair per token type).
    reasons = dict.fromkeys(n["failureSummary"].splitlines()[-1].strip() for n in nodes if n.get("failureSummary"))
    why = "".join(f"\n    {reason}" for reason in list(reasons)[:examples])
    return f"{violation['id']} ({violation['impact']}): {violation['help']}\n    at {where}{more}{why}\n    {violation['helpUrl']}"


def relative_luminance(css_colour: str) -> float:
    """WCAG relative luminance of a computed ``rgb(...)``/``rgba(...)`` colour.
    A colour that is not opaque counts as black: what shows through is unknown."""
    numbers = [float(x) for x in re.findall(r"[\d.]+", css_colour)]
    if len(numbers) > 3 and numbers[3] < 1:
        return 0.0
    channels = [x / 255 for x in numbers[:3]]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


# ---------------------------------------------------------------------------
# In the built HTML


def parsed(html: Path) -> BeautifulSoup:
    """The built file ``html``, parsed. Many tests read the same page (links,
    outputs, copy buttons, edit links, ...), and a notebook preview takes a
    tenth of a second to parse: each worker parses a version of a file once.
    Callers only read the tree."""
    return _parsed(*_version(html))


def _version(file: Path) -> tuple[Path, int, int]:
    """What a cache of a built file is keyed on: a rebuild makes a new version."""
    stat = file.stat()
    return file.resolve(), stat.st_mtime_ns, stat.st_size


@functools.cache
def _parsed(html: Path, mtime_ns: int, size: int) -> BeautifulSoup:
    return BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser")


# Elements and attributes whose URLs the browser loads by itself, without a click.
LOADED_BY_THE_BROWSER = {
    "script": ["src"],
    "link": ["href"],
    "img": ["src", "srcset"],
    "source": ["src", "srcset"],
    "iframe": ["src"],
    "video": ["src", "poster"],
    "audio": ["src"],
    "track": ["src"],
    "embed": ["src"],
    "object": ["data"],
    "image": ["href", "xlink:href"],  # SVG inline
    "use": ["href", "xlink:href"],
}
# <link rel> values that only name a URL and never fetch it.
LINK_RELS_NOT_FETCHED = {"canonical", "alternate", "author", "license", "me", "prev", "next", "search"}
CSS_URL = re.compile(r"""url\(\s*['"]?([^'")\s]+)|@import\s+['"]([^'"]+)""")


def is_remote_url(url: str) -> bool:
    """Whether the browser would go to another host for ``url``."""
    parts = urlsplit(url.strip())
    return bool(parts.netloc) or parts.scheme not in ("", "data", "blob")


def _urls(tag, attribute: str) -> list[str]:
    value = tag.get(attribute) or ""
    if attribute == "srcset":
        return [candidate.split()[0] for candidate in value.split(",") if candidate.strip()]
    return [value] if value else []


def remote_resources(page_file: Path) -> list[str]:
    """URLs on other hosts that the page makes the browser load on its own:
    scripts, stylesheets, icons, images, media, fonts (in inline styles)."""
    soup = parsed(page_file)
    found = []
    for name, attributes in LOADED_BY_THE_BROWSER.items():
        for tag in soup.find_all(name):
            if name == "link" and LINK_RELS_NOT_FETCHED.issuperset(tag.get("rel") or []):
                continue
            for attribute in attributes:
                found += [f"<{name} {attribute}={url}>" for url in _urls(tag, attribute) if is_remote_url(url)]
    styles = [tag.get_text() for tag in soup.find_all("style")] + [tag["style"] for tag in soup.find_all(style=True)]
    for css in styles:
        found += [f"CSS url {url}" for url in css_urls(css) if is_remote_url(url)]
    return found


def css_urls(css: str) -> list[str]:
    """Every url(...) and @import target in a stylesheet."""
    return [match.group(1) or match.group(2) for match in CSS_URL.finditer(css)]


def _anchors(page_file: Path) -> frozenset[str]:
    return _anchors_of(*_version(page_file))


@functools.cache
def _anchors_of(page_file: Path, mtime_ns: int, size: int) -> frozenset[str]:
    soup = _parsed(page_file, mtime_ns, size)
    return frozenset(tag["id"] for tag in soup.find_all(id=True)) | frozenset(
        tag["name"] for tag in soup.find_all("a", attrs={"name": True})
    )


def _resolve(site: Path, from_url: str, href: str) -> tuple[Path | None, str]:
    """The file and fragment that ``href``, on the page at ``from_url``, points
    at (the file is None if it lies outside the site)."""
    parts = urlsplit(href)
    target = unquote(urlsplit(urljoin(from_url, parts.path)).path) if parts.path else from_url
    file = (site / target.lstrip("/")).resolve()
    if target.endswith("/") or file.is_dir():
        file = file / "index.html"
    if not file.is_relative_to(site.resolve()):
        return None, parts.fragment
    return file, unquote(parts.fragment)


def internal_link_problems(site: Path, page_file: Path) -> list[str]:
    """Links and resources on the page that point inside the site at a file
    that does not exist, or at an #anchor that is not on the target page."""
    soup = parsed(page_file)
    from_url = "/" + page_file.relative_to(site).as_posix()
    references = [("a", href) for tag in soup.find_all("a", href=True) for href in _urls(tag, "href")]
    for name, attributes in LOADED_BY_THE_BROWSER.items():
        for tag in soup.find_all(name):
            references += [(name, url) for attribute in attributes for url in _urls(tag, attribute)]
    problems = []
    for name, href in references:
        parts = urlsplit(href)
        if parts.scheme or parts.netloc:  # other hosts (http, https, mailto, data, ...)
            continue
        file, fragment = _resolve(site, from_url, href)
        if file is None or not file.is_file():
            problems.append(f"<{name}> {href!r}: no such file in the site")
        elif fragment and file.suffix == ".html" and fragment not in _anchors(file):
            problems.append(f"<{name}> {href!r}: no id {fragment!r} in {file.relative_to(site.resolve())}")
    return problems
