"""The MkDocs adapter: render snippets before each build and publish their figures.

Everything else is in plain Python in this package. Pages include a snippet's
code and its rendered output with stock ``pymdownx.snippets`` lines.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

import snippet_runner
from snippet_runner.render import SnippetFailure, published_files, render_all
from snippet_runner.settings import load_settings

log = logging.getLogger("mkdocs.hooks.snippet_runner")


def _settings(config):
    return load_settings(Path(config.config_file_path).parent)


def on_startup(command: str, dirty: bool) -> None:
    # While previewing, a failing snippet shows its error on the page instead
    # of stopping the server.
    snippet_runner.previewing = command == "serve"


def on_config(config):
    if os.environ.get("SNIPPET_RUNNER_SKIP") == "1":
        # Publish what the cache holds without checking it: only the
        # benchmark uses this, to measure the floor of a build.
        return config
    # Let the runner's progress lines through MkDocs' own log handler.
    runner_log = logging.getLogger("snippet_runner")
    runner_log.setLevel(logging.INFO)
    runner_log.handlers = logging.getLogger("mkdocs").handlers
    runner_log.propagate = False
    try:
        report = render_all(_settings(config), keep_going=snippet_runner.previewing)
    except SnippetFailure as failure:
        raise PluginError(str(failure)) from None
    log.info(report.timing_table())
    for outcome in report.failures:
        # Only reached while previewing. Logged as info: strict mode would
        # abort the rebuild on an error, and the page already shows it.
        log.info(f"snippet failed, see its page: {outcome.error}")
    return config


def on_files(files, config):
    for site_path, path in published_files(_settings(config)):
        files.append(File.generated(config, site_path, abs_src_path=str(path)))
    return files


def on_serve(server, config, builder):
    server.watch(str(_settings(config).snippets_dir))
    return server
