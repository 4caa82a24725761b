"""The Pareto frontier of a bargaining problem, found exactly.

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
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import numpy as np
import numpy.typing as npt

from ..core._numbers import Number, to_exact
from ._common import _decimal_parts, _fmt, _fmt_point


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
