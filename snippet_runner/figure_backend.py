"""A non-interactive matplotlib backend whose ``show()`` saves figures.

Selected as ``rcParams["backend"] = "module://snippet_runner.figure_backend"``
in the process that runs a snippet, the way matplotlib-inline serves Jupyter;
``execute`` sets ``output_dir`` first.
"""

from __future__ import annotations

from pathlib import Path

import matplotlib
from matplotlib.backend_bases import FigureManagerBase
from matplotlib.backends.backend_agg import FigureCanvasAgg

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


def _rasterize_dense_collections(figure) -> None:
    from matplotlib.collections import Collection

    for artist in figure.findobj(Collection):
        if len(artist.get_offsets()) > _RASTERIZE_ABOVE_POINTS:
            artist.set_rasterized(True)


def save_open_figures() -> None:
    """Save every open figure as SVG, in the order they were created, and close them."""
    from matplotlib import pyplot

    for number in pyplot.get_fignums():
        figure = pyplot.figure(number)
        name = f"figure-{len(saved) + 1}.svg"
        _rasterize_dense_collections(figure)
        with matplotlib.rc_context(_SVG_RC):
            figure.savefig(output_dir / name, format="svg", dpi=_RASTER_DPI, metadata={"Date": None})
        saved.append({"file": name, "alt": figure.get_label().strip()})
        pyplot.close(figure)


def show(*args, **kwargs) -> None:
    save_open_figures()
