"""How patient must each side be for a punishment clause to keep a deal? A picture.

A side keeps a deal when its one-period gain from cheating, ``T - R``, is at most
what it loses over the ``k`` periods of punishment that follow, each worth
``R - P`` less than cooperating, discounted by ``delta`` per period:

.. math:: T - R \\le (R - P)\\,(\\delta + \\delta^2 + \\dots + \\delta^k)

(Friedman 1971; see :mod:`negotiation.repeated`). The smallest such ``delta`` is
each side's *critical discount factor*; it falls as the punishment gets longer,
towards the grim-trigger value ``(T - R) / (T - P)``, and a punishment shorter than
``(T - R) / (R - P)`` periods deters nobody. :func:`plot_critical_discount` draws
both sides' critical discount factors against the length of the punishment, the
region where the deal is self-enforcing, and the current point.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import numpy.typing as npt

from ._live import LiveArtists, marker_entry, player_colours
from .style import PALETTE, style_axes

_REGION = "#D1EEE6"

__all__ = ["PatienceArtists", "critical_curve", "draw_critical_discount", "plot_critical_discount"]


def critical_curve(gain: float, loss: float, periods: Any) -> npt.NDArray[np.float64]:
    """The critical discount factor for punishments of each length in ``periods`` (NaN: none).

    The root in ``(0, 1)`` of ``loss * (d + ... + d**k) = gain``, by bisection for all
    lengths at once (exact values are in :func:`negotiation.repeated.critical_delta`).

    Examples
    --------
    >>> critical_curve(2, 2, [1, 2, 3]).round(4).tolist()  # T, R, P = 5, 3, 1
    [nan, 0.618, 0.5437]
    >>> critical_curve(3, 2, [1]).tolist(), critical_curve(0, 2, [1]).tolist()
    ([nan], [0.0])
    """
    k = np.asarray(periods, dtype=float)
    if k.ndim != 1 or not np.all(k >= 1) or not np.all(k == np.round(k)):
        raise ValueError(f"periods must be whole numbers of periods >= 1, got {periods!r}")
    g, lo = float(gain), float(loss)
    if not (np.isfinite(g) and np.isfinite(lo)):
        raise ValueError(f"gain and loss must be finite, got {gain!r} and {loss!r}")
    if g <= 0:
        return np.zeros_like(k)
    if lo <= 0:
        return np.full_like(k, np.nan)
    a, b = np.zeros_like(k), np.ones_like(k)
    for _ in range(44):  # to 1e-13; mid stays below 1
        mid = (a + b) / 2
        total = lo * mid * (1 - mid**k) / (1 - mid)
        below = total < g
        a = np.where(below, mid, a)
        b = np.where(below, b, mid)
    out: npt.NDArray[np.float64] = (a + b) / 2
    out[k * lo <= g] = np.nan  # too short to deter at any delta below 1
    return out


def _incentives(check: Any) -> list[tuple[str, float, float]]:
    from ..repeated import CooperationCheck

    if not isinstance(check, CooperationCheck):
        raise TypeError(
            f"check must be a CooperationCheck from critical_discount_factor, got "
            f"{type(check).__name__}"
        )
    return [(i.player, float(i.gain), float(i.loss)) for i in check.incentives]


class PatienceArtists(LiveArtists):
    """The parts of a drawn critical-discount-factor plot, for cheap updates.

    Attributes
    ----------
    figure, ax
    curves : list of Line2D
        Each side's critical discount factor by punishment length (``get_data()``).
    grim : list of Line2D
        Each side's grim-trigger value (a horizontal dashed line).
    region : Polygon
        Where both sides keep the deal.
    current : Line2D
        The current (punishment length, discount factor).
    """

    def __init__(
        self, check: Any, ax: Any, max_periods: int, period: str, legend: bool = True
    ) -> None:
        from matplotlib.collections import LineCollection
        from matplotlib.lines import Line2D
        from matplotlib.patches import Patch, Polygon
        from matplotlib.ticker import MaxNLocator

        ax = self._open(ax, legend, (10.2, 5.4), (7.0, 5.0))
        self.periods = np.arange(1, max_periods + 1, dtype=float)
        players = tuple(i.player for i in check.incentives)
        self.players = players
        colours = player_colours(players)
        # an opaque tint (18% green on white) is much faster to fill than a transparent one;
        # the grid is drawn over it
        self.region = Polygon([[0, 0]], closed=True, facecolor=_REGION, edgecolor="none", zorder=1)
        ax.add_patch(self.region)
        self.curves, self.grim = [], []
        for k, colour in enumerate(colours):
            (grim,) = ax.plot([], [], color=colour, lw=1.6, ls=(0, (5, 3)), zorder=2)
            (curve,) = ax.plot(
                [], [], color=colour, lw=3, marker="o" if k == 0 else "s", ms=4, zorder=3
            )
            self.grim.append(grim)
            self.curves.append(curve)
        (self.current,) = ax.plot(
            [],
            [],
            ls="none",
            marker="o",
            ms=16,
            color=PALETTE["black"],
            mec="white",
            mew=2.5,
            zorder=6,
        )
        ax.set_xlim(0, max_periods + 1)
        ax.set_ylim(0, 1.02)
        style_axes(
            ax,
            f"Length of the punishment ({period})",
            f"Discount factor δ (per {period.rstrip('s')})",
            "How patient must each side be to keep the deal?",
        )
        ax.grid(False)
        xs = MaxNLocator(8, steps=[1, 2, 5, 10], integer=True).tick_values(0, max_periods + 1)
        xs = [float(x) for x in xs if 0 <= x <= max_periods + 1]
        ys = [0.0, 0.2, 0.4, 0.6, 0.8, 1.0]
        ax.set_xticks(xs)
        ax.set_yticks(ys)
        self.grid = LineCollection(
            [[(x, 0), (x, 1.02)] for x in xs] + [[(0, y), (max_periods + 1, y)] for y in ys],
            colors="#b0b0b0",
            linewidths=0.8,
            alpha=0.45,
            zorder=1.5,
        )
        ax.add_collection(self.grid, autolim=False)
        handles = [
            *(
                Line2D(
                    [],
                    [],
                    color=colours[k],
                    lw=3,
                    marker="o" if k == 0 else "s",
                    ms=5,
                    label=f"{players[k]}: least δ to keep the deal",
                )
                for k in (0, 1)
            ),
            *(
                Line2D(
                    [],
                    [],
                    color=colours[k],
                    lw=1.6,
                    ls=(0, (5, 3)),
                    label=f"{players[k]}: with punishment forever",
                )
                for k in (0, 1)
            ),
            Patch(facecolor=_REGION, label="the deal is self-enforcing"),
            marker_entry(
                "o",
                13,
                PALETTE["black"],
                "now (your sliders)",
            ),
        ]
        self._set_legend(handles, legend)

    def update(self, check: Any, delta: Any = None, periods: Any = None) -> bool:
        """Show a new cooperation check (same players) and current point; returns ``False``."""
        incentives = _incentives(check)
        if tuple(name for name, _, _ in incentives) != self.players:
            raise ValueError("the new check has other players; draw a new figure")
        ks = self.periods
        tops = []
        for (_, gain, loss), curve, grim in zip(incentives, self.curves, self.grim, strict=True):
            values = critical_curve(gain, loss, ks)
            curve.set_data(ks, values)
            tops.append(np.where(np.isnan(values), 1.02, values))
            if gain <= 0:
                level = 0.0
            elif loss <= 0:
                level = np.nan
            else:
                level = gain / (gain + loss)
            grim.set_data([ks[0] - 1, ks[-1] + 1], [level, level])
            grim.set_visible(bool(np.isfinite(level)))
        top = np.minimum(np.maximum(*tops), 1.0)
        edge = list(zip(ks.tolist(), top.tolist(), strict=True))
        self.region.set_xy([(ks[0], 1.0), *edge, (ks[-1], 1.0)])
        if delta is None or periods is None:
            self.current.set_visible(False)
        else:
            self.current.set_visible(True)
            self.current.set_data([float(periods)], [float(delta)])
        return False

    def dynamic_artists(self) -> list[Any]:
        return [self.region, self.grid, *self.grim, *self.curves, self.current]


def draw_critical_discount(
    check: Any,
    ax: Any = None,
    *,
    delta: Any = None,
    periods: Any = None,
    max_periods: int = 40,
    period: str = "quarters",
    legend: bool = True,
) -> PatienceArtists:
    """Draw each side's critical discount factor against the punishment length; return the artists.

    Parameters are as for :func:`plot_critical_discount`.

    Examples
    --------
    >>> from negotiation import BimatrixGame
    >>> from negotiation.repeated import critical_discount_factor
    >>> pd = BimatrixGame([[3, 0], [5, 1]], [[3, 5], [0, 1]], players=("US", "Japan"),
    ...                   row_labels=("C", "D"), col_labels=("C", "D"))
    >>> artists = draw_critical_discount(critical_discount_factor(pd, ("C", "C")),
    ...                                  delta=0.9, periods=4, max_periods=5)
    >>> artists.curves[0].get_data()[1].round(3).tolist()
    [nan, 0.618, 0.544, 0.519, 0.509]
    """
    if isinstance(max_periods, bool) or not isinstance(max_periods, int) or max_periods < 1:
        raise ValueError(f"max_periods must be a positive integer, got {max_periods!r}")
    if not isinstance(period, str) or not period:
        raise TypeError(f"period must be a non-empty string such as 'quarters', got {period!r}")
    _incentives(check)
    artists = PatienceArtists(check, ax, max_periods, period, legend)
    artists.update(check, delta, periods)
    return artists


def plot_critical_discount(
    check: Any,
    ax: Any = None,
    *,
    delta: Any = None,
    periods: Any = None,
    max_periods: int = 40,
    period: str = "quarters",
) -> Any:
    """Each side's critical discount factor against the length of the punishment.

    Parameters
    ----------
    check : CooperationCheck
        From :func:`negotiation.repeated.critical_discount_factor` (any ``periods``):
        its temptations, rewards and punishments give the curves for every length.
    ax : matplotlib Axes, optional
    delta, periods : number, optional
        The current discount factor and punishment length, marked with a dot.
    max_periods : int
        The longest punishment on the horizontal axis.
    period : str
        The unit of time ("quarters").

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> from negotiation.models import MODELS
    >>> analysis = MODELS["deal_compliance"].analyse()
    >>> fig = plot_critical_discount(analysis.result, delta=0.98, periods=4)
    >>> fig.axes[0].get_xlabel()
    'Length of the punishment (quarters)'
    """
    return draw_critical_discount(
        check, ax, delta=delta, periods=periods, max_periods=max_periods, period=period
    ).figure
