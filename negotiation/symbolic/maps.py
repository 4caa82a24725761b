"""Equilibrium maps: the equilibrium structure over a grid of two parameters, vectorised.

For a 2x2 game the structure at a point depends only on the *signs* of the twelve
payoff comparisons (six per player): they fix the best responses, whether a mixed
equilibrium exists, and the class of the game. So :func:`equilibrium_map`

1. decides those signs exactly at every grid point (:mod:`._signs`): a comparison
   that is identically zero (two payoffs given by the same formula, a *structural
   tie*, common in teaching games) or constant is recognised once, symbolically,
   before the grid; the others are evaluated in floats with a rigorous error bound,
   and in exact integer arithmetic only at the points the bound leaves undecided
   (in practice the points that lie exactly on a boundary),
2. turns each point's signs into one integer code and solves one small integer
   game per distinct code (a handful per map, cached), and
3. evaluates the closed-form mixing probabilities (:func:`mixed_closed_form`) on
   the grid, NaN where there is no mixed equilibrium.

So a grid point that lies exactly on a boundary gets the tie's own (degenerate)
structure, just as :func:`~negotiation.solve` reports it, and every label
agrees with ``solve(pgame.at(**m.point(i, j)))``.

Larger games (up to :data:`EXACT_MAP_PAIRS` pairs of supports, so up to 3x5 and
5x3) are mapped the same way from the signs of the formulas behind the vertices of
the best-response polytopes (:mod:`._vertex_map`): the Cramer numerators and
determinants of every pair of supports and the slacks of the strategies outside
them. Their exact signs give each point's labelled vertices, and from them, as
``solve`` finds them, the pure equilibria, whether a mixed equilibrium exists and
whether the game is degenerate; every label agrees with ``solve``.

Still larger games, and payoffs that are not rational functions of the parameters
(square roots, exponentials), use vectorised support enumeration in floats instead
(von Stengel 2007, section 3.3); points within a tolerance of a tie are re-solved
exactly with ``solve`` one by one (about 2 ms each).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

import numpy as np
import numpy.typing as npt

from ..core._numbers import Number, format_number
from ..core.game import BimatrixGame
from ..normal_form.equilibria import solve
from ._enumeration import _indifference, support_scan
from ._signs import GridSigns, RationalForms, grid_signs, rational_forms
from ._vertex_map import VertexForms, configuration_structure, vertex_forms, vertex_labels
from .closed_forms import _check_pgame, mixed_closed_form
from .parametric import Parameter, ParametricGame, _ExactEvaluator
from .structure import ORDINAL_PAIRS, Structure, structure_from_signs
from .thresholds import MAX_SUPPORT_PAIRS, _critical_2x2, _domain

__all__ = [
    "EXACT_MAP_PAIRS",
    "MAX_MAP_POINTS",
    "EquilibriumMap",
    "equilibrium_map",
    "structural_ties",
]

#: The largest grid (number of points) a map may have: about 250 bytes per point are
#: needed while computing, so this is roughly half a gigabyte.
MAX_MAP_POINTS = 2_000_000

#: Games larger than 2x2 with at most this many support pairs (up to 3x5 and 5x3) are
#: mapped exactly from the signs of their vertex formulas; larger ones by floating-point
#: support enumeration with exact re-solving near ties.
EXACT_MAP_PAIRS = 60

FloatArray = npt.NDArray[np.float64]


@dataclass(frozen=True, eq=False)
class EquilibriumMap:
    """The equilibrium structure over a grid of two parameters.

    Arrays are indexed ``[i, j]`` with ``i`` along :attr:`ys` (rows of an image with
    the origin at the bottom) and ``j`` along :attr:`xs`.

    Attributes
    ----------
    pgame : ParametricGame
    x, y : Parameter
        The parameters along the horizontal and the vertical axis.
    fixed : dict
        The exact values of the other parameters.
    xs, ys : numpy.ndarray
        Grid values (floats of the exact values ``low + (high - low) * k / (n - 1)``).
    labels : numpy.ndarray of int
        Index into :attr:`legend` at each grid point.
    legend : tuple of Structure
        The distinct structures, in order of first appearance (bottom-left first).
    row_mix, col_mix : numpy.ndarray
        Shape ``(ny, nx, m)`` and ``(ny, nx, n)``: each player's mixed strategy in a
        mixed equilibrium where one exists (for 2x2, the interior one), NaN elsewhere.
    ties : numpy.ndarray of bool
        For 2x2 games, points where some payoff comparison is exactly zero (the game
        has a tie there, structural or not); for larger games, points where the game
        is degenerate.
    near_ties : numpy.ndarray of bool
        Points where floating point could not decide some sign, so it was decided in
        exact arithmetic (with the float fallback: points within the tolerance of a
        tie, re-checked exactly). Structural ties, decided symbolically, are not marked.
    method : str
        How the map was computed.
    """

    pgame: ParametricGame = field(repr=False)
    x: Parameter
    y: Parameter
    fixed: Mapping[str, Number]
    xs: FloatArray = field(repr=False)
    ys: FloatArray = field(repr=False)
    labels: npt.NDArray[np.int64] = field(repr=False)
    legend: tuple[Structure, ...]
    row_mix: FloatArray = field(repr=False)
    col_mix: FloatArray = field(repr=False)
    ties: npt.NDArray[np.bool_] = field(repr=False)
    near_ties: npt.NDArray[np.bool_] = field(repr=False)
    method: str
    _x_exact: tuple[Number, ...] = field(repr=False)
    _y_exact: tuple[Number, ...] = field(repr=False)

    @property
    def shape(self) -> tuple[int, int]:
        """``(len(ys), len(xs))``."""
        return int(self.labels.shape[0]), int(self.labels.shape[1])

    @property
    def p(self) -> FloatArray:
        """The row player's probability of her first strategy in the mixed equilibrium (NaN if none)."""
        return self.row_mix[..., 0]

    @property
    def q(self) -> FloatArray:
        """The column player's probability of his first strategy in the mixed equilibrium (NaN if none)."""
        return self.col_mix[..., 0]

    @property
    def extent(self) -> tuple[float, float, float, float]:
        """``(x low, x high, y low, y high)`` for plotting."""
        return float(self.xs[0]), float(self.xs[-1]), float(self.ys[0]), float(self.ys[-1])

    def _check_index(self, i: int, j: int) -> None:
        ny, nx = self.shape
        for value, size, what in ((i, ny, "i (along y)"), (j, nx, "j (along x)")):
            if isinstance(value, bool) or not isinstance(value, int | np.integer):
                raise TypeError(f"{what} must be an integer index, got {value!r}")
            if not 0 <= value < size:
                raise ValueError(f"{what} = {value} is out of range 0..{size - 1}")

    def point(self, i: int, j: int) -> dict[str, Number]:
        """Exact values of every parameter at grid point ``[i, j]``.

        Examples
        --------
        >>> c = Parameter("c", 2, 0, 4)
        >>> d = Parameter("d", 1, 0, 2)
        >>> g = ParametricGame([[c.symbol, 0], [0, d.symbol]], [[1, 0], [0, 1]], [c, d])
        >>> m = equilibrium_map(g, "c", "d", resolution=5)
        >>> m.point(2, 1)
        {'c': Fraction(1, 1), 'd': Fraction(1, 1)}
        """
        self._check_index(i, j)
        values = dict(self.fixed)
        values[self.x.name] = self._x_exact[j]
        values[self.y.name] = self._y_exact[i]
        return {p.name: values[p.name] for p in self.pgame.parameters}

    def game(self, i: int, j: int) -> BimatrixGame:
        """The game at grid point ``[i, j]`` (exact): ``solve`` it to check a label.

        Examples
        --------
        >>> c, d = Parameter("c", 1, 0, 2), Parameter("d", 1, 0, 2)
        >>> g = ParametricGame([[c.symbol, 0], [0, 1]], [[d.symbol, 0], [0, 1]], [c, d])
        >>> m = equilibrium_map(g, "c", "d", resolution=3)
        >>> m.game(0, 2).payoff(0, 0)
        (Fraction(2, 1), Fraction(0, 1))
        >>> m.structure(0, 2) == Structure.of(m.game(0, 2))
        True
        """
        return self.pgame.at(**self.point(i, j))

    def structure(self, i: int, j: int) -> Structure:
        """The structure at grid point ``[i, j]``."""
        self._check_index(i, j)
        return self.legend[int(self.labels[i, j])]

    def nearest(self, x: float, y: float) -> tuple[int, int]:
        """The grid index ``(i, j)`` closest to the point ``(x, y)``.

        Examples
        --------
        >>> c, d = Parameter("c", 1, 0, 2), Parameter("d", 1, 0, 2)
        >>> g = ParametricGame([[c.symbol, 0], [0, 1]], [[d.symbol, 0], [0, 1]], [c, d])
        >>> equilibrium_map(g, "c", "d", resolution=5).nearest(1.6, 0.1)
        (0, 3)
        """
        for value, p in ((x, self.x), (y, self.y)):
            v = float(value)
            if not math.isfinite(v) or not float(p.low) <= v <= float(p.high):
                raise ValueError(
                    f"{p.name} = {value} is outside its range [{format_number(p.low)}, "
                    f"{format_number(p.high)}]"
                )
        return int(np.abs(self.ys - float(y)).argmin()), int(np.abs(self.xs - float(x)).argmin())

    @property
    def descriptions(self) -> dict[int, str]:
        """Each label's structure in words (the legend as text)."""
        return {k: s.describe() for k, s in enumerate(self.legend)}

    def areas(self) -> tuple[float, ...]:
        """The share of grid points with each legend entry."""
        counts = np.bincount(self.labels.ravel(), minlength=len(self.legend))
        return tuple(float(c) / self.labels.size for c in counts)

    def describe(self) -> str:
        """One line per legend entry with its share of the map.

        Examples
        --------
        Chicken with a parametric crash cost ``c``: below ``c = 1`` crashing is not
        the worst outcome and the game is a Prisoner's Dilemma.

        >>> c = Parameter("c", 2, 0, 2.5)
        >>> T = Parameter("T", 1, 0.5, 2)
        >>> chicken = ParametricGame([[0, -1], [T.symbol, -c.symbol]],
        ...                          [[0, T.symbol], [-1, -c.symbol]], [T, c])
        >>> print(equilibrium_map(chicken, "T", "c", resolution=(3, 11)).describe())
        Equilibrium map of T (x) and c (y), 3 x 11 points:
          [0] 9% Tie: between Prisoner's Dilemma and Deadlock — pure equilibrium (R2, C2)
          [1] 27% Prisoner's Dilemma — pure equilibrium (R2, C2)
          [2] 9% Tie: between Prisoner's Dilemma and Chicken — pure equilibria (R1, C2), (R2, C1) and (R2, C2) (a tie: degenerate game)
          [3] 55% Chicken — pure equilibria (R1, C2) and (R2, C1), and a mixed equilibrium
        """
        ny, nx = self.shape
        lines = [f"Equilibrium map of {self.x.name} (x) and {self.y.name} (y), {nx} x {ny} points:"]
        for k, (s, a) in enumerate(zip(self.legend, self.areas(), strict=True)):
            lines.append(f"  [{k}] {a:.0%} {s.describe()}")
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.describe()


def _check_resolution(resolution: Any) -> tuple[int, int]:
    if isinstance(resolution, int | np.integer) and not isinstance(resolution, bool):
        pair: Sequence[Any] = (resolution, resolution)
    elif (
        isinstance(resolution, Sequence)
        and not isinstance(resolution, str)
        and len(resolution) == 2
    ):
        pair = resolution
    else:
        raise TypeError(
            f"resolution must be an integer or a pair (points along x, points along y), got {resolution!r}"
        )
    out = []
    for value, axis in zip(pair, ("x", "y"), strict=True):
        if isinstance(value, bool) or not isinstance(value, int | np.integer):
            raise TypeError(f"resolution along {axis} must be an integer, got {value!r}")
        if value < 2:
            raise ValueError(
                f"resolution along {axis} must be at least 2 (the two ends of the range), got {value}"
            )
        out.append(int(value))
    points = out[0] * out[1]
    if points > MAX_MAP_POINTS:
        raise ValueError(
            f"resolution {tuple(out)} asks for {points:,} grid points, more than fit in memory "
            f"comfortably (at most {MAX_MAP_POINTS:,}, about 250 bytes each); use fewer points"
        )
    return out[0], out[1]


def _grid(p: Parameter, count: int) -> tuple[Number, ...]:
    span = p.high - p.low
    return tuple(p.low + span * Fraction(k, count - 1) for k in range(count))


def _exact_sign(value: Any) -> int:
    if isinstance(value, Fraction):
        return (value > 0) - (value < 0)
    if value is None:
        return 0
    if value == 0 or value.equals(0):
        return 0
    return 1 if value.evalf(50) > 0 else -1


def structural_ties(
    pgame: ParametricGame,
) -> tuple[tuple[str, tuple[int, int], tuple[int, int]], ...]:
    """Pairs of cells where a player's payoffs are equal for every parameter value.

    Such *structural ties* (two payoffs given by the same formula, such as the zeros of
    a column where nothing happens) are common in teaching games. They are decided
    once, symbolically, and :func:`equilibrium_map` never re-checks them point by point.

    Parameters
    ----------
    pgame : ParametricGame

    Returns
    -------
    tuple of (str, (int, int), (int, int))
        ``(player, cell, other cell)`` with cells as ``(row, column)`` and the first
        cell before the second in reading order; the row player's ties first.

    Notes
    -----
    Payoffs that are rational functions of the parameters are compared exactly in
    sympy's polynomial domain (so ``(c**2 - 1)/(c - 1)`` and ``c + 1`` are the same
    payoff); others with ``sympy.simplify``.

    Examples
    --------
    An inspection game [Tsebelis1989m]_: the inspector inspects at cost ``c`` or trusts;
    the trader cheats (gaining ``g`` if trusted) or complies, which pays nothing
    whatever the inspector does.

    >>> c, g = Parameter("c", 1, 0.1, 5), Parameter("g", 1, 0.1, 5)
    >>> C, G = c.symbol, g.symbol
    >>> inspection = ParametricGame([[1 - C, -C], [-1, 0]], [[-1, 0], [G, 0]], [c, g],
    ...                             players=("Inspector", "Trader"))
    >>> structural_ties(inspection)
    (('Trader', (0, 1), (1, 1)),)

    References
    ----------
    .. [Tsebelis1989m] G. Tsebelis, "The abuse of probability in political analysis: the
       Robinson Crusoe fallacy", *American Political Science Review* 83(1), 77-91, 1989.
    """
    _check_pgame(pgame, "structural_ties")
    found = _cached(pgame, "structural-ties", lambda: _structural_ties(pgame))
    assert isinstance(found, tuple)
    return found


def _structural_ties(
    pgame: ParametricGame,
) -> tuple[tuple[str, tuple[int, int], tuple[int, int]], ...]:
    import sympy

    m, n = pgame.shape
    K, A, B = _domain(pgame)
    exact = rational_forms(K, [], [p.name for p in pgame.parameters]) is not None
    cells = [(i, j) for i in range(m) for j in range(n)]
    out = []
    for player, table, formulas in ((0, A, pgame.A), (1, B, pgame.B)):
        for k, (a, b) in enumerate(cells):
            for c, d in cells[k + 1 :]:
                if exact:
                    tied = table[a][b] == table[c][d]
                else:
                    tied = sympy.simplify(formulas[a][b] - formulas[c][d]) == 0
                if tied:
                    out.append((pgame.players[player], (a, b), (c, d)))
    return tuple(out)


def equilibrium_map(
    pgame: ParametricGame,
    x: Parameter | str,
    y: Parameter | str,
    resolution: int | tuple[int, int] = (201, 201),
    fixed: Mapping[str, Any] | None = None,
    *,
    tol: float = 1e-9,
) -> EquilibriumMap:
    """The equilibrium structure over a grid of two parameters.

    Parameters
    ----------
    pgame : ParametricGame
    x, y : Parameter or str
        The parameters along the horizontal and the vertical axis (different ones).
    resolution : int or (int, int)
        Grid points along x and along y, each at least 2; the grid spans each
        parameter's whole range.
    fixed : mapping of str to number, optional
        Values of the other parameters (their defaults otherwise).
    tol : float
        Used only for payoffs that are not rational functions of the parameters and
        for games too large for the exact method: there a payoff comparison within
        ``tol * (1 + largest |payoff|)`` of zero is re-checked exactly. (Otherwise
        signs are exact: a float is trusted only beyond its rigorous error bound.)

    Returns
    -------
    EquilibriumMap
        Labels, legend, mixing probabilities and tie masks.

    Raises
    ------
    ValueError
        For unknown or equal parameters, a resolution below 2 or too large, fixed
        values out of range, or payoffs undefined somewhere on the grid.

    Notes
    -----
    A 201 x 201 map of a 2x2 game takes about a hundredth of a second after the
    first call on a game (which builds the formulas and the numpy code, about 0.2 s),
    with or without structural ties. A 101 x 101 map of a 3x3 game takes about 0.1 s
    (0.5 s on the first call); 3x4, 4x3, 3x5 and 5x3 games a few times that. Larger
    games use vectorised support enumeration in floats: at 201 x 201, about 1 s for
    4x4 and 15 s for 6x6 (use a coarser grid there); points within the tolerance of
    a tie are re-solved exactly with ``solve``, about 2-20 ms each. For those games,
    ``degenerate`` in a label is reported at re-solved points only; elsewhere a
    degeneracy that touches no equilibrium is not detected, and such labels agree
    with ``solve`` on the pure equilibria and on the existence of a mixed one.

    :attr:`EquilibriumMap.near_ties` marks the points where some sign was decided in
    exact arithmetic (for the fallback: re-solved exactly).

    Examples
    --------
    Chicken with parametric temptation ``T`` and crash cost ``c`` (Rapoport and
    Chammah 1966): the game is Chicken while a crash is worse than swerving,
    ``c > 1``, whatever the temptation.

    >>> T = Parameter("T", 1, 0.5, 2, description="gain from going straight")
    >>> c = Parameter("c", 2, 0, 3, description="cost of a crash")
    >>> chicken = ParametricGame([[0, -1], [T.symbol, -c.symbol]],
    ...                          [[0, T.symbol], [-1, -c.symbol]], [T, c],
    ...                          row_labels=("Swerve", "Straight"),
    ...                          col_labels=("Swerve", "Straight"))
    >>> m = equilibrium_map(chicken, "T", "c", resolution=(31, 31))
    >>> s = m.structure(*m.nearest(1.0, 2.0))
    >>> s.pure_labels, s.mixed
    ((('Swerve', 'Straight'), ('Straight', 'Swerve')), True)
    >>> round(float(m.p[m.nearest(1.0, 2.0)]), 3)    # swerve with probability (c - 1)/(c + T - 1)
    0.5
    """
    _check_pgame(pgame, "equilibrium_map")
    px, py = pgame.parameter(x), pgame.parameter(y)
    if px.name == py.name:
        raise ValueError(
            f"x and y must be two different parameters, got {px.name!r} twice; use regimes() "
            f"for one parameter"
        )
    if not isinstance(tol, float | int) or isinstance(tol, bool) or not 0 <= tol < 1e-3:
        raise ValueError(f"tol must be a small non-negative number (below 1e-3), got {tol!r}")
    nx, ny = _check_resolution(resolution)
    others = pgame.check_values(fixed, exclude=(px.name, py.name))
    x_exact, y_exact = _grid(px, nx), _grid(py, ny)
    xs = np.array([float(v) for v in x_exact])
    ys = np.array([float(v) for v in y_exact])
    X, Y = np.meshgrid(xs, ys)
    args = [
        # numpy scalars, so that a division by zero gives inf or nan rather than an exception
        X if p.name == px.name else Y if p.name == py.name else np.float64(others[p.name])
        for p in pgame.parameters
    ]
    if pgame.shape == (2, 2):
        return _map_2x2(pgame, px, py, others, xs, ys, x_exact, y_exact, args, float(tol))
    return _map_general(pgame, px, py, others, xs, ys, x_exact, y_exact, args, float(tol))


def _evaluate(pgame: ParametricGame, exprs: Sequence[Any], key: str, args: list[Any]) -> FloatArray:
    fn = pgame.numpy_function(exprs, key=key)
    shape = next(np.shape(a) for a in args if isinstance(a, np.ndarray) and a.ndim == 2)
    with np.errstate(all="ignore"):
        out = fn(*args)
    return np.stack([np.broadcast_to(np.asarray(v, dtype=np.float64), shape) for v in out])


def _check_finite(
    entries: FloatArray, px: Parameter, py: Parameter, xs: FloatArray, ys: FloatArray
) -> None:
    bad = ~np.isfinite(entries).all(axis=0)
    if bad.any():
        i, j = (int(v) for v in np.argwhere(bad)[0])
        raise ValueError(
            f"a payoff is undefined (a division by zero or an invalid operation) at "
            f"{px.name} = {xs[j]:.6g}, {py.name} = {ys[i]:.6g}; narrow the parameter ranges"
        )


def _legend_order(
    codes_first: Sequence[int], structures: Sequence[Structure]
) -> tuple[tuple[Structure, ...], list[int]]:
    """Distinct structures in order of first appearance, and each code's label."""
    order = sorted(range(len(structures)), key=lambda k: codes_first[k])
    legend: list[Structure] = []
    label_of: dict[Structure, int] = {}
    for k in order:
        s = structures[k]
        if s not in label_of:
            label_of[s] = len(legend)
            legend.append(s)
    return tuple(legend), [label_of[s] for s in structures]


def _cached(pgame: ParametricGame, key: str, build: Any) -> Any:
    """``pgame._cache[key]``, built once (``None`` is cached too)."""
    cache = pgame._cache
    if key not in cache:
        cache[key] = build()
    return cache[key]


def _ordinal_forms(pgame: ParametricGame) -> RationalForms | None:
    """The twelve ordinal comparisons as polynomials (``None`` for non-rational payoffs)."""
    K, A, B = _domain(pgame)
    a = [A[0][0], A[0][1], A[1][0], A[1][1]]
    b = [B[0][0], B[0][1], B[1][0], B[1][1]]
    comparisons = [a[k] - a[h] for k, h in ORDINAL_PAIRS] + [b[k] - b[h] for k, h in ORDINAL_PAIRS]
    return rational_forms(K, comparisons, [p.name for p in pgame.parameters])


def _exact_grid(
    others: Mapping[str, Number], x_exact: Sequence[Number], y_exact: Sequence[Number]
) -> tuple[dict[str, Fraction], list[Fraction], list[Fraction]] | None:
    """The fixed values and the grid as Fractions, or ``None`` if some value is a float."""
    fixed = {k: v for k, v in others.items() if isinstance(v, Fraction)}
    xs = [v for v in x_exact if isinstance(v, Fraction)]
    ys = [v for v in y_exact if isinstance(v, Fraction)]
    if len(fixed) < len(others) or len(xs) < len(x_exact) or len(ys) < len(y_exact):
        return None
    return fixed, xs, ys


def _check_defined(
    found: GridSigns, px: Parameter, py: Parameter, xs: FloatArray, ys: FloatArray
) -> None:
    if found.undefined is not None:
        i, j = found.undefined
        raise ValueError(
            f"a payoff is undefined (a division by zero) at {px.name} = {xs[j]:.6g}, "
            f"{py.name} = {ys[i]:.6g}; narrow the parameter ranges"
        )


def _map_2x2(
    pgame: ParametricGame,
    px: Parameter,
    py: Parameter,
    others: Mapping[str, Number],
    xs: FloatArray,
    ys: FloatArray,
    x_exact: tuple[Number, ...],
    y_exact: tuple[Number, ...],
    args: list[Any],
    tol: float,
) -> EquilibriumMap:
    entries_exprs = [e for row in pgame.A for e in row] + [e for row in pgame.B for e in row]
    form = _cached(pgame, "mixed_form", lambda: mixed_closed_form(pgame))
    forms = _cached(pgame, "map-2x2-forms", lambda: _ordinal_forms(pgame))
    exact = _exact_grid(others, x_exact, y_exact)
    if forms is not None and exact is not None:
        # The exact sign of each of the twelve comparisons at every point: structural ties
        # were decided once, symbolically; the rest in floats with a rigorous error bound,
        # and in exact arithmetic only where that bound does not decide.
        values = _evaluate(pgame, [*entries_exprs, form.p, form.q], "map-2x2-values", args)
        entries, p, q = values[:8], values[8], values[9]
        _check_finite(entries, px, py, xs, ys)
        found = grid_signs(forms, px.name, py.name, *exact, xs, ys)
        _check_defined(found, px, py, xs, ys)
        method = (
            "2x2: exact signs of the payoff comparisons (structural ties decided symbolically, "
            "floats with a rigorous error bound elsewhere), vectorised with numpy"
        )
        signs = found.signs.astype(np.int64)
        return _finish_2x2(
            pgame, px, py, others, xs, ys, x_exact, y_exact, signs, found.exact, p, q, method
        )

    # Payoffs that are not rational functions (square roots, exponentials): compare in
    # floats and re-check comparisons within the tolerance of zero exactly with sympy.
    critical = _critical_2x2(pgame.A, pgame.B)
    values = _evaluate(pgame, [*entries_exprs, *critical, form.p, form.q], "map-2x2", args)
    entries, diffs, p, q = values[:8], values[8:20], values[20], values[21]
    _check_finite(entries, px, py, xs, ys)
    scale = 1.0 + np.abs(entries).max(axis=0)
    near = np.abs(diffs) <= tol * scale
    signs = np.sign(diffs).astype(np.int64)
    signs[near] = 0
    near_any = near.any(axis=0)
    if near_any.any():
        evaluator = _cached(
            pgame, "critical-exact", lambda: _ExactEvaluator(critical, pgame.symbols)
        )
        names = [p_.name for p_ in pgame.parameters]
        for i, j in np.argwhere(near_any):
            point = dict(others)
            point[px.name], point[py.name] = x_exact[j], y_exact[i]
            exact_values = evaluator([point[name] for name in names])
            signs[:, i, j] = [_exact_sign(v) for v in exact_values]
    method = "2x2 closed forms: signs of the payoff comparisons, vectorised with numpy"
    return _finish_2x2(
        pgame, px, py, others, xs, ys, x_exact, y_exact, signs, near_any, p, q, method
    )


def _finish_2x2(
    pgame: ParametricGame,
    px: Parameter,
    py: Parameter,
    others: Mapping[str, Number],
    xs: FloatArray,
    ys: FloatArray,
    x_exact: tuple[Number, ...],
    y_exact: tuple[Number, ...],
    signs: npt.NDArray[np.int64],
    near_any: npt.NDArray[np.bool_],
    p: FloatArray,
    q: FloatArray,
    method: str,
) -> EquilibriumMap:
    """Labels from the twelve signs at each point; mixing probabilities where there is a mix."""
    ties = (signs == 0).any(axis=0)
    powers = (3 ** np.arange(12, dtype=np.int64)).reshape(12, 1, 1)
    code = ((signs + 1) * powers).sum(axis=0)
    unique, first, inverse = np.unique(code, return_index=True, return_inverse=True)
    structures = []
    for c in unique:
        digits = [(int(c) // 3**k) % 3 - 1 for k in range(12)]
        structures.append(structure_from_signs(digits, pgame))
    legend, label_of_code = _legend_order([int(f) for f in first], structures)
    labels = np.asarray(label_of_code, dtype=np.int64)[inverse.reshape(code.shape)]
    has_mixed = np.array([s.mixed for s in legend], dtype=bool)[labels]
    p = np.where(has_mixed, p, np.nan)
    q = np.where(has_mixed, q, np.nan)
    row_mix = np.stack([p, 1.0 - p], axis=-1)
    col_mix = np.stack([q, 1.0 - q], axis=-1)
    return EquilibriumMap(
        pgame=pgame,
        x=px,
        y=py,
        fixed=dict(others),
        xs=xs,
        ys=ys,
        labels=labels,
        legend=legend,
        row_mix=row_mix,
        col_mix=col_mix,
        ties=ties,
        near_ties=near_any,
        method=method,
        _x_exact=x_exact,
        _y_exact=y_exact,
    )


def _map_general(
    pgame: ParametricGame,
    px: Parameter,
    py: Parameter,
    others: Mapping[str, Number],
    xs: FloatArray,
    ys: FloatArray,
    x_exact: tuple[Number, ...],
    y_exact: tuple[Number, ...],
    args: list[Any],
    tol: float,
) -> EquilibriumMap:
    m, n = pgame.shape
    pairs = sum(math.comb(m, k) * math.comb(n, k) for k in range(2, min(m, n) + 1))
    if pairs > MAX_SUPPORT_PAIRS:
        raise ValueError(
            f"a {m}x{n} game has {pairs:,} support pairs (at most {MAX_SUPPORT_PAIRS:,} for a "
            f"map); fix some strategies or use a smaller game"
        )
    entries_exprs = [e for row in pgame.A for e in row] + [e for row in pgame.B for e in row]
    values = _evaluate(pgame, entries_exprs, "map-entries", args)
    _check_finite(values, px, py, xs, ys)
    exact = _exact_grid(others, x_exact, y_exact)
    if pairs <= EXACT_MAP_PAIRS and exact is not None:
        vf = _cached(pgame, "map-vertex-forms", lambda: vertex_forms(pgame))
        if vf is not None:
            return _map_vertices(pgame, vf, px, py, others, xs, ys, x_exact, y_exact, exact, values)
    grid_shape = values.shape[1:]
    P = int(np.prod(grid_shape))
    A = values[: m * n].reshape(m, n, P).transpose(2, 0, 1)
    B = values[m * n :].reshape(m, n, P).transpose(2, 0, 1)
    scan = support_scan(A, B, tol)
    pure, mixed, near = scan.pure, scan.mixed, scan.near
    row_mix, col_mix = scan.row_mix, scan.col_mix

    # One row per point: which pure profiles are equilibria, and whether a mixed one exists.
    keys = np.concatenate([pure.reshape(P, m * n), mixed[:, None]], axis=1)
    structures_of: dict[bytes, Structure] = {}
    labels_flat = np.empty(P, dtype=np.int64)
    legend: list[Structure] = []
    label_of: dict[Structure, int] = {}
    near_points = set(int(k) for k in np.flatnonzero(near))
    names = [p_.name for p_ in pgame.parameters]
    nx = len(xs)
    for point in range(P):
        if point in near_points:
            i, j = divmod(point, nx)
            values_at = dict(others)
            values_at[px.name], values_at[py.name] = x_exact[j], y_exact[i]
            game = pgame.at(**{name: values_at[name] for name in names})
            solution = solve(game, method="exact")
            s = Structure.of(game, solution)
            row_mix[point] = np.nan
            col_mix[point] = np.nan
            for e in solution.mixed:
                if len(e.row_support) > 1 and len(e.col_support) > 1:
                    row_mix[point] = e.row
                    col_mix[point] = e.col
                    break
        else:
            key = keys[point].tobytes()
            s_found = structures_of.get(key)
            if s_found is None:
                cells = tuple((a, b) for a in range(m) for b in range(n) if keys[point, a * n + b])
                s_found = Structure(
                    pure=cells,
                    mixed=bool(keys[point, -1]),
                    degenerate=False,
                    class_name=None,
                    pure_labels=tuple((pgame.row_labels[a], pgame.col_labels[b]) for a, b in cells),
                    players=pgame.players,
                )
                structures_of[key] = s_found
            s = s_found
        label = label_of.get(s)
        if label is None:
            label = label_of[s] = len(legend)
            legend.append(s)
        labels_flat[point] = label
    degenerate = np.array([s.degenerate for s in legend], dtype=bool)[labels_flat]
    return EquilibriumMap(
        pgame=pgame,
        x=px,
        y=py,
        fixed=dict(others),
        xs=xs,
        ys=ys,
        labels=labels_flat.reshape(grid_shape),
        legend=tuple(legend),
        row_mix=row_mix.reshape(*grid_shape, m),
        col_mix=col_mix.reshape(*grid_shape, n),
        ties=degenerate.reshape(grid_shape),
        near_ties=near.reshape(grid_shape),
        method=(
            f"vectorised support enumeration over {pairs} support pair(s); "
            f"{len(near_points)} point(s) near a tie solved exactly"
        ),
        _x_exact=x_exact,
        _y_exact=y_exact,
    )


def _map_vertices(
    pgame: ParametricGame,
    vf: VertexForms,
    px: Parameter,
    py: Parameter,
    others: Mapping[str, Number],
    xs: FloatArray,
    ys: FloatArray,
    x_exact: tuple[Number, ...],
    y_exact: tuple[Number, ...],
    exact: tuple[dict[str, Fraction], list[Fraction], list[Fraction]],
    values: FloatArray,
) -> EquilibriumMap:
    """A map of a game larger than 2x2 from the exact signs of its vertex formulas."""
    m, n = pgame.shape
    ny, nx = len(ys), len(xs)
    P = ny * nx
    found = grid_signs(vf.forms, px.name, py.name, *exact, xs, ys)
    _check_defined(found, px, py, xs, ys)
    masks = np.ascontiguousarray(vertex_labels(vf, found.signs.reshape(-1, P)).T)  # (P, H)
    rows = masks.view(np.dtype((np.void, masks.dtype.itemsize * masks.shape[1]))).ravel()
    _, first, inverse = np.unique(rows, return_index=True, return_inverse=True)
    inverse = inverse.reshape(-1)
    # Each distinct configuration of vertices once (cached per game: a slider that moves
    # a third parameter meets the same configurations again).
    cache: dict[Any, Any] = pgame._cache
    configurations = []
    for f in first:
        key = ("map-vertex-configuration", rows[f].tobytes())
        config = cache.get(key)
        if config is None:
            config = cache[key] = configuration_structure(vf, masks[f].tolist(), pgame)
        configurations.append(config)
    order = np.argsort(first, kind="stable")  # legend in order of first appearance
    legend: list[Structure] = []
    label_of: dict[Structure, int] = {}
    group_label = np.empty(len(first), dtype=np.int64)
    for g in order:
        s = configurations[g].structure
        if s not in label_of:
            label_of[s] = len(legend)
            legend.append(s)
        group_label[g] = label_of[s]
    labels = group_label[inverse]

    # Mixing probabilities of the reported mixed equilibrium, from its supports, in floats.
    A = values[: m * n].reshape(m, n, P).transpose(2, 0, 1)
    B = values[m * n :].reshape(m, n, P).transpose(2, 0, 1)
    scale = 1.0 + np.maximum(np.abs(A).max(axis=(1, 2)), np.abs(B).max(axis=(1, 2)))
    row_mix = np.full((P, m), np.nan)
    col_mix = np.full((P, n), np.nan)
    for g, config in enumerate(configurations):
        if config.mixed_pair is None:
            continue
        points = np.flatnonzero(inverse == g)
        for h, mix, size in (
            (config.mixed_pair[0], row_mix, m),
            (config.mixed_pair[1], col_mix, n),
        ):
            hp = vf.half_pairs[h]
            support, tight = list(hp.support), list(hp.tight)
            if hp.side == 0:
                block = B[points][:, support, :][:, :, tight].transpose(0, 2, 1)
            else:
                block = A[points][:, tight, :][:, :, support]
            solution, _, _ = _indifference(block, scale[points])
            full = np.zeros((points.size, size))
            full[:, support] = solution
            mix[points] = full
    degenerate = np.array([s.degenerate for s in legend], dtype=bool)[labels]
    exact_points = int(found.exact.sum())
    return EquilibriumMap(
        pgame=pgame,
        x=px,
        y=py,
        fixed=dict(others),
        xs=xs,
        ys=ys,
        labels=labels.reshape(ny, nx),
        legend=tuple(legend),
        row_mix=row_mix.reshape(ny, nx, m),
        col_mix=col_mix.reshape(ny, nx, n),
        ties=degenerate.reshape(ny, nx),
        near_ties=found.exact,
        method=(
            f"exact vertex labels from the signs of {len(vf.forms.numerators)} formulas "
            f"({len(vf.half_pairs)} half pairs of supports), {len(first)} distinct "
            f"configuration(s); {exact_points} point(s) decided in exact arithmetic"
        ),
        _x_exact=x_exact,
        _y_exact=y_exact,
    )
