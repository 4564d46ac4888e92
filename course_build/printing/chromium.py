"""The system's Chromium, driven by Playwright, and a local server for the
built site: used to print the course, and by the browser tests to read it.
Playwright's own browser downloads are not used (the build runs offline)."""

from __future__ import annotations

import functools
import http.server
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

# Debian's Chromium in a container: no sandbox, no GPU, and nothing that
# phones home, so every request comes from the page itself.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
INSTALL_HINT = "Chromium is not installed: `apt-get install chromium-headless-shell` (Debian)"


def chromium_executable() -> str | None:
    """The system's Chromium. Preferably its headless shell, the build
    Playwright itself runs headless pages in: the same Blink and V8 without
    the desktop browser around them, it takes about a third less CPU per
    page. Else the full browser."""
    return shutil.which("chromium-headless-shell") or shutil.which("chromium")


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        pass


@contextmanager
def serve(folder: Path) -> Iterator[str]:
    """Serve ``folder`` on 127.0.0.1 at a free port; yields the base URL (ends in /)."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, name="site-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def is_local(url: str, base: str) -> bool:
    """Whether loading ``url`` stays on the server at ``base`` (data: and blob: are in-page)."""
    scheme = urlsplit(url).scheme
    return scheme in ("data", "blob", "about") or urlsplit(url).netloc == urlsplit(base).netloc
