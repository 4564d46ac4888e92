"""Names in the course's Python examples, linked to their libraries' reference.

``resolve`` finds, from an example's own imports, each name that comes from a
library the course links to, under its public documented path, and gives the
address of its reference page for the installed version. ``highlight``
wraps those names in the highlighted HTML of a code block, as a
Python-Markdown extension, so that every builder that runs the site's
Markdown extensions (ProperDocs, MkDocs, Zensical) links them. ``usage``
lists, from the same resolution, where the course uses each tool. ``known``
keeps what resolving found, under the libraries' versions, so that a build
resolves (and imports a library for) only code it has not seen.

Nothing here runs snippets, so the snippet cache does not depend on it.
"""
