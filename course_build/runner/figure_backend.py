"""A non-interactive matplotlib backend whose ``show()`` saves figures.

Selected as ``rcParams["backend"] = "module://course_build.runner.figure_backend"``
in the process that runs a snippet, the way matplotlib-inline serves Jupyter;
``execute`` sets ``output_dir`` first.

Each figure is saved twice from the one run: for the site's light scheme and
for its dark (slate) scheme. Both swap matplotlib's default colours (which
readers with a red-green colour-vision deficiency cannot tell apart: orange
and green come out alike) for a palette of the same hues chosen to stay apart
under each common deficiency; the dark one also turns the background dark and
text, axes and grid light.
"""

from __future__ import annotations

import colorsys
from pathlib import Path

import matplotlib
from matplotlib.backend_bases import FigureManagerBase
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.colors import to_hex, to_rgba

FigureCanvas = FigureCanvasAgg
FigureManager = FigureManagerBase

output_dir: Path | None = None  # the job's folder
saved: list[dict] = []

# A fixed salt and no date keep the SVG bytes identical from build to build.
_SVG_RC = {"svg.hashsalt": "imbalanced-classification-course", "svg.fonttype": "path"}
# Thousands of markers as SVG vectors weigh megabytes; above this many points
# a collection is drawn as an embedded bitmap instead (axes and text stay vector).
_RASTERIZE_ABOVE_POINTS = 500
_RASTER_DPI = 110

# The page backgrounds the figures sit on: white, and Material's slate
# (hsl(232, 15%, 14%)), which the dark figures take as their own background.
LIGHT_BACKGROUND = "#ffffff"
DARK_BACKGROUND = "#1e2029"
# Text, axes and lines drawn in black on the light figures become this.
DARK_FOREGROUND = "#e2e4e9"

# matplotlib's default cycle C0..C4 (also named tab:blue ... tab:purple), and
# what each becomes on each scheme: the same hue, so that alt texts naming a
# colour stay true. Chosen by a search over lightness and saturation so that
# every pair differs by a CAM02-UCS distance of 20 or more under normal vision,
# deuteranopia, protanopia and tritanopia, and each has 3:1 contrast with its
# background (tests/test_figure_colours.py checks both).
DEFAULT_CYCLE = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd"]
LIGHT_PALETTE = ["#1d3a63", "#c37822", "#288a7a", "#8e250b", "#9d26d9"]
DARK_PALETTE = ["#b0bee8", "#f4af71", "#288a70", "#e60900", "#bc3cdd"]
# Colours further along the cycle, and any other colour a snippet names, are
# kept, lightened on the dark scheme where they would fade into it.
_MIN_CONTRAST = 3.0


def relative_luminance(rgb) -> float:
    """WCAG relative luminance of an sRGB colour (channels 0..1)."""
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb[:3]]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a, b) -> float:
    """WCAG contrast ratio of two colours, from 1 to 21."""
    high, low = sorted((relative_luminance(to_rgba(a)), relative_luminance(to_rgba(b))), reverse=True)
    return (high + 0.05) / (low + 0.05)


def _light_colour(rgba: tuple) -> tuple:
    swap = dict(zip(DEFAULT_CYCLE, LIGHT_PALETTE, strict=False))
    return (*to_rgba(swap.get(to_hex(rgba), rgba))[:3], rgba[3])


def _dark_colour(rgba: tuple) -> tuple:
    """The colour to draw in place of ``rgba`` (as drawn on the light figure) on the dark one."""
    swap = dict(zip(LIGHT_PALETTE, DARK_PALETTE, strict=False))
    if to_hex(rgba) in swap:
        return (*to_rgba(swap[to_hex(rgba)])[:3], rgba[3])
    hue, lightness, saturation = colorsys.rgb_to_hls(*rgba[:3])
    if saturation < 0.15 or lightness in (0.0, 1.0):
        # Neutral: black and white trade places, greys mirror their lightness.
        if lightness > 0.95:
            return (*to_rgba(DARK_BACKGROUND)[:3], rgba[3])
        if lightness < 0.05:
            return (*to_rgba(DARK_FOREGROUND)[:3], rgba[3])
        return (*colorsys.hls_to_rgb(hue, 1 - lightness, saturation), rgba[3])
    while contrast(rgba, DARK_BACKGROUND) < _MIN_CONTRAST and lightness < 0.95:
        lightness += 0.05
        rgba = (*colorsys.hls_to_rgb(hue, lightness, saturation), rgba[3])
    return rgba


def _recolour(figure, change) -> None:
    """Apply ``change`` (rgba -> rgba) to every colour of the figure, except
    inside axes that show an image (a heatmap keeps its colour map, and its
    annotations the colours picked to read on it)."""
    from matplotlib.collections import Collection
    from matplotlib.image import AxesImage
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch
    from matplotlib.text import Text

    def each(colours):
        return [change(tuple(c)) for c in colours]

    def one(colour):
        if isinstance(colour, str) and colour in ("none", "auto"):
            return colour
        return change(to_rgba(colour))

    image_axes = {image.axes for image in figure.findobj(AxesImage)}
    for artist in figure.findobj():
        if isinstance(artist, Text):
            if artist.axes in image_axes and artist.get_transform() == artist.axes.transData:
                continue
            artist.set_color(one(artist.get_color()))
            if artist.get_bbox_patch() is not None:
                patch = artist.get_bbox_patch()
                patch.set_facecolor(one(patch.get_facecolor()))
                patch.set_edgecolor(one(patch.get_edgecolor()))
        elif isinstance(artist, Line2D):
            artist.set_color(one(artist.get_color()))
            artist.set_markerfacecolor(one(artist.get_markerfacecolor()))
            artist.set_markeredgecolor(one(artist.get_markeredgecolor()))
        elif isinstance(artist, Patch):
            artist.set_facecolor(one(artist.get_facecolor()))
            artist.set_edgecolor(one(artist.get_edgecolor()))
        elif isinstance(artist, Collection) and artist.get_array() is None:
            # (A collection coloured through a colour map keeps it.)
            artist.set_facecolor(each(artist.get_facecolor()))
            artist.set_edgecolor(each(artist.get_edgecolor()))
    for axes in figure.axes:
        # Ticks that appear at the next draw copy these, not the recoloured ones.
        for axis in (axes.xaxis, axes.yaxis):
            if axis.majorTicks:
                tick = axis.majorTicks[0]
                axis.set_tick_params(which="both", color=tick.tick1line.get_color(), labelcolor=tick.label1.get_color())


def _rasterize_dense_collections(figure) -> None:
    from matplotlib.collections import Collection

    for artist in figure.findobj(Collection):
        if len(artist.get_offsets()) > _RASTERIZE_ABOVE_POINTS:
            artist.set_rasterized(True)


def _save_svg(figure, path: Path) -> None:
    with matplotlib.rc_context(_SVG_RC):
        figure.savefig(path, format="svg", dpi=_RASTER_DPI, metadata={"Date": None})


def save_open_figures() -> None:
    """Save every open figure as two SVGs (light and dark scheme), in the
    order they were created, and close them."""
    from matplotlib import pyplot

    for number in pyplot.get_fignums():
        figure = pyplot.figure(number)
        light, dark = f"figure-{len(saved) + 1}.svg", f"figure-{len(saved) + 1}-dark.svg"
        _rasterize_dense_collections(figure)
        figure.canvas.draw()  # creates the ticks, so that they are recoloured too
        _recolour(figure, _light_colour)
        _save_svg(figure, output_dir / light)
        _recolour(figure, _dark_colour)
        _save_svg(figure, output_dir / dark)
        saved.append({"file": light, "dark_file": dark, "alt": figure.get_label().strip()})
        pyplot.close(figure)


def show(*args, **kwargs) -> None:
    save_open_figures()
