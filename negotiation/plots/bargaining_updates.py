"""Bargaining figures that update in place: the bargaining set and the rounds of offers.

:func:`draw_bargaining_set` draws what :func:`~negotiation.plots.plot_bargaining`
draws (feasible set with free disposal, Pareto frontier, disagreement point, the
four classic solutions), and optionally two more points: an actual agreement
(the July 2025 deal) and a *threat point* (where disagreement would be if a threat
were believed, with the Nash solution it would give). The legend has no numbers,
so it never changes; the axis limits follow the data with hysteresis
(:class:`~negotiation.plots._live.ViewLimits`), so most updates move markers only.

:func:`draw_offers_trace` draws alternating offers round by round like
:func:`~negotiation.plots.plot_offers_trace`, on fixed axes, with an optional
reference share (what the July deal gave).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

from ._bargaining_shapes import (
    MARKERS,
    RESPONSES,
    SIZES,
    BargainingShapes,
    OffersPlan,
    solution_style,
)
from ._live import LiveArtists, LiveTicks, ViewLimits, marker_entry, player_colours
from .style import FONT_SIZE, PALETTE, SOLUTION_COLOURS, style_axes

__all__ = [
    "BargainingArtists",
    "OffersTraceArtists",
    "draw_bargaining_set",
    "draw_offers_trace",
]

_CONCEPTS = ("nash", "kalai_smorodinsky", "egalitarian", "utilitarian")
_NAMES = {
    "nash": "Nash solution",
    "kalai_smorodinsky": "Kalai-Smorodinsky",
    "egalitarian": "Egalitarian",
    "utilitarian": "Utilitarian",
}
_DEAL = PALETTE["black"]
_FEASIBLE = "#E1F2FB"
_GAINS = "#B4DEF5"
_THREAT = PALETTE["reddish_purple"]


def _pair(value: Any, what: str) -> tuple[float, float] | None:
    if value is None:
        return None
    try:
        a, b = (float(v) for v in value)
    except (TypeError, ValueError) as exc:
        raise TypeError(f"{what} must be a pair of numbers, got {value!r}") from exc
    if not (np.isfinite(a) and np.isfinite(b)):
        raise ValueError(f"{what} must be finite, got {value!r}")
    return a, b


def _solution_points(problem: Any, solutions: Any) -> dict[str, tuple[float, float]]:
    from ..bargaining import BargainingSolution, bargaining_solutions

    if solutions is None:
        solutions = bargaining_solutions(problem)
    items = list(solutions.values()) if isinstance(solutions, Mapping) else list(solutions)
    out = {}
    for k, s in enumerate(items):
        if not isinstance(s, BargainingSolution):
            raise TypeError(f"solutions[{k}] must be a BargainingSolution, got {type(s).__name__}")
        out[s.concept] = (float(s.point[0]), float(s.point[1]))
    return out


def _bargaining_legend(deal_label: str, threat_label: str) -> list[Any]:
    """The live figure's legend entries: fixed, without numbers (the deal and threat if labelled)."""
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    handles = [
        Patch(facecolor=_FEASIBLE, edgecolor="#9ccbe6", label="Feasible agreements"),
        Patch(facecolor=_GAINS, label="Both gain over no deal"),
        Line2D([], [], color=PALETTE["black"], lw=2.4, label="Pareto frontier"),
        marker_entry("o", 5.5, PALETTE["grey"], "Possible packages"),
        marker_entry("s", 11, SOLUTION_COLOURS["disagreement"], "No deal (disagreement point)"),
        Line2D(
            [],
            [],
            ls="none",
            marker="*",
            ms=15,
            mfc="white",
            mec=PALETTE["black"],
            label="Ideal point (each side's best)",
        ),
        *(
            Line2D(
                [],
                [],
                ls="none",
                marker=MARKERS[c],
                ms=min(SIZES[c], 13),
                mec="white",
                color=SOLUTION_COLOURS[c],
                label=_NAMES[c],
            )
            for c in _CONCEPTS
        ),
    ]
    if deal_label:
        handles.append(marker_entry("P", 14, _DEAL, deal_label))
    if threat_label:
        handles += [
            Line2D(
                [],
                [],
                ls="none",
                marker=m,
                ms=ms,
                mfc="white",
                mec=_THREAT,
                mew=2.5,
                label=label,
            )
            for m, ms, label in (("s", 11, threat_label), ("o", 13, "Nash solution from there"))
        ]
    return handles


class BargainingArtists(LiveArtists):
    """The parts of a drawn bargaining set, for cheap updates.

    Attributes
    ----------
    figure, ax
    frontier : Line2D
    outcomes : Line2D
        The possible agreements (grey dots).
    disagreement : Line2D
    solutions : dict of str to Line2D
        One marker per concept (``"nash"``, ...); ``get_data()`` gives its point.
    deal, threat, threat_nash : Line2D
        The actual agreement, the threat point and the Nash solution from it.
    """

    def __init__(
        self,
        problem: Any,
        solutions: Any,
        ax: Any,
        units: tuple[str, str],
        title: str,
        deal_label: str,
        threat_label: str,
        legend: bool = True,
    ) -> None:
        ax = self._open(ax, legend, (10.4, 6.0), (7.0, 5.6))
        self.xview, self.yview = ViewLimits(), ViewLimits()
        self._make_regions(ax)
        self._make_frontier_and_points(ax)
        self._make_solutions(ax)
        style_axes(
            ax,
            f"{problem.players[0]}'s payoff ({units[0]})",
            f"{problem.players[1]}'s payoff ({units[1]})",
            title,
        )
        ax.grid(False)
        self.xticks, self.yticks = LiveTicks(ax, "x"), LiveTicks(ax, "y")
        self._set_legend(_bargaining_legend(deal_label, threat_label), legend)
        self.players = tuple(problem.players)

    def _make_regions(self, ax: Any) -> None:
        from matplotlib.patches import Polygon

        # opaque tints of sky blue (18% and 44% on white): faster to fill than transparent ones
        self.feasible = Polygon(
            [[0, 0]], closed=True, facecolor=_FEASIBLE, edgecolor="none", zorder=1
        )
        self.gains = Polygon([[0, 0]], closed=True, facecolor=_GAINS, edgecolor="none", zorder=1)
        ax.add_patch(self.feasible)
        ax.add_patch(self.gains)

    def _make_frontier_and_points(self, ax: Any) -> None:
        """The possible agreements, the frontier, disagreement, ideal and threat points and their lines."""
        (self.outcomes,) = ax.plot(
            [], [], ls="none", marker="o", ms=5.5, color=PALETTE["grey"], zorder=2
        )
        (self.frontier,) = ax.plot([], [], color=PALETTE["black"], lw=2.4, zorder=3)
        (self.d_vline,) = ax.plot([], [], color=PALETTE["grey"], lw=0.9, ls="--", zorder=1)
        (self.d_hline,) = ax.plot([], [], color=PALETTE["grey"], lw=0.9, ls="--", zorder=1)
        (self.ks_line,) = ax.plot(
            [], [], ls=":", lw=1.6, zorder=2, color=SOLUTION_COLOURS["kalai_smorodinsky"]
        )
        (self.ideal,) = ax.plot(
            [],
            [],
            marker="*",
            ms=17,
            mfc="white",
            mec=PALETTE["black"],
            mew=1.5,
            ls="none",
            zorder=4,
        )
        (self.disagreement,) = ax.plot(
            [], [], marker="s", ms=12, ls="none", zorder=5, color=SOLUTION_COLOURS["disagreement"]
        )
        (self.threat,) = ax.plot(
            [], [], marker="s", ms=12, ls="none", mfc="white", mec=_THREAT, mew=2.5, zorder=5
        )
        (self.threat_line,) = ax.plot([], [], color=_THREAT, lw=1.6, ls="--", zorder=4)
        (self.threat_nash,) = ax.plot(
            [], [], marker="o", ms=15, ls="none", mfc="white", mec=_THREAT, mew=2.5, zorder=6
        )

    def _make_solutions(self, ax: Any) -> None:
        """One marker per concept (largest first), then the actual deal on top."""
        self.solutions = {}
        for concept in sorted(_CONCEPTS, key=lambda c: -SIZES[c]):
            (self.solutions[concept],) = ax.plot(
                [], [], **solution_style(concept), ls="none", zorder=7
            )
        (self.deal,) = ax.plot(
            [], [], marker="P", ms=17, ls="none", color=_DEAL, mec="white", mew=1.2, zorder=8
        )

    def update(
        self,
        problem: Any,
        solutions: Any = None,
        *,
        deal: Any = None,
        threat: Any = None,
        threat_solution: Any = None,
    ) -> bool:
        """Show a new problem (same players); returns ``False``: everything that moves is dynamic."""
        from ..bargaining import BargainingProblem, BargainingSolution

        if not isinstance(problem, BargainingProblem):
            raise TypeError(f"problem must be a BargainingProblem, got {type(problem).__name__}")
        if tuple(problem.players) != self.players:
            raise ValueError(
                f"the new problem's players {problem.players} differ from the drawn "
                f"{self.players}; draw a new figure"
            )
        points = _solution_points(problem, solutions)
        deal_p = _pair(deal, "deal")
        threat_p = _pair(threat, "threat")
        if threat_solution is not None and not isinstance(threat_solution, BargainingSolution):
            raise TypeError("threat_solution must be a BargainingSolution")
        shapes = BargainingShapes.of(problem)
        self._show_shapes(shapes, [p for p in (deal_p, threat_p) if p is not None])
        self._show_solutions(points)
        self._show_deal_and_threat(deal_p, threat_p, threat_solution)
        return False

    def _show_shapes(self, shapes: BargainingShapes, extra: list[tuple[float, float]]) -> None:
        """Fit the view to everything, then move the regions, the frontier and the reference points."""
        lo, hi = shapes.bounds(extra)
        changed = self.xview.fit(float(lo[0]), float(hi[0])) | self.yview.fit(
            float(lo[1]), float(hi[1])
        )
        (x0, x1), (y0, y1) = self.xview.limits, self.yview.limits  # type: ignore[misc]
        if changed:
            self.xticks.set_limits(x0, x1)
            self.yticks.set_limits(y0, y1)
        self.feasible.set_xy(shapes.feasible(x0, y0))
        self.gains.set_xy(shapes.gains)
        outcomes, frontier = shapes.outcomes, shapes.frontier
        if outcomes is not None:
            self.outcomes.set_data(outcomes[:, 0], outcomes[:, 1])
        else:
            self.outcomes.set_data([], [])
        self.frontier.set_data(frontier[:, 0], frontier[:, 1])
        d, ideal = shapes.disagreement, shapes.ideal
        self.d_vline.set_data([d[0], d[0]], [y0, y1])
        self.d_hline.set_data([x0, x1], [d[1], d[1]])
        self.ks_line.set_data([d[0], ideal[0]], [d[1], ideal[1]])
        self.ideal.set_data([ideal[0]], [ideal[1]])
        self.disagreement.set_data([d[0]], [d[1]])

    def _show_solutions(self, points: dict[str, tuple[float, float]]) -> None:
        for concept, line in self.solutions.items():
            if concept in points:
                line.set_data([points[concept][0]], [points[concept][1]])
                line.set_visible(True)
            else:
                line.set_visible(False)

    def _show_deal_and_threat(self, deal_p: Any, threat_p: Any, threat_solution: Any) -> None:
        self.deal.set_visible(deal_p is not None)
        if deal_p is not None:
            self.deal.set_data([deal_p[0]], [deal_p[1]])
        for artist in (self.threat, self.threat_line, self.threat_nash):
            artist.set_visible(threat_p is not None)
        if threat_p is not None:
            self.threat.set_data([threat_p[0]], [threat_p[1]])
            if threat_solution is not None:
                t = threat_solution.point
                self.threat_nash.set_data([float(t[0])], [float(t[1])])
                self.threat_line.set_data([threat_p[0], float(t[0])], [threat_p[1], float(t[1])])
            else:
                self.threat_nash.set_visible(False)
                self.threat_line.set_visible(False)

    def dynamic_artists(self) -> list[Any]:
        return [
            *self.xticks.artists(),
            *self.yticks.artists(),
            self.feasible,
            self.gains,
            self.outcomes,
            self.frontier,
            self.d_vline,
            self.d_hline,
            self.ks_line,
            self.ideal,
            self.disagreement,
            self.threat,
            self.threat_line,
            self.threat_nash,
            *self.solutions.values(),
            self.deal,
        ]


def draw_bargaining_set(
    problem: Any,
    solutions: Any = None,
    ax: Any = None,
    *,
    units: str | Sequence[str] = "utility",
    title: str = "Bargaining over the deal",
    deal: Any = None,
    deal_label: str = "",
    threat: Any = None,
    threat_solution: Any = None,
    threat_label: str = "",
    legend: bool = True,
) -> BargainingArtists:
    """Draw a bargaining problem with its solutions; return the artists for updates.

    Parameters
    ----------
    problem : BargainingProblem
    solutions : dict or sequence of BargainingSolution, optional
        Default: the four classic solutions.
    ax : matplotlib Axes, optional
    units : str or pair of str
        The payoffs' units, on the axes.
    title : str
    deal, deal_label : pair of numbers and str, optional
        An actual agreement to mark (a black plus), with its legend entry.
    threat, threat_solution, threat_label : optional
        A threat point (an open purple square), the Nash solution from it (an open
        purple circle) and the legend entry.

    Examples
    --------
    >>> from negotiation.bargaining import BargainingProblem
    >>> p = BargainingProblem.from_outcomes([(1, 0), (0, 1)], (0, 0), players=("Japan", "US"))
    >>> artists = draw_bargaining_set(p, units="share")
    >>> artists.solutions["nash"].get_data()
    ([0.5], [0.5])
    >>> artists.ax.get_xlabel()
    "Japan's payoff (share)"
    """
    from ..bargaining import BargainingProblem

    if not isinstance(problem, BargainingProblem):
        raise TypeError(f"problem must be a BargainingProblem, got {type(problem).__name__}")
    pair = (units, units) if isinstance(units, str) else tuple(units)
    if len(pair) != 2 or not all(isinstance(u, str) for u in pair):
        raise ValueError(f"units must be a string or a pair of strings, got {units!r}")
    for name, text in (
        ("title", title),
        ("deal_label", deal_label),
        ("threat_label", threat_label),
    ):
        if not isinstance(text, str):
            raise TypeError(f"{name} must be a string, got {type(text).__name__}")
    artists = BargainingArtists(
        problem,
        solutions,
        ax,
        (pair[0], pair[1]),
        title,
        deal_label if deal is not None else "",
        threat_label if threat is not None else "",
        legend,
    )
    artists.update(problem, solutions, deal=deal, threat=threat, threat_solution=threat_solution)
    return artists


def _offers_legend(
    players: tuple[str, str], colours: Sequence[str], reference_label: str
) -> list[Any]:
    """The live offers figure's legend entries (the reference line's if labelled)."""
    from matplotlib.lines import Line2D

    accept_marker, accept_colour = RESPONSES["accept"]
    reject_marker, reject_colour = RESPONSES["reject"]
    handles = [
        marker_entry(
            "o" if k == 0 else "s",
            10,
            colours[k],
            f"{players[k]} proposes (equilibrium offer)",
        )
        for k in (0, 1)
    ]
    handles += [
        Line2D(
            [],
            [],
            ls="none",
            marker="o",
            ms=10,
            color=PALETTE["grey"],
            alpha=0.3,
            label="faded: rounds never reached",
        ),
        Line2D(
            [],
            [],
            ls="none",
            marker=accept_marker,
            ms=16,
            mfc="none",
            mec=accept_colour,
            mew=3,
            label="offer accepted",
        ),
        marker_entry(reject_marker, 12, reject_colour, "offer rejected"),
    ]
    if reference_label:
        handles.append(
            Line2D([], [], color=PALETTE["reddish_purple"], ls=":", lw=2.2, label=reference_label)
        )
    return handles


class OffersTraceArtists(LiveArtists):
    """The parts of a drawn alternating-offers trace, for cheap updates.

    Attributes
    ----------
    figure, ax
    offers : dict of int to Line2D
        Each proposer's equilibrium offers (first player's share) by round.
    accepted, rejected : Line2D
        The offers made on the path of play, by response.
    reference : Line2D
        The reference share (hidden when none).
    """

    def __init__(
        self,
        rounds: int,
        players: tuple[str, str],
        ax: Any,
        reference_label: str,
        legend: bool = True,
    ) -> None:
        ax = self._open(ax, legend, (10.4, 5.2), (7.2, 4.6))
        self.rounds, self.players = rounds, players
        colours = player_colours(players)
        self._make_proposals(ax, colours)
        self._make_offers_made(ax)
        (self.reference,) = ax.plot(
            [], [], color=PALETTE["reddish_purple"], ls=":", lw=2.2, zorder=1
        )
        ax.set_xlim(0.4, rounds + 0.6)
        ax.set_ylim(-0.04, 1.04)
        ax.set_xticks(range(1, rounds + 1))
        style_axes(
            ax,
            "Round of talks",
            f"{players[0]}'s share of the gains from a deal",
            "Rounds of offers",
        )
        right = ax.secondary_yaxis("right", functions=(lambda y: 1 - y, lambda y: 1 - y))
        right.set_ylabel(f"{players[1]}'s share", fontsize=FONT_SIZE)
        right.tick_params(labelsize=FONT_SIZE - 2)
        self._set_legend(_offers_legend(players, colours, reference_label), legend, x=1.13)

    def _make_proposals(self, ax: Any, colours: Sequence[str]) -> None:
        """The path through every round's offer, and each proposer's offers (reached, faded)."""
        (self.path_line,) = ax.plot([], [], color=PALETTE["grey"], lw=1.0, alpha=0.7, zorder=2)
        self.offers = {}
        self.faded = {}
        for who in (0, 1):
            marker = "o" if who == 0 else "s"
            (self.offers[who],) = ax.plot(
                [], [], ls="none", marker=marker, ms=11, color=colours[who], zorder=3
            )
            (self.faded[who],) = ax.plot(
                [], [], ls="none", marker=marker, ms=11, color=colours[who], alpha=0.28, zorder=3
            )

    def _make_offers_made(self, ax: Any) -> None:
        """The offers made on the path of play: accepted (circled), rejected, walked away from."""
        marker, colour = RESPONSES["accept"]
        (self.accepted,) = ax.plot(
            [], [], ls="none", marker=marker, ms=22, mfc="none", mec=colour, mew=3.5, zorder=6
        )
        marker, colour = RESPONSES["reject"]
        (self.rejected,) = ax.plot([], [], ls="none", marker=marker, ms=15, color=colour, zorder=6)
        marker, colour = RESPONSES["opt out"]
        (self.opted_out,) = ax.plot([], [], ls="none", marker=marker, ms=15, color=colour, zorder=6)

    def update(self, result: Any, reference: float | None = None) -> bool:
        """Show a new :class:`~negotiation.bargaining.offers.OffersResult` with the same number of rounds."""
        from ..bargaining.offers import OffersResult

        if not isinstance(result, OffersResult):
            raise TypeError(f"result must be an OffersResult, got {type(result).__name__}")
        plan = OffersPlan.of(result)
        if len(plan.rounds) != self.rounds:
            raise ValueError(
                f"the new result has {len(plan.rounds)} rounds, the drawn one "
                f"{self.rounds}; draw a new figure"
            )
        self.path_line.set_data(plan.rounds, plan.share1)
        for who in (0, 1):
            now, later = plan.proposals(who)
            self.offers[who].set_data(plan.rounds[now], plan.share1[now])
            self.faded[who].set_data(plan.rounds[later], plan.share1[later])
        for line, kind in (
            (self.accepted, "accept"),
            (self.rejected, "reject"),
            (self.opted_out, "opt out"),
        ):
            line.set_data(*plan.made(kind))
        if reference is None:
            self.reference.set_visible(False)
        else:
            self.reference.set_visible(True)
            self.reference.set_data([0.4, self.rounds + 0.6], [float(reference)] * 2)
        return False

    def dynamic_artists(self) -> list[Any]:
        return [
            self.reference,
            self.path_line,
            *self.faded.values(),
            *self.offers.values(),
            self.accepted,
            self.rejected,
            self.opted_out,
        ]


def draw_offers_trace(
    result: Any,
    ax: Any = None,
    *,
    reference: float | None = None,
    reference_label: str = "",
    legend: bool = True,
) -> OffersTraceArtists:
    """Draw alternating offers round by round on fixed axes; return the artists for updates.

    Parameters
    ----------
    result : OffersResult
        From :func:`~negotiation.bargaining.offers.alternating_offers` with a deadline (``rounds``).
    ax : matplotlib Axes, optional
    reference, reference_label : float and str, optional
        A reference share of the first player (a dotted line), e.g. an actual deal.

    Examples
    --------
    >>> from negotiation.bargaining.offers import alternating_offers
    >>> result = alternating_offers(0.9, 0.8, rounds=4, players=("Japan", "US"))
    >>> artists = draw_offers_trace(result, reference=0.5, reference_label="half")
    >>> artists.accepted.get_data()[0]
    [1]
    """
    from ..bargaining.offers import OffersResult

    if not isinstance(result, OffersResult):
        raise TypeError(f"result must be an OffersResult, got {type(result).__name__}")
    if not isinstance(reference_label, str):
        raise TypeError(f"reference_label must be a string, got {type(reference_label).__name__}")
    rounds = len(result.plan_arrays()["round"])
    artists = OffersTraceArtists(
        rounds,
        tuple(result.players),  # type: ignore[arg-type]
        ax,
        reference_label if reference is not None else "",
        legend,
    )
    artists.update(result, reference)
    return artists
