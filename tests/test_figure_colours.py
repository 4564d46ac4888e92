"""Figures for both colour schemes: every figure is drawn once for the light
scheme and once for the dark one, in data colours that readers with a common
colour-vision deficiency can still tell apart, on either background.

Deficiencies are simulated with colorspacious (Machado et al. 2009, at full
severity); distances are in CAM02-UCS, where about 1 is a just-noticeable
difference."""

from __future__ import annotations

import itertools
import re
import textwrap

import numpy as np
import pytest
from colorspacious import cspace_convert, deltaE
from matplotlib.colors import to_rgb

from course_build.runner.figure_backend import (
    DARK_BACKGROUND,
    DARK_PALETTE,
    DEFAULT_CYCLE,
    LIGHT_BACKGROUND,
    LIGHT_PALETTE,
    contrast,
)
from course_build.runner.schedule import Job, SnippetProcesses

VISION = ["normal", "deuteranomaly", "protanomaly", "tritanomaly"]
MIN_DISTANCE = 20
# WCAG 2.1, 1.4.11: graphical objects need 3:1 against what they sit on.
MIN_CONTRAST = 3.0
SCHEMES = {"light": (LIGHT_PALETTE, LIGHT_BACKGROUND), "dark": (DARK_PALETTE, DARK_BACKGROUND)}


def seen_with(colour: str, vision: str) -> np.ndarray:
    rgb = np.array(to_rgb(colour))
    if vision == "normal":
        return rgb
    simulated = cspace_convert(rgb, {"name": "sRGB1+CVD", "cvd_type": vision, "severity": 100}, "sRGB1")
    return np.clip(simulated, 0, 1)


def closest_pairs(palette: list[str]) -> list[str]:
    """Pairs of the palette closer than MIN_DISTANCE for some kind of vision."""
    close = []
    for vision in VISION:
        for (i, a), (j, b) in itertools.combinations(enumerate(palette), 2):
            distance = deltaE(seen_with(a, vision), seen_with(b, vision), input_space="sRGB1")
            if distance < MIN_DISTANCE:
                close.append(f"C{i} {a} and C{j} {b}: {distance:.1f} with {vision}")
    return close


@pytest.mark.parametrize("scheme", SCHEMES)
def test_data_colours_stay_apart_with_colour_vision_deficiencies(scheme):
    palette, _ = SCHEMES[scheme]
    close = closest_pairs(palette)
    assert not close, f"{scheme} palette: colours too alike (CAM02-UCS distance < {MIN_DISTANCE}):\n" + "\n".join(close)


def test_matplotlibs_default_colours_would_fail_this_check():
    """Why the figures do not keep matplotlib's colours: orange and green
    look alike with protanopia."""
    assert any("C1" in pair and "C2" in pair and "protanomaly" in pair for pair in closest_pairs(DEFAULT_CYCLE))


@pytest.mark.parametrize("scheme", SCHEMES)
def test_data_colours_stand_out_from_the_background(scheme):
    palette, background = SCHEMES[scheme]
    faint = [
        f"{colour}: {contrast(colour, background):.2f}:1"
        for colour in palette
        if contrast(colour, background) < MIN_CONTRAST
    ]
    assert not faint, f"{scheme} palette on {background}, under {MIN_CONTRAST}:1 contrast: {faint}"


SNIPPET = """\
import matplotlib.pyplot as plt

fig, ax = plt.subplots(label="Five lines in the default colours, and a black diagonal")
for n in range(5):
    ax.plot([0, 1], [n, n + 1], label=f"line {n}")
ax.plot([0, 1], [0, 5], color="black")
ax.set_title("title")
ax.legend()
plt.show()
"""


def fills_and_strokes(svg: str) -> set[str]:
    return set(re.findall(r"(?:fill|stroke): (#[0-9a-f]{6})", svg))


def test_each_figure_is_saved_for_both_schemes(tmp_path):
    """A real snippet run: the light SVG swaps in the light palette, the dark
    one draws on the page's dark background with light text and axes."""
    (tmp_path / "snippets").mkdir()
    (tmp_path / "snippets" / "lines.py").write_text(textwrap.dedent(SNIPPET))
    job = Job("lines.py", tmp_path / "snippets", tmp_path / "work", timeout=60)
    job.work.mkdir()
    with SnippetProcesses(fork=False) as processes:
        (finished,) = processes.run([job], workers=1)
    work = finished.job.work
    assert not (work / "stderr").read_text()
    light, dark = (work / "figure-1.svg").read_text(), (work / "figure-1-dark.svg").read_text()
    light_colours, dark_colours = fills_and_strokes(light), fills_and_strokes(dark)

    assert set(LIGHT_PALETTE) <= light_colours and not set(DEFAULT_CYCLE) & light_colours
    assert "#000000" in light_colours and "#ffffff" in light_colours  # black on white, as drawn

    assert set(DARK_PALETTE) <= dark_colours and not set(LIGHT_PALETTE) & dark_colours
    background = re.search(r'<g id="patch_1">\s*<path [^>]*style="fill: (#[0-9a-f]{6})"', dark).group(1)
    assert background == DARK_BACKGROUND
    assert "#000000" not in dark_colours and "#ffffff" not in dark_colours
    light_text = [c for c in dark_colours if contrast(c, DARK_BACKGROUND) >= 7]
    assert light_text, f"nothing in the dark figure reads well on its background: {sorted(dark_colours)}"
