"""Formulas as MathML, converted when the site is built.

Browsers draw MathML natively, so pages need no math script or web font from
anywhere. Used as a ``pymdownx.superfences`` custom fence named ``math``.
"""

from latex2mathml.converter import convert


def math_fence(source: str, language: str, class_name: str, options: dict, md, **kwargs) -> str:
    # Focusable, so that keyboard users can scroll a formula wider than the screen.
    return (
        f'<div class="{class_name}" tabindex="0" role="region" aria-label="Formula">'
        f'{convert(source.strip(), display="block")}</div>'
    )
