"""The whole course on one page, and a PDF of it printed by Chromium.

mkdocs-print-site-plugin combines the pages in the order of the navigation
into one print page; this package's plugin (``course-print``) gives that page
the figures drawn for the light scheme and the solutions unfolded, links the
home page to it, and prints it to a PDF with the system's Chromium when one
is installed. Only ProperDocs and MkDocs run it, as only they run plugins.
"""
