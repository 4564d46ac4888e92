"""A Python-Markdown extension that links names in highlighted Python blocks
to their reference pages (``resolve``).

It reads the HTML that Pygments wrote for each block (one ``<span>`` per
token, bare text between), so the link wraps whole tokens and leaves their
highlighting as it is: ``np.mean`` becomes ``<a …><span class="n">np</span>
<span class="o">.</span><span class="n">mean</span></a>``. The block's text is
unchanged, so the copy button copies exactly the code.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable

from markdown import Extension, Markdown
from markdown.postprocessors import Postprocessor

from course_build.code_links.known import KnownLinks, known_links
from course_build.code_links.resolve import Reference
from course_build.code_links.usage import USAGE_PAGE

# The HTML pymdownx.highlight writes for a ```python fence.
PYTHON_BLOCK = re.compile(
    r'(<div class="language-python highlight"><pre><span></span><code>)(.*?)(</code></pre></div>)', re.S
)
# The HTML mkdocs-jupyter writes for a Python code cell of a notebook preview
# (after the snippet runner's plugin made it keyboard-reachable).
NOTEBOOK_CELL = re.compile(
    r'(<div tabindex="0" class="highlight-ipynb hl-python"><pre><span></span>)(.*?)(</pre></div>)', re.S
)
# Pygments' HTML inside <code>: a token in a span, or bare text between tokens.
TOKEN = re.compile(r'<span class="[^"]*">([^<]*)</span>|([^<]+)')
LINK_CLASS = "code-ref"
USAGE_CLASS = "code-usage"  # an imported name that leads to the usage page (course_build.code_links.usage)


def link_names(
    code_html: str, usage_href: Callable[[str], str | None] = lambda path: None, known: KnownLinks | None = None
) -> str:
    """``code_html`` with each resolvable name wrapped in a link; unchanged if
    it holds anything but Pygments' flat token spans. A name in an import
    statement links to ``usage_href(path)`` instead, if that gives one.
    Names are resolved through ``known`` (by default the cache below the
    folder the build runs in)."""
    tokens = list(TOKEN.finditer(code_html))
    if "".join(t.group(0) for t in tokens) != code_html:
        return code_html
    starts, text, position = [], [], 0
    for token in tokens:
        starts.append(position)
        piece = html.unescape(token.group(1) if token.group(1) is not None else token.group(2))
        text.append(piece)
        position += len(piece)
    boundaries = {start: index for index, start in enumerate(starts)}
    ends = {start + len(piece): index for index, (start, piece) in enumerate(zip(starts, text, strict=True))}
    opening: dict[int, tuple[Reference, str]] = {}
    closing: dict[int, int] = {}
    for reference, url in (known or known_links()).references("".join(text)):
        first, last = boundaries.get(reference.start), ends.get(reference.end)
        # Only whole tokens, and never one link inside another.
        if first is None or last is None or any(first <= i <= last for i in (*opening, *closing)):
            continue
        opening[first], closing[last] = (reference, url), last
    out = []
    for index, token in enumerate(tokens):
        if index in opening:
            reference, url = opening[index]
            path = reference.path
            usage = usage_href(path) if reference.in_import else None
            if usage:
                out.append(f'<a class="{LINK_CLASS} {USAGE_CLASS}" href="{html.escape(usage)}" title="{path}">')
            else:
                out.append(f'<a class="{LINK_CLASS}" href="{html.escape(url)}" title="{path}">')
        out.append(token.group(0))
        if index in closing:
            out.append("</a>")
    return "".join(out)


def link_blocks(
    page_html: str, block: re.Pattern, usage_href: Callable[[str], str | None], known: KnownLinks | None = None
) -> str:
    """``page_html`` with the names in every code block that ``block`` matches linked."""
    return block.sub(lambda m: m.group(1) + link_names(m.group(2), usage_href, known) + m.group(3), page_html)


def usage_href_from(page, files) -> Callable[[str], str | None]:
    """Links to the usage page's entries, relative to MkDocs' ``page`` (a File)."""
    usage_file = files.get_file_from_path(USAGE_PAGE) if page is not None and files is not None else None
    if usage_file is None:
        return lambda path: None
    listed = usage_file.content_string
    prefix = usage_file.url_relative_to(page)
    return lambda path: f"{prefix}#{path}" if f"{{ #{path} }}" in listed else None


class _LinkNames(Postprocessor):
    def run(self, text: str) -> str:
        return link_blocks(text, PYTHON_BLOCK, self._usage_href())

    def _usage_href(self) -> Callable[[str], str | None]:
        """Links to the usage page's entries, relative to the page being
        converted. Only MkDocs and ProperDocs say which page that is (through
        their link-rewriting treeprocessor); elsewhere names link to their
        reference only."""
        relpath = self.md.treeprocessors["relpath"] if "relpath" in self.md.treeprocessors else None
        return usage_href_from(getattr(relpath, "file", None), getattr(relpath, "files", None))


class CodeLinksExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 - Python-Markdown's name
        # After the raw HTML postprocessor (30) has put the highlighted blocks in place.
        md.postprocessors.register(_LinkNames(md), "code-links", 25)


def makeExtension(**kwargs) -> CodeLinksExtension:  # noqa: N802 - Python-Markdown's name
    return CodeLinksExtension(**kwargs)
