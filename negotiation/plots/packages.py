"""Package deals in utility space: what linking issues adds (Raiffa 1982; Sebenius 1983).

:func:`plot_packages` draws every package of a
:class:`~negotiation.bargaining.linkage.LinkedNegotiation` as a point (each side's weighted
utility), the Pareto frontier of packages, the status quo, the outcome of settling
each issue on its own and the Nash package; an arrow from the issue-by-issue point
to the Nash package is the gain from linkage. When the two sides weigh the issues
differently, the arrow points up and to the right: each concedes on what matters
less to it (logrolling).

References
----------
.. [Raiffa1982] H. Raiffa, *The Art and Science of Negotiation*, Harvard University
   Press, 1982.
.. [Sebenius1983] J. K. Sebenius, "Negotiation arithmetic: adding and subtracting
   issues and parties", *International Organization* 37(2), 281-316, 1983.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ._live import LiveArtists, LiveTicks, ViewLimits, marker_entry
from .style import PALETTE, SOLUTION_COLOURS, style_axes

__all__ = ["PackagesArtists", "draw_packages", "plot_packages"]

_SEPARATE = PALETTE["vermillion"]
_LINKED = SOLUTION_COLOURS["nash"]


class PackagesArtists(LiveArtists):
    """The parts of a drawn package plot, for cheap updates.

    Attributes
    ----------
    figure, ax
    packages : Line2D
        Every package (``get_data()`` gives the utilities).
    frontier : Line2D
        The Pareto frontier of packages.
    status_quo, separate, linked : Line2D
        The status quo, the issue-by-issue outcome and the Nash package.
    arrow : matplotlib.quiver.Quiver
        From the issue-by-issue outcome towards the Nash package: the gain from linkage
        (``gain_arrow`` holds its two ends).
    """

    def __init__(self, negotiation: Any, ax: Any, units: str, legend: bool = True) -> None:
        from matplotlib.lines import Line2D

        ax = self._open(ax, legend, (10.2, 5.8), (7.0, 5.6))
        self.xview, self.yview = ViewLimits(), ViewLimits()
        self.players = tuple(negotiation.players)
        (self.packages,) = ax.plot(
            [], [], ls="none", marker="o", ms=4.5, color=PALETTE["grey"], alpha=0.6, zorder=2
        )
        (self.frontier,) = ax.plot(
            [], [], color=PALETTE["black"], lw=2.2, marker="o", ms=6, zorder=3
        )
        (self.status_quo,) = ax.plot(
            [], [], ls="none", marker="s", ms=12, color=SOLUTION_COLOURS["disagreement"], zorder=5
        )
        (self.separate,) = ax.plot(
            [], [], ls="none", marker="D", ms=13, color=_SEPARATE, mec="white", mew=1.2, zorder=6
        )
        (self.linked,) = ax.plot(
            [], [], ls="none", marker="o", ms=18, color=_LINKED, mec="white", mew=1.5, zorder=7
        )
        # a quiver arrow: its angle is worked out at draw time, and it draws fast
        self.arrow = ax.quiver(
            [0.0],
            [0.0],
            [0.0],
            [0.0],
            angles="xy",
            scale_units="xy",
            scale=1,
            color=PALETTE["bluish_green"],
            width=0.007,
            headwidth=3.6,
            headlength=4.5,
            headaxislength=4.0,
            zorder=6,
        )
        unit = f" ({units})" if units else ""
        style_axes(
            ax,
            f"{self.players[0]}'s utility{unit}",
            f"{self.players[1]}'s utility{unit}",
            "Package deals: what linking the issues adds",
        )
        ax.grid(False)
        self.xticks, self.yticks = LiveTicks(ax, "x"), LiveTicks(ax, "y")
        handles = [
            marker_entry(
                "o",
                5,
                PALETTE["grey"],
                "a package (one option on every issue)",
            ),
            Line2D(
                [],
                [],
                color=PALETTE["black"],
                lw=2.2,
                marker="o",
                ms=6,
                label="Pareto frontier of packages",
            ),
            marker_entry(
                "s",
                11,
                SOLUTION_COLOURS["disagreement"],
                "status quo (no agreement)",
            ),
            marker_entry("D", 11, _SEPARATE, "each issue settled on its own"),
            marker_entry(
                "o",
                14,
                _LINKED,
                "Nash package (issues linked)",
            ),
            Line2D([], [], color=PALETTE["bluish_green"], lw=3, label="gain from linkage"),
        ]
        self._set_legend(handles, legend)

    def update(self, negotiation: Any, result: Any = None) -> bool:
        """Show new weights (same issues and players); returns ``False`` (all that moves is dynamic)."""
        from ..bargaining.linkage import (
            LinkageGain,
            LinkedNegotiation,
            gain_from_linkage,
            pareto_packages,
        )

        if not isinstance(negotiation, LinkedNegotiation):
            raise TypeError(
                f"negotiation must be a LinkedNegotiation, got {type(negotiation).__name__}"
            )
        if tuple(negotiation.players) != self.players:
            raise ValueError("the new negotiation has other players; draw a new figure")
        if result is None:
            result = gain_from_linkage(negotiation)
        if not isinstance(result, LinkageGain):
            raise TypeError(f"result must be a LinkageGain, got {type(result).__name__}")
        u = negotiation.utilities()
        front = sorted(
            (float(p.utilities[0]), float(p.utilities[1])) for p in pareto_packages(negotiation)
        )
        d = tuple(float(v) for v in negotiation.disagreement)
        s = tuple(float(v) for v in result.separate.utilities)
        li = tuple(float(v) for v in result.linked.utilities)
        allx = np.concatenate([u[:, 0], [d[0]]])
        ally = np.concatenate([u[:, 1], [d[1]]])
        changed = self.xview.fit(float(allx.min()), float(allx.max())) | self.yview.fit(
            float(ally.min()), float(ally.max())
        )
        if changed:
            self.xticks.set_limits(*self.xview.limits)  # type: ignore[misc]
            self.yticks.set_limits(*self.yview.limits)  # type: ignore[misc]
        self.packages.set_data(u[:, 0], u[:, 1])
        self.frontier.set_data([p[0] for p in front], [p[1] for p in front])
        self.status_quo.set_data([d[0]], [d[1]])
        self.separate.set_data([s[0]], [s[1]])
        self.linked.set_data([li[0]], [li[1]])
        # from the issue-by-issue point to just short of the Nash package's marker
        (x0, x1), (y0, y1) = self.ax.get_xlim(), self.ax.get_ylim()
        dx, dy = (li[0] - s[0]) / (x1 - x0), (li[1] - s[1]) / (y1 - y0)
        length = float(np.hypot(dx, dy))
        keep = max(0.0, 1 - 0.035 / length) if length > 0 else 0.0
        self.arrow.set_offsets([[s[0], s[1]]])
        self.arrow.set_UVC([(li[0] - s[0]) * keep], [(li[1] - s[1]) * keep])
        self.arrow.set_visible(s != li)
        self.gain_arrow = (s, li)
        return False

    def dynamic_artists(self) -> list[Any]:
        return [
            *self.xticks.artists(),
            *self.yticks.artists(),
            self.packages,
            self.frontier,
            self.status_quo,
            self.arrow,
            self.separate,
            self.linked,
        ]


def draw_packages(
    negotiation: Any,
    result: Any = None,
    ax: Any = None,
    *,
    units: str = "utility points",
    legend: bool = True,
) -> PackagesArtists:
    """Draw the packages of a linked negotiation; return the artists for updates.

    Parameters are as for :func:`plot_packages`.

    Examples
    --------
    >>> from negotiation.models import MODELS
    >>> talks = MODELS["issue_linkage"].at()
    >>> artists = draw_packages(talks)
    >>> artists.linked.get_data(), artists.separate.get_data()
    (([16.5], [10.0]), ([1.0], [3.0]))
    """
    from ..bargaining.linkage import LinkedNegotiation

    if not isinstance(negotiation, LinkedNegotiation):
        raise TypeError(
            f"negotiation must be a LinkedNegotiation, got {type(negotiation).__name__}"
        )
    if not isinstance(units, str):
        raise TypeError(f"units must be a string, got {type(units).__name__}")
    artists = PackagesArtists(negotiation, ax, units, legend)
    artists.update(negotiation, result)
    return artists


def plot_packages(
    negotiation: Any, result: Any = None, ax: Any = None, *, units: str = "utility points"
) -> Any:
    """Packages in utility space with the Pareto frontier, the Nash package and the gain from linkage.

    Parameters
    ----------
    negotiation : LinkedNegotiation
    result : LinkageGain, optional
        ``gain_from_linkage(negotiation)`` (computed when not given).
    ax : matplotlib Axes, optional
    units : str
        The utilities' unit, on both axes.

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> from negotiation.models import MODELS
    >>> fig = plot_packages(MODELS["issue_linkage"].at())
    >>> fig.axes[0].get_xlabel()
    "Japan's utility (utility points)"
    """
    return draw_packages(negotiation, result, ax, units=units).figure
