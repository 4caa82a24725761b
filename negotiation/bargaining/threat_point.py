"""How the bargaining solutions move when the disagreement (threat) point moves.

Japan's Treasury card works, if at all, through the disagreement point: a side
whose no-deal payoff rises (or whose opponent's falls) gets more under the Nash,
Kalai-Smorodinsky and egalitarian solutions; the utilitarian solution depends on the
disagreement point only through which agreements both sides accept.
:func:`threat_point_effect` measures by how much, solution by solution.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from ..core._numbers import Number
from ._common import _fmt_group, _fmt_point
from .problem import BargainingProblem
from .solutions import (
    SOLUTION_CONCEPTS,
    BargainingSolution,
    _check_problem,
    bargaining_solutions,
)

__all__ = ["ThreatPointEffect", "threat_point_effect"]


@dataclass(frozen=True)
class ThreatPointEffect:
    """How the solutions move when the disagreement point moves.

    Attributes
    ----------
    before, after : BargainingProblem
        The problem with the old and the new disagreement point.
    solutions_before, solutions_after : dict of str to BargainingSolution
    """

    before: BargainingProblem
    after: BargainingProblem
    solutions_before: dict[str, BargainingSolution]
    solutions_after: dict[str, BargainingSolution]

    def change(self, concept: str) -> tuple[Number, Number]:
        """``(change for player 1, change for player 2)`` under one concept."""
        if concept not in self.solutions_before:
            raise ValueError(
                f"unknown concept {concept!r}; expected one of {list(self.solutions_before)}"
            )
        a = self.solutions_before[concept].utilities
        b = self.solutions_after[concept].utilities
        return b[0] - a[0], b[1] - a[1]

    def describe(self) -> str:
        """A short table in words.

        Examples
        --------
        >>> pie = BargainingProblem.from_outcomes([(1, 0), (0, 1)], (0, 0), players=("Japan", "US"))
        >>> print(threat_point_effect(pie, (0.2, 0)).describe())
        Moving the disagreement point from (0, 0) to (1/5, 0):
          Nash bargaining solution: Japan 1/2 -> 3/5 (+1/10), US 1/2 -> 2/5 (-1/10)
          Kalai-Smorodinsky solution: Japan 1/2 -> 3/5 (+1/10), US 1/2 -> 2/5 (-1/10)
          Egalitarian solution: Japan 1/2 -> 3/5 (+1/10), US 1/2 -> 2/5 (-1/10)
          Utilitarian solution: Japan 1/2 -> 3/5 (+1/10), US 1/2 -> 2/5 (-1/10)
        """
        p1, p2 = self.before.players
        lines = [
            f"Moving the disagreement point from {_fmt_point(self.before.disagreement)} to "
            f"{_fmt_point(self.after.disagreement)}:"
        ]
        for c, s in self.solutions_before.items():
            a, b = s.utilities, self.solutions_after[c].utilities
            ch = self.change(c)
            v = _fmt_group([a[0], b[0], abs(ch[0]), a[1], b[1], abs(ch[1])])
            lines.append(
                f"  {s.name}: {p1} {v[0]} -> {v[1]} ({_signed(ch[0], v[2])}), "
                f"{p2} {v[3]} -> {v[4]} ({_signed(ch[1], v[5])})"
            )
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.describe()


def _signed(v: Number, magnitude: str) -> str:
    if v == 0:
        return "no change"
    return ("+" if v > 0 else "-") + magnitude


def threat_point_effect(
    problem: BargainingProblem,
    new_disagreement: Any,
    concepts: Sequence[str] = SOLUTION_CONCEPTS,
    *,
    power: Any = Fraction(1, 2),
) -> ThreatPointEffect:
    """Solve the problem with its disagreement point and with ``new_disagreement``, side by side.

    Use it for "what if the no-deal outcome changes": a credible threat (the Treasury
    card lowers the US's ``d2``, and Japan's ``d1`` by less) or a costlier no deal for
    one side. Under the Nash solution a side's share rises with its own disagreement
    payoff and falls with the other's (Nash 1950). It is not the way to model an
    *outside option* that a side can take at will: by the outside-option principle
    that matters only if it beats what bargaining gives (Binmore, Rubinstein and
    Wolinsky 1986), see :func:`negotiation.bargaining.offers.alternating_offers`.

    Examples
    --------
    >>> pie = BargainingProblem.from_outcomes([(1, 0), (0, 1)], (0, 0), players=("Japan", "US"))
    >>> effect = threat_point_effect(pie, (0, -0.5))
    >>> effect.change("nash")
    (Fraction(1, 4), Fraction(-1, 4))
    """
    problem = _check_problem(problem, "threat_point_effect")
    after = problem.with_disagreement(new_disagreement)
    return ThreatPointEffect(
        before=problem,
        after=after,
        solutions_before=bargaining_solutions(problem, concepts, power=power),
        solutions_after=bargaining_solutions(after, concepts, power=power),
    )
