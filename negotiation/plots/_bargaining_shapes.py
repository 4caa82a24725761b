"""What the static and the live bargaining figures both draw, computed in one place.

:class:`BargainingShapes` holds a problem's drawable geometry: the Pareto frontier,
the disagreement and ideal points, the possible agreements and the "both gain"
region. :meth:`BargainingShapes.feasible` closes the feasible set (free disposal)
off at a figure's lower-left corner, which each figure chooses for itself.
:func:`solution_style` is the marker of each solution concept in both figures.
:class:`OffersPlan` is the same for alternating offers: the offer proposed in each
round, who proposes, how far play gets and what happened to the offers made, whose
markers are :data:`RESPONSES`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from .style import PALETTE, SOLUTION_COLOURS

if TYPE_CHECKING:
    from ..bargaining import BargainingProblem
    from ..bargaining.offers import OfferRound, OffersResult

__all__ = ["MARKERS", "RESPONSES", "SIZES", "BargainingShapes", "OffersPlan", "solution_style"]

Array = npt.NDArray[np.float64]

MARKERS = {"nash": "o", "kalai_smorodinsky": "s", "egalitarian": "D", "utilitarian": "^"}
SIZES = {"nash": 17, "kalai_smorodinsky": 14, "egalitarian": 11.5, "utilitarian": 10}
# each response to an offer made: marker and colour (an accepted offer is circled, not filled)
RESPONSES = {
    "accept": ("o", PALETTE["bluish_green"]),
    "reject": ("X", PALETTE["black"]),
    "opt out": ("v", PALETTE["orange"]),
}


def solution_style(concept: str) -> dict[str, Any]:
    """A solution's marker in both figures (largest first on top of each other stays visible).

    Examples
    --------
    >>> solution_style("nash")["marker"], solution_style("nash")["ms"]
    ('o', 17)
    """
    return {
        "marker": MARKERS.get(concept, "o"),
        "ms": SIZES.get(concept, 8),
        "color": SOLUTION_COLOURS.get(concept, PALETTE["orange"]),
        "mec": "white",
        "mew": 1.2,
    }


def _top_or(problem: BargainingProblem, u1: Any, floor: float) -> float:
    """The frontier's height at ``u1``, or ``floor`` where it has none (``u1`` beyond the frontier).

    Beyond the frontier nothing is feasible, so the region above ``floor`` is empty there
    and its upper edge comes down to ``floor``. A height of 0 is a height, not a missing one.
    """
    top = problem.frontier_value(u1)
    return floor if top is None else float(top)


@dataclass(frozen=True)
class BargainingShapes:
    """A bargaining problem's geometry, as floats, ready to draw.

    Attributes
    ----------
    frontier : ndarray of shape (n, 2)
        The Pareto frontier, first player's payoff increasing.
    disagreement, ideal : ndarray of shape (2,)
    outcomes : ndarray of shape (m, 2) or None
        The possible agreements (None for a problem given by a frontier function).
    gains : list of [u1, u2]
        The polygon where both sides gain over disagreement: up the frontier from
        above the disagreement point to the ideal point's first payoff, then back
        along the disagreement payoff ``d[1]``.
    """

    frontier: Array
    disagreement: Array
    ideal: Array
    outcomes: Array | None
    gains: list[list[float]]

    @classmethod
    def of(cls, problem: BargainingProblem) -> BargainingShapes:
        """The shapes of ``problem``.

        Examples
        --------
        >>> from negotiation.bargaining import BargainingProblem
        >>> p = BargainingProblem.from_outcomes([(1, 0), (0, 1)], (0.5, 0))
        >>> BargainingShapes.of(p).gains  # up the frontier from (0.5, 0.5), back along u2 = 0
        [[0.5, 0.5], [1.0, 0.0], [1.0, 0.0], [1.0, 0.0], [0.5, 0.0]]
        """
        frontier = problem.frontier_array()
        d = np.array([float(v) for v in problem.disagreement])
        ideal = np.array([float(v) for v in problem.ideal_point])
        inside = frontier[(frontier[:, 0] >= d[0]) & (frontier[:, 1] >= d[1])]
        start = [d[0], _top_or(problem, problem.disagreement[0], d[1])]
        end = [ideal[0], _top_or(problem, problem.ideal_point[0], d[1])]
        edge = np.vstack([[start], inside, [end]])
        edge = edge[np.argsort(edge[:, 0], kind="stable")]
        gains = [*edge.tolist(), [float(end[0]), float(d[1])], d.tolist()]
        return cls(frontier, d, ideal, problem.outcomes, gains)

    def bounds(self, extra: Sequence[tuple[float, float]] = ()) -> tuple[Array, Array]:
        """The lowest and highest payoffs of everything drawn (and of the ``extra`` points)."""
        everything = np.vstack(
            [
                self.frontier,
                self.disagreement[None, :],
                self.ideal[None, :],
                *(np.array([p]) for p in extra),
                *([self.outcomes] if self.outcomes is not None else []),
            ]
        )
        return everything.min(axis=0), everything.max(axis=0)

    def feasible(self, x0: float, y0: float) -> list[list[float]]:
        """The feasible set's polygon: below and left of the frontier, down to the corner (x0, y0)."""
        f = self.frontier
        return [[x0, f[0, 1]], *f.tolist(), [f[-1, 0], y0], [x0, y0]]


@dataclass(frozen=True)
class OffersPlan:
    """Alternating offers as drawn: every round's equilibrium offer and the offers made.

    Attributes
    ----------
    rounds, share1, proposer : ndarray
        Each round, the first player's share it proposes, and who proposes (0 or 1).
    path : list of OfferRound
        The rounds actually played.
    """

    rounds: npt.NDArray[Any]
    share1: npt.NDArray[Any]
    proposer: npt.NDArray[Any]
    path: list[OfferRound]

    @classmethod
    def of(cls, trace: OffersResult | Sequence[OfferRound]) -> OffersPlan:
        """The plan of an :class:`~negotiation.bargaining.offers.OffersResult` or of its rows.

        Examples
        --------
        >>> from negotiation.bargaining.offers import alternating_offers
        >>> plan = OffersPlan.of(alternating_offers(0.9, 0.8, rounds=3))
        >>> plan.rounds.tolist(), plan.reached
        ([1, 2, 3], 1)
        """
        from ..bargaining.offers import OfferRound, OffersResult

        if isinstance(trace, OffersResult):
            plan = trace.plan_arrays()
            return cls(plan["round"], plan["share1"], plan["proposer"], list(trace.path))
        rows = list(trace)
        if not rows or not all(isinstance(r, OfferRound) for r in rows):
            raise TypeError("trace must be an OffersResult or a non-empty list of OfferRound")
        return cls(
            np.array([r.round for r in rows]),
            np.array([float(r.offer[0]) for r in rows]),
            np.array([r.proposer for r in rows]),
            [r for r in rows if r.on_path],
        )

    @property
    def reached(self) -> int:
        """The last round played (0 if none)."""
        return self.path[-1].round if self.path else 0

    def proposals(self, who: int) -> tuple[npt.NDArray[np.bool_], npt.NDArray[np.bool_]]:
        """Which rounds ``who`` proposes in: those reached, and those never reached."""
        mine = self.proposer == who
        return mine & (self.rounds <= self.reached), mine & (self.rounds > self.reached)

    def made(self, response: str) -> tuple[list[int], list[float]]:
        """The offers made that got ``response`` (``"accept"``, ``"reject"``, ``"opt out"``)."""
        made = [r for r in self.path if r.response == response]
        return [r.round for r in made], [float(r.offer[0]) for r in made]
