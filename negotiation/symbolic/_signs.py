"""Exact signs of rational functions of the parameters over a grid of two of them, fast.

Every decision an equilibrium map makes is the sign of some rational function of the
parameters (a payoff comparison, a Cramer numerator or determinant, a slack). This
module decides those signs at every grid point *exactly*, in three steps:

1. **Once per game, symbolically.** Each expression is written as ``numerator /
   denominator``, two polynomials with rational coefficients, in sympy's polynomial
   domain (:func:`rational_forms`); an expression that is identically zero (a
   *structural tie*, such as two payoffs that are the same formula) is zero in that
   domain and is recognised there, never point by point.
2. **Once per map, exactly.** The parameters that are held fixed are substituted in
   exact arithmetic, leaving polynomials in the two grid parameters ``x`` and ``y``;
   one that becomes identically zero or constant is decided there.
3. **On the grid, in floats with a rigorous error bound.** Each polynomial
   ``p(x, y) = sum c[j, i] y**j x**i`` is evaluated at all points at once as the matrix
   product ``Y @ C @ X.T`` of power tables. Standard floating-point error analysis
   (Higham 2002, chapter 3: ``|fl(p) - p| <= gamma_K sum |c| |y|**j |x|**i`` with
   ``gamma_K = K u / (1 - K u)``, whatever the order of summation) bounds the error
   by a multiple of the same product taken with absolute values. Where ``|fl(p)|``
   exceeds the bound the float sign is the exact sign; elsewhere (in practice only
   the points that lie exactly on a boundary) the polynomial is evaluated again in
   integer arithmetic.

Only games whose payoffs are rational functions of the parameters with rational
coefficients are handled here (:func:`rational_forms` returns ``None`` otherwise).

References
----------
.. [Higham2002] N. J. Higham, *Accuracy and Stability of Numerical Algorithms*, 2nd
   edition, SIAM, 2002, sections 2.2 and 3.1.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import numpy as np
import numpy.typing as npt

__all__ = ["GridSigns", "RationalForms", "grid_signs", "rational_forms"]

#: A polynomial as ``{exponents: coefficient}`` (exponents over :attr:`RationalForms.names`).
Polynomial = dict[tuple[int, ...], Fraction]
#: A polynomial in the two grid parameters as ``{(power of x, power of y): coefficient}``.
Bivariate = dict[tuple[int, int], Fraction]

_UNIT = 2.0**-53  # unit roundoff of float64
_TINY = 2.0**-1074  # the smallest subnormal: bounds the absolute error of an underflow
_CHUNK = 64  # expressions evaluated together (bounds the memory used)


@dataclass(frozen=True)
class RationalForms:
    """Expressions as ``numerator / denominator`` polynomials in the parameters.

    Attributes
    ----------
    names : tuple of str
        The parameters the exponents refer to (the generators of the domain).
    numerators : tuple of Polynomial
        ``{}`` for an expression that is identically zero.
    denominators : tuple of Polynomial or None
        ``None`` when the denominator is ``1``.
    """

    names: tuple[str, ...]
    numerators: tuple[Polynomial, ...]
    denominators: tuple[Polynomial | None, ...]

    def identically_zero(self) -> tuple[bool, ...]:
        """For each expression, whether it is zero for every parameter value."""
        return tuple(not num for num in self.numerators)


def _fraction(c: Any) -> Fraction:
    """A coefficient of a ``ZZ`` or ``QQ`` domain as a Fraction."""
    numerator = getattr(c, "numerator", c)
    denominator = getattr(c, "denominator", 1)
    return Fraction(int(numerator), int(denominator))


def _terms(poly: Any) -> Polynomial:
    return {tuple(int(e) for e in monom): _fraction(c) for monom, c in poly.terms() if c}


def rational_forms(K: Any, elements: Sequence[Any], names: Sequence[str]) -> RationalForms | None:
    """Elements of sympy's domain ``K`` as numerator and denominator polynomials.

    ``K`` must be ``ZZ``, ``QQ``, a polynomial ring or a fraction field over them whose
    generators are parameter symbols named in ``names``; otherwise (square roots,
    exponentials, floating-point coefficients) the result is ``None``.
    """
    if K.is_ZZ or K.is_QQ:
        return RationalForms(
            (), tuple({(): _fraction(e)} if e else {} for e in elements), (None,) * len(elements)
        )
    if not (K.is_PolynomialRing or K.is_FractionField) or not (K.dom.is_ZZ or K.dom.is_QQ):
        return None
    gens = tuple(str(s) for s in K.symbols)
    if any(not getattr(s, "is_Symbol", False) or str(s) not in names for s in K.symbols):
        return None
    numerators: list[Polynomial] = []
    denominators: list[Polynomial | None] = []
    for e in elements:
        if K.is_FractionField:
            num, den = K.numer(e), K.denom(e)
            numerators.append(_terms(num))
            den_terms = _terms(den)
            constant = den_terms.get(tuple(0 for _ in gens))
            if len(den_terms) == 1 and constant is not None:
                numerators[-1] = {k: v / constant for k, v in numerators[-1].items()}
                denominators.append(None)
            else:
                denominators.append(den_terms)
        else:
            numerators.append(_terms(e))
            denominators.append(None)
    return RationalForms(gens, tuple(numerators), tuple(denominators))


def _bivariate(
    poly: Polynomial, names: Sequence[str], x: str, y: str, fixed: Mapping[str, Fraction]
) -> Bivariate:
    """Substitute the fixed parameters exactly: a polynomial in ``x`` and ``y`` remains."""
    out: dict[tuple[int, int], Fraction] = {}
    for monom, c in poly.items():
        value, i, j = c, 0, 0
        for name, e in zip(names, monom, strict=True):
            if not e:
                continue
            if name == x:
                i = e
            elif name == y:
                j = e
            else:
                value *= fixed[name] ** e
        out[(i, j)] = out.get((i, j), Fraction(0)) + value
    return {k: v for k, v in out.items() if v}


@dataclass
class GridSigns:
    """Exact signs of expressions at every point of a grid.

    Attributes
    ----------
    signs : (E, ny, nx) int8
        -1, 0 or 1 for each expression at each point ``[i, j]`` (``i`` along y).
    structural : (E,) bool
        Expressions that are identically zero, or constant, once the fixed parameters
        are substituted: decided without looking at any point.
    exact : (ny, nx) bool
        Points where some sign had to be decided in exact arithmetic.
    undefined : tuple of (int, int) or None
        A point where a denominator is exactly zero (the expression is undefined).
    """

    signs: npt.NDArray[np.int8]
    structural: npt.NDArray[np.bool_]
    exact: npt.NDArray[np.bool_]
    undefined: tuple[int, int] | None = None


def _powers(values: npt.NDArray[np.float64], degree: int) -> npt.NDArray[np.float64]:
    """``values ** k`` for ``k = 0 .. degree`` by repeated multiplication (one rounding each)."""
    out = np.empty((values.size, degree + 1))
    out[:, 0] = 1.0
    for k in range(1, degree + 1):
        out[:, k] = out[:, k - 1] * values
    return out


class _ExactGrid:
    """Integer arithmetic at grid points: ``x_k = X[k] / Dx`` and ``y_i = Y[i] / Dy``."""

    def __init__(self, x_exact: Sequence[Fraction], y_exact: Sequence[Fraction], dx: int, dy: int):
        self.Dx = math.lcm(*(v.denominator for v in x_exact))
        self.Dy = math.lcm(*(v.denominator for v in y_exact))
        X = [int(v * self.Dx) for v in x_exact]
        Y = [int(v * self.Dy) for v in y_exact]
        # XS[i][k] = X[k]**i * Dx**(dx - i): p(x, y) * Dx**dx * Dy**dy in integers
        self.XS = [
            np.array([v**i * self.Dx ** (dx - i) for v in X], dtype=object) for i in range(dx + 1)
        ]
        self.YS = [
            np.array([v**j * self.Dy ** (dy - j) for v in Y], dtype=object) for j in range(dy + 1)
        ]

    def signs(
        self, poly: Bivariate, rows: npt.NDArray[np.intp], cols: npt.NDArray[np.intp]
    ) -> npt.NDArray[np.int8]:
        common = math.lcm(*(c.denominator for c in poly.values()))
        total: Any = np.zeros(rows.size, dtype=object)
        for (i, j), c in poly.items():
            total = total + (int(c * common)) * self.XS[i][cols] * self.YS[j][rows]
        return np.array([(v > 0) - (v < 0) for v in total], dtype=np.int8)


def _float_signs(
    polys: Sequence[Bivariate],
    xp: npt.NDArray[np.float64],
    yp: npt.NDArray[np.float64],
) -> tuple[npt.NDArray[np.int8], npt.NDArray[np.bool_]]:
    """Float signs of ``polys`` at every point, and where they cannot be trusted."""
    dx, dy = xp.shape[1] - 1, yp.shape[1] - 1
    coeffs = np.zeros((len(polys), dy + 1, dx + 1))
    for e, poly in enumerate(polys):
        for (i, j), c in poly.items():
            coeffs[e, j, i] = float(c)  # correctly rounded
    with np.errstate(all="ignore"):
        values = yp @ coeffs @ xp.T
        magnitude = np.abs(yp) @ np.abs(coeffs) @ np.abs(xp).T
    # Each term of the sum is rounded at most K times (its coefficient, the grid values,
    # the powers, two products and the two sums), so |error| <= gamma_K * magnitude; the
    # factor 2 covers gamma_K / (K u) and the rounding of `magnitude` itself.
    K = 3 + 3 * (dx + dy)
    bound = 2.0 * K * _UNIT * magnitude + K * (dx + 1) * (dy + 1) * _TINY
    with np.errstate(invalid="ignore"):
        trusted = np.abs(values) > bound  # False for NaN and infinities
    return np.sign(values).astype(np.int8), ~trusted


def grid_signs(
    forms: RationalForms,
    x: str,
    y: str,
    fixed: Mapping[str, Fraction],
    x_exact: Sequence[Fraction],
    y_exact: Sequence[Fraction],
    xs: npt.NDArray[np.float64],
    ys: npt.NDArray[np.float64],
) -> GridSigns:
    """The exact sign of every expression in ``forms`` at every grid point.

    Parameters
    ----------
    forms : RationalForms
    x, y : str
        The parameters along the grid's columns and rows.
    fixed : mapping of str to Fraction
        Exact values of the other parameters.
    x_exact, y_exact : sequence of Fraction
        The grid values, exactly; ``xs`` and ``ys`` are the same values as floats
        (each correctly rounded).
    """
    E = len(forms.numerators)
    nx, ny = len(x_exact), len(y_exact)
    # One list of distinct polynomials: numerators and denominators, with signs to combine.
    polys: list[Bivariate] = []
    index: dict[tuple[tuple[tuple[int, int], Fraction], ...], int] = {}

    def add(poly: Polynomial) -> int:
        b = _bivariate(poly, forms.names, x, y, fixed)
        key = tuple(sorted(b.items()))
        found = index.get(key)
        if found is None:
            found = index[key] = len(polys)
            polys.append(b)
        return found

    num_of = [add(p) for p in forms.numerators]
    den_of = [None if d is None else add(d) for d in forms.denominators]

    signs = np.zeros((len(polys), ny, nx), dtype=np.int8)
    structural = np.zeros(len(polys), dtype=bool)
    exact = np.zeros((ny, nx), dtype=bool)
    varying = []
    for k, b in enumerate(polys):
        if not b:
            structural[k] = True  # identically zero
        elif set(b) == {(0, 0)}:
            structural[k] = True
            signs[k] = 1 if b[(0, 0)] > 0 else -1
        else:
            varying.append(k)
    if varying:
        dx = max(i for k in varying for (i, _) in polys[k])
        dy = max(j for k in varying for (_, j) in polys[k])
        xp, yp = _powers(np.asarray(xs, dtype=np.float64), dx), _powers(ys, dy)
        grid: _ExactGrid | None = None
        for start in range(0, len(varying), _CHUNK):
            chunk = varying[start : start + _CHUNK]
            float_signs, doubtful = _float_signs([polys[k] for k in chunk], xp, yp)
            signs[chunk] = float_signs
            for c, k in enumerate(chunk):
                rows, cols = np.nonzero(doubtful[c])
                if rows.size:
                    if grid is None:
                        grid = _ExactGrid(x_exact, y_exact, dx, dy)
                    signs[k, rows, cols] = grid.signs(polys[k], rows, cols)
                    exact[rows, cols] = True

    out = np.empty((E, ny, nx), dtype=np.int8)
    out_structural = np.empty(E, dtype=bool)
    undefined = None
    for e in range(E):
        s = signs[num_of[e]]
        d = den_of[e]
        zero = not polys[num_of[e]]
        out_structural[e] = zero or (structural[num_of[e]] and (d is None or structural[d]))
        out[e] = s if d is None else s * signs[d]
        if d is not None and undefined is None:
            poles = np.argwhere(signs[d] == 0)
            if poles.size:
                undefined = (int(poles[0][0]), int(poles[0][1]))
    return GridSigns(out, out_structural, exact, undefined)
