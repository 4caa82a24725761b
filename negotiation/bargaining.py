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
  the first player's bargaining power.
* **Kalai-Smorodinsky** (Kalai and Smorodinsky 1975): the Pareto-optimal point on
  the line from ``d`` to the *ideal point* (each side's best feasible utility),
  so both sides get the same fraction of their best possible gain. It replaces
  IIA by *individual monotonicity*: if the set grows in a way that raises what
  one side could hope for, that side does not lose.
* **Egalitarian** (Kalai 1977): the largest equal gains for both sides.
* **Utilitarian**: the feasible point with the largest sum ``u1 + u2``.

A worked example: split a pie worth 1, where each side's utility is its share.
With no deal worth ``(0, 0)`` every solution gives ``(1/2, 1/2)``. If Japan's
no-deal payoff rises to ``1/5`` (say its Treasury holdings make no deal less
painful for it), the Nash solution gives Japan half of the remaining gain:
``1/5 + (1 - 1/5)/2 = 3/5``.

>>> from negotiation.bargaining import BargainingProblem, nash_solution
>>> pie = BargainingProblem.from_outcomes([(1, 0), (0, 1)], disagreement=(0, 0))
>>> nash_solution(pie).utilities
(Fraction(1, 2), Fraction(1, 2))
>>> nash_solution(pie.with_disagreement((0.2, 0))).utilities
(Fraction(3, 5), Fraction(2, 5))

How it is computed. For a finite set of outcomes the feasible set is their convex
hull with free disposal (each side can always throw utility away; a point between
two outcomes is a lottery or compromise between them). Its Pareto frontier is a
concave chain of segments, found exactly (an upper monotone-chain hull in integer
arithmetic after scaling rational data to a common denominator). On a segment of
slope ``m`` the generalised Nash product has a closed-form maximum: writing the
segment as ``y = c + m x`` in gains ``x = u1 - d1, y = u2 - d2``, it is at
``x = a c / (-m), y = (1 - a) c``, which is rational when the data and ``a`` are,
so solutions of rational problems are exact :class:`~fractions.Fraction` values.
For a frontier *function* the solutions are found numerically to a stated
tolerance and, when the function is a sympy expression, also exactly by sympy.

References
----------
.. [Nash1950] J. Nash, "The bargaining problem", *Econometrica* 18(2), 155-162, 1950.
.. [KalaiSmorodinsky1975] E. Kalai and M. Smorodinsky, "Other solutions to Nash's
   bargaining problem", *Econometrica* 43(3), 513-518, 1975.
.. [Kalai1977] E. Kalai, "Proportional solutions to bargaining situations: interpersonal
   utility comparisons", *Econometrica* 45(7), 1623-1630, 1977.
.. [Imai1983] H. Imai, "Individual monotonicity and lexicographic maxmin solution",
   *Econometrica* 51(2), 389-401, 1983.
.. [Roth1979] A. E. Roth, *Axiomatic Models of Bargaining*, Springer, 1979.
.. [Thomson1994] W. Thomson, "Cooperative models of bargaining", *Handbook of Game
   Theory* vol. 2, chapter 35, 1994.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any, Literal

import numpy as np
import numpy.typing as npt

from ._numbers import Number, format_number, to_exact
from .game import _check_players

__all__ = [
    "SOLUTION_CONCEPTS",
    "BargainingProblem",
    "BargainingSolution",
    "ThreatPointEffect",
    "bargaining_solutions",
    "egalitarian_solution",
    "kalai_smorodinsky_solution",
    "nash_solution",
    "threat_point_effect",
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

DEFAULT_PLAYERS = ("Player 1", "Player 2")

#: Points sampled to check that a frontier function is finite, non-increasing and concave.
FRONTIER_SAMPLES = 1001


# --- small helpers ------------------------------------------------------------------


def _fmt(value: Any) -> str:
    if isinstance(value, Fraction | float | int):
        return format_number(value)
    return str(value)


def _fmt_point(point: Sequence[Any]) -> str:
    return "(" + ", ".join(_fmt_group(list(point))) + ")"


def _fmt_group(values: Sequence[Any]) -> list[str]:
    """Numbers that are read together: all as fractions if every one is a simple fraction,
    otherwise all as decimals (so a sentence never mixes ``184/433`` with ``0.3751``)."""
    simple = all(
        isinstance(v, int) or (isinstance(v, Fraction) and v.denominator <= 1000) for v in values
    )
    if simple:
        return [_fmt(v) for v in values]
    return [_fmt(float(v)) if isinstance(v, Fraction | int) else _fmt(v) for v in values]


def _as_pair(value: Any, what: str, exact: bool = True) -> tuple[Number, Number]:
    """Two real numbers, exact when possible (floats read as the decimals they print as)."""
    if isinstance(value, str | bytes):
        raise TypeError(f"{what} must be a pair of numbers, got the string {value!r}")
    try:
        items = list(value)
    except TypeError:
        raise TypeError(
            f"{what} must be a pair of numbers (u1, u2), got {type(value).__name__} {value!r}"
        ) from None
    if len(items) != 2:
        raise ValueError(
            f"{what} must be a pair of numbers (u1, u2), got {len(items)} values: {items!r}"
        )
    a = to_exact(items[0], f"{what}[0]")
    b = to_exact(items[1], f"{what}[1]")
    if not exact:
        return float(a), float(b)
    return a, b


def _check_power(power: Any) -> Number:
    p = to_exact(power, "power")
    if not 0 < p < 1:
        raise ValueError(
            f"power must be strictly between 0 and 1 (the first player's bargaining weight; "
            f"1/2 for the symmetric Nash solution), got {_fmt(p)}"
        )
    return p


def _check_weights(weights: Any, what: str, strictly_positive: bool) -> tuple[Number, Number]:
    w = _as_pair(weights, what)
    for k, v in enumerate(w):
        if v < 0 or (strictly_positive and v == 0):
            need = "positive" if strictly_positive else "non-negative"
            raise ValueError(f"{what}[{k}] must be {need}, got {_fmt(v)} (weights {_fmt_point(w)})")
    if w[0] == 0 and w[1] == 0:
        raise ValueError(f"{what} must not be all zero, got {_fmt_point(w)}")
    return w


def _decimal_parts(value: float) -> tuple[int, int]:
    """``(numerator, denominator)`` of the decimal a float prints as (same value as ``to_exact``)."""
    mantissa, _, exponent = repr(value).partition("e")
    whole, _, frac = mantissa.partition(".")
    num = int(whole + frac)
    k = len(frac) - (int(exponent) if exponent else 0)
    if k >= 0:
        return num, 10**k
    return num * 10 ** (-k), 1


# --- the Pareto frontier of a finite set --------------------------------------------


class _Chain:
    """The Pareto frontier of a finite set: vertices with u1 increasing and u2 decreasing.

    ``fx`` and ``fy`` hold the vertices as floats (for plotting); ``x(i)`` and ``y(i)``
    give them exactly (Fractions, computed lazily and cached) in an exact problem, and
    as floats otherwise. ``index`` maps each vertex to its outcome.
    """

    __slots__ = ("_cache", "_exact_of", "exact", "fx", "fy", "index")

    def __init__(
        self,
        fx: list[float],
        fy: list[float],
        index: list[int],
        exact_of: Callable[[int], tuple[Number, Number]] | None,
    ) -> None:
        self.fx, self.fy, self.index = fx, fy, index
        self._exact_of = exact_of
        self.exact = exact_of is not None
        self._cache: dict[int, tuple[Number, Number]] = {}

    def __len__(self) -> int:
        return len(self.index)

    def vertex(self, i: int) -> tuple[Number, Number]:
        if self._exact_of is None:
            return self.fx[i], self.fy[i]
        found = self._cache.get(i)
        if found is None:
            found = self._cache[i] = self._exact_of(self.index[i])
        return found

    def x(self, i: int) -> Number:
        return self.vertex(i)[0]

    def y(self, i: int) -> Number:
        return self.vertex(i)[1]

    def first_x_above(self, value: Number) -> int:
        """Index of the first vertex with u1 > value (len if none); u1 increases along the chain."""
        return _first_true(0, len(self), lambda i: self.x(i) > value)

    def last_y_above(self, value: Number) -> int:
        """Index of the last vertex with u2 > value (-1 if none); u2 decreases along the chain."""
        return _first_true(0, len(self), lambda i: not self.y(i) > value) - 1

    def value_at(self, u1: Number) -> Number | None:
        """The largest feasible u2 at u1 (free disposal), or None beyond the largest u1."""
        if u1 > self.x(len(self) - 1):
            return None
        j = self.first_x_above(u1)
        if j == 0:
            return self.y(0)
        if j >= len(self):
            return self.y(len(self) - 1)
        x0, y0 = self.vertex(j - 1)
        x1, y1 = self.vertex(j)
        return y0 + (y1 - y0) * (u1 - x0) / (x1 - x0)


def _staircase(points: list[tuple[Any, Any, int]]) -> list[tuple[Any, Any, int]]:
    """The Pareto-optimal points, u1 increasing and u2 strictly decreasing (first index on ties)."""
    points.sort(key=lambda p: (-p[0], -p[1], p[2]))
    stairs: list[tuple[Any, Any, int]] = []
    best_y: Any = None
    for p in points:  # u1 decreasing: keep points with u2 above everything to their right
        if best_y is None or p[1] > best_y:
            stairs.append(p)
            best_y = p[1]
    stairs.reverse()
    return stairs


def _staircase_np(x: Any, y: Any, idx: Any) -> list[tuple[Any, Any, int]]:
    """:func:`_staircase` for numpy arrays whose order is exact (int64, or floats standing for decimals)."""
    order = np.lexsort((idx, -y, -x))
    ys = y[order]
    prev = np.empty(len(ys), dtype=np.float64 if ys.dtype.kind == "f" else object)
    if len(ys):
        prev[0] = -math.inf
        prev[1:] = np.maximum.accumulate(ys)[:-1]
    keep = order[ys > prev][::-1]
    return list(zip(x[keep].tolist(), y[keep].tolist(), idx[keep].tolist(), strict=True))


def _upper_chain(stairs: list[tuple[Any, Any, int]]) -> list[tuple[Any, Any, int]]:
    """The concave Pareto chain, in the arithmetic of the inputs (exact for ints).

    Outcomes lying on an edge of the frontier are kept (they are Pareto optimal too,
    and a solution on that edge is then reported as a mix of the two nearest outcomes).
    """
    hull: list[tuple[Any, Any, int]] = []
    for p in stairs:
        while len(hull) >= 2:
            o, a = hull[-2], hull[-1]
            if (a[0] - o[0]) * (p[1] - o[1]) - (a[1] - o[1]) * (p[0] - o[0]) > 0:
                hull.pop()  # a is below the chord from o to p (outcomes on it are kept)
            else:
                break
        hull.append(p)
    return hull


def _upper_chain_robust(
    stairs: list[tuple[float, float, int]], exact_of: Callable[[int], tuple[Number, Number]]
) -> list[tuple[float, float, int]]:
    """:func:`_upper_chain` for floats that stand for decimals, with exact answers.

    Ordering such floats is faithful to ordering the decimals (rounding is monotone
    and the decimal determines the float), so the staircase is exact. An orientation
    test is trusted in floats only when it clears an error bound covering both the
    decimal-to-binary rounding of the inputs (relative ``u = 2**-53``) and the float
    evaluation (Shewchuk 1997); otherwise it is redone with Fractions.
    """
    if not stairs:
        return stairs
    u = 2.0**-53
    mx = max(abs(stairs[0][0]), abs(stairs[-1][0]))
    my = max(abs(stairs[0][1]), abs(stairs[-1][1]))
    k1, k2, k3 = 2.02 * u * my, 2.02 * u * mx, 8.2 * u * u * mx * my
    hull: list[tuple[float, float, int]] = []
    for p in stairs:
        while len(hull) >= 2:
            o, a = hull[-2], hull[-1]
            dx1, dy1, dx2, dy2 = a[0] - o[0], a[1] - o[1], p[0] - o[0], p[1] - o[1]
            left, right = dx1 * dy2, dy1 * dx2  # both <= 0 on a staircase
            c: Any = left - right
            bound = -4 * u * (left + right) + k1 * (dx1 + dx2) - k2 * (dy1 + dy2) + k3
            if -bound <= c <= bound:
                (ox, oy), (ax, ay), (px, py) = exact_of(o[2]), exact_of(a[2]), exact_of(p[2])
                c = (ax - ox) * (py - oy) - (ay - oy) * (px - ox)
            if c > 0:
                hull.pop()
            else:
                break
        hull.append(p)
    return hull


def _not_strictly_dominated(F: npt.NDArray[np.float64]) -> npt.NDArray[np.intp]:
    """Indices of points that no other point beats in both coordinates (by floats).

    Rounding a rational to the nearest float is monotone, so a strict inequality
    between floats implies the same strict inequality between the exact values:
    every point dropped here is exactly strictly dominated.
    """
    order = np.lexsort((-F[:, 1], -F[:, 0]))
    u1 = F[order, 0]
    u2 = F[order, 1]
    prefix = np.maximum.accumulate(u2)
    starts = np.searchsorted(-u1, -u1, side="left")
    best_before = np.where(starts > 0, prefix[np.maximum(starts - 1, 0)], -np.inf)
    return np.sort(order[~(best_before > u2)])


# --- the individually rational part of the frontier --------------------------------


@dataclass(frozen=True)
class _Node:
    """A point on the frontier chain: ``(1 - lam) * v[seg] + lam * v[seg + 1]``."""

    x: Number
    y: Number
    seg: int
    lam: Number


class _IRFrontier:
    """The part of the Pareto frontier where both sides gain at least their disagreement payoff.

    Nodes are the clipped start (on the line ``u1 = d1``), the vertices strictly inside,
    and the clipped end (on the line ``u2 = d2``); each is produced lazily so a chain of
    10,000 vertices costs nothing until a binary search touches it.
    """

    def __init__(self, chain: _Chain, d: tuple[Number, Number]) -> None:
        self.chain = chain
        self.d = d
        n = len(chain)
        lo = chain.first_x_above(d[0])
        hi = chain.last_y_above(d[1])
        self.lo, self.hi = lo, hi
        self.start: _Node | None = None
        self.end: _Node | None = None
        if lo > 0:
            x0, y0 = chain.vertex(lo - 1)
            x1, y1 = chain.vertex(lo)
            lam = (d[0] - x0) / (x1 - x0)
            self.start = _Node(d[0], y0 + lam * (y1 - y0), lo - 1, lam)
        if hi < n - 1:
            x0, y0 = chain.vertex(hi)
            x1, y1 = chain.vertex(hi + 1)
            lam = (y0 - d[1]) / (y0 - y1)
            self.end = _Node(x0 + lam * (x1 - x0), d[1], hi, lam)
        self.count = (self.start is not None) + max(0, hi - lo + 1) + (self.end is not None)

    def __len__(self) -> int:
        return self.count

    def __getitem__(self, k: int) -> _Node:
        if k < 0:
            k += self.count
        if not 0 <= k < self.count:
            raise IndexError(k)
        if self.start is not None:
            if k == 0:
                return self.start
            k -= 1
        if k <= self.hi - self.lo:
            i = self.lo + k
            x, y = self.chain.vertex(i)
            return _Node(x, y, i, 0 * x)
        assert self.end is not None
        return self.end

    def __iter__(self) -> Iterator[_Node]:
        return (self[k] for k in range(self.count))

    def locate(self, x: Number, y: Number, k: int) -> _Node:
        """The node for a point on the segment from node k to node k + 1."""
        a = self[k]
        j = a.seg if a.lam != 1 else a.seg + 1
        x0 = self.chain.x(j)
        if j + 1 >= len(self.chain):
            return _Node(x, y, j, 0 * x)
        x1 = self.chain.x(j + 1)
        return _Node(x, y, j, (x - x0) / (x1 - x0))


def _first_true(lo: int, hi: int, pred: Callable[[int], bool]) -> int:
    """Smallest k in [lo, hi) with pred(k) true (pred monotone), or hi if none."""
    while lo < hi:
        mid = (lo + hi) // 2
        if pred(mid):
            hi = mid
        else:
            lo = mid + 1
    return lo


# --- the problem --------------------------------------------------------------------


class BargainingProblem:
    """A two-player bargaining problem: a feasible set of utility pairs and a disagreement point.

    Build one with :meth:`from_outcomes` (a finite set of possible agreements; the
    feasible set is their convex hull with free disposal) or :meth:`from_frontier`
    (a concave, non-increasing Pareto frontier ``u2 = f(u1)``). The problem is
    immutable; :meth:`with_disagreement` and :meth:`rescale` return new problems.

    Attributes
    ----------
    players : tuple of str
        The two sides' names, used by every ``describe()``.
    disagreement : tuple
        The disagreement (threat) point ``(d1, d2)``, exact when given exactly.
    kind : {"outcomes", "frontier"}
        How the feasible set was given.
    exact : bool
        Whether solutions are computed in exact rational arithmetic.

    Examples
    --------
    >>> p = BargainingProblem.from_outcomes(
    ...     [(3, 1), (2, 2), (0, 3), (1, 1)], disagreement=(0, 0), players=("Japan", "US"),
    ...     labels=("Deal A", "Deal B", "Deal C", "Status quo plus"))
    >>> p
    <BargainingProblem: 4 outcomes, 3 on the Pareto frontier, disagreement (0, 0), Japan vs US>
    >>> p.frontier
    ((Fraction(0, 1), Fraction(3, 1)), (Fraction(2, 1), Fraction(2, 1)), (Fraction(3, 1), Fraction(1, 1)))
    >>> p.ideal_point
    (Fraction(3, 1), Fraction(3, 1))
    """

    __slots__ = (
        "_chain",
        "_d",
        "_exact",
        "_expr",
        "_f",
        "_ir",
        "_kind",
        "_labels",
        "_players",
        "_points",
        "_range",
        "_source",
        "_symbol",
        "_tol",
        "_weak_frontier",
    )

    _kind: Literal["outcomes", "frontier"]
    _players: tuple[str, str]
    _d: tuple[Number, Number]
    _exact: bool
    _points: npt.NDArray[np.float64] | None
    _source: Any
    _labels: tuple[str, ...] | None
    _chain: _Chain | None
    _ir: _IRFrontier | None
    _f: Callable[[Any], Any] | None
    _expr: Any
    _symbol: Any
    _range: tuple[Number, Number] | None
    _tol: float
    _weak_frontier: Any

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        raise TypeError(
            "build a BargainingProblem with BargainingProblem.from_outcomes(points, disagreement) "
            "or BargainingProblem.from_frontier(f, u1_range, disagreement)"
        )

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"BargainingProblem is immutable; cannot set {name!r}")

    @classmethod
    def _new(cls, **fields: Any) -> BargainingProblem:
        self = object.__new__(cls)
        defaults: dict[str, Any] = {
            "_points": None,
            "_source": None,
            "_labels": None,
            "_chain": None,
            "_ir": None,
            "_f": None,
            "_expr": None,
            "_symbol": None,
            "_range": None,
            "_tol": 1e-9,
            "_weak_frontier": None,
        }
        defaults.update(fields)
        for name, value in defaults.items():
            object.__setattr__(self, name, value)
        return self

    # --- construction from outcomes -------------------------------------------------
    @classmethod
    def from_outcomes(
        cls,
        points: Any,
        disagreement: Any,
        *,
        labels: Sequence[str] | None = None,
        players: Sequence[str] = DEFAULT_PLAYERS,
        exact: bool = True,
    ) -> BargainingProblem:
        """A problem whose feasible set is the convex hull of finitely many outcomes, with free disposal.

        Parameters
        ----------
        points : array_like, shape (n, 2)
            Utility pairs ``(u1, u2)`` of the possible agreements. Ints, floats (read as the
            decimals they print as), Fractions, Decimals and sympy numbers; strings are refused.
        disagreement : pair of numbers
            What each side gets if there is no agreement.
        labels : sequence of str, optional
            A name for each outcome (used when a solution is one outcome or a mix of two).
        players : pair of str
            The two sides' names.
        exact : bool
            Compute in exact rational arithmetic (default) or in floats.

        Returns
        -------
        BargainingProblem

        Raises
        ------
        ValueError
            If there are no points, a point is not a pair, a value is not finite, or the
            disagreement point is not strictly below the frontier (nothing to bargain
            over) or lies above it (outside the feasible set).
        TypeError
            For non-numeric input.

        Examples
        --------
        >>> p = BargainingProblem.from_outcomes([(1, 0), (0, 1)], (0, 0))
        >>> p.frontier
        ((Fraction(0, 1), Fraction(1, 1)), (Fraction(1, 1), Fraction(0, 1)))
        >>> BargainingProblem.from_outcomes([(1, 0), (0, 1)], (1, 1))
        Traceback (most recent call last):
        ...
        ValueError: the disagreement point (1, 1) lies above the Pareto frontier, outside the feasible set: at u1 = 1 the most Player 2 can get is 0; a disagreement point must be a feasible outcome
        """
        if not isinstance(exact, bool):
            raise TypeError(f"exact must be True or False, got {exact!r}")
        floats, source, all_exact = _parse_points(points)
        n = len(floats)
        players_t = _check_players(players)
        labels_t = _check_outcome_labels(labels, n)
        use_exact = exact and all_exact
        d = _as_pair(disagreement, "disagreement", exact=use_exact)
        if not use_exact:
            d = (float(d[0]), float(d[1]))
        candidates = _not_strictly_dominated(floats)
        if use_exact:
            chain = _exact_chain(source, floats, candidates)
        else:
            hull = _upper_chain(
                _staircase_np(floats[candidates, 0], floats[candidates, 1], candidates)
            )
            chain = _Chain([p[0] for p in hull], [p[1] for p in hull], [p[2] for p in hull], None)
        return cls._finish_outcomes(floats, source, labels_t, chain, d, players_t, use_exact)

    @classmethod
    def _finish_outcomes(
        cls,
        floats: npt.NDArray[np.float64],
        source: Any,
        labels: tuple[str, ...] | None,
        chain: _Chain,
        d: tuple[Number, Number],
        players: tuple[str, str],
        exact: bool,
    ) -> BargainingProblem:
        _check_disagreement_chain(chain, d, players)
        return cls._new(
            _kind="outcomes",
            _players=players,
            _d=d,
            _exact=exact,
            _points=floats,
            _source=source,
            _labels=labels,
            _chain=chain,
            _ir=_IRFrontier(chain, d),
        )

    # --- construction from a frontier function --------------------------------------
    @classmethod
    def from_frontier(
        cls,
        f: Any,
        u1_range: Any,
        disagreement: Any,
        *,
        players: Sequence[str] = DEFAULT_PLAYERS,
        tol: float = 1e-9,
    ) -> BargainingProblem:
        """A problem whose Pareto frontier is ``u2 = f(u1)`` for ``u1`` in ``u1_range``.

        The feasible set is everything on or below the frontier (free disposal), so
        ``f`` must be concave and non-increasing; both are checked on
        :data:`FRONTIER_SAMPLES` points.

        Parameters
        ----------
        f : callable or sympy expression
            The frontier. A Python function of one float (vectorised or not), or a sympy
            expression in one symbol; with a sympy expression the solutions are also
            found exactly where sympy can solve the first-order conditions.
        u1_range : pair of numbers
            ``(lo, hi)``, the range of the first player's utility on the frontier.
        disagreement : pair of numbers
        players : pair of str
        tol : float
            Tolerance for the checks, and the relative accuracy asked of the numerical
            solvers (see Notes).

        Returns
        -------
        BargainingProblem

        Raises
        ------
        ValueError
            If ``f`` is not finite, increases, or is not concave on the range (naming
            where), or the disagreement point is on or above the frontier.

        Notes
        -----
        Numerical solutions: the Kalai-Smorodinsky and egalitarian points are roots
        found by Brent's method to ``1e-14`` of the range; the Nash and utilitarian
        points maximise a concave function by bounded Brent search with ``xatol`` of
        ``tol`` times the range, which locates the maximiser to about ``1e-8`` of the
        range (the objective is flat at its maximum, so doubles cannot do better).

        Examples
        --------
        >>> import sympy
        >>> u = sympy.Symbol("u")
        >>> p = BargainingProblem.from_frontier(1 - u**2, (0, 1), (0, 0))
        >>> s = nash_solution(p)
        >>> s.symbolic, s.describe()
        ((sqrt(3)/3, 2/3), 'Nash bargaining solution: Player 1 gets 0.5774 and Player 2 gets 0.6667 (gains 0.5774 and 0.6667 over the disagreement point (0, 0)).')
        >>> BargainingProblem.from_frontier(lambda x: x**2, (0, 1), (0, 0))
        Traceback (most recent call last):
        ...
        ValueError: the frontier must not increase (u2 = f(u1) is a Pareto frontier): f(0.001) = 1e-06 is larger than f(0) = 0
        """
        players_t = _check_players(players)
        if not isinstance(tol, float | int) or isinstance(tol, bool) or not 0 < tol < 1e-2:
            raise ValueError(f"tol must be a small positive number (below 0.01), got {tol!r}")
        lo_hi = _as_pair(u1_range, "u1_range")
        lo, hi = lo_hi
        if not lo < hi:
            raise ValueError(
                f"u1_range must be (lo, hi) with lo < hi, got ({_fmt(lo)}, {_fmt(hi)})"
            )
        expr, symbol, func = _frontier_callable(f)
        d = _as_pair(disagreement, "disagreement")
        grid = np.linspace(float(lo), float(hi), FRONTIER_SAMPLES)
        values = _evaluate_grid(func, grid)
        _check_frontier_shape(grid, values, tol)
        problem = cls._new(
            _kind="frontier",
            _players=players_t,
            _d=d,
            _exact=False,
            _f=func,
            _expr=expr,
            _symbol=symbol,
            _range=(lo, hi),
            _tol=float(tol),
            _weak_frontier=(grid, values),
        )
        problem._check_disagreement_frontier()
        return problem

    def _check_disagreement_frontier(self) -> None:
        lo, hi = self._frontier_range()
        d1, d2 = (float(v) for v in self._d)
        scale = self._scale()
        if d1 > hi + self._tol * scale:
            raise ValueError(
                f"the disagreement point {_fmt_point(self._d)} lies above the Pareto frontier, "
                f"outside the feasible set: {self._players[0]} can get at most {_fmt(self._range_exact()[1])}"
            )
        top = self._fv(max(d1, lo))
        if d2 > top + self._tol * scale:
            raise ValueError(
                f"the disagreement point {_fmt_point(self._d)} lies above the Pareto frontier, "
                f"outside the feasible set: at u1 = {_fmt(self._d[0])} the most "
                f"{self._players[1]} can get is {top:.6g}"
            )
        if d1 >= hi - self._tol * scale or d2 >= top - self._tol * scale:
            raise ValueError(
                f"nothing to bargain over: no feasible point gives both sides more than the "
                f"disagreement point {_fmt_point(self._d)}, which lies on the frontier"
            )

    # --- attributes ---------------------------------------------------------------
    @property
    def kind(self) -> Literal["outcomes", "frontier"]:
        """``"outcomes"`` (a finite set with free disposal) or ``"frontier"`` (a function)."""
        return self._kind

    @property
    def players(self) -> tuple[str, str]:
        """The two sides' names."""
        return self._players

    @property
    def disagreement(self) -> tuple[Number, Number]:
        """The disagreement point ``(d1, d2)``."""
        return self._d

    @property
    def exact(self) -> bool:
        """Whether the solutions are computed exactly (rational outcome data)."""
        return self._exact

    @property
    def outcomes(self) -> npt.NDArray[np.float64] | None:
        """The outcomes as a read-only ``(n, 2)`` float array (``None`` for a frontier function)."""
        return self._points

    @property
    def labels(self) -> tuple[str, ...] | None:
        """Names of the outcomes, if given."""
        return self._labels

    def outcome(self, i: int) -> tuple[Number, Number]:
        """Outcome ``i`` exactly (as given), or as floats in a float problem.

        Examples
        --------
        >>> BargainingProblem.from_outcomes([(0.5, 0.25), (0, 1)], (0, 0)).outcome(0)
        (Fraction(1, 2), Fraction(1, 4))
        """
        if self._points is None:
            raise ValueError("a problem given by a frontier function has no list of outcomes")
        if isinstance(i, bool) or not isinstance(i, int | np.integer):
            raise TypeError(f"outcome index must be an integer, got {i!r}")
        n = len(self._points)
        if not 0 <= i < n:
            raise ValueError(f"outcome index {i} is out of range 0..{n - 1}")
        if not self._exact:
            return float(self._points[i, 0]), float(self._points[i, 1])
        row = self._source[i]
        return to_exact(_plain(row[0])), to_exact(_plain(row[1]))

    def outcome_name(self, i: int) -> str:
        """The label of outcome ``i``, or ``"outcome i"``."""
        return self._labels[i] if self._labels is not None else f"outcome {i}"

    @property
    def frontier(self) -> tuple[tuple[Number, Number], ...]:
        """The outcomes on the Pareto frontier (its corners and any outcome on an edge), u1 increasing.

        Exact when the problem is.

        For a frontier function this is a sample of :data:`FRONTIER_SAMPLES` points.
        """
        if self._chain is not None:
            return tuple(self._chain.vertex(i) for i in range(len(self._chain)))
        grid, values = self._weak_frontier
        return tuple((float(a), float(b)) for a, b in zip(grid, values, strict=True))

    @property
    def pareto_indices(self) -> tuple[int, ...]:
        """Indices of the outcomes at the vertices of the Pareto frontier."""
        if self._chain is None:
            raise ValueError("a problem given by a frontier function has no list of outcomes")
        return tuple(self._chain.index)

    def frontier_array(self, samples: int = 400) -> npt.NDArray[np.float64]:
        """The whole Pareto frontier as a float array of points, for plotting."""
        if self._chain is not None:
            return np.column_stack([self._chain.fx, self._chain.fy]).astype(np.float64)
        lo, hi = self._frontier_range()
        grid = np.linspace(lo, hi, samples)
        return np.column_stack([grid, _evaluate_grid(self._f, grid)])  # type: ignore[arg-type]

    @property
    def ideal_point(self) -> tuple[Number, Number]:
        """The best each side can get in an agreement both prefer to disagreement (the utopia point)."""
        if self._ir is not None:
            return self._ir[len(self._ir) - 1].x, self._ir[0].y
        x_start, x_end = self._ir_interval()
        return x_end, self._fv(x_start)

    def frontier_value(self, u1: Any) -> Number | None:
        """The most the second player can get when the first gets ``u1`` (None if ``u1`` is infeasible).

        Examples
        --------
        >>> BargainingProblem.from_outcomes([(1, 0), (0, 1)], (0, 0)).frontier_value(0.25)
        Fraction(3, 4)
        """
        x = to_exact(u1, "u1")
        if self._chain is not None:
            return self._chain.value_at(x if self._exact else float(x))
        lo, hi = self._frontier_range()
        xf = float(x)
        if xf > hi:
            return None
        return self._fv(max(xf, lo))

    def contains(self, point: Any) -> bool:
        """Whether a utility pair is feasible (on or below the frontier)."""
        u1, u2 = _as_pair(point, "point")
        top = self.frontier_value(u1)
        if top is None:
            return False
        if self._kind == "frontier":
            return float(u2) <= float(top) + self._tol * self._scale()
        return u2 <= top

    # --- derived problems -----------------------------------------------------------
    def with_disagreement(self, disagreement: Any) -> BargainingProblem:
        """The same feasible set with a different disagreement point.

        Examples
        --------
        >>> p = BargainingProblem.from_outcomes([(1, 0), (0, 1)], (0, 0))
        >>> p.with_disagreement((0, 0.5)).disagreement
        (Fraction(0, 1), Fraction(1, 2))
        """
        if self._kind == "outcomes":
            assert self._chain is not None
            assert self._points is not None
            d = _as_pair(disagreement, "disagreement", exact=self._exact)
            return BargainingProblem._finish_outcomes(
                self._points, self._source, self._labels, self._chain, d, self._players, self._exact
            )
        d = _as_pair(disagreement, "disagreement")
        fields = {name: getattr(self, name) for name in BargainingProblem.__slots__}
        fields["_d"] = d
        problem = BargainingProblem._new(**fields)
        problem._check_disagreement_frontier()
        return problem

    def with_players(self, players: Sequence[str]) -> BargainingProblem:
        """The same problem with the sides renamed."""
        fields = {name: getattr(self, name) for name in BargainingProblem.__slots__}
        fields["_players"] = _check_players(players)
        return BargainingProblem._new(**fields)

    def rescale(self, scale: Any = (1, 1), shift: Any = (0, 0)) -> BargainingProblem:
        """The problem in new units: ``u_i -> scale_i * u_i + shift_i`` (scales positive).

        Nash and Kalai-Smorodinsky solutions move with the units (scale invariance);
        egalitarian and utilitarian solutions do not, because they compare utilities
        across the two sides.

        Examples
        --------
        >>> p = BargainingProblem.from_outcomes([(1, 0), (0, 1)], (0, 0))
        >>> nash_solution(p.rescale(scale=(2, 1), shift=(0, 3))).utilities
        (Fraction(1, 1), Fraction(7, 2))
        """
        a = _check_weights(scale, "scale", strictly_positive=True)
        b = _as_pair(shift, "shift")
        d = self._d
        new_d = (a[0] * d[0] + b[0], a[1] * d[1] + b[1])
        if self._kind == "outcomes":
            assert self._points is not None
            n = len(self._points)
            if self._exact:
                pts: Any = [
                    (a[0] * u[0] + b[0], a[1] * u[1] + b[1])
                    for u in (self.outcome(i) for i in range(n))
                ]
            else:
                pts = self._points * np.array([float(a[0]), float(a[1])]) + np.array(
                    [float(b[0]), float(b[1])]
                )
            return BargainingProblem.from_outcomes(
                pts, new_d, labels=self._labels, players=self._players, exact=self._exact
            )
        assert self._range is not None
        assert self._f is not None
        lo, hi = self._range
        f = self._f
        a1, a2, b1, b2 = (float(v) for v in (*a, *b))
        if self._expr is not None:
            u = self._symbol
            new_f: Any = _rescaled_expression(self._expr, u, a, b)
        else:

            def new_f(x: Any) -> Any:
                return a2 * f((np.asarray(x, dtype=float) - b1) / a1) + b2

        return BargainingProblem.from_frontier(
            new_f,
            (a[0] * lo + b[0], a[0] * hi + b[0]),
            new_d,
            players=self._players,
            tol=self._tol,
        )

    # --- frontier-function helpers ---------------------------------------------------
    def _range_exact(self) -> tuple[Number, Number]:
        assert self._range is not None
        return self._range

    def _frontier_range(self) -> tuple[float, float]:
        lo, hi = self._range_exact()
        return float(lo), float(hi)

    def _scale(self) -> float:
        grid, values = self._weak_frontier
        return float(max(1.0, np.abs(grid).max(), np.abs(values).max()))

    def _fv(self, x: float) -> float:
        assert self._f is not None
        return float(_evaluate_scalar(self._f, x))

    def _ir_interval(self) -> tuple[float, float]:
        """``[x_start, x_end]``: the u1-range of the individually rational frontier."""
        from scipy.optimize import brentq

        lo, hi = self._frontier_range()
        d1, d2 = (float(v) for v in self._d)
        x_start = max(lo, d1)
        if self._fv(hi) >= d2:
            return x_start, hi
        x_end = brentq(lambda x: self._fv(x) - d2, x_start, hi, xtol=1e-14 * (hi - lo))
        return x_start, float(x_end)

    # --- display ----------------------------------------------------------------------
    def __repr__(self) -> str:
        d = _fmt_point(self._d)
        vs = f"{self._players[0]} vs {self._players[1]}"
        if self._kind == "outcomes":
            assert self._points is not None
            assert self._chain is not None
            n = len(self._points)
            return (
                f"<BargainingProblem: {n} outcome{'s' if n != 1 else ''}, {len(self._chain)} on "
                f"the Pareto frontier, disagreement {d}, {vs}>"
            )
        lo, hi = self._range_exact()
        what = f"u2 = {self._expr}" if self._expr is not None else "a frontier function"
        return f"<BargainingProblem: {what} for u1 in [{_fmt(lo)}, {_fmt(hi)}], disagreement {d}, {vs}>"


def _rescaled_expression(expr: Any, u: Any, a: Sequence[Number], b: Sequence[Number]) -> Any:
    """``a2 * f((u - b1) / a1) + b2`` for a sympy frontier, with exact rational coefficients."""
    return _sym(a[1]) * expr.subs(u, (u - _sym(b[0])) / _sym(a[0])) + _sym(b[1])


# --- parsing ----------------------------------------------------------------------


def _plain(value: Any) -> Any:
    """A numpy scalar as the Python number it holds (so floats are read as their decimals)."""
    if isinstance(value, np.generic):
        return value.item()
    return value


def _parse_points(points: Any) -> tuple[npt.NDArray[np.float64], Any, bool]:
    """Validate the outcomes; return floats, an exact source and whether all are rational."""
    if isinstance(points, str | bytes):
        raise TypeError(f"points must be a list of (u1, u2) pairs, got the string {points!r}")
    if isinstance(points, np.ndarray):
        arr = points
    else:
        try:
            rows = list(points)
        except TypeError:
            raise TypeError(
                f"points must be a list of (u1, u2) pairs, got {type(points).__name__}"
            ) from None
        if not rows:
            raise ValueError(
                "points is empty: a bargaining problem needs at least one feasible outcome"
            )
        for i, row in enumerate(rows):
            if isinstance(row, str | bytes):
                raise TypeError(f"points[{i}] must be a pair of numbers, got the string {row!r}")
        try:
            arr = np.asarray(rows)
        except ValueError:  # ragged
            arr = np.empty(len(rows), dtype=object)
            arr[:] = rows
        if arr.dtype.kind in "iuf" and any(
            isinstance(v, bool) for row in rows for v in (row if hasattr(row, "__iter__") else ())
        ):
            arr = np.asarray(rows, dtype=object)
    if arr.dtype.kind == "b":
        raise TypeError("points must hold numbers, got an array of booleans")
    if arr.dtype.kind in "USV":
        raise TypeError(
            f"points must hold numbers, got strings such as {arr.ravel()[0]!r} (strings are never parsed)"
        )
    if arr.dtype.kind == "c":
        raise TypeError("points must hold real numbers, got complex numbers")
    if arr.size == 0:
        raise ValueError(
            "points is empty: a bargaining problem needs at least one feasible outcome"
        )
    if arr.ndim != 2 or arr.shape[1] != 2:
        if arr.dtype == object and arr.ndim == 1:
            for i, row in enumerate(arr):
                try:
                    k = len(row)
                except TypeError:
                    k = 1
                if k != 2:
                    raise ValueError(
                        f"points[{i}] must be a pair (u1, u2), got {row!r}; points must have shape (n, 2)"
                    )
        raise ValueError(
            f"points must be a list of (u1, u2) pairs, shape (n, 2); got shape {arr.shape}"
        )
    if arr.dtype.kind in "iuf":
        floats = arr.astype(np.float64)
        bad = ~np.isfinite(floats)
        if bad.any():
            i, j = (int(v) for v in np.argwhere(bad)[0])
            raise ValueError(f"points[{i}][{j}] must be a finite number, got {arr[i, j]!r}")
        floats.setflags(write=False)
        return floats, arr, True
    exact_rows = [
        (
            a if type(a) is Fraction else to_exact(a, f"points[{i}][0]"),
            b if type(b) is Fraction else to_exact(b, f"points[{i}][1]"),
        )
        for i, (a, b) in enumerate(arr.tolist())
    ]
    floats = np.array([[_to_float(a), _to_float(b)] for a, b in exact_rows], dtype=np.float64)
    floats.setflags(write=False)
    all_exact = all(isinstance(a, Fraction) and isinstance(b, Fraction) for a, b in exact_rows)
    return floats, exact_rows, all_exact


def _to_float(v: Number) -> float:
    if type(v) is Fraction:
        return v.numerator / v.denominator  # correctly rounded, like float(v)
    return float(v)


def _check_outcome_labels(labels: Sequence[str] | None, n: int) -> tuple[str, ...] | None:
    if labels is None:
        return None
    if isinstance(labels, str):
        raise TypeError(f"labels must be a list of {n} strings, got the single string {labels!r}")
    out = tuple(labels)
    if len(out) != n:
        raise ValueError(f"labels must have {n} entries (one per outcome), got {len(out)}")
    for k, label in enumerate(out):
        if not isinstance(label, str):
            raise TypeError(f"labels[{k}] must be a string, got {type(label).__name__} {label!r}")
    return out


def _exact_chain(source: Any, floats: npt.NDArray[np.float64], candidates: Any) -> _Chain:
    """The exact Pareto chain of the candidate outcomes."""
    if isinstance(source, np.ndarray) and source.dtype.kind == "f":
        cache: dict[int, tuple[Number, Number]] = {}

        def decimal_of(i: int) -> tuple[Number, Number]:
            found = cache.get(i)
            if found is None:
                a, b = source[i].tolist()
                found = cache[i] = (Fraction(*_decimal_parts(a)), Fraction(*_decimal_parts(b)))
            return found

        stairs = _staircase_np(floats[candidates, 0], floats[candidates, 1], candidates)
        hull = _upper_chain_robust(stairs, decimal_of)
        return _Chain([p[0] for p in hull], [p[1] for p in hull], [p[2] for p in hull], decimal_of)
    if isinstance(source, np.ndarray):  # integers are exact as they are
        ints = source.astype(object) if source.dtype.kind == "u" else source
        sub = ints[candidates]
        hull_i = _upper_chain(_staircase_np(sub[:, 0], sub[:, 1], candidates))

        def int_of(i: int) -> tuple[Number, Number]:
            a, b = source[i].tolist()
            return Fraction(a), Fraction(b)

        return _Chain(
            [float(p[0]) for p in hull_i],
            [float(p[1]) for p in hull_i],
            [p[2] for p in hull_i],
            int_of,
        )
    # Fractions: scale each coordinate to a common denominator and work in integers.
    cand = candidates.tolist()
    rows = [source[i] for i in cand]
    sx = math.lcm(*{a.denominator for a, _ in rows})
    sy = math.lcm(*{b.denominator for _, b in rows})
    scaled = [
        (a.numerator * (sx // a.denominator), b.numerator * (sy // b.denominator), i)
        for (a, b), i in zip(rows, cand, strict=True)
    ]
    hull_s = _upper_chain(_staircase(scaled))

    def fraction_of(i: int) -> tuple[Number, Number]:
        a, b = source[i]
        return a, b

    return _Chain(
        [float(floats[p[2], 0]) for p in hull_s],
        [float(floats[p[2], 1]) for p in hull_s],
        [p[2] for p in hull_s],
        fraction_of,
    )


def _check_disagreement_chain(
    chain: _Chain, d: tuple[Number, Number], players: Sequence[str]
) -> None:
    x_last = chain.x(len(chain) - 1)
    if d[0] > x_last:
        raise ValueError(
            f"the disagreement point {_fmt_point(d)} lies above the Pareto frontier, outside the "
            f"feasible set: {players[0]} can get at most {_fmt(x_last)}; a disagreement point "
            f"must be a feasible outcome"
        )
    top = chain.value_at(d[0])
    assert top is not None
    if d[1] > top:
        raise ValueError(
            f"the disagreement point {_fmt_point(d)} lies above the Pareto frontier, outside the "
            f"feasible set: at u1 = {_fmt(d[0])} the most {players[1]} can get is {_fmt(top)}; "
            f"a disagreement point must be a feasible outcome"
        )
    if d[0] == x_last or d[1] == top:
        raise ValueError(
            f"nothing to bargain over: no feasible point gives both sides more than the "
            f"disagreement point {_fmt_point(d)}, which lies on the Pareto frontier"
        )


def _frontier_callable(f: Any) -> tuple[Any, Any, Callable[[Any], Any]]:
    """``(sympy expression or None, its symbol or None, a numeric function)``."""
    if isinstance(f, str | bytes):
        raise TypeError(
            f"f must be a function or a sympy expression, got the string {f!r} (strings are never parsed)"
        )
    if type(f).__module__.startswith("sympy"):
        import sympy

        if isinstance(f, sympy.Lambda):
            if len(f.variables) != 1:
                raise ValueError(f"f must be a function of one variable, got {f}")
            symbol, expr = f.variables[0], f.expr
        elif isinstance(f, sympy.Expr):
            free = sorted(f.free_symbols, key=str)
            if len(free) != 1:
                names = ", ".join(str(s) for s in free) or "none"
                raise ValueError(
                    f"f must be a sympy expression in exactly one symbol (u1), got {f} with "
                    f"symbols: {names}; substitute the other parameters first"
                )
            symbol, expr = free[0], f
        else:
            raise TypeError(f"f must be a sympy expression, got {type(f).__name__} {f!r}")
        # lambdify works on the expression object built in code, never on text.
        func = sympy.lambdify(symbol, expr, modules="numpy")
        return expr, symbol, func
    if not callable(f):
        raise TypeError(
            f"f must be a function u1 -> u2 or a sympy expression, got {type(f).__name__}"
        )
    return None, None, f


def _evaluate_scalar(func: Callable[[Any], Any], x: float) -> float:
    try:
        value = func(x)
    except Exception as exc:
        raise ValueError(
            f"the frontier function raised {type(exc).__name__} at u1 = {x:.6g}: {exc}"
        ) from exc
    try:
        out = float(value)
    except (TypeError, ValueError):
        raise TypeError(
            f"the frontier function must return a real number, got {value!r} at u1 = {x:.6g}"
        ) from None
    if not math.isfinite(out):
        raise ValueError(f"the frontier function is not finite at u1 = {x:.6g}: f = {out!r}")
    return out


def _evaluate_grid(
    func: Callable[[Any], Any], grid: npt.NDArray[np.float64]
) -> npt.NDArray[np.float64]:
    values: Any = None
    try:
        with np.errstate(all="ignore"):
            trial = func(grid)
        arr = np.asarray(trial, dtype=np.float64)
        if arr.shape == grid.shape:
            values = arr
        elif arr.shape == ():  # a constant frontier
            values = np.full(grid.shape, float(arr))
    except Exception:
        values = None
    if values is None:
        values = np.array([_evaluate_scalar(func, float(x)) for x in grid])
    bad = ~np.isfinite(values)
    if bad.any():
        k = int(np.argmax(bad))
        raise ValueError(
            f"the frontier function is not finite at u1 = {grid[k]:.6g}: f = {values[k]!r}"
        )
    return np.asarray(values, dtype=np.float64)


def _check_frontier_shape(
    grid: npt.NDArray[np.float64], values: npt.NDArray[np.float64], tol: float
) -> None:
    scale = max(1.0, float(np.abs(values).max()), float(np.abs(grid).max()))
    steps = np.diff(values)
    if (steps > tol * scale).any():
        k = int(np.argmax(steps > tol * scale))
        raise ValueError(
            f"the frontier must not increase (u2 = f(u1) is a Pareto frontier): "
            f"f({grid[k + 1]:.6g}) = {values[k + 1]:.6g} is larger than f({grid[k]:.6g}) = {values[k]:.6g}"
        )
    chord = 0.5 * (values[:-2] + values[2:])
    excess = chord - values[1:-1]
    if (excess > tol * scale).any():
        k = int(np.argmax(excess))
        raise ValueError(
            f"the frontier function must be concave (the feasible set must be convex), but at "
            f"u1 = {grid[k + 1]:.6g} it lies {excess[k]:.3g} below the chord between "
            f"u1 = {grid[k]:.6g} and u1 = {grid[k + 2]:.6g} (f = {values[k + 1]:.6g})"
        )


# --- solutions ----------------------------------------------------------------------


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


def _sym(value: Number) -> Any:
    import sympy

    if isinstance(value, Fraction):
        return sympy.Rational(value.numerator, value.denominator)
    return sympy.Float(value)


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
) -> dict[str, BargainingSolution]:
    """Several solutions of one problem, keyed by concept (in the order given).

    Examples
    --------
    >>> pie = BargainingProblem.from_outcomes([(1, 0), (0, 1)], (0, 0))
    >>> {k: s.utilities[0] for k, s in bargaining_solutions(pie).items()}
    {'nash': Fraction(1, 2), 'kalai_smorodinsky': Fraction(1, 2), 'egalitarian': Fraction(1, 2), 'utilitarian': Fraction(1, 2)}
    """
    problem = _check_problem(problem, "bargaining_solutions")
    if isinstance(concepts, str):
        concepts = (concepts,)
    out: dict[str, BargainingSolution] = {}
    for c in concepts:
        if c == "nash":
            out[c] = nash_solution(problem, power)
        elif c == "kalai_smorodinsky":
            out[c] = kalai_smorodinsky_solution(problem)
        elif c == "egalitarian":
            out[c] = egalitarian_solution(problem)
        elif c == "utilitarian":
            out[c] = utilitarian_solution(problem)
        else:
            raise ValueError(
                f"unknown solution concept {c!r}; expected one of {list(SOLUTION_CONCEPTS)}"
            )
    return out


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

    Use it for "what if one side's outside option improves": a better no-deal payoff
    for Japan (the Treasury card) raises ``d1``; a higher cost of no deal for the US
    lowers ``d2``. Under the Nash solution a side's share rises with its own
    disagreement payoff (Nash 1950).

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
