"""The course's build machinery, one subpackage per concern: ``runner`` runs the
snippets and publishes what they print and draw, ``code_links`` links names in
code to their reference, ``printing`` makes the whole course one page and a PDF."""
