"""print-site's rewrite of each page for the print page, kept from one build
to the next.

print-site rewrites each page's HTML before combining it into the print page
(``fix_internal_links``: links to other pages become anchors of the print
page, and ids gain the page's key). It replaces each heading's id with a pass
over the whole page, which took three of the four seconds print-site added
to a build in which nothing had changed. The rewrite is a function of its
arguments and of print-site's code alone, so its result is kept on disk under
their digest, and a build rewrites only the pages whose HTML it has not seen.
At the end of a build, the rewrites it did not use are removed.
"""

from __future__ import annotations

import json
from pathlib import Path

from mkdocs_print_site_plugin import renderer, urls

from course_build.runner import cache

# What print-site's renderer calls, by its name there (renderer.py).
_REWRITE = "fix_internal_links"


class KeptPages:
    """print-site's rewrites of pages, kept in ``folder`` under their arguments' digest."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.used: set[str] = set()
        # print-site's code, all of it: a new version rewrites afresh.
        code = b"".join(path.read_bytes() for path in sorted(Path(urls.__file__).parent.glob("*.py")))
        self._code = cache.sha256(code)

    def fix_internal_links(self, page_html: str, page_url: str, directory_urls: bool, heading_number: str) -> str:
        arguments = json.dumps([self._code, page_html, page_url, directory_urls, heading_number])
        path = self.folder / f"{cache.sha256(arguments.encode())}.html"
        self.used.add(path.name)
        try:
            return path.read_bytes().decode("utf-8")
        except FileNotFoundError:
            pass
        rewritten = urls.fix_internal_links(page_html, page_url, directory_urls, heading_number)
        cache.write_atomically(path, rewritten.encode("utf-8"))
        return rewritten

    def install(self) -> None:
        """Make print-site's renderer rewrite pages through this."""
        if getattr(renderer, _REWRITE, None) is None:
            raise RuntimeError(f"mkdocs_print_site_plugin.renderer no longer calls {_REWRITE}: update kept_pages.py")
        setattr(renderer, _REWRITE, self.fix_internal_links)

    def uninstall(self) -> None:
        setattr(renderer, _REWRITE, urls.fix_internal_links)

    def forget_unused(self) -> None:
        """Remove the rewrites this build did not use (of pages since edited)."""
        for path in self.folder.glob("*.html"):
            if path.name not in self.used:
                path.unlink(missing_ok=True)
