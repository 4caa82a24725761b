"""Regimes: where along one parameter the equilibrium structure changes, exactly.

The structure of a game (its pure equilibria, whether a mixed one exists, its
class) can only change where some payoff comparison changes sign. So
:func:`regimes` solves each comparison for the parameter (exactly, with sympy),
keeps the real roots inside the range as *candidate thresholds*, and labels every
open interval between them by solving the game exactly at a simple rational point
inside. Candidates where nothing changes are dropped; the structure *at* each
threshold (usually a tie, so a degenerate game) is reported too, because a
student who slides exactly onto it sees it.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any, NamedTuple

import numpy as np
import sympy

from ..core._numbers import Number, format_number
from ..normal_form.equilibria import Solution, solve
from .closed_forms import _check_pgame
from .parametric import Parameter, ParametricGame, _as_sympy_number
from .structure import ORDINAL_PAIRS, Structure, structure_from_signs

__all__ = ["Regime", "Regimes", "Threshold", "regimes"]

#: Most support pairs ``equilibrium_map`` will enumerate for a game larger than 2x2.
MAX_SUPPORT_PAIRS = 2_000

#: Above this many support pairs (games larger than 4x4), ``regimes`` scans the range
#: numerically first and turns only the support pairs that change into formulas.
SCAN_PAIRS = 60

#: Points of that numerical scan.
SCAN_POINTS = 2_001

_DIGITS = 50  # precision used to order and compare algebraic thresholds
_CLOSE = sympy.Float(10) ** (10 - _DIGITS)  # closer than this: compare exactly


@dataclass(frozen=True, eq=False)
class Regime:
    """An interval of parameter values with one equilibrium structure.

    Attributes
    ----------
    low, high : sympy number
        The ends of the interval (exact).
    low_closed, high_closed : bool
        Whether each end belongs to the regime (an end that is a threshold does not).
    structure : Structure
    sample : Fraction
        The simple rational value inside the interval at which it was solved.
    solution : Solution
        ``solve`` of the game at :attr:`sample`.
    """

    low: Any
    high: Any
    low_closed: bool
    high_closed: bool
    structure: Structure
    sample: Fraction
    solution: Solution = field(repr=False)

    @property
    def interval(self) -> Any:
        """The regime as a sympy ``Interval``."""
        return sympy.Interval(
            self.low, self.high, left_open=not self.low_closed, right_open=not self.high_closed
        )

    def contains(self, value: Any) -> bool:
        """Whether ``value`` (exact or float) lies in this regime.

        Examples
        --------
        >>> c = Parameter("c", 2, 0, 3)
        >>> chicken = ParametricGame([[0, -1], [1, -c.symbol]], [[0, 1], [-1, -c.symbol]], [c])
        >>> last = regimes(chicken, "c")[-1]
        >>> last.interval, last.contains(1), last.contains(2.5)
        (Interval.Lopen(1, 3), False, True)
        """
        return bool(self.interval.contains(_as_sympy_value(value)))

    def describe(self) -> str:
        """The interval and the structure in one line."""
        return f"{_interval_text(self)}: {self.structure.describe()}"


@dataclass(frozen=True, eq=False)
class Threshold:
    """A parameter value where the equilibrium structure changes.

    Attributes
    ----------
    value : sympy number
        The exact value (a rational, a radical such as ``sqrt(2)/4``, or a ``CRootOf``);
        a sympy ``Float`` only when :attr:`exact` is false.
    structure : Structure or None
        The structure *at* the threshold (often degenerate). ``None`` only for an
        irrational threshold of a game larger than 2x2, which cannot be solved exactly.
    left, right : Structure or None
        The structures just below and just above (``None`` beyond the range).
    exact : bool
        False when the threshold was found numerically (a formula sympy cannot solve).
    solution : Solution or None
        ``solve`` of the game at the threshold, when the threshold is rational.
    """

    value: Any
    structure: Structure | None
    left: Structure | None
    right: Structure | None
    exact: bool = True
    solution: Solution | None = field(default=None, repr=False)

    def __float__(self) -> float:
        return float(self.value)

    def describe(self) -> str:
        """What happens at the threshold, in one line."""
        at = self.structure.describe() if self.structure is not None else "not solved exactly"
        value = _value_text(self.value) + ("" if self.exact else " (numerical)")
        return f"at {value}: {at}"


def _value_text(value: Any) -> str:
    if isinstance(value, sympy.Rational):
        return format_number(Fraction(int(value.p), int(value.q)))
    if isinstance(value, sympy.Float):
        return f"{float(value):.6g}"
    return f"{value} ≈ {float(value):.6g}"


def _interval_text(r: Regime) -> str:
    left = "[" if r.low_closed else "("
    right = "]" if r.high_closed else ")"
    return f"{left}{_value_text(r.low)}, {_value_text(r.high)}{right}"


def _as_sympy_value(value: Any) -> Any:
    if isinstance(value, sympy.Basic):
        return value
    if isinstance(value, Fraction):
        return sympy.Rational(value.numerator, value.denominator)
    if isinstance(value, int) and not isinstance(value, bool):
        return sympy.Integer(value)
    if isinstance(value, float):
        return sympy.Rational(Fraction(repr(value)).numerator, Fraction(repr(value)).denominator)
    raise TypeError(f"a parameter value must be a number, got {type(value).__name__} {value!r}")


@dataclass(frozen=True, eq=False)
class Regimes:
    """The regimes of one parameter, and the thresholds between them.

    Iterating gives the :class:`Regime` objects from low to high values.
    """

    pgame: ParametricGame = field(repr=False)
    parameter: Parameter
    fixed: Mapping[str, Number]
    regimes: tuple[Regime, ...]
    thresholds: tuple[Threshold, ...]
    note: str = ""

    def __iter__(self) -> Iterator[Regime]:
        return iter(self.regimes)

    def __len__(self) -> int:
        return len(self.regimes)

    def __getitem__(self, k: int) -> Regime:
        return self.regimes[k]

    @property
    def values(self) -> tuple[Any, ...]:
        """The threshold values, exact, in increasing order."""
        return tuple(t.value for t in self.thresholds)

    def structure_at(self, value: Any) -> Structure | None:
        """The structure at one value of the parameter (a threshold's own when it is one).

        Examples
        --------
        >>> c = Parameter("c", 4, 0, 10)
        >>> g = ParametricGame([[0, -1], [1, 1 - c.symbol]], [[0, 1], [-1, 1 - c.symbol]], [c])
        >>> r = regimes(g, "c")
        >>> r.structure_at(1).pure, r.structure_at(3).pure
        (((1, 1),), ((0, 1), (1, 0)))
        """
        v = _as_sympy_value(value)
        p = self.parameter
        if not _as_sympy_number(p.low) <= v <= _as_sympy_number(p.high):
            raise ValueError(
                f"{p.name} = {value} is outside its range [{format_number(p.low)}, "
                f"{format_number(p.high)}]"
            )
        for t in self.thresholds:
            if t.exact and sympy.simplify(t.value - v) == 0:
                return t.structure
        for r in self.regimes:
            if r.contains(v):
                return r.structure
        raise AssertionError("regimes do not cover the range")  # pragma: no cover

    def table(self) -> str:
        """One line per regime and per threshold, in order, as plain text."""
        p = self.parameter
        fixed = ", ".join(f"{k} = {format_number(v)}" for k, v in self.fixed.items())
        head = f"Regimes of {p.name}" + (f" ({p.unit})" if p.unit else "")
        lines = [head + (f" with {fixed}" if fixed else "") + ":"]
        items: list[tuple[Any, str]] = [(r.low, "  " + r.describe()) for r in self.regimes]
        items += [(t.value, "  " + t.describe()) for t in self.thresholds]
        items.sort(key=lambda item: (float(item[0]), not item[1].lstrip().startswith("at")))
        lines += [text for _, text in items]
        if self.note:
            lines.append(f"Note: {self.note}.")
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.table()

    def _repr_markdown_(self) -> str:
        g = self.pgame
        name = g.latex(self.parameter.symbol)
        rows = ["| values | equilibrium structure |", "|---|---|"]
        entries: list[tuple[float, int, str]] = []
        for r in self.regimes:
            left = "[" if r.low_closed else "("
            right = "]" if r.high_closed else ")"
            span = f"${name} \\in {left}{g.latex(r.low)}, {g.latex(r.high)}{right}$"
            entries.append((float(r.low), 0, f"| {span} | {r.structure.describe()} |"))
        for t in self.thresholds:
            text = t.structure.describe() if t.structure is not None else "not solved exactly"
            entries.append((float(t.value), 1, f"| ${name} = {g.latex(t.value)}$ | {text} |"))
        entries.sort(key=lambda e: (e[0], -e[1]))
        return "\n".join(rows + [e[2] for e in entries])


# --- the critical expressions ---------------------------------------------------------


def _critical_2x2(A: Any, B: Any) -> list[Any]:
    """The 12 ordinal comparisons (row player's six, then the column player's)."""
    a = [A[0][0], A[0][1], A[1][0], A[1][1]]
    b = [B[0][0], B[0][1], B[1][0], B[1][1]]
    return [a[k] - a[h] for k, h in ORDINAL_PAIRS] + [b[k] - b[h] for k, h in ORDINAL_PAIRS]


def _domain(pgame: ParametricGame) -> tuple[Any, list[list[Any]], list[list[Any]]]:
    """The payoffs as elements of their polynomial domain (for exact determinants)."""
    from sympy.polys.constructor import construct_domain

    m, n = pgame.shape
    flat = [e for row in pgame.A for e in row] + [e for row in pgame.B for e in row]
    K, elements = construct_domain(flat)
    A = [elements[i * n : (i + 1) * n] for i in range(m)]
    B = [elements[m * n + i * n : m * n + (i + 1) * n] for i in range(m)]
    return K, A, B


def _best_response_comparisons(K: Any, A: Any, B: Any, cell: tuple[int, int] | None) -> list[Any]:
    """Payoff differences that decide best responses (all, or those through one cell)."""
    m, n = len(A), len(A[0])
    out = []
    for j in range(n):
        for i in range(m):
            for k in range(i + 1, m):
                if cell is None or (cell[1] == j and cell[0] in (i, k)):
                    out.append(A[i][j] - A[k][j])
    for i in range(m):
        for j in range(n):
            for c in range(j + 1, n):
                if cell is None or (cell[0] == i and cell[1] in (j, c)):
                    out.append(B[i][j] - B[i][c])
    return out


def _pair_expressions(K: Any, A: Any, B: Any, rows: Any, cols: Any) -> list[Any]:
    """Numerators and denominators of one support pair's closed form, and its slacks.

    The support equations are solved by Cramer's rule in the polynomial domain ``K``
    (as in :func:`support_closed_form`); their roots are where this pair's mixed
    equilibrium can appear or vanish. Each player's half is kept on its own: when one
    is singular throughout, the other still marks where that player gets a tie (a
    mix of one player with more best responses than its support, a degenerate game).
    """
    m, n = len(A), len(A[0])
    y = _half_mix([[A[i][j] for j in cols] for i in rows], K)
    x = _half_mix([[B[i][j] for i in rows] for j in cols], K)
    out = [*y, *x]
    if y:
        for i in (i for i in range(m) if i not in rows):
            total = K.zero
            for k, j in enumerate(cols):
                total += A[i][j] * y[k]
            out.append(total - y[-2])  # (A y)_i - u, times the denominator
    if x:
        for j in (j for j in range(n) if j not in cols):
            total = K.zero
            for k, i in enumerate(rows):
                total += x[k] * B[i][j]
            out.append(total - x[-2])  # (x B)_j - v, times the denominator
    return out


def _half_mix(M: Any, K: Any) -> list[Any]:
    """One player's indifference mix: numerators (probabilities, value) and denominator.

    Empty when the equations are singular for every parameter value.
    """
    from .closed_forms import _indifferent_mix

    try:
        numerators, denominator = _indifferent_mix(M, K)
    except ValueError:
        return []
    return [*numerators, denominator]


def _support_pairs(m: int, n: int) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    return [
        (rows, cols)
        for size in range(2, min(m, n) + 1)
        for rows in itertools.combinations(range(m), size)
        for cols in itertools.combinations(range(n), size)
    ]


def _as_expressions(K: Any, elements: Any) -> list[Any]:
    found: dict[Any, None] = {}
    for element in elements:
        expr = K.to_sympy(element)
        if expr.free_symbols:
            found.setdefault(expr, None)
    return list(found)


def _critical_general(pgame: ParametricGame) -> list[Any]:
    """Best-response comparisons and every support pair's probabilities and slacks."""
    K, A, B = _domain(pgame)
    elements = _best_response_comparisons(K, A, B, None)
    for rows, cols in _support_pairs(*pgame.shape):
        elements += _pair_expressions(K, A, B, rows, cols)
    return _as_expressions(K, elements)


def _critical_by_scan(
    pgame: ParametricGame, t: Any, lo: Any, hi: Any
) -> tuple[list[tuple[Any, Any, Any]], str]:
    """Critical expressions near the places where a numerical scan sees a change.

    The game (in the one parameter ``t``) is solved at :data:`SCAN_POINTS` points by
    vectorised support enumeration; between neighbouring points whose pure equilibria
    or valid support pairs differ, only the comparisons and support pairs involved
    are turned into formulas, and their roots are looked for in that bracket only.
    """
    from ._enumeration import support_scan

    m, n = pgame.shape
    count = SCAN_POINTS
    grid = [lo + (hi - lo) * sympy.Rational(k, count - 1) for k in range(count)]
    ts = np.array([float(g) for g in grid])
    flat = [e for row in pgame.A for e in row] + [e for row in pgame.B for e in row]
    fn = sympy.lambdify([t], flat, modules="numpy")
    with np.errstate(all="ignore"):
        values = np.stack(
            [np.broadcast_to(np.asarray(v, dtype=np.float64), ts.shape) for v in fn(ts)]
        )
    A_num = values[: m * n].reshape(m, n, count).transpose(2, 0, 1)
    B_num = values[m * n :].reshape(m, n, count).transpose(2, 0, 1)
    scan = support_scan(A_num, B_num, 1e-9, keep_pairs=True)
    keys = list(scan.valid)
    columns = [scan.pure.reshape(count, m * n)] + [scan.valid[k][:, None] for k in keys]
    signature = np.concatenate(columns, axis=1)
    K, A, B = _domain(pgame)
    pair_cache: dict[Any, list[Any]] = {}
    # Over the whole range: every best-response comparison and the formulas of every
    # support pair that is an equilibrium somewhere (this catches ties that touch an
    # equilibrium without changing the equilibria on either side).
    elements: list[Any] = _best_response_comparisons(K, A, B, None)
    for pair in keys:
        if scan.valid[pair].any():
            pair_cache[pair] = _pair_expressions(K, A, B, *pair)
            elements += pair_cache[pair]
    out: list[tuple[Any, Any, Any]] = [(e, lo, hi) for e in _as_expressions(K, elements)]
    # Between scan points whose equilibria differ: the formulas of what changed.
    for k in np.flatnonzero((signature[1:] != signature[:-1]).any(axis=1)):
        changed = signature[k] != signature[k + 1]
        local: list[Any] = []
        for cell in np.flatnonzero(changed[: m * n]):
            local += _best_response_comparisons(K, A, B, divmod(int(cell), n))
        for q in np.flatnonzero(changed[m * n :]):
            pair = keys[int(q)]
            if pair not in pair_cache:
                pair_cache[pair] = _pair_expressions(K, A, B, *pair)
            local += pair_cache[pair]
        out += [(e, grid[k], grid[k + 1]) for e in _as_expressions(K, local)]
    note = (
        f"a {m}x{n} game: candidate thresholds were located by solving it at {count} points "
        f"first (vectorised support enumeration), then found exactly; a regime narrower "
        f"than 1/{count - 1} of the range, or a tie where nothing else changes, could be missed"
    )
    return out, note


# --- roots ----------------------------------------------------------------------------


@dataclass
class _Point:
    value: Any
    approx: Any  # a high-precision sympy Float
    exact: bool
    zeros: set[int] = field(default_factory=set)


def _roots(expr: Any, t: Any, lo: Any, hi: Any) -> tuple[list[Any], bool]:
    """Real roots of ``expr`` in ``[lo, hi]``: exact when sympy can, else numerical."""
    poly = _as_poly(expr, t)
    if poly is None:
        num, _ = sympy.fraction(sympy.cancel(sympy.together(expr)))
        poly = _as_poly(num, t)
    else:
        num = expr
    if poly is not None:
        if poly.degree() <= 0:
            return [], True  # never zero, or zero for every value (a permanent tie)
        poly = poly.sqf_part()
        if poly.count_roots(lo, hi) == 0:  # exact (Sturm), and much cheaper than the roots
            return [], True
        if poly.degree() == 1:
            (c1, c0) = poly.all_coeffs()
            return [-c0 / c1], True
        inside = []
        for r in poly.real_roots():
            if r.is_Rational:
                if lo <= r <= hi:
                    inside.append(r)
            else:  # irrational: it cannot equal the rational ends, so 30 digits decide
                v = r.evalf(30)
                if lo < v < hi:
                    inside.append(r)
        return inside, True
    if t not in num.free_symbols:
        return [], True
    solved = sympy.solveset(num, t, domain=sympy.Interval(lo, hi))
    if isinstance(solved, sympy.FiniteSet):
        return list(solved), True
    return _numeric_roots(num, t, lo, hi), False


def _as_poly(expr: Any, t: Any) -> Any:
    """``expr`` as a polynomial in ``t`` with rational coefficients, or ``None``."""
    try:
        return sympy.Poly(expr, t, domain="QQ")
    except (sympy.PolynomialError, sympy.polys.polyerrors.CoercionFailed):
        return None


def _numeric_roots(expr: Any, t: Any, lo: Any, hi: Any) -> list[Any]:
    """Sign changes on a fine grid, refined by bisection (used only when sympy cannot solve)."""
    from scipy.optimize import brentq

    f = sympy.lambdify([t], expr, modules="math")
    a, b = float(lo), float(hi)
    grid = [a + (b - a) * k / 4000 for k in range(4001)]
    out = []
    previous = None
    for x in grid:
        try:
            y = float(f(x))
        except (ValueError, ZeroDivisionError, OverflowError):
            previous = None
            continue
        if y == 0:
            out.append(sympy.Float(x, 30))
        elif previous is not None and previous[1] != 0 and (previous[1] < 0) != (y < 0):
            out.append(sympy.Float(brentq(f, previous[0], x, xtol=1e-15), 30))
        previous = (x, y)
    return out


def _less(a: Any, a_approx: Any, b: Any, b_approx: Any) -> bool:
    """``a < b`` for exact numbers, decided on their 50-digit values unless they are too close."""
    gap = b_approx - a_approx
    if abs(gap) > _CLOSE:
        return bool(gap > 0)
    return bool(a < b)  # exact, and slow for algebraic numbers: rarely needed


def _simplest_between(a: Any, a_approx: Any, b: Any, b_approx: Any) -> Fraction:
    """The rational with the smallest denominator strictly between ``a < b`` (exact numbers)."""
    fa, fb = float(a_approx), float(b_approx)
    if fb - fa > 1e-9:
        for den in range(1, 10**6):
            low = math.floor(fa * den)
            for num in (low + 1, low + 2):  # the float product may be off by one
                if num / den < fb:
                    c = sympy.Rational(num, den)
                    if _less(a, a_approx, c, c) and _less(c, c, b, b_approx):
                        return Fraction(num, den)
    mid = (a_approx + b_approx) / 2
    r = sympy.Rational(mid)
    return Fraction(int(r.p), int(r.q))


def _generic_between(a: Any, a_approx: Any, b: Any, b_approx: Any) -> Fraction:
    """A rational near the middle of ``(a, b)`` with the prime denominator 10007."""
    mid = float((a_approx + b_approx) / 2)
    c = sympy.Rational(round(mid * 10007), 10007)
    if _less(a, a_approx, c, c) and _less(c, c, b, b_approx):
        return Fraction(int(c.p), int(c.q))
    return _simplest_between(a, a_approx, b, b_approx)


def regimes(
    pgame: ParametricGame, param: Parameter | str, fixed: Mapping[str, Any] | None = None
) -> Regimes:
    """Split a parameter's range into regimes of constant equilibrium structure.

    Parameters
    ----------
    pgame : ParametricGame
    param : Parameter or str
        The parameter to vary over its whole range ``[low, high]``.
    fixed : mapping of str to number, optional
        Values of the other parameters (their defaults otherwise).

    Returns
    -------
    Regimes
        The regimes from low to high and the exact thresholds between them, each
        with the structure at the threshold itself.

    Notes
    -----
    Candidate thresholds are the real roots in range of the payoff comparisons
    that define best responses (for 2x2 games all six comparisons per player, since
    the class depends on them too; for larger games also the numerators and
    denominators of every support pair's closed form). Polynomial comparisons are
    solved exactly (``Poly.real_roots``); other formulas with ``solveset``, and
    failing that numerically (then :attr:`Threshold.exact` is false). Each open
    interval is labelled with :func:`~negotiation.solve` at a simple rational
    point inside it, and each candidate is kept only if the structure changes there.

    Games with more than :data:`SCAN_PAIRS` support pairs (larger than 4x4) would need
    formulas for hundreds of support pairs, which takes minutes. For them the range is
    first scanned at :data:`SCAN_POINTS` points by vectorised support enumeration; only
    the best-response comparisons, the support pairs that are an equilibrium somewhere,
    and those that change between neighbouring scan points become formulas, and the
    thresholds are still found and checked exactly. :attr:`Regimes.note` then says that
    a regime narrower than the scan step, or a tie that changes no equilibrium (a
    degenerate point away from the equilibria), could be missed.

    A 2x2 game takes a few tenths of a second, a 4x4 game a few seconds.

    Raises
    ------
    ValueError
        For an unknown parameter, a fixed value out of range, or a payoff that is
        undefined (a division by zero) somewhere in the range.

    Examples
    --------
    A tariff game: the US holds a tariff ``t`` or cuts it; Japan retaliates or
    accommodates. Against a held tariff Japan retaliates when ``5 t - 2 > 0``, so
    above ``t = 2/5`` the best responses cycle (the US then prefers to cut, and
    against a cut Japan accommodates) and only a mixed equilibrium remains:

    >>> t = Parameter("t", 0.24, 0, 1, unit="share of import value")
    >>> T = t.symbol
    >>> game = ParametricGame([[2, 1], [3, 0]], [[5 * T - 2, 0], [1, 2]], [t],
    ...                       players=("US", "Japan"),
    ...                       row_labels=("Hold", "Cut"), col_labels=("Retaliate", "Accommodate"))
    >>> r = regimes(game, "t")
    >>> r.values
    (2/5,)
    >>> print(r)  # doctest: +NORMALIZE_WHITESPACE
    Regimes of t (share of import value):
      [0, 2/5): Stag Hunt–Prisoner's Dilemma — pure equilibrium (Hold, Accommodate)
      at 2/5: Tie: between Stag Hunt–Prisoner's Dilemma and Matching Pennies type (cyclic, no pure
        equilibrium) — pure equilibrium (Hold, Accommodate) (a tie: degenerate game)
      (2/5, 1]: Matching Pennies type (cyclic, no pure equilibrium) — no pure equilibrium; a mixed
        equilibrium
    """
    problem = _problem(pgame, param, fixed)
    critical, note = _critical(problem)
    at_low, interior, at_high = _candidates(critical, problem)
    # With every special point a candidate, the simplest rational inside an interval is a
    # safe and readable sample; after a scan an unlisted tie could sit exactly there.
    intervals = _label_intervals(problem, interior, generic=bool(note))
    thresholds, keep_cut = _interior_thresholds(problem, critical, interior, intervals)
    ends, closed = _end_thresholds(problem, critical, (at_low, at_high), intervals)
    return Regimes(
        pgame=pgame,
        parameter=problem.parameter,
        fixed=problem.others,
        regimes=_merge(intervals, keep_cut, closed),
        thresholds=tuple(sorted(thresholds + ends, key=lambda th: float(th.value))),
        note=note,
    )


# --- the steps of regimes -------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class _Problem:
    """One call of :func:`regimes`: the game in one parameter, the others fixed."""

    pgame: ParametricGame  # the game as given (solved at sample points)
    parameter: Parameter
    others: dict[str, Number]  # values of the other parameters
    A: list[list[Any]]  # the payoffs, in the one parameter only
    B: list[list[Any]]
    lo: Any
    hi: Any

    @property
    def t(self) -> Any:
        """The parameter's sympy symbol."""
        return self.parameter.symbol

    @property
    def two_by_two(self) -> bool:
        """Whether the game is 2x2 (its structure then follows from the signs alone)."""
        return self.pgame.shape == (2, 2)

    def solve_at(self, value: Fraction) -> tuple[Structure, Solution]:
        """The structure and the exact solution of the game at one rational value."""
        game = self.pgame.at(**self.others, **{self.parameter.name: value})
        solution = solve(game, method="exact")
        return Structure.of(game, solution), solution


class _Interval(NamedTuple):
    """An open interval between neighbouring candidates, labelled at ``sample``."""

    low: Any
    high: Any
    sample: Fraction
    solution: Solution
    structure: Structure


def _problem(
    pgame: ParametricGame, param: Parameter | str, fixed: Mapping[str, Any] | None
) -> _Problem:
    """Check the arguments and fix the other parameters (refusing payoffs with a pole)."""
    _check_pgame(pgame, "regimes")
    p = pgame.parameter(param)
    others = pgame.check_values(fixed, exclude=(p.name,))
    subs = {pgame.parameter(k).symbol: _as_sympy_number(v) for k, v in others.items()}
    problem = _Problem(
        pgame=pgame,
        parameter=p,
        others=others,
        A=[[e.xreplace(subs) for e in row] for row in pgame.A],
        B=[[e.xreplace(subs) for e in row] for row in pgame.B],
        lo=_as_sympy_number(p.low),
        hi=_as_sympy_number(p.high),
    )
    _check_defined(problem)
    return problem


def _check_defined(problem: _Problem) -> None:
    """Refuse a payoff that is undefined (a division by zero) somewhere in the range."""
    p, pgame = problem.parameter, problem.pgame
    for name, table in (("A", problem.A), ("B", problem.B)):
        for i, row in enumerate(table):
            for j, e in enumerate(row):
                _, den = sympy.fraction(sympy.cancel(sympy.together(e)))
                poles, _ = _roots(den, problem.t, problem.lo, problem.hi)
                if poles:
                    raise ValueError(
                        f"payoff {name}[{i}, {j}] = {pgame.A[i][j] if name == 'A' else pgame.B[i][j]}"
                        f" is undefined at {p.name} = {poles[0]} inside its range "
                        f"[{format_number(p.low)}, {format_number(p.high)}]; narrow the range"
                    )


def _critical(problem: _Problem) -> tuple[list[tuple[Any, Any, Any]], str]:
    """The critical expressions, each with the bracket to look for its roots in, and a note."""
    lo, hi = problem.lo, problem.hi
    if problem.two_by_two:
        return [(e, lo, hi) for e in _critical_2x2(problem.A, problem.B)], ""
    m, n = problem.pgame.shape
    pairs = len(_support_pairs(m, n))
    if pairs > MAX_SUPPORT_PAIRS:
        raise ValueError(
            f"a {m}x{n} game has {pairs:,} support pairs (at most {MAX_SUPPORT_PAIRS:,}); "
            f"fix more payoffs or use a smaller game"
        )
    small = ParametricGame(problem.A, problem.B, [problem.parameter])
    if pairs <= SCAN_PAIRS:
        return [(e, lo, hi) for e in _critical_general(small)], ""
    return _critical_by_scan(small, problem.t, lo, hi)


def _candidates(
    critical: list[tuple[Any, Any, Any]], problem: _Problem
) -> tuple[_Point | None, list[_Point], _Point | None]:
    """The candidate thresholds: the low end, the points inside, the high end (if roots)."""
    points: list[_Point] = []
    for index, (expr, a_end, b_end) in enumerate(critical):
        roots, exact = _roots(expr, problem.t, a_end, b_end)
        for r in roots:
            approx = sympy.Float(r.evalf(_DIGITS), _DIGITS)
            for point in points:
                if abs(point.approx - approx) < _CLOSE:
                    point.zeros.add(index)
                    point.exact = point.exact and exact
                    break
            else:
                points.append(_Point(r, approx, exact, {index}))
    points.sort(key=lambda pt: pt.approx)
    at_low = next((pt for pt in points if pt.value == problem.lo), None)
    at_high = next((pt for pt in points if pt.value == problem.hi), None)
    interior = [pt for pt in points if pt is not at_low and pt is not at_high]
    return at_low, interior, at_high


def _label_intervals(problem: _Problem, interior: list[_Point], generic: bool) -> list[_Interval]:
    """Solve the game inside each open interval between consecutive candidates.

    The sample is the simplest rational inside, or with ``generic`` one with a large
    prime denominator (safe from a tie that is not a candidate).
    """
    lo, hi = problem.lo, problem.hi
    cuts = [(lo, lo), *((pt.value, pt.approx) for pt in interior), (hi, hi)]
    between = _generic_between if generic else _simplest_between
    intervals = []
    for (a, a_approx), (b, b_approx) in itertools.pairwise(cuts):
        sample = between(a, a_approx, b, b_approx)
        structure, solution = problem.solve_at(sample)
        intervals.append(_Interval(a, b, sample, solution, structure))
    return intervals


def _structure_at_point(
    problem: _Problem, critical: list[tuple[Any, Any, Any]], pt: _Point
) -> tuple[Structure | None, Solution | None]:
    """The structure at a candidate: solved when rational, from the signs for a 2x2 game."""
    if pt.value.is_Rational:
        return problem.solve_at(Fraction(int(pt.value.p), int(pt.value.q)))
    if problem.two_by_two:
        signs = []
        for k, (expr, _, _) in enumerate(critical):
            if k in pt.zeros:
                signs.append(0)
            else:
                v = expr.xreplace({problem.t: pt.approx})
                signs.append(0 if v == 0 else 1 if v > 0 else -1)
        return structure_from_signs(signs, problem.pgame), None
    return None, None


def _interior_thresholds(
    problem: _Problem,
    critical: list[tuple[Any, Any, Any]],
    interior: list[_Point],
    intervals: list[_Interval],
) -> tuple[list[Threshold], list[bool]]:
    """The candidates inside the range where the structure changes, and which cuts stay."""
    thresholds: list[Threshold] = []
    keep_cut = [False] * len(interior)
    for k, pt in enumerate(interior):
        left, right = intervals[k].structure, intervals[k + 1].structure
        structure, found = _structure_at_point(problem, critical, pt)
        if structure is None:  # an irrational point of a larger game: judged by its sides
            changes = left != right
        else:
            changes = not (structure == left and structure == right)
        if changes:
            keep_cut[k] = True
            thresholds.append(Threshold(pt.value, structure, left, right, pt.exact, found))
    return thresholds, keep_cut


def _end_thresholds(
    problem: _Problem,
    critical: list[tuple[Any, Any, Any]],
    ends: tuple[_Point | None, _Point | None],
    intervals: list[_Interval],
) -> tuple[list[Threshold], tuple[bool, bool]]:
    """Thresholds at the ends of the range, and whether each end belongs to its regime."""
    thresholds: list[Threshold] = []
    closed = [True, True]
    for side, (end, neighbour) in enumerate(
        zip(ends, (intervals[0].structure, intervals[-1].structure), strict=True)
    ):
        if end is None:
            continue
        at_end, end_solution = _structure_at_point(problem, critical, end)
        if at_end is not None and at_end != neighbour:
            below, above = (None, neighbour) if side == 0 else (neighbour, None)
            thresholds.append(Threshold(end.value, at_end, below, above, end.exact, end_solution))
            closed[side] = False
    return thresholds, (closed[0], closed[1])


def _merge(
    intervals: list[_Interval], keep_cut: list[bool], closed: tuple[bool, bool]
) -> tuple[Regime, ...]:
    """The regimes: intervals merged across candidates that turned out not to be thresholds."""
    merged: list[Regime] = []
    start = 0
    last = len(intervals) - 1
    for k in range(len(intervals)):
        if k == last or keep_cut[k]:
            first = intervals[start]
            merged.append(
                Regime(
                    low=first.low,
                    high=intervals[k].high,
                    low_closed=closed[0] if start == 0 else False,
                    high_closed=closed[1] if k == last else False,
                    structure=first.structure,
                    sample=first.sample,
                    solution=first.solution,
                )
            )
            start = k + 1
    return tuple(merged)
