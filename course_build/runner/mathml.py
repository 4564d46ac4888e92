"""Formulas as MathML, converted when the site is built.

Browsers draw MathML natively, so pages need no math script or web font from
anywhere. Used as a ``pymdownx.superfences`` custom fence named ``math``, and
for the formulas in the notebook previews.
"""

from latex2mathml.converter import convert


def formula_html(latex: str, number: int, class_name: str = "math-block") -> str:
    """A display formula, the ``number``-th on its page. Focusable, so that
    keyboard users can scroll a formula wider than the screen; a region needs
    a name, and a name of its own on the page."""
    return (
        f'<div class="{class_name}" tabindex="0" role="region" aria-label="Formula {number}">'
        f"{convert(latex.strip(), display='block')}</div>"
    )


def math_fence(source: str, language: str, class_name: str, options: dict, md, **kwargs) -> str:
    # MkDocs makes a Markdown instance per page: the count starts again on each.
    number = md.formulas_on_page = getattr(md, "formulas_on_page", 0) + 1
    return formula_html(source, number, class_name)
