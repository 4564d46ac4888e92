"""The snippet cache: one checksummed JSON entry per snippet, written atomically.

An entry is reused only if its key matches (the snippet's source, its
settings, the runner's own code, the Python version and every installed
package version) and every local file the snippet read last time (modules
imported from ``snippets/``, data files) still has the same content.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import tempfile
from functools import cache
from importlib import metadata
from pathlib import Path


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def write_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` so that readers see the old file or the new one, never half."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, path)
    except BaseException:
        os.unlink(tmp)
        raise


def _name_and_version(dist: metadata.Distribution) -> str:
    """``name==version`` from the header of the distribution's metadata, read
    without parsing the whole file (``dist.metadata`` does, description
    included: about a tenth of a second for all of them, on every build)."""
    text = dist.read_text("METADATA") or dist.read_text("PKG-INFO") or ""
    fields = dict(line.split(": ", 1) for line in text.split("\n\n", 1)[0].splitlines() if ": " in line)
    return f"{fields.get('Name')}=={fields.get('Version')}".lower()


@cache
def environment_fingerprint() -> str:
    """Python's version and every installed distribution's version."""
    # A set: the same distribution can be seen twice, depending on sys.path
    # (this project's own egg-info in the working directory, for one).
    packages = sorted({_name_and_version(dist) for dist in metadata.distributions()})
    # The runner's own code, all of it: no hand-kept list of what shapes output.
    here = Path(__file__).parent
    runner_code = b"".join(
        path.relative_to(here).as_posix().encode() + b"\0" + path.read_bytes() for path in sorted(here.rglob("*.py"))
    )
    return sha256("\n".join([sys.version, *packages, sha256(runner_code)]).encode())


def load_entry(path: Path) -> dict | None:
    """The entry's payload, or None if it is missing, truncated or tampered with."""
    try:
        stored = json.loads(path.read_bytes())
        payload = stored["payload"]
        if stored["sha256"] != sha256(_canonical(payload)):
            return None
        return payload
    except (OSError, ValueError, KeyError, TypeError):
        return None


def save_entry(path: Path, payload: dict) -> None:
    stored = {"sha256": sha256(_canonical(payload)), "payload": payload}
    write_atomically(path, json.dumps(stored, indent=1).encode())


def _canonical(payload: dict) -> bytes:
    return json.dumps(payload, sort_keys=True).encode()
