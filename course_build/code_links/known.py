"""What ``resolve`` found, kept on disk, so that a build resolves only code it
has not seen and imports no library to link what it has.

Resolving depends on nothing but the code and the libraries it names:
their installed versions, and ``resolve``'s own code, make up the cache's
fingerprint, and each fingerprint has its file (``<fingerprint>.json``, in
``.snippet-cache/code-links/`` beside the snippet cache). It keeps

- ``blocks``: for a block of code (by the SHA-256 of its text), each
  linkable name's span and public path and its reference's address: an
  unchanged block, the rest of a build, is read, not resolved;
- ``names``: what each dotted name reaches (``resolve.resolution``) and
  ``urls``, each path's address: an edited block is parsed again, but only
  a name it did not use before imports its library.

The file is written at once whenever something new was resolved (atomically:
a build running meanwhile reads the old file or the new one); a new
fingerprint starts a new file and removes the others.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from functools import cache
from importlib import metadata
from pathlib import Path

from course_build.code_links import resolve
from course_build.code_links.resolve import LINKED_LIBRARIES, Reference

# Below the folder a build runs in: the Markdown extension knows no project
# root, and pymdownx.snippets reads the pages' includes from there too.
FOLDER = Path(".snippet-cache/code-links")


def fingerprint() -> str:
    """The versions of the libraries linked to, and the code that resolves names in them."""
    versions = [f"{name}=={metadata.version(name)}" for name in sorted(LINKED_LIBRARIES.values())]
    return _sha256("\n".join([*versions, Path(resolve.__file__).read_text(encoding="utf-8")]))


def _sha256(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


class KnownLinks:
    """The names resolved in ``folder``'s cache for the libraries installed now."""

    def __init__(self, folder: Path, version: str | None = None):
        self.folder = folder
        self.path = folder / f"{version or fingerprint()}.json"
        try:
            known = json.loads(self.path.read_bytes())
        except (OSError, ValueError):
            known = {}
        self.blocks: dict[str, list] = known.get("blocks", {})
        self.names: dict[str, list] = known.get("names", {})
        self.urls: dict[str, str] = known.get("urls", {})
        self.resolved = 0  # names this process resolved, each importing its library

    def references(self, code: str) -> list[tuple[Reference, str]]:
        """``resolve.references(code)``, each with its ``reference_url``."""
        key = _sha256(code)
        if key not in self.blocks:
            found = resolve.references(code, self._resolution)
            self.blocks[key] = [[r.start, r.end, r.path, r.in_import, self.url(r.path)] for r in found]
            self._save()
        return [(Reference(start, end, path, in_import), url) for start, end, path, in_import, url in self.blocks[key]]

    def url(self, path: str) -> str:
        """``resolve.reference_url(path)``."""
        if path not in self.urls:
            self.urls[path] = resolve.reference_url(path)
            self._save()
        return self.urls[path]

    def _resolution(self, parts: tuple[str, ...]) -> tuple[str | None, int]:
        name = ".".join(parts)
        if name not in self.names:
            self.names[name] = list(resolve.resolution(parts))
            self.resolved += 1
        path, depth = self.names[name]
        return path, depth

    def _save(self) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        data = json.dumps({"blocks": self.blocks, "names": self.names, "urls": self.urls}, sort_keys=True)
        fd, temporary = tempfile.mkstemp(dir=self.folder, prefix=".", suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(data)
        os.replace(temporary, self.path)
        for other in self.folder.glob("*.json"):
            if other != self.path:
                other.unlink(missing_ok=True)


def known_links(folder: Path = FOLDER) -> KnownLinks:
    """One ``KnownLinks`` per folder for this process: every page of a build
    (and every rebuild of a preview) shares what the others resolved."""
    return _known_links(folder.resolve())


@cache
def _known_links(folder: Path) -> KnownLinks:
    return KnownLinks(folder)
