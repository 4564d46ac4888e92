"""Convert changed lesson notebooks into mkdocs-jupyter's previews in a second
process, while the builder renders the pages in its own.

mkdocs-jupyter converts a notebook when the builder reaches its page, one
after another in the builder's process, and keeps the result in its cache
folder under a key of the notebook's bytes and its options. The notebooks
come after every lesson page, so converting them here, on the other core,
from the moment the runner has written them, takes that time off the build:
mkdocs-jupyter then finds each one in its cache. The conversion is
mkdocs-jupyter's own (the same functions and options), so the preview is
the one it would have made; were its cache key ever to change, it would
simply convert the notebook itself again.
"""

from __future__ import annotations

import json
import multiprocessing
from multiprocessing.pool import AsyncResult, Pool
from pathlib import Path

from course_build.runner import cache

# The options mkdocs-jupyter passes to nb2html (plugin.py, on_pre_page).
NB2HTML_OPTIONS = (
    "kernel_name",
    "theme",
    "allow_errors",
    "show_input",
    "no_input",
    "no_prompt",
    "remove_tag_config",
    "highlight_extra_classes",
    "include_requirejs",
    "custom_mathjax_url",
)


def convert_into_cache(notebook: str, options: dict, toc_depth: int, cache_file: str) -> None:
    """What mkdocs-jupyter does on a cache miss, run in the second process."""
    from mkdocs_jupyter.plugin import _get_nb_toc_tokens, convert

    body = convert.nb2html(notebook, execute=False, **options)
    toc_tokens, title = _get_nb_toc_tokens(notebook, toc_depth)
    entry = {"content": body, "toc_tokens": toc_tokens, "title": title}
    cache.write_atomically(Path(cache_file), json.dumps(entry).encode("utf-8"))


def import_converter() -> None:
    """Load mkdocs-jupyter's converter (nbconvert and all) ahead of the first notebook."""
    from mkdocs_jupyter import convert, plugin  # noqa: F401


def converts(jupyter_options) -> bool:
    """Whether mkdocs-jupyter, with these options, converts from its cache."""
    return bool(jupyter_options["cache"]) and not jupyter_options["execute"]


class PreviewsAhead:
    """Conversions started for one build; ``wait`` before a preview's page is built."""

    def __init__(self) -> None:
        self._pool: Pool | None = None
        self._pending: dict[str, AsyncResult] = {}

    def _started(self) -> Pool:
        if self._pool is None:
            # Spawned, not forked: the builder's process may run threads (serve).
            self._pool = multiprocessing.get_context("spawn").Pool(1)
        return self._pool

    def warm_up(self, jupyter_options) -> None:
        """Start the second process now, and load the converter in it: when
        notebooks are about to change, while the builder waits for snippets."""
        if converts(jupyter_options):
            self._started().apply_async(import_converter)

    def start(self, notebooks: list[Path], jupyter_options) -> None:
        """Convert ``notebooks`` unless mkdocs-jupyter has them cached already.
        ``jupyter_options``: the mkdocs-jupyter plugin's configuration."""
        if not notebooks or not converts(jupyter_options):
            return
        from mkdocs_jupyter.plugin import _compute_cache_key, _get_cache_path

        options = {name: jupyter_options[name] for name in NB2HTML_OPTIONS}
        for notebook in notebooks:
            cache_file = _get_cache_path(
                jupyter_options["cache_dir"], _compute_cache_key(notebook, jupyter_options, False)
            )
            if cache_file.exists():
                continue
            self._pending[str(notebook.resolve())] = self._started().apply_async(
                convert_into_cache, (str(notebook), options, jupyter_options["toc_depth"], str(cache_file.resolve()))
            )

    def wait(self, notebook: Path) -> None:
        """Until ``notebook``'s conversion is in the cache; raises its error."""
        pending = self._pending.pop(str(notebook.resolve()), None)
        if pending is not None:
            pending.get()

    def close(self) -> None:
        """Stop the second process: at once if every conversion was waited for
        (a graceful exit takes a tenth of a second), else once the rest are
        done (a killed one could leave its temporary file behind)."""
        if self._pool is not None:
            self._pool.close()
            if not self._pending:
                self._pool.terminate()
            self._pool.join()
        self._pool, self._pending = None, {}
