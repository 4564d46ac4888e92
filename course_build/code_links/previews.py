"""The ``code-links`` MkDocs plugin: links names in the notebook previews'
code cells, as the Markdown extension (``highlight``) does in the pages.

mkdocs-jupyter renders the previews from the notebooks without Markdown, so
the extension never sees their code. Listed after the snippet runner's
plugin, whose finished preview HTML it reads. Only ProperDocs and MkDocs run
it, as only they make previews.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.plugins import BasePlugin

from course_build.code_links.highlight import NOTEBOOK_CELL, link_blocks, usage_href_from
from course_build.code_links.known import FOLDER, known_links


class CodeLinksPlugin(BasePlugin):
    def on_page_content(self, html, page, config, files):
        if not page.file.src_uri.endswith(".ipynb"):
            return html
        known = known_links(Path(config.config_file_path).parent / FOLDER)
        return link_blocks(html, NOTEBOOK_CELL, usage_href_from(page.file, files), known)
