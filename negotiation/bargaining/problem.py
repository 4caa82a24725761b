"""The bargaining problem: what the two sides could agree on, and what they get if talks fail.

A :class:`BargainingProblem` is a feasible set (a finite set of outcomes, with
lotteries between them and free disposal, or a frontier function) and a
disagreement point. It is the data type that every solution in
:mod:`negotiation.bargaining.solutions` takes.

>>> from negotiation.bargaining import BargainingProblem
>>> pie = BargainingProblem.from_outcomes([(1, 0), (0, 1)], disagreement=(0, 0))
>>> pie.ideal_point
(Fraction(1, 1), Fraction(1, 1))
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Literal

import numpy as np
import numpy.typing as npt

from ..core._numbers import Number, to_exact
from ..core.game import _check_players
from ._common import _as_pair, _check_weights, _fmt, _fmt_point, _sym
from ._frontier import (
    _Chain,
    _check_disagreement_chain,
    _check_frontier_shape,
    _check_outcome_labels,
    _evaluate_grid,
    _evaluate_scalar,
    _exact_chain,
    _frontier_callable,
    _IRFrontier,
    _not_strictly_dominated,
    _parse_points,
    _plain,
    _staircase_np,
    _upper_chain,
)

__all__ = ["FRONTIER_SAMPLES", "BargainingProblem"]

DEFAULT_PLAYERS = ("Player 1", "Player 2")

#: Points sampled to check that a frontier function is finite, non-increasing and concave.
FRONTIER_SAMPLES = 1001


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
        >>> from negotiation.bargaining import nash_solution
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
        >>> from negotiation.bargaining import nash_solution
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
