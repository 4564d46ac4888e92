"""Run the course's snippets and render what they print and draw.

Plain Python with no MkDocs dependency: ``python -m snippet_runner`` renders
every snippet into the cache, and ``mkdocs_hook.py`` is the thin adapter that
does the same at the start of each MkDocs build.
"""

# Set by the MkDocs hook at startup. It lives here because MkDocs re-executes
# the hook file on every rebuild of ``mkdocs serve``, forgetting its globals.
previewing = False
