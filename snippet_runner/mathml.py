"""Formulas as MathML, converted when the site is built.

Browsers draw MathML natively, so pages need no math script or web font from
anywhere. Used as a ``pymdownx.superfences`` custom fence named ``math``.
"""

from latex2mathml.converter import convert


def math_fence(source: str, language: str, class_name: str, options: dict, md, **kwargs) -> str:
    # Focusable, so that keyboard users can scroll a formula wider than the
    # screen; a region needs a name, and a name of its own on the page.
    number = md.formulas_on_page = getattr(md, "formulas_on_page", 0) + 1
    return (
        f'<div class="{class_name}" tabindex="0" role="region" aria-label="Formula {number}">'
        f'{convert(source.strip(), display="block")}</div>'
    )
