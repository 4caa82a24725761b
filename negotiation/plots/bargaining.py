"""Figures for bargaining: the feasible set with its solutions, and alternating offers round by round.

:func:`plot_bargaining` draws a :class:`~negotiation.bargaining.BargainingProblem`:
the feasible set (shaded; free disposal lets it extend down and to the left), the
Pareto frontier, the disagreement point, the ideal point, and the Nash,
Kalai-Smorodinsky, egalitarian and utilitarian solutions in their fixed colours
(:data:`~negotiation.plots.style.SOLUTION_COLOURS`), each with its own marker so
that solutions on top of each other stay visible.

:func:`plot_offers_trace` draws an :class:`~negotiation.bargaining.offers.OffersResult`: the
split proposed in every round, who proposes, and what the responder does.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

from ..core._numbers import format_number
from ._bargaining_shapes import RESPONSES, SIZES, BargainingShapes, OffersPlan, solution_style
from ._live import legend_beside
from .style import FONT_SIZE, PALETTE, PLAYER_COLOURS, SOLUTION_COLOURS, new_figure, style_axes

if TYPE_CHECKING:
    from ..bargaining import BargainingProblem, BargainingSolution
    from ..bargaining.offers import OfferRound, OffersResult

__all__ = ["plot_bargaining", "plot_offers_trace"]

_SHORT = {
    "nash": "Nash",
    "kalai_smorodinsky": "Kalai-Smorodinsky",
    "egalitarian": "Egalitarian",
    "utilitarian": "Utilitarian",
}


def _num(value: Any) -> str:
    """Decimals in figures (easier to read at a glance than 9/20), 3 significant digits."""
    return format_number(float(value), digits=3)


def _labels(units: Any, players: Sequence[str]) -> tuple[str, str]:
    if isinstance(units, str):
        units = (units, units)
    if len(units) != 2 or not all(isinstance(u, str) for u in units):
        raise ValueError(f"units must be a string or a pair of strings, got {units!r}")
    return f"{players[0]}'s payoff ({units[0]})", f"{players[1]}'s payoff ({units[1]})"


def _solutions(problem: BargainingProblem, solutions: Any) -> list[BargainingSolution]:
    from ..bargaining import SOLUTION_CONCEPTS, BargainingSolution, bargaining_solutions

    if solutions is None:
        return list(bargaining_solutions(problem, SOLUTION_CONCEPTS).values())
    if isinstance(solutions, BargainingSolution):
        return [solutions]
    if isinstance(solutions, Mapping):
        solutions = list(solutions.values())
    items = list(solutions)
    if items and all(isinstance(s, str) for s in items):
        return list(bargaining_solutions(problem, items).values())
    for k, s in enumerate(items):
        if not isinstance(s, BargainingSolution):
            raise TypeError(
                f"solutions[{k}] must be a BargainingSolution or a concept name, got {type(s).__name__}"
            )
    return items


def plot_bargaining(
    problem: BargainingProblem,
    solutions: Any = None,
    ax: Any = None,
    *,
    units: str | Sequence[str] = "utility",
    title: str | None = None,
    label_outcomes: bool | None = None,
) -> Any:
    """Draw a bargaining problem and its solutions.

    Parameters
    ----------
    problem : BargainingProblem
    solutions : None, sequence of BargainingSolution or of concept names, or a dict
        What to mark. ``None`` (default): all four classic solutions.
    ax : matplotlib Axes, optional
        Draw into these axes; by default a new figure is made.
    units : str or pair of str
        Units of the two payoffs, shown in the axis labels (for example
        ``("% of GDP", "$bn")``).
    title : str, optional
    label_outcomes : bool, optional
        Write each outcome's label next to it (default: when there are at most 12
        labelled outcomes).

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> from negotiation.bargaining import BargainingProblem
    >>> p = BargainingProblem.from_outcomes([(1, 0), (0, 1)], (0.2, 0), players=("Japan", "US"))
    >>> fig = plot_bargaining(p, units="share of the gains")
    >>> fig.axes[0].get_xlabel()
    "Japan's payoff (share of the gains)"
    """
    from ..bargaining import BargainingProblem

    if not isinstance(problem, BargainingProblem):
        raise TypeError(f"problem must be a BargainingProblem, got {type(problem).__name__}")
    sols = _solutions(problem, solutions)
    if ax is None:
        fig, ax = new_figure(9.5, 6.5)
    else:
        fig = ax.figure
    xlabel, ylabel = _labels(units, problem.players)
    shapes = BargainingShapes.of(problem)
    lo, hi = shapes.bounds()
    span = np.maximum(hi - lo, 1e-9)
    view_lo, view_hi = lo - 0.08 * span, hi + 0.08 * span
    _draw_regions(ax, shapes, view_lo)
    _draw_frontier_and_outcomes(ax, problem, shapes.frontier, label_outcomes)
    _draw_reference_points(ax, shapes.disagreement, shapes.ideal)
    _draw_solutions(ax, sols)
    ax.set_xlim(view_lo[0], view_hi[0])
    ax.set_ylim(view_lo[1], view_hi[1])
    style_axes(ax, xlabel, ylabel, title if title is not None else "Bargaining problem")
    legend_beside(ax)
    return fig


def _draw_regions(ax: Any, shapes: BargainingShapes, view_lo: Any) -> None:
    """The feasible set (to the view's lower-left corner) and the part where both sides gain."""
    from matplotlib.patches import Polygon

    for xy, alpha, label in (
        (shapes.feasible(view_lo[0], view_lo[1]), 0.18, "Feasible agreements"),
        (shapes.gains, 0.30, "Both gain over disagreement"),
    ):
        ax.add_patch(
            Polygon(
                xy,
                closed=True,
                facecolor=PALETTE["sky_blue"],
                alpha=alpha,
                edgecolor="none",
                label=label,
            )
        )


def _draw_frontier_and_outcomes(
    ax: Any, problem: BargainingProblem, frontier: Any, label_outcomes: bool | None
) -> None:
    """The Pareto frontier, the possible agreements and (if wanted) their labels."""
    ax.plot(
        frontier[:, 0],
        frontier[:, 1],
        color=PALETTE["black"],
        lw=2.2,
        label="Pareto frontier",
        zorder=3,
    )
    if problem.outcomes is None:
        return
    n = len(problem.outcomes)
    ax.scatter(
        problem.outcomes[:, 0],
        problem.outcomes[:, 1],
        s=28 if n <= 200 else 6,
        color=PALETTE["grey"],
        alpha=0.9 if n <= 200 else 0.4,
        zorder=2,
        label="Possible agreements" if n > 1 else "Possible agreement",
    )
    show = (
        label_outcomes if label_outcomes is not None else (problem.labels is not None and n <= 12)
    )
    if not show:
        return
    for i in range(n):
        ax.annotate(
            problem.outcome_name(i),
            problem.outcomes[i],
            xytext=(7, 5),
            textcoords="offset points",
            fontsize=FONT_SIZE - 3,
            color="#333333",
            va="bottom",
            bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.75},
            zorder=4,
        )


def _draw_reference_points(ax: Any, d: Any, ideal: Any) -> None:
    """The disagreement point with its payoff lines, the ideal point and the KS line between them."""
    ax.plot(
        [d[0], ideal[0]],
        [d[1], ideal[1]],
        ls=":",
        lw=1.5,
        color=SOLUTION_COLOURS["kalai_smorodinsky"],
        alpha=0.8,
        zorder=2,
    )
    ax.plot(
        *ideal,
        marker="*",
        ms=16,
        mfc="white",
        mec=PALETTE["black"],
        mew=1.5,
        ls="none",
        label=f"Ideal point ({_num(ideal[0])}, {_num(ideal[1])})",
        zorder=4,
    )
    ax.plot(
        *d,
        marker="s",
        ms=11,
        color=SOLUTION_COLOURS["disagreement"],
        ls="none",
        label=f"Disagreement point ({_num(d[0])}, {_num(d[1])})",
        zorder=5,
    )
    ax.axvline(d[0], color=PALETTE["grey"], lw=0.8, ls="--", zorder=1)
    ax.axhline(d[1], color=PALETTE["grey"], lw=0.8, ls="--", zorder=1)


def _draw_solutions(ax: Any, sols: Sequence[BargainingSolution]) -> None:
    """Each solution in its own marker, the largest first, labelled with its point."""
    for s in sorted(sols, key=lambda s: -SIZES.get(s.concept, 8)):
        u = s.point
        ax.plot(
            *s.point,
            **solution_style(s.concept),
            ls="none",
            label=f"{_SHORT.get(s.concept, s.concept)} ({_num(u[0])}, {_num(u[1])})",
            zorder=6,
        )


def plot_offers_trace(
    trace: OffersResult | Sequence[OfferRound],
    ax: Any = None,
    *,
    players: Sequence[str] | None = None,
    reference: Mapping[str, float] | None = None,
    title: str | None = None,
) -> Any:
    """Draw alternating offers round by round: the split proposed, who proposes, the response.

    The left axis is the first player's share of the gains from a deal; the right
    axis reads the same points as the second player's share. Each round's
    subgame-perfect offer is marked in the proposer's colour (faded for rounds that
    are never reached); offers actually made are marked by what happened to them.

    Parameters
    ----------
    trace : OffersResult or sequence of OfferRound
        Usually the result of :func:`~negotiation.bargaining.offers.alternating_offers`.
    ax : matplotlib Axes, optional
    players : pair of str, optional
        Names (taken from an ``OffersResult`` by default).
    reference : dict of str to float, optional
        Horizontal reference lines for the first player's share, for example
        ``{"no deadline (Rubinstein)": 0.526}``.
    title : str, optional

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> from negotiation.bargaining.offers import alternating_offers
    >>> fig = plot_offers_trace(alternating_offers(0.9, 0.8, rounds=8, players=("Japan", "US")))
    >>> fig.axes[0].get_ylabel()
    "Japan's share of the gains from a deal"
    """
    from ..bargaining.offers import OffersResult

    plan = OffersPlan.of(trace)
    default = trace.players if isinstance(trace, OffersResult) else ("Player 1", "Player 2")
    names = tuple(players) if players is not None else default
    if len(names) != 2:
        raise ValueError(f"players must be two names, got {names!r}")
    if ax is None:
        fig, ax = new_figure(10.5, 5.8)
    else:
        fig = ax.figure
    many = len(plan.rounds) > 40
    _draw_proposals(ax, plan, names, many)
    _draw_offers_made(ax, plan.path)
    agreed = [r for r in plan.path if r.response == "accept"]
    if agreed:
        _annotate_deal(ax, agreed[-1], names)
    for k, (text, value) in enumerate((reference or {}).items()):
        ax.axhline(
            float(value),
            color=PALETTE["reddish_purple"] if k == 0 else PALETTE["grey"],
            ls=":",
            lw=1.8,
            label=f"{text}: {_num(float(value))}",
            zorder=1,
        )
    shown = title
    if shown is None:
        n = len(plan.rounds)
        shown = f"Alternating offers over {n} round{'s' if n != 1 else ''}"
        if agreed:
            shown += f": deal in round {agreed[-1].round}"
    _finish_offers_axes(ax, plan.rounds, many, names, shown)
    return fig


def _draw_proposals(ax: Any, plan: OffersPlan, names: Sequence[str], many: bool) -> None:
    """Each round's equilibrium offer in the proposer's colour: a line for long games, else
    markers, faded for rounds never reached."""
    rounds, share1 = plan.rounds, plan.share1
    if not many:
        ax.plot(rounds, share1, color=PALETTE["grey"], lw=1.0, alpha=0.6, zorder=2)
    for who in (0, 1):
        label = f"{names[who]} proposes: equilibrium offer"
        if many:
            mine = plan.proposer == who
            ax.plot(
                rounds[mine], share1[mine], color=PLAYER_COLOURS[who], lw=2.6, label=label, zorder=3
            )
            continue
        now, later = plan.proposals(who)
        for part, alpha, text in ((now, 1.0, label), (later, 0.3, None)):
            if part.any():
                ax.plot(
                    rounds[part],
                    share1[part],
                    ls="none",
                    marker="o" if who == 0 else "s",
                    ms=10,
                    color=PLAYER_COLOURS[who],
                    alpha=alpha,
                    label=text,
                    zorder=3,
                )
    if not many and (rounds > plan.reached).any():
        ax.plot(
            [],
            [],
            ls="none",
            marker="o",
            ms=10,
            color=PALETTE["grey"],
            alpha=0.3,
            label="faded: rounds never reached",
        )


def _draw_offers_made(ax: Any, path: Sequence[OfferRound]) -> None:
    """Each offer made, marked by its response (one legend entry per kind of response)."""
    words = {"accept": "accepted", "reject": "rejected", "opt out": "responder walked away"}
    seen: set[str] = set()
    for r in path:
        marker, colour = RESPONSES[r.response]
        accepted = r.response == "accept"
        ax.plot(
            r.round,
            float(r.offer[0]),
            marker=marker,
            ms=20 if accepted else 15,
            mfc="none" if accepted else colour,
            mec=colour,
            mew=3 if accepted else 1,
            ls="none",
            zorder=6,
            label=f"offer made and {words[r.response]}" if r.response not in seen else None,
        )
        seen.add(r.response)


def _annotate_deal(ax: Any, r: OfferRound, names: Sequence[str]) -> None:
    x1 = float(r.offer[0])
    ax.annotate(
        f"deal in round {r.round}:\n{names[0]} {_num(x1)}, {names[1]} {_num(1 - x1)}",
        (r.round, x1),
        xytext=(18, 26 if x1 < 0.7 else -52),
        textcoords="offset points",
        fontsize=FONT_SIZE - 1,
        color="#222222",
        bbox={"boxstyle": "round,pad=0.3", "fc": "white", "ec": "#bbbbbb", "alpha": 0.9},
        arrowprops={"arrowstyle": "-", "color": "#666666", "lw": 1},
        zorder=7,
    )


def _finish_offers_axes(ax: Any, rounds: Any, many: bool, names: Sequence[str], title: str) -> None:
    """Limits, ticks, labels, the second player's share on the right, and the legend."""
    ax.set_ylim(-0.04, 1.04)
    pad = 0.6 if not many else 0.02 * (rounds.max() - rounds.min())
    ax.set_xlim(rounds.min() - pad, rounds.max() + pad)
    if not many:
        ax.set_xticks(rounds)
    style_axes(ax, "Round", f"{names[0]}'s share of the gains from a deal", title)
    right = ax.secondary_yaxis("right", functions=(lambda y: 1 - y, lambda y: 1 - y))
    right.set_ylabel(f"{names[1]}'s share", fontsize=FONT_SIZE)
    right.tick_params(labelsize=FONT_SIZE - 2)
    legend_beside(ax, x=1.12)
