"""The MkDocs adapter: render snippets before each build and publish their
figures and downloads into docs/ (publish.py), where the build finds them.

Registered as the ``snippet-runner`` plugin (an entry point in pyproject.toml).
Everything else is plain Python in this package; only arguments and return
values pass between the two. Pages include a snippet's code and its rendered
output with stock ``pymdownx.snippets`` lines.
"""

from __future__ import annotations

import logging
import os
import re
from pathlib import Path

from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from watchdog.events import FileSystemEvent, FileSystemEventHandler

from course_build.runner.notebook_preview import PreviewMismatch, finish_preview, match_contents_to_headings
from course_build.runner.notebooks import is_lesson
from course_build.runner.preview_cache import PreviewsAhead
from course_build.runner.publish import NOTEBOOKS_FOLDER, is_published, publish
from course_build.runner.rebuilds import PageRenders, SearchEntries, surroundings
from course_build.runner.render import Rendering, SnippetFailure, refuse
from course_build.runner.schedule import SnippetProcesses
from course_build.runner.settings import Settings, load_settings

log = logging.getLogger("mkdocs.plugins.course_build.runner")


def _settings(config) -> Settings:
    return load_settings(Path(config.config_file_path).parent)


def _is_preview(page) -> bool:
    """Whether ``page`` is mkdocs-jupyter's preview of a lesson notebook."""
    return page.file.src_uri.startswith(f"{NOTEBOOKS_FOLDER}/")


class _PassTo(logging.Handler):
    """Hands each record to ``logger``, which passes it on to its ancestors' handlers."""

    def __init__(self, logger: logging.Logger):
        super().__init__()
        self.logger = logger

    def emit(self, record: logging.LogRecord) -> None:
        self.logger.handle(record)


class _SkipPublished(FileSystemEventHandler):
    """Hands ``handler`` the events below ``docs_dir`` but those of the files
    that ``publish`` writes there."""

    def __init__(self, handler: FileSystemEventHandler, docs_dir: str):
        super().__init__()
        self.handler, self.docs_dir = handler, docs_dir

    def dispatch(self, event: FileSystemEvent) -> None:
        paths = [os.fsdecode(p) for p in (event.src_path, event.dest_path) if p]
        if not all(is_published(Path(os.path.relpath(p, self.docs_dir))) for p in paths):
            self.handler.dispatch(event)


def _watch_all_but_published(server, docs_dir: str) -> None:
    """Make ``server`` rebuild on a change below ``docs_dir``, but not on the
    files each build publishes there: watched like the rest, they started a
    second, needless rebuild after every rebuild that published something (a
    snippet's copy, its figures, its lesson's notebook). The builder already
    watches the folder; this watches it again through the filter (only the
    handler a watch hands its observer is ours: no private attribute used)."""
    docs_dir = os.path.abspath(docs_dir)
    server.unwatch(docs_dir)
    schedule = server.observer.schedule
    server.observer.schedule = lambda handler, path, **options: schedule(
        _SkipPublished(handler, docs_dir), path, **options
    )
    try:
        server.watch(docs_dir)
    finally:
        del server.observer.schedule


class SnippetRunnerConfig(Config):
    # false: publish what the cache holds without running or checking
    # anything (the benchmark measures the floor of a build with it).
    execute = config_options.Type(bool, default=True)


class SnippetRunnerPlugin(BasePlugin[SnippetRunnerConfig]):
    # MkDocs keeps a plugin that has on_startup for all rebuilds of ``mkdocs
    # serve``: it owns the snippets' processes (and their forkserver) until shutdown.
    def __init__(self) -> None:
        super().__init__()
        self.previewing = False
        self.processes = SnippetProcesses()
        self.rendering: Rendering | None = None
        self.previews = PreviewsAhead()
        # What a build reuses from the last one (rebuilds.py), made once the
        # configuration says where the cache is, and kept for serve's rebuilds.
        self.page_renders: PageRenders | None = None
        self.search_entries: SearchEntries | None = None
        self.surroundings = ""

    def load_config(self, options, config_file_path=None):
        """The builder loads each plugin's options in turn, well before the
        first event of a build: start running what changed now, on the other
        cores, while it loads the rest (on_config waits for the results)."""
        errors, warnings = super().load_config(options, config_file_path)
        if self.rendering is not None:  # started for a configuration that then failed to load
            self.rendering.stop()
            self.rendering = None
        if not errors and self.config.execute and config_file_path:
            self._start_rendering(Path(config_file_path).parent)
        return errors, warnings

    def _start_rendering(self, root: Path) -> None:
        # Let the runner's progress lines through the builder's own log handler
        # (ProperDocs keeps it on its "properdocs" logger, MkDocs on "mkdocs").
        runner_log = logging.getLogger("course_build.runner")
        runner_log.setLevel(logging.INFO)
        runner_log.handlers = [_PassTo(log)]
        runner_log.propagate = False
        self.rendering = Rendering(load_settings(root), self.processes)

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # While previewing, a failing snippet shows its error on the page
        # instead of stopping the server.
        self.previewing = command == "serve"

    def on_shutdown(self) -> None:
        if self.rendering is not None:
            self.rendering.stop()
        self.processes.close()
        self.previews.close()

    def on_config(self, config):
        # Before MkDocs lists the files of docs/, which then include these.
        settings = _settings(config)
        if self.page_renders is None:
            self.page_renders = PageRenders(settings.cache_dir / "page-renders")
            self.search_entries = SearchEntries(settings.cache_dir / "search-entries")
        if not self.config.execute:
            publish(settings, Path(config.docs_dir))
            return config
        if self.rendering is None:
            self._start_rendering(settings.root)
        rendering, self.rendering = self.rendering, None
        jupyter = config.plugins.get("mkdocs-jupyter")
        if jupyter is not None and rendering.running():
            # Snippets still run, so notebooks will change: load their converter
            # meanwhile, on a core this process leaves idle while it waits.
            self.previews.warm_up(jupyter.config)
        report = rendering.result()
        try:
            if report.failures and not self.previewing:
                refuse(settings, report)
        except SnippetFailure as failure:
            log.info(failure.report.timing_table())
            raise PluginError(str(failure)) from None
        log.info(report.timing_table())
        for stale in report.stale_records:
            # Logged here, in the build's own thread and at each build (cached
            # output or not), so that a strict build fails on it every time;
            # a preview shows it without stopping (strict mode would abort it).
            if self.previewing:
                log.info(f"WARNING (the build fails on this): {stale}")
            else:
                log.warning(stale)
        for outcome in report.failures:
            # Only reached while previewing. Logged as info: strict mode would
            # abort the rebuild on an error, and the page already shows it.
            log.info(f"snippet failed, see its page: {outcome.error}")
        publish(settings, Path(config.docs_dir))
        if jupyter is not None:
            notebooks = sorted((Path(config.docs_dir) / NOTEBOOKS_FOLDER).glob("*.ipynb"))
            self.previews.start(notebooks, jupyter.config)
        return config

    def on_files(self, files, config):
        self.surroundings = surroundings(config, files)
        search = config.plugins.get("material/search")
        if getattr(search, "search_index", None) is not None:
            self.search_entries.reuse_in(search.search_index, self.surroundings)
        return files

    def on_post_build(self, config):
        self.page_renders.forget_unused()
        self.search_entries.forget_unused()
        # A preview keeps the converter's process, with nbconvert loaded, for
        # its next rebuild: starting it again cost more than a second of CPU.
        if not self.previewing:
            self.previews.close()

    def on_build_error(self, error):
        self.previews.close()

    def on_pre_page(self, page, config, files):
        if not _is_preview(page):
            self.page_renders.reuse_or_render(page, config, self.surroundings)
            return page
        self.previews.wait(Path(page.file.abs_src_path))
        # A notebook is made from a lesson, so "Edit this page" on its preview
        # edits the lesson. (mkdocs-jupyter wraps the File, so its edit_uri can't.)
        if config.edit_uri:
            lesson = page.file.src_uri.removeprefix(f"{NOTEBOOKS_FOLDER}/").removesuffix(".ipynb") + ".md"
            page.edit_url = config.edit_uri + lesson
        return page

    def on_page_content(self, html, page, config, files):
        if not _is_preview(page):
            return html
        # Search lists the lesson, not also its preview: the same text twice,
        # which would make up more than half of the search index.
        page.meta["search"] = {"exclude": True}
        try:
            match_contents_to_headings(page.toc, html)
            return finish_preview(html, Path(page.file.abs_src_path))
        except PreviewMismatch as error:
            raise PluginError(f"{page.file.src_uri}: {error}") from None

    def on_page_markdown(self, markdown, page, config, files):
        """Describe each page for link previews, and offer each lesson as a
        notebook right under its title."""
        goal = re.search(r"^\*\*Goal:\*\*\s+(.+?)(?:\n\n|\Z)", markdown, re.M | re.S)
        if goal and "description" not in page.meta:
            text = " ".join(goal.group(1).replace("`", "").replace("*", "").split())
            page.meta["description"] = text[:1].upper() + text[1:]
        if _is_preview(page) or not is_lesson(page.file.src_uri, markdown):
            return markdown
        stem = page.file.src_uri.removesuffix(".md")
        # mkdocs-jupyter publishes the notebook's preview at notebooks/<stem>/ and
        # copies the file itself beside it.
        to_root = "../" * page.url.count("/")
        link = (
            f'<p class="lesson-notebook">Run this lesson yourself: <a href="{to_root}notebooks/{stem}/{stem}.ipynb"'
            f" download>download it as a Jupyter notebook</a>, with the outputs shown here"
            f' (<a href="{to_root}notebooks/{stem}/">preview</a>).</p>'
        )
        title, _, rest = markdown.partition("\n")
        return f"{title}\n\n{link}\n{rest}"

    def on_serve(self, server, config, builder):
        server.watch(str(_settings(config).snippets_dir))
        _watch_all_but_published(server, config.docs_dir)
        return server
