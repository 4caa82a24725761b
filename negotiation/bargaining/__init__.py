"""Bargaining: how two sides split the gains from a deal.

Three ways in, one folder:

* :mod:`~negotiation.bargaining.problem` and :mod:`~negotiation.bargaining.solutions`:
  the cooperative view. A :class:`BargainingProblem` (what could be agreed, and
  what each side gets if talks fail) and the Nash, Kalai-Smorodinsky, egalitarian
  and utilitarian solutions, each defined by axioms;
  :mod:`~negotiation.bargaining.threat_point` says how they move with the
  disagreement point.
* :mod:`~negotiation.bargaining.offers`: the strategic view. Rounds of
  alternating offers (Rubinstein 1982), with deadlines, outside options and the
  risk of breakdown.
* :mod:`~negotiation.bargaining.linkage`: several issues at once. Package deals,
  logrolling and the gain from linking issues.

>>> from negotiation.bargaining import BargainingProblem, nash_solution, rubinstein_shares
>>> pie = BargainingProblem.from_outcomes([(1, 0), (0, 1)], disagreement=(0.2, 0))
>>> nash_solution(pie).utilities
(Fraction(3, 5), Fraction(2, 5))
>>> rubinstein_shares(0.9, 0.9).proposer
Fraction(10, 19)
"""

from .linkage import (
    Issue,
    LinkageGain,
    LinkedNegotiation,
    Package,
    PackageSolution,
    gain_from_linkage,
    issue_by_issue,
    nash_package,
    pareto_packages,
)
from .offers import (
    OfferRound,
    OffersResult,
    Shares,
    alternating_offers,
    linear_schedule,
    rubinstein_shares,
)
from .problem import BargainingProblem
from .solutions import (
    SOLUTION_CONCEPTS,
    BargainingSolution,
    bargaining_solutions,
    egalitarian_solution,
    kalai_smorodinsky_solution,
    nash_solution,
    utilitarian_solution,
)
from .threat_point import ThreatPointEffect, threat_point_effect

__all__ = [
    "SOLUTION_CONCEPTS",
    "BargainingProblem",
    "BargainingSolution",
    "Issue",
    "LinkageGain",
    "LinkedNegotiation",
    "OfferRound",
    "OffersResult",
    "Package",
    "PackageSolution",
    "Shares",
    "ThreatPointEffect",
    "alternating_offers",
    "bargaining_solutions",
    "egalitarian_solution",
    "gain_from_linkage",
    "issue_by_issue",
    "kalai_smorodinsky_solution",
    "linear_schedule",
    "nash_package",
    "nash_solution",
    "pareto_packages",
    "rubinstein_shares",
    "threat_point_effect",
    "utilitarian_solution",
]
