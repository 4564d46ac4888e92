"""The page that lists every scikit-learn and imbalanced-learn class and
function the course's code uses, with the lessons and sections where each
appears: generated from the pages and their snippets, with the resolution
that links names in code (``resolve``), so it is never kept by hand.

The snippet runner writes it into the docs folder (``docs/tools.md``,
git-ignored) beside the figures and notebooks it publishes, where every
builder finds it.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from markdown.extensions.toc import slugify, unique

from course_build.code_links.known import KnownLinks, known_links
from course_build.code_links.resolve import version

USAGE_PAGE = "tools.md"
# The libraries the page lists, in its order.
LISTED = ("sklearn", "imblearn")
LIBRARY_NAMES = {"sklearn": "scikit-learn", "imblearn": "imbalanced-learn"}

_HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*(?:\{([^}]*)\})?\s*$")
_CODE_INCLUDE = re.compile(r'^\s*--8<-- "([^"]+\.py)"\s*$')
_FENCE = re.compile(r"^\s*(`{3,}|~{3,})")


@dataclass(frozen=True)
class Place:
    page: str  # below docs/, e.g. "09-threshold-moving.md"
    page_title: str
    section: str | None  # the heading the code sits under; None above the first one
    anchor: str | None


def heading_anchor(text: str, attributes: str | None, used: set[str]) -> str:
    """The id Python-Markdown's toc gives a heading (or the one its attribute list sets)."""
    if attributes and (explicit := re.search(r"#([^\s}]+)", attributes)):
        used.add(explicit.group(1))
        return explicit.group(1)
    plain = re.sub(r"[`*]|\[([^\]]*)\]\([^)]*\)", r"\1", text)
    return unique(slugify(plain, "-"), used)


def places_in_page(page: str, markdown: str, snippets_dir: Path, known: KnownLinks) -> dict[str, list[Place]]:
    """Each listed tool's places on one page, by public path, in page order."""
    found: dict[str, list[Place]] = defaultdict(list)
    title, section, anchor, used, fence = page, None, None, set(), None
    for line in markdown.splitlines():
        if fence is None and (match := _HEADING.match(line)):
            level, text, attributes = len(match.group(1)), match.group(2), match.group(3)
            if level == 1:
                title = text
                used.add(heading_anchor(text, attributes, used))
            else:
                section, anchor = text, heading_anchor(text, attributes, used)
            continue
        if opened := _FENCE.match(line):
            fence = None if fence and opened.group(1).startswith(fence) else (fence or opened.group(1))
            continue
        include = _CODE_INCLUDE.match(line)
        if include and fence and (snippets_dir / include.group(1)).is_file():
            code = (snippets_dir / include.group(1)).read_text(encoding="utf-8")
            for reference, _ in known.references(code):
                if reference.path.split(".")[0] in LISTED:
                    place = Place(page, title, section, anchor)
                    if place not in found[reference.path]:
                        found[reference.path].append(place)
    return found


def usage(docs_dir: Path, snippets_dir: Path, known: KnownLinks) -> dict[str, list[Place]]:
    """Every listed tool the course's pages show in code, with its places."""
    tools: dict[str, list[Place]] = defaultdict(list)
    for path in sorted(docs_dir.glob("*.md")):
        if path.name == USAGE_PAGE:
            continue
        for tool, places in places_in_page(path.name, path.read_text(encoding="utf-8"), snippets_dir, known).items():
            tools[tool].extend(places)
    return dict(tools)


def _places_markdown(places: list[Place]) -> str:
    by_page: dict[str, list[Place]] = defaultdict(list)
    for place in places:
        by_page[place.page].append(place)
    parts = []
    for page, on_page in by_page.items():
        # Headings as plain text: code inside a link falls short of contrast in the dark scheme.
        sections = [f"[{p.section.replace('`', '')}]({page}#{p.anchor})" for p in on_page if p.section]
        parts.append(f"[{on_page[0].page_title}]({page})" + (f": {', '.join(sections)}" if sections else ""))
    return "<br>".join(parts)


def usage_page(docs_dir: Path, snippets_dir: Path, known: KnownLinks) -> str:
    """The Markdown of the page, with names resolved through ``known``."""
    tools = usage(docs_dir, snippets_dir, known)
    lines = [
        "# Where each tool is used",
        "",
        "Every class and function from scikit-learn and imbalanced-learn that the",
        "course's code uses, with the lessons and sections where it appears. Each",
        "name links to its reference for the version this site was built with. The",
        "page is generated when the site is built, from the code itself: a name in",
        "an `import` line of a lesson's code leads here, and the same name",
        "elsewhere in the code leads to its reference.",
    ]
    for library in LISTED:
        listed = sorted(tool for tool in tools if tool.split(".")[0] == library)
        lines += [
            "",
            f"## {LIBRARY_NAMES[library]} {version(library)}",
            "",
            "| Tool | Where the course uses it |",
            "|---|---|",
        ]
        lines += [f"| [{tool}]({known.url(tool)}){{ #{tool} }} | {_places_markdown(tools[tool])} |" for tool in listed]
    return "\n".join(lines) + "\n"


def write_usage_page(docs_dir: Path, snippets_dir: Path, known: KnownLinks | None = None) -> None:
    """Write the page into ``docs_dir`` if its content changed (``serve``
    watches the folder). Names are resolved through ``known``, by default the
    cache below the folder the build runs in, which the pages' code links share."""
    path = docs_dir / USAGE_PAGE
    text = usage_page(docs_dir, snippets_dir, known or known_links())
    if not path.is_file() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")
