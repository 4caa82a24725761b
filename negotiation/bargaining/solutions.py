"""Cooperative bargaining: the Nash, Kalai-Smorodinsky, egalitarian and utilitarian solutions.

A *bargaining problem* is a set ``S`` of utility pairs the two sides could agree
on, and a *disagreement point* ``d`` (also called the threat point): what each
gets if talks fail. For Japan and the US in 2025, ``d`` is the world of 25%
tariffs with no deal, and ``S`` the deals that were on the table.

A *solution* picks one agreement from ``S``. Each classic solution is defined by
axioms that a fair arbitrator might accept:

* **Nash** (Nash 1950): the point that maximises the product of gains
  ``(u1 - d1) * (u2 - d2)``. It is the only solution that is Pareto optimal,
  symmetric, independent of the units of utility (invariant to positive affine
  rescaling) and independent of irrelevant alternatives (IIA). The *generalised*
  Nash solution maximises ``(u1 - d1)**a * (u2 - d2)**(1 - a)``, where ``a`` is
  the first player's bargaining power. With ``a != 1/2`` it **drops the symmetry
  axiom** and keeps the other three (Pareto optimality, independence of units,
  IIA); with strict individual rationality, those three characterise exactly this
  family, one solution for each ``a`` [Kalai1977b]_ [Roth1979]_.
* **Kalai-Smorodinsky** (Kalai and Smorodinsky 1975): the Pareto-optimal point on
  the line from ``d`` to the *ideal point* (each side's best feasible utility),
  so both sides get the same fraction of their best possible gain. It replaces
  IIA by *individual monotonicity*: if the set grows in a way that raises what
  one side could hope for, that side does not lose.
* **Egalitarian** (Kalai 1977): the largest equal gains for both sides.
* **Utilitarian**: the feasible point with the largest sum ``u1 + u2``.

The last two compare one side's gain with the other's, so both utilities must be
in one unit (an *interpersonal comparison*); Nash and Kalai-Smorodinsky need no
such comparison. :func:`bargaining_solutions` takes ``unit_rates`` for problems
whose sides are measured differently.

A worked example: split a pie worth 1, where each side's utility is its share.
With no deal worth ``(0, 0)`` every solution gives ``(1/2, 1/2)``. If Japan's
*disagreement payoff* (what it gets if the talks break down, which it does not
choose) rises to ``1/5``, the Nash solution gives Japan that plus half of the
remaining gain: ``1/5 + (1 - 1/5)/2 = 3/5``. (An *outside option*, which a side
can choose to take instead of bargaining on, is a different thing: it matters only
if it beats what the side gets by bargaining; see
:mod:`negotiation.bargaining.offers`.)

>>> from negotiation.bargaining import BargainingProblem, nash_solution
>>> pie = BargainingProblem.from_outcomes([(1, 0), (0, 1)], disagreement=(0, 0))
>>> nash_solution(pie).utilities
(Fraction(1, 2), Fraction(1, 2))
>>> nash_solution(pie.with_disagreement((0.2, 0))).utilities
(Fraction(3, 5), Fraction(2, 5))

References
----------
.. [Nash1950] J. Nash, "The bargaining problem", *Econometrica* 18(2), 155-162, 1950.
.. [KalaiSmorodinsky1975] E. Kalai and M. Smorodinsky, "Other solutions to Nash's
   bargaining problem", *Econometrica* 43(3), 513-518, 1975.
.. [Kalai1977] E. Kalai, "Proportional solutions to bargaining situations: interpersonal
   utility comparisons", *Econometrica* 45(7), 1623-1630, 1977.
.. [Kalai1977b] E. Kalai, "Nonsymmetric Nash solutions and replications of 2-person
   bargaining", *International Journal of Game Theory* 6(3), 129-133, 1977.
.. [Imai1983] H. Imai, "Individual monotonicity and lexicographic maxmin solution",
   *Econometrica* 51(2), 389-401, 1983.
.. [Roth1979] A. E. Roth, *Axiomatic Models of Bargaining*, Springer, 1979.
.. [Thomson1994] W. Thomson, "Cooperative models of bargaining", *Handbook of Game
   Theory* vol. 2, chapter 35, 1994.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any, Literal

import numpy as np

from ..core._numbers import Number, to_exact
from ._common import _check_power, _check_weights, _fmt_group, _fmt_point, _sym
from ._frontier import _evaluate_grid, _first_true, _Node
from .problem import BargainingProblem

__all__ = [
    "SOLUTION_CONCEPTS",
    "BargainingSolution",
    "bargaining_solutions",
    "egalitarian_solution",
    "kalai_smorodinsky_solution",
    "nash_solution",
    "utilitarian_solution",
]

Concept = Literal["nash", "kalai_smorodinsky", "egalitarian", "utilitarian"]

SOLUTION_CONCEPTS: tuple[Concept, ...] = (
    "nash",
    "kalai_smorodinsky",
    "egalitarian",
    "utilitarian",
)
"""The solution concepts, in the order tables and plots show them."""

_CONCEPT_NAMES: dict[str, str] = {
    "nash": "Nash bargaining solution",
    "kalai_smorodinsky": "Kalai-Smorodinsky solution",
    "egalitarian": "Egalitarian solution",
    "utilitarian": "Utilitarian solution",
}


@dataclass(frozen=True)
class BargainingSolution:
    """One solution of a bargaining problem.

    Attributes
    ----------
    concept : str
        ``"nash"``, ``"kalai_smorodinsky"``, ``"egalitarian"`` or ``"utilitarian"``
        (also the key into :data:`negotiation.plots.style.SOLUTION_COLOURS`).
    point : tuple of float
        The agreed utilities ``(u1, u2)``.
    point_exact : tuple of Fraction or None
        The same, exactly, when the problem is exact (or sympy found a rational answer).
    symbolic : tuple or None
        The utilities as sympy expressions, when a frontier expression was solved by sympy.
    mixture : tuple of (int, number) pairs
        For a problem built from outcomes: the outcome(s) that make up the agreement and
        their weights (one outcome with weight 1, or two outcomes on a frontier segment:
        a lottery between them, or a compromise halfway along the line).
    pareto_optimal : bool
        False only for the equal-gains point when it lies on a weakly efficient edge.
    parameters : dict
        The concept's parameters (power, weights).
    note : str
        Anything a reader should know (ties, tolerances).
    """

    concept: str
    point: tuple[float, float]
    point_exact: tuple[Fraction, Fraction] | None
    symbolic: tuple[Any, Any] | None
    mixture: tuple[tuple[int, Number], ...]
    pareto_optimal: bool
    parameters: dict[str, Any]
    note: str
    problem: BargainingProblem = field(repr=False, compare=False)

    @property
    def name(self) -> str:
        """The concept's name in words."""
        return _CONCEPT_NAMES[self.concept]

    @property
    def utilities(self) -> tuple[Number, Number]:
        """``(u1, u2)``: exact when available, floats otherwise."""
        return self.point_exact if self.point_exact is not None else self.point

    @property
    def gains(self) -> tuple[Number, Number]:
        """Each side's gain over its disagreement payoff."""
        u = self.utilities
        d = self.problem.disagreement
        return u[0] - d[0], u[1] - d[1]

    @property
    def outcome(self) -> int | None:
        """The index of the outcome agreed on, if the agreement is a single outcome."""
        if len(self.mixture) == 1:
            return self.mixture[0][0]
        return None

    def describe(self) -> str:
        """One or two plain sentences naming the sides.

        Examples
        --------
        >>> p = BargainingProblem.from_outcomes([(1, 0), (0, 1)], (0.2, 0), players=("Japan", "US"),
        ...                                     labels=("Japan's offer", "US demand"))
        >>> print(nash_solution(p).describe())
        Nash bargaining solution: Japan gets 3/5 and US gets 2/5 (gains 2/5 and 2/5 over the disagreement point (1/5, 0)); agreement: a 3/5 : 2/5 mix of Japan's offer and US demand (a lottery or a compromise between them).
        """
        p1, p2 = self.problem.players
        d = self.problem.disagreement
        u, gains = self._values(), self._values(relative_to=d)
        shown = _fmt_group([*u, *gains])
        text = (
            f"{self.name}: {p1} gets {shown[0]} and {p2} gets {shown[1]} "
            f"(gains {shown[2]} and {shown[3]} over the disagreement point {_fmt_point(d)})"
        )
        if self.mixture:
            if len(self.mixture) == 1:
                text += f"; agreement: {self.problem.outcome_name(self.mixture[0][0])}"
            else:
                (i, wi), (j, wj) = self.mixture
                w = _fmt_group([wi, wj])
                text += (
                    f"; agreement: a {w[0]} : {w[1]} mix of {self.problem.outcome_name(i)} and "
                    f"{self.problem.outcome_name(j)} (a lottery or a compromise between them)"
                )
        text += "."
        if self.note:
            text += " " + self.note
        return text

    def _values(self, relative_to: Sequence[Number] = (0, 0)) -> list[Number]:
        """The utilities minus ``relative_to``: exact where known (also from sympy), else floats."""
        out: list[Number] = []
        for k in range(2):
            if self.point_exact is not None:
                out.append(self.point_exact[k] - relative_to[k])
            elif self.symbolic is not None and getattr(self.symbolic[k], "is_Rational", False):
                out.append(to_exact(self.symbolic[k]) - to_exact(relative_to[k]))
            else:
                out.append(self.point[k] - float(relative_to[k]))
        return out

    def __str__(self) -> str:
        return self.describe()


def _check_problem(problem: Any, who: str) -> BargainingProblem:
    if not isinstance(problem, BargainingProblem):
        raise TypeError(
            f"{who}() needs a BargainingProblem, got {type(problem).__name__}; build one with "
            f"BargainingProblem.from_outcomes(points, disagreement)"
        )
    return problem


def _mixture(problem: BargainingProblem, node: _Node) -> tuple[tuple[int, Number], ...]:
    chain = problem._chain
    assert chain is not None
    j, lam = node.seg, node.lam
    if j + 1 >= len(chain) or lam == 0:
        return ((chain.index[j], 1 + 0 * lam),)
    if lam == 1:
        return ((chain.index[j + 1], 1 + 0 * lam),)
    pair = ((chain.index[j], 1 - lam), (chain.index[j + 1], lam))
    return pair if pair[0][1] >= pair[1][1] else (pair[1], pair[0])


def _make(
    problem: BargainingProblem,
    concept: str,
    x: Any,
    y: Any,
    *,
    node: _Node | None = None,
    symbolic: tuple[Any, Any] | None = None,
    pareto: bool = True,
    parameters: dict[str, Any] | None = None,
    note: str = "",
) -> BargainingSolution:
    exact: tuple[Fraction, Fraction] | None = None
    if isinstance(x, Fraction) and isinstance(y, Fraction):
        exact = (x, y)
    elif symbolic is not None and all(getattr(v, "is_Rational", False) for v in symbolic):
        exact = (to_exact(symbolic[0]), to_exact(symbolic[1]))  # type: ignore[assignment]
    point = (float(x), float(y))
    mixture = _mixture(problem, node) if node is not None and problem._chain is not None else ()
    return BargainingSolution(
        concept=concept,
        point=point,
        point_exact=exact,
        symbolic=symbolic,
        mixture=mixture,
        pareto_optimal=pareto,
        parameters=parameters or {},
        note=note,
        problem=problem,
    )


def nash_solution(problem: BargainingProblem, power: Any = Fraction(1, 2)) -> BargainingSolution:
    """The (generalised) Nash bargaining solution [Nash1950]_.

    The feasible point maximising ``(u1 - d1)**power * (u2 - d2)**(1 - power)`` among
    points that give both sides at least their disagreement payoff.

    Parameters
    ----------
    problem : BargainingProblem
    power : number in (0, 1)
        The first player's bargaining weight (1/2: the symmetric Nash solution). The
        generalised solution is the limit of alternating-offers bargaining when the
        players' discount rates are ``r1`` and ``r2`` and ``power = r2 / (r1 + r2)``
        (Binmore, Rubinstein and Wolinsky 1986).

    Returns
    -------
    BargainingSolution
        Exact Fractions for a rational problem built from outcomes (for any rational power:
        on a frontier segment ``y = c + m x`` in gains, the maximiser is
        ``x = power * c / (-m)``, ``y = (1 - power) * c``).

    Examples
    --------
    >>> pie = BargainingProblem.from_outcomes([(1, 0), (0, 1)], (0, 0))
    >>> nash_solution(pie).utilities
    (Fraction(1, 2), Fraction(1, 2))
    >>> nash_solution(pie, power=Fraction(2, 3)).utilities
    (Fraction(2, 3), Fraction(1, 3))
    """
    problem = _check_problem(problem, "nash_solution")
    a = _check_power(power)
    params = {"power": a}
    if problem._ir is None:
        return _nash_frontier(problem, a, params)
    ir = problem._ir
    if not problem.exact:
        a = float(a)
    d1, d2 = problem.disagreement
    if len(ir) == 1:
        n0 = ir[0]
        return _make(problem, "nash", n0.x, n0.y, node=n0, parameters=params)

    def slope(k: int) -> Any:
        p, q = ir[k], ir[k + 1]
        return (q.y - p.y) / (q.x - p.x)

    def g(k: int, node: _Node) -> Any:
        return a * (node.y - d2) + (1 - a) * slope(k) * (node.x - d1)

    k = _first_true(0, len(ir) - 1, lambda k: g(k, ir[k + 1]) <= 0)
    if k == len(ir) - 1:
        last = ir[len(ir) - 1]
        return _make(problem, "nash", last.x, last.y, node=last, parameters=params)
    p = ir[k]
    if g(k, p) <= 0:
        return _make(problem, "nash", p.x, p.y, node=p, parameters=params)
    m = slope(k)
    c = (p.y - d2) - m * (p.x - d1)
    x = d1 + a * c / (-m)
    y = d2 + (1 - a) * c
    return _make(problem, "nash", x, y, node=ir.locate(x, y, k), parameters=params)


def _ks_direction_point(
    problem: BargainingProblem, direction: tuple[Any, Any]
) -> tuple[Any, Any, _Node | None, str]:
    """Where the ray from d in ``direction`` leaves the feasible set (exact on a chain).

    Returns ``(x, y, node, where)`` with ``where`` one of ``"frontier"``, ``"flat"``
    (the horizontal free-disposal edge left of the frontier) or ``"wall"`` (the vertical
    edge below its right end).
    """
    ir = problem._ir
    assert ir is not None
    d1, d2 = problem.disagreement
    D1, D2 = direction

    def h(node: _Node) -> Any:
        return D1 * (node.y - d2) - D2 * (node.x - d1)

    first, last = ir[0], ir[len(ir) - 1]
    if h(first) < 0:
        t = (first.y - d2) / D2
        return d1 + t * D1, first.y, first, "flat"
    if h(last) > 0:
        t = (last.x - d1) / D1
        return last.x, d2 + t * D2, last, "wall"
    k = _first_true(0, len(ir), lambda k: h(ir[k]) <= 0)
    q = ir[k]
    if h(q) == 0 or k == 0:
        return q.x, q.y, q, "frontier"
    p = ir[k - 1]
    hp, hq = h(p), h(q)
    t = hp / (hp - hq)
    x = p.x + t * (q.x - p.x)
    y = p.y + t * (q.y - p.y)
    return x, y, ir.locate(x, y, k - 1), "frontier"


def kalai_smorodinsky_solution(problem: BargainingProblem) -> BargainingSolution:
    """The Kalai-Smorodinsky solution [KalaiSmorodinsky1975]_.

    The Pareto-optimal point on the segment from the disagreement point to the ideal
    point, so that each side gets the same fraction of the most it could hope for.

    Examples
    --------
    Kalai and Smorodinsky's example: enlarge the set so that player 2 could get more
    for every level of player 1's utility. The Nash solution then gives player 2
    *less* (from 3/4 down to 7/10); the KS solution gives both more.

    >>> S = BargainingProblem.from_outcomes([(0, 0), (0, 1), (0.75, 0.75), (1, 0)], (0, 0))
    >>> T = BargainingProblem.from_outcomes([(0, 0), (0, 1), (1, 0.7), (1, 0)], (0, 0))
    >>> nash_solution(S).utilities, nash_solution(T).utilities
    ((Fraction(3, 4), Fraction(3, 4)), (Fraction(1, 1), Fraction(7, 10)))
    >>> kalai_smorodinsky_solution(T).utilities
    (Fraction(10, 13), Fraction(10, 13))
    """
    problem = _check_problem(problem, "kalai_smorodinsky_solution")
    ideal = problem.ideal_point
    d1, d2 = problem.disagreement
    if problem._ir is None:
        return _ks_frontier(problem)
    x, y, node, _ = _ks_direction_point(problem, (ideal[0] - d1, ideal[1] - d2))
    return _make(problem, "kalai_smorodinsky", x, y, node=node, parameters={"ideal_point": ideal})


def egalitarian_solution(
    problem: BargainingProblem, weights: Any = (1, 1), *, leximin: bool = True
) -> BargainingSolution:
    """The egalitarian solution: the largest equal gains for both sides [Kalai1977]_.

    Parameters
    ----------
    problem : BargainingProblem
    weights : pair of positive numbers
        Gains in proportion ``weights[0] : weights[1]`` (Kalai's proportional solution);
        ``(1, 1)`` for equal gains.
    leximin : bool
        With free disposal the equal-gains point can lie on a flat edge where one side
        could get more at no cost to the other (weakly, not strongly, Pareto optimal).
        By default the solution then moves along that edge to the Pareto frontier (the
        lexicographic egalitarian solution, [Imai1983]_); ``leximin=False`` returns the
        equal-gains point itself.

    Examples
    --------
    >>> pie = BargainingProblem.from_outcomes([(1, 0), (0, 1)], (0.2, 0))
    >>> egalitarian_solution(pie).utilities
    (Fraction(3, 5), Fraction(2, 5))
    >>> flat = BargainingProblem.from_outcomes([(2, 1), (3, 0)], (0, 0))
    >>> egalitarian_solution(flat, leximin=False).utilities
    (Fraction(1, 1), Fraction(1, 1))
    >>> egalitarian_solution(flat).utilities
    (Fraction(2, 1), Fraction(1, 1))
    """
    problem = _check_problem(problem, "egalitarian_solution")
    w = _check_weights(weights, "weights", strictly_positive=True)
    if not isinstance(leximin, bool):
        raise TypeError(f"leximin must be True or False, got {leximin!r}")
    params = {"weights": w, "leximin": leximin}
    if problem._ir is None:
        return _egalitarian_frontier(problem, w, leximin, params)
    x, y, node, where = _ks_direction_point(problem, w)
    if where == "frontier":
        return _make(problem, "egalitarian", x, y, node=node, parameters=params)
    assert node is not None
    if leximin:
        note = (
            f"Equal gains stop at {_fmt_point((x, y))}, where one side could still gain at no "
            f"cost to the other, so the point moves along that edge to the frontier (leximin)."
        )
        return _make(
            problem, "egalitarian", node.x, node.y, node=node, parameters=params, note=note
        )
    note = "This equal-gains point is only weakly Pareto optimal: one side could gain at no cost to the other."
    return _make(
        problem, "egalitarian", x, y, node=node, pareto=False, parameters=params, note=note
    )


def utilitarian_solution(problem: BargainingProblem, weights: Any = (1, 1)) -> BargainingSolution:
    """The utilitarian solution: the agreement with the largest (weighted) sum of utilities.

    Only agreements both sides prefer to disagreement are considered. When a whole
    frontier edge maximises the sum, the point on it with the most equal gains is
    chosen and the tie is reported in ``note``.

    Examples
    --------
    >>> p = BargainingProblem.from_outcomes([(4, 0), (3, 2), (0, 3)], (0, 0))
    >>> utilitarian_solution(p).utilities
    (Fraction(3, 1), Fraction(2, 1))
    >>> utilitarian_solution(BargainingProblem.from_outcomes([(1, 0), (0, 1)], (0, 0))).note
    'Every point between (0, 1) and (1, 0) has the same sum; the one with the most equal gains is shown.'
    """
    problem = _check_problem(problem, "utilitarian_solution")
    w = _check_weights(weights, "weights", strictly_positive=False)
    params = {"weights": w}
    if problem._ir is None:
        return _utilitarian_frontier(problem, w, params)
    ir = problem._ir
    w1, w2 = w
    if not problem.exact:
        w1, w2 = float(w1), float(w2)

    def change(k: int) -> Any:
        p, q = ir[k], ir[k + 1]
        return w1 * (q.x - p.x) + w2 * (q.y - p.y)

    # in floats, a change within rounding error of zero is a tie
    scale = max(1.0, *(abs(float(v)) for v in (*problem.ideal_point, *problem.disagreement)))
    tie = 0.0 if problem.exact else 1e-12 * scale
    k = _first_true(0, len(ir) - 1, lambda k: change(k) <= tie)
    node = ir[k]
    if k < len(ir) - 1 and abs(change(k)) <= tie:
        # a tie along one or more collinear edges: from node k to node k_end
        k_end = _first_true(k, len(ir) - 1, lambda j: change(j) < -tie)
        p, q = ir[k], ir[k_end]
        d1, d2 = problem.disagreement

        def h(n: _Node) -> Any:  # > 0 while player 2 gains more than player 1
            return (n.y - d2) - (n.x - d1)

        if h(p) <= 0:
            x, y, tied = p.x, p.y, p
        elif h(q) >= 0:
            x, y, tied = q.x, q.y, q
        else:
            j = _first_true(k, k_end + 1, lambda j: h(ir[j]) <= 0)
            a, b = ir[j - 1], ir[j]
            t = h(a) / (h(a) - h(b))
            x, y = a.x + t * (b.x - a.x), a.y + t * (b.y - a.y)
            tied = ir.locate(x, y, j - 1)
        note = (
            f"Every point between {_fmt_point((p.x, p.y))} and {_fmt_point((q.x, q.y))} has the "
            f"same sum; the one with the most equal gains is shown."
        )
        return _make(problem, "utilitarian", x, y, node=tied, parameters=params, note=note)
    return _make(problem, "utilitarian", node.x, node.y, node=node, parameters=params)


# --- frontier functions: numeric, and symbolic when sympy can --------------------------


def _maximise(problem: BargainingProblem, objective: Callable[[float], float]) -> float:
    from scipy.optimize import minimize_scalar

    x_start, x_end = problem._ir_interval()
    width = x_end - x_start
    res = minimize_scalar(
        lambda x: -objective(float(x)),
        bounds=(x_start, x_end),
        method="bounded",
        options={"xatol": problem._tol * max(width, 1e-300)},
    )
    best = float(res.x)
    for edge in (x_start, x_end):
        if objective(edge) > objective(best):
            best = edge
    return best


def _root(problem: BargainingProblem, h: Callable[[float], float]) -> float:
    from scipy.optimize import brentq

    x_start, x_end = problem._ir_interval()
    ha, hb = h(x_start), h(x_end)
    if ha == 0:
        return x_start
    if hb == 0:
        return x_end
    return float(brentq(h, x_start, x_end, xtol=1e-14 * max(x_end - x_start, 1e-300)))


def _symbolic_root(problem: BargainingProblem, equation: Any, numeric: float) -> Any:
    """The root of ``equation`` (in the frontier's symbol) that matches the numeric answer."""
    import sympy

    u = problem._symbol
    try:
        roots = sympy.solve(equation, u)
    except (NotImplementedError, ValueError, TypeError):  # pragma: no cover - sympy gives up
        return None
    width = float(problem._range_exact()[1] - problem._range_exact()[0])
    for r in roots:
        try:
            value = complex(sympy.N(r, 30))
        except (TypeError, ValueError):  # pragma: no cover
            continue
        if abs(value.imag) < 1e-12 and abs(value.real - numeric) <= 1e-6 * max(1.0, width):
            return sympy.nsimplify(r) if r.is_Rational else sympy.simplify(r)
    return None


def _frontier_solution(
    problem: BargainingProblem,
    concept: str,
    x: float,
    equation: Any,
    params: dict[str, Any],
    note: str = "",
) -> BargainingSolution:
    y = problem._fv(x)
    symbolic = None
    if problem._expr is not None and equation is not None:
        root = _symbolic_root(problem, equation, x)
        if root is not None:
            y_sym = _simplify(problem._expr.subs(problem._symbol, root))
            symbolic = (root, y_sym)
            x, y = float(root), float(y_sym)
    if symbolic is None and not note:
        note = "Found numerically, to about 1e-8 of the range of u1."
    return _make(problem, concept, x, y, symbolic=symbolic, parameters=params, note=note)


def _simplify(expr: Any) -> Any:
    import sympy

    return sympy.nsimplify(expr) if expr.is_Rational else sympy.simplify(expr)


def _nash_frontier(
    problem: BargainingProblem, a: Number, params: dict[str, Any]
) -> BargainingSolution:
    d1, d2 = (float(v) for v in problem.disagreement)
    af = float(a)

    def log_product(x: float) -> float:
        gx, gy = x - d1, problem._fv(x) - d2
        if gx <= 0 or gy <= 0:
            return -math.inf
        return af * math.log(gx) + (1 - af) * math.log(gy)

    x = _maximise(problem, log_product)
    equation = None
    if problem._expr is not None:
        import sympy

        u = problem._symbol
        f = problem._expr
        A = _sym(a)
        equation = A * (f - _sym(problem.disagreement[1])) + (1 - A) * (
            u - _sym(problem.disagreement[0])
        ) * sympy.diff(f, u)
    return _frontier_solution(problem, "nash", x, equation, params)


def _ks_frontier(problem: BargainingProblem) -> BargainingSolution:
    d1, d2 = (float(v) for v in problem.disagreement)
    x_start, x_end = problem._ir_interval()
    i1, i2 = x_end, problem._fv(x_start)
    x = _root(problem, lambda x: (i1 - d1) * (problem._fv(x) - d2) - (i2 - d2) * (x - d1))
    equation = None
    ideal: tuple[Any, Any] = (i1, i2)
    if problem._expr is not None:
        u, f = problem._symbol, problem._expr
        D1, D2 = _sym(problem.disagreement[0]), _sym(problem.disagreement[1])
        sym_ideal = _symbolic_ideal(problem)
        if sym_ideal is not None:
            I1, I2 = sym_ideal
            ideal = sym_ideal
            equation = (I1 - D1) * (f - D2) - (I2 - D2) * (u - D1)
    return _frontier_solution(problem, "kalai_smorodinsky", x, equation, {"ideal_point": ideal})


def _symbolic_ideal(problem: BargainingProblem) -> tuple[Any, Any] | None:
    import sympy

    u, f = problem._symbol, problem._expr
    lo, hi = problem._range_exact()
    d1, d2 = problem.disagreement
    x_start = _sym(max(lo, d1))
    _, x_end_f = problem._ir_interval()
    if x_end_f < float(hi) - 1e-12 * max(1.0, abs(float(hi))):
        root = _symbolic_root(problem, f - _sym(d2), x_end_f)
        if root is None:
            return None
        I1 = root
    else:
        I1 = _sym(hi)
    return I1, sympy.simplify(f.subs(u, x_start))


def _egalitarian_frontier(
    problem: BargainingProblem, w: tuple[Number, Number], leximin: bool, params: dict[str, Any]
) -> BargainingSolution:
    d1, d2 = (float(v) for v in problem.disagreement)
    w1, w2 = float(w[0]), float(w[1])
    x_start, x_end = problem._ir_interval()

    def h(x: float) -> float:
        return w1 * (problem._fv(x) - d2) - w2 * (x - d1)

    if h(x_start) < 0 or h(x_end) > 0:
        flat = h(x_start) < 0
        edge = x_start if flat else x_end
        if leximin:
            return _frontier_solution(
                problem,
                "egalitarian",
                edge,
                None,
                params,
                note="Equal gains stop on a flat edge; moved along it to the frontier (leximin).",
            )
        if flat:
            y = problem._fv(x_start)
            x = d1 + (y - d2) * w1 / w2
        else:
            x = x_end
            y = d2 + (x_end - d1) * w2 / w1
        return _make(
            problem,
            "egalitarian",
            x,
            y,
            pareto=False,
            parameters=params,
            note="This equal-gains point is only weakly Pareto optimal.",
        )
    x = _root(problem, h)
    equation = None
    if problem._expr is not None:
        u, f = problem._symbol, problem._expr
        equation = _sym(w[0]) * (f - _sym(problem.disagreement[1])) - _sym(w[1]) * (
            u - _sym(problem.disagreement[0])
        )
    return _frontier_solution(problem, "egalitarian", x, equation, params)


def _utilitarian_frontier(
    problem: BargainingProblem, w: tuple[Number, Number], params: dict[str, Any]
) -> BargainingSolution:
    w1, w2 = float(w[0]), float(w[1])
    x = _maximise(problem, lambda x: w1 * x + w2 * problem._fv(x))
    # A straight piece of frontier with slope -w1/w2 is a tie: find it on a grid and
    # pick the point on it with the most equal gains, as for a finite problem.
    x_start, x_end = problem._ir_interval()
    grid = np.linspace(x_start, x_end, 2001)
    assert problem._f is not None
    values = w1 * grid + w2 * _evaluate_grid(problem._f, grid)
    best = w1 * x + w2 * problem._fv(x)
    tied = grid[values >= best - problem._tol * problem._scale()]
    if len(tied) >= 3:
        xa, xb = float(tied.min()), float(tied.max())
        d1, d2 = (float(v) for v in problem.disagreement)

        def h(t: float) -> float:
            return (problem._fv(t) - d2) - (t - d1)

        if h(xa) <= 0:
            x = xa
        elif h(xb) >= 0:
            x = xb
        else:
            from scipy.optimize import brentq

            x = float(brentq(h, xa, xb, xtol=1e-14 * max(xb - xa, 1e-300)))
        note = (
            f"Every point with u1 between {xa:.4g} and {xb:.4g} has the same sum (to the "
            f"tolerance); the one with the most equal gains is shown."
        )
        return _make(problem, "utilitarian", x, problem._fv(x), parameters=params, note=note)
    equation = None
    if problem._expr is not None and w[1] != 0:
        import sympy

        u, f = problem._symbol, problem._expr
        equation = _sym(w[0]) + _sym(w[1]) * sympy.diff(f, u)
    return _frontier_solution(problem, "utilitarian", x, equation, params)


# --- all at once, and how they move with the threat point -----------------------------


def bargaining_solutions(
    problem: BargainingProblem,
    concepts: Sequence[str] = SOLUTION_CONCEPTS,
    *,
    power: Any = Fraction(1, 2),
    unit_rates: Any = None,
) -> dict[str, BargainingSolution]:
    """Several solutions of one problem, keyed by concept (in the order given).

    Parameters
    ----------
    problem : BargainingProblem
    concepts : sequence of str
        Which solutions, in which order.
    power : number
        The first player's bargaining power in the Nash solution.
    unit_rates : pair of positive numbers, optional
        What one unit of each player's utility is worth in a **common unit**, when the
        two are measured differently (Japan in % of GDP, the US in $bn: ``(40, 1)``
        values both in $bn). The egalitarian and utilitarian solutions compare gains
        *across* players (equal gains, the largest sum), so they need a common unit:
        the egalitarian solution then gives equal gains in that unit (Kalai's
        proportional solution with weights ``(rates[1], rates[0])``), the utilitarian
        one the largest sum in that unit (weights ``rates``). The Nash and
        Kalai-Smorodinsky solutions do not change when a player's utility is rescaled
        [Nash1950]_ [KalaiSmorodinsky1975]_, so they ignore it. ``None`` adds the
        utilities as they are, which is right only when they share a unit.

    Examples
    --------
    >>> pie = BargainingProblem.from_outcomes([(1, 0), (0, 1)], (0, 0))
    >>> {k: s.utilities[0] for k, s in bargaining_solutions(pie).items()}
    {'nash': Fraction(1, 2), 'kalai_smorodinsky': Fraction(1, 2), 'egalitarian': Fraction(1, 2), 'utilitarian': Fraction(1, 2)}

    If the first player's unit is worth 4 of the second's, equal gains in the common
    unit give the first player a fifth of the pie in its own unit:

    >>> bargaining_solutions(pie, ("egalitarian",), unit_rates=(4, 1))["egalitarian"].utilities
    (Fraction(1, 5), Fraction(4, 5))
    """
    problem = _check_problem(problem, "bargaining_solutions")
    rates = (1, 1) if unit_rates is None else _check_weights(unit_rates, "unit_rates", True)
    if isinstance(concepts, str):
        concepts = (concepts,)
    out: dict[str, BargainingSolution] = {}
    for c in concepts:
        if c == "nash":
            out[c] = nash_solution(problem, power)
        elif c == "kalai_smorodinsky":
            out[c] = kalai_smorodinsky_solution(problem)
        elif c == "egalitarian":
            out[c] = egalitarian_solution(problem, (rates[1], rates[0]))
        elif c == "utilitarian":
            out[c] = utilitarian_solution(problem, rates)
        else:
            raise ValueError(
                f"unknown solution concept {c!r}; expected one of {list(SOLUTION_CONCEPTS)}"
            )
    return out
