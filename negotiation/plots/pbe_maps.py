"""A map of which perfect Bayesian equilibria exist as two parameters move.

Each region of the plane has the same set of equilibria (from
:func:`negotiation.information.pbe_map`): pooling, separating and semi-separating ones,
each with the receiver's answers. The regions are numbered on the map and listed
below it by the kinds of equilibria they hold; a set that exists only on a line (a
boundary, where the game is degenerate) is drawn in grey. The full description of
region ``k`` is ``result.legend[...]`` (see :func:`region_descriptions`).
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING, Any

import numpy as np

from .maps import _LIGHTEN, REGION_COLOURS, TIE_COLOUR, _rgb
from .style import FONT_SIZE, PALETTE, new_figure, style_axes

if TYPE_CHECKING:  # imported lazily at run time, so `negotiation.plots` does not load sympy
    from ..information.regimes import PBEMap

__all__ = ["plot_pbe_map", "region_descriptions"]

_KIND_ORDER = ("pooling", "separating", "semi-separating", "other")


def region_descriptions(result: PBEMap) -> list[tuple[int, str, str]]:
    """``(legend index, kinds in short, every equilibrium in words)`` for each set of equilibria.

    In order of first appearance on the grid; the short form counts the kinds, such as
    ``"2 pooling, 1 semi-separating"``.

    Examples
    --------
    >>> import sympy
    >>> from fractions import Fraction
    >>> from negotiation.information import pbe_map
    >>> from negotiation.information.examples import hint_game
    >>> from negotiation.symbolic import Parameter
    >>> p = Parameter("p", 0.5, Fraction(1, 10), Fraction(9, 10), description="prior resolved")
    >>> c = Parameter("c", 1, 0, 4, description="cost of a hint to a bluffer")
    >>> m = pbe_map(hint_game(p.symbol, c.symbol), p, c, resolution=21)
    >>> region_descriptions(m)[m.labels[5, 2]][1]  # p = 0.18, c = 1
    '1 pooling, 1 semi-separating'
    """
    _check(result)
    out = []
    for k, text in enumerate(result.legend):
        members = np.nonzero(_members(result, k))[0]
        kinds = Counter(result.regimes[r].kind for r in members)
        short = ", ".join(f"{kinds[kind]} {kind}" for kind in _KIND_ORDER if kinds[kind])
        out.append((k, short or "no equilibrium found", text))
    return out


def plot_pbe_map(result: PBEMap, current: Any = None, ax: Any = None) -> Any:
    """Draw a map of perfect Bayesian equilibria: numbered regions, a legend, the current point.

    Parameters
    ----------
    result : PBEMap
        From :func:`negotiation.information.pbe_map`.
    current : (x, y), optional
        A point to mark, in the units of the axes.
    ax : matplotlib Axes, optional
        Draw into these axes; by default a new figure.

    Returns
    -------
    matplotlib.figure.Figure

    Raises
    ------
    TypeError
        If ``result`` is not a PBEMap.
    ValueError
        If ``current`` is not a pair of numbers inside the map's ranges.

    Examples
    --------
    >>> from fractions import Fraction
    >>> from negotiation.information import pbe_map
    >>> from negotiation.information.examples import hint_game
    >>> from negotiation.symbolic import Parameter
    >>> p = Parameter("p", 0.5, Fraction(1, 10), Fraction(9, 10), description="prior resolved")
    >>> c = Parameter("c", 1, 0, 4, description="cost of a hint to a bluffer")
    >>> fig = plot_pbe_map(pbe_map(hint_game(p.symbol, c.symbol), p, c, resolution=41), current=(0.3, 1))
    >>> fig.axes[0].get_xlabel()
    'prior resolved'
    """
    _check(result)
    if ax is None:
        fig, ax = new_figure(7.5, 6.5)
    else:
        fig = ax.figure
    described = region_descriptions(result)
    lines = {k for k in range(len(result.legend)) if _only_on_lines(result, k)}
    colours = {}
    regions = [k for k in range(len(result.legend)) if k not in lines]
    for n, k in enumerate(regions):
        colours[k] = _rgb(REGION_COLOURS[n % len(REGION_COLOURS)], _LIGHTEN)
    for k in lines:
        colours[k] = _rgb(TIE_COLOUR)
    image = np.array([colours[k] for k in range(len(result.legend))])[result.labels]
    extent = (result.xs[0], result.xs[-1], result.ys[0], result.ys[-1])
    ax.imshow(image, origin="lower", extent=extent, aspect="auto", interpolation="nearest")
    from matplotlib.patches import Patch

    handles = []
    for number, k in enumerate(regions, start=1):
        i, j = _inside_point(result.labels == k)
        ax.text(
            result.xs[j],
            result.ys[i],
            str(number),
            ha="center",
            va="center",
            fontsize=FONT_SIZE,
            fontweight="bold",
            bbox={"boxstyle": "circle,pad=0.2", "fc": "white", "ec": PALETTE["black"], "lw": 0.8},
        )
        handles.append(Patch(color=colours[k], label=f"{number}: {described[k][1]}"))
    if lines:
        handles.append(Patch(color=_rgb(TIE_COLOUR), label="on a line only (a boundary)"))
    if current is not None:
        x, y = _point(result, current)
        ax.plot([x], [y], marker="o", ms=10, mfc=PALETTE["black"], mec="white", mew=1.5, zorder=5)
    xlabel = result.x.description or result.x.name
    ylabel = result.y.description or result.y.name
    style_axes(ax, xlabel, ylabel, "Which perfect Bayesian equilibria exist")
    ax.grid(False)
    ax.legend(
        handles=handles,
        loc="upper center",
        bbox_to_anchor=(0.5, -0.13),
        ncol=1 if len(handles) > 4 else 2,
        fontsize=FONT_SIZE - 2,
        frameon=False,
    )
    return fig


def _check(result: Any) -> None:
    from ..information.regimes import PBEMap

    if not isinstance(result, PBEMap):
        raise TypeError(
            f"expected a PBEMap from negotiation.information.pbe_map, got {type(result).__name__}"
        )


def _members(result: PBEMap, k: int) -> Any:
    """Which regimes exist in the set of equilibria ``k``."""
    where = np.argwhere(result.labels == k)
    if not len(where):
        return np.zeros(len(result.regimes), dtype=bool)
    i, j = where[0]
    return result.exists[:, i, j]


def _only_on_lines(result: PBEMap, k: int) -> bool:
    """A set of equilibria found only at points decided exactly (on boundaries)."""
    inside = result.labels == k
    return bool(inside.any() and result.exact[inside].all())


def _inside_point(mask: Any) -> tuple[int, int]:
    """A point of the region far from its edge (the most interior pixel)."""
    depth = mask.astype(int)
    layer = mask.copy()
    while layer.any():
        shrunk = layer.copy()
        shrunk[1:, :] &= layer[:-1, :]
        shrunk[:-1, :] &= layer[1:, :]
        shrunk[:, 1:] &= layer[:, :-1]
        shrunk[:, :-1] &= layer[:, 1:]
        shrunk[0, :] = shrunk[-1, :] = False
        shrunk[:, 0] = shrunk[:, -1] = False
        depth += shrunk
        layer = shrunk
    i, j = np.unravel_index(int(np.argmax(depth)), depth.shape)
    return int(i), int(j)


def _point(result: PBEMap, current: Any) -> tuple[float, float]:
    try:
        x, y = (float(v) for v in current)
    except (TypeError, ValueError):
        raise ValueError(f"current must be a pair of numbers (x, y), got {current!r}") from None
    if not (result.xs[0] <= x <= result.xs[-1] and result.ys[0] <= y <= result.ys[-1]):
        raise ValueError(
            f"current point ({x:g}, {y:g}) is outside the map: {result.x.name} from "
            f"{result.xs[0]:g} to {result.xs[-1]:g}, {result.y.name} from {result.ys[0]:g} to "
            f"{result.ys[-1]:g}"
        )
    return x, y
