"""One look for every figure: a colour-blind-safe palette and sizes readable on a projector.

The palette is Okabe and Ito's (2008), distinguishable under the common forms of
colour-vision deficiency. Every plotting function in :mod:`negotiation.plots`
takes its colours from :data:`PALETTE` and calls :func:`style_axes`.

References
----------
.. [OkabeIto2008] M. Okabe and K. Ito, "Color Universal Design (CUD): how to make
   figures and presentations that are friendly to colorblind people", 2008.
"""

from __future__ import annotations

from typing import Any

__all__ = ["FONT_SIZE", "PALETTE", "PLAYER_COLOURS", "SOLUTION_COLOURS", "new_figure", "style_axes"]

PALETTE: dict[str, str] = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "bluish_green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish_purple": "#CC79A7",
    "grey": "#999999",
}
"""Okabe-Ito colours by name."""

PLAYER_COLOURS: tuple[str, str] = (PALETTE["blue"], PALETTE["vermillion"])
"""Row player (Japan in the lessons) in blue, column player (the US) in vermillion."""

SOLUTION_COLOURS: dict[str, str] = {
    "nash": PALETTE["blue"],
    "kalai_smorodinsky": PALETTE["vermillion"],
    "egalitarian": PALETTE["bluish_green"],
    "utilitarian": PALETTE["reddish_purple"],
    "disagreement": PALETTE["black"],
    "equilibrium": PALETTE["orange"],
    "path": PALETTE["orange"],
}
"""Colours of solution concepts, the same in every figure."""

FONT_SIZE = 13
"""Base font size in points: readable from the back of a classroom."""


def new_figure(width: float = 7.0, height: float = 5.0) -> tuple[Any, Any]:
    """A new ``(Figure, Axes)`` pair not attached to pyplot (so nothing leaks between calls).

    Examples
    --------
    >>> fig, ax = new_figure()
    >>> fig.get_size_inches().tolist()
    [7.0, 5.0]
    """
    from matplotlib.figure import Figure

    fig = Figure(figsize=(width, height), layout="constrained")
    ax = fig.add_subplot()
    return fig, ax


def style_axes(ax: Any, xlabel: str, ylabel: str, title: str = "") -> None:
    """Label both axes (with units: callers pass them in the label) and set readable sizes."""
    ax.set_xlabel(xlabel, fontsize=FONT_SIZE)
    ax.set_ylabel(ylabel, fontsize=FONT_SIZE)
    if title:
        ax.set_title(title, fontsize=FONT_SIZE + 1)
    ax.tick_params(labelsize=FONT_SIZE - 2)
    ax.grid(True, alpha=0.3)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
