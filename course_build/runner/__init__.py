"""Run the course's snippets and render what they print and draw.

Plain Python with no MkDocs dependency: ``python -m course_build.runner`` renders
every snippet into the cache, and ``mkdocs_plugin.py`` is the thin adapter
that does the same at the start of each MkDocs build.
"""
