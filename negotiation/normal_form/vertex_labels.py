"""Exact enumeration of all extreme Nash equilibria by labelled vertices.

The method is the one behind von Stengel's Algorithm 3.5 and the
extreme-equilibrium enumeration of Audet, Hansen, Jaumard and Savard (2001) and
Avis, Rosenberg, Savani and von Stengel (2010), done in exact integer arithmetic
so that it stays complete in degenerate games.

Shift the payoffs so that they are positive (this changes no equilibrium) and
form the two *best-response polytopes*

.. math::

    P = \\{x \\in \\mathbb{R}^m : x \\ge 0,\\ B^\\top x \\le 1\\}, \\qquad
    Q = \\{y \\in \\mathbb{R}^n : A y \\le 1,\\ y \\ge 0\\}.

A point of ``P`` has label ``i`` if ``x_i = 0`` and label ``m + j`` if
``(B^T x)_j = 1`` (column ``j`` is a best response); a point of ``Q`` has label
``i`` if ``(A y)_i = 1`` and label ``m + j`` if ``y_j = 0``. A pair of non-zero
points is a Nash equilibrium (after normalising to probabilities) exactly when
every label ``0 .. m+n-1`` appears at ``x`` or at ``y``. The *extreme* equilibria,
the vertices of the equilibrium set, are the completely labelled pairs of
*vertices* (von Stengel 2007, Theorem 3.4 and section 3.6).

Every vertex with support ``I`` of size ``s`` solves an ``s x s`` system made of
``s`` tight best-response constraints, so the vertices are found by enumerating
pairs (support, tight set) of equal size. A vectorised floating-point pass
discards pairs that are clearly singular or clearly infeasible; every remaining
candidate is recomputed, checked and labelled in exact integer arithmetic
(fraction-free Gaussian elimination, Bareiss 1968). A game is *degenerate*
exactly when some vertex has more labels than its dimension.

References
----------
.. [vonStengel2007] B. von Stengel, "Equilibrium computation for two-player games
   in strategic and extensive form", in *Algorithmic Game Theory*, Nisan et al.
   (eds.), Cambridge University Press, 2007, chapter 3.
.. [Audet2001] C. Audet, P. Hansen, B. Jaumard, G. Savard, "Enumeration of all
   extreme equilibria of bimatrix games", *SIAM J. Sci. Comput.* 23(1), 2001.
.. [Avis2010] D. Avis, G. Rosenberg, R. Savani, B. von Stengel, "Enumeration of
   Nash equilibria for two-player games", *Economic Theory* 42, 9-37, 2010.
.. [Bareiss1968] E. H. Bareiss, "Sylvester's identity and multistep
   integer-preserving Gaussian elimination", *Math. Comp.* 22, 565-578, 1968.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from fractions import Fraction
from itertools import combinations
from typing import Any

import numpy as np
import numpy.typing as npt

__all__ = [
    "LabelledVertex",
    "Polytope",
    "best_response_polytopes",
    "completely_labelled_pairs",
    "count_bases",
]

#: Relative size of a determinant below which a basis is re-examined exactly.
_SINGULAR = 1e-9
#: Slack allowed by the floating-point pre-filter; every survivor is checked exactly.
_PREFILTER = 1e-7
#: Tolerance for games whose payoffs are irrational (no exact arithmetic possible).
_FLOAT_TOL = 1e-9
#: Below this many (support, tight set) pairs, exact arithmetic alone is faster than numpy.
_PREFILTER_FROM = 100


@dataclass(frozen=True)
class LabelledVertex:
    """A non-zero vertex of a best-response polytope.

    Attributes
    ----------
    point : tuple
        The normalised point (a probability vector): Fractions in exact mode.
    labels : int
        Bit mask of the vertex's labels (bit ``k`` set when label ``k`` is present).
    """

    point: tuple[Any, ...]
    labels: int

    @property
    def label_count(self) -> int:
        return self.labels.bit_count()


@dataclass(frozen=True)
class Polytope:
    """The non-zero vertices of one player's best-response polytope.

    ``dimension`` is the number of that player's strategies; a vertex with more
    than ``dimension`` labels is a witness that the game is degenerate.
    """

    dimension: int
    vertices: tuple[LabelledVertex, ...]

    @property
    def degenerate_vertices(self) -> tuple[LabelledVertex, ...]:
        return tuple(v for v in self.vertices if v.label_count > self.dimension)


def count_bases(m: int, n: int) -> int:
    """How many (support, tight set) pairs the enumeration examines for an ``m x n`` game."""
    return math.comb(m + n, m) - 1


def _positive_integer_matrix(M: tuple[tuple[Fraction, ...], ...]) -> list[list[int]]:
    """Shift a rational matrix to have entries >= 1 and scale it to integers."""
    low = min(min(row) for row in M)
    shifted = [[v - low + 1 for v in row] for row in M]
    scale = math.lcm(*(v.denominator for row in shifted for v in row))
    return [[int(v * scale) for v in row] for row in shifted]


def _solve_integer(M: list[list[int]]) -> tuple[list[int], int] | None:
    """Solve ``M x = 1`` exactly; return ``(X, D)`` with ``x = X / D`` and ``D > 0``.

    Fraction-free Gaussian elimination [Bareiss1968]: every intermediate entry is a
    minor of ``M``, so all divisions are exact. Returns ``None`` if ``M`` is singular.
    """
    s = len(M)
    a = [[*row, 1] for row in M]
    prev = 1
    for k in range(s):
        if a[k][k] == 0:
            for r in range(k + 1, s):
                if a[r][k] != 0:
                    a[k], a[r] = a[r], a[k]
                    break
            else:
                return None
        pivot_row = a[k]
        akk = pivot_row[k]
        for i in range(k + 1, s):
            row = a[i]
            aik = row[k]
            if aik == 0 and prev == 1:
                for j in range(k + 1, s + 1):
                    row[j] *= akk
            else:
                for j in range(k + 1, s + 1):
                    row[j] = (row[j] * akk - aik * pivot_row[j]) // prev
            row[k] = 0
        prev = akk
    D = a[s - 1][s - 1]
    X = [0] * s
    for i in range(s - 1, -1, -1):
        row = a[i]
        t = D * row[s] - sum(row[j] * X[j] for j in range(i + 1, s))
        X[i] = t // row[i]
    if D < 0:
        return [-v for v in X], -D
    return X, D


def _integer_rank(M: list[list[int]]) -> int:
    """Exact rank of an integer matrix (elimination with rows kept small by their gcd)."""
    a = [row[:] for row in M]
    rank = 0
    rows, cols = len(a), len(a[0])
    for col in range(cols):
        pivot = next((r for r in range(rank, rows) if a[r][col] != 0), None)
        if pivot is None:
            continue
        a[rank], a[pivot] = a[pivot], a[rank]
        top = a[rank]
        for r in range(rank + 1, rows):
            f = a[r][col]
            if f:
                row = [v * top[col] - f * w for v, w in zip(a[r], top, strict=True)]
                g = math.gcd(*row)
                a[r] = [v // g for v in row] if g > 1 else row
        rank += 1
    return rank


def _candidates(
    C: npt.NDArray[np.float64], s: int
) -> tuple[npt.NDArray[np.intp], npt.NDArray[np.intp], npt.NDArray[np.bool_]]:
    """Support/tight-set pairs of size ``s`` that may be vertices, by a float pre-filter.

    ``C`` is the ``k x d`` constraint matrix of ``C z <= 1, z >= 0`` with positive
    entries. Returns index arrays of supports and tight sets, and a mask that is
    True where the float determinant was too small to trust (re-check exactly).
    """
    k, d = C.shape
    supports = np.array(list(combinations(range(d), s)), dtype=np.intp)
    tights = np.array(list(combinations(range(k), s)), dtype=np.intp)
    S = np.repeat(supports, len(tights), axis=0)
    T = np.tile(tights, (len(supports), 1))
    M = C[T[:, :, None], S[:, None, :]]  # (pairs, s, s): rows = tight constraints
    det = np.linalg.det(M)
    scale = np.prod(np.linalg.norm(M, axis=2), axis=1)
    regular = np.abs(det) > _SINGULAR * scale
    keep = ~regular  # ambiguous determinants are decided exactly
    if regular.any():
        z = np.linalg.solve(M[regular], np.ones((int(regular.sum()), s, 1)))[:, :, 0]
        size = np.abs(z).max(axis=1, keepdims=True)
        ok = (z >= -_PREFILTER * size).all(axis=1)
        values = np.einsum("kd,pd->pk", C[:, :], _scatter(z, S[regular], d))
        ok &= (values <= 1 + _PREFILTER * (1 + np.abs(values))).all(axis=1)
        keep[np.flatnonzero(regular)[ok]] = True
    return S[keep], T[keep], ~regular[keep]


def _scatter(
    z: npt.NDArray[np.float64], S: npt.NDArray[np.intp], d: int
) -> npt.NDArray[np.float64]:
    full = np.zeros((len(z), d))
    np.put_along_axis(full, S, z, axis=1)
    return full


def _vertices_exact(
    C: list[list[int]], zero_label: list[int], row_label: list[int], prefilter: bool | None = None
) -> list[LabelledVertex]:
    """All non-zero vertices of ``{z >= 0, C z <= 1}`` for an integer ``C`` with entries >= 1.

    With ``prefilter`` (the default for all but the smallest games) a vectorised
    float pass skips the pairs that are clearly singular or clearly infeasible;
    without it every pair is solved exactly. Both give the same vertices.
    """
    k, d = len(C), len(C[0])
    Cf = np.array(C, dtype=np.float64)
    found: dict[tuple[int, ...], LabelledVertex] = {}
    # Every s x s submatrix of C is singular when s exceeds the rank of C (common when
    # payoffs come from separable formulas), so larger supports cannot give vertices.
    for s in range(1, min(d, k, _integer_rank(C)) + 1):
        if prefilter is None:
            prefilter = count_bases(d, k) > _PREFILTER_FROM
        if prefilter:
            supports, tights, _ = _candidates(Cf, s)
            pairs: Any = zip(supports.tolist(), tights.tolist(), strict=True)
        else:
            pairs = (
                (sup, tig) for sup in combinations(range(d), s) for tig in combinations(range(k), s)
            )
        for support, tight in pairs:
            solved = _solve_integer([[C[r][c] for c in support] for r in tight])
            if solved is None:
                continue
            X_I, D = solved
            if min(X_I) < 0:
                continue
            X = [0] * d
            for c, v in zip(support, X_I, strict=True):
                X[c] = v
            g = math.gcd(D, *X)
            if g > 1:
                X = [v // g for v in X]
                D //= g
            key = tuple(X)
            if key in found:
                continue
            labels = 0
            feasible = True
            for r in range(k):
                value = sum(C[r][c] * X[c] for c in support)
                if value > D:
                    feasible = False
                    break
                if value == D:
                    labels |= 1 << row_label[r]
            if not feasible:
                continue
            for c in range(d):
                if X[c] == 0:
                    labels |= 1 << zero_label[c]
            total = sum(X)
            found[key] = LabelledVertex(tuple(Fraction(v, total) for v in X), labels)
    return list(found.values())


def _vertices_float(
    C: npt.NDArray[np.float64], zero_label: list[int], row_label: list[int]
) -> list[LabelledVertex]:
    """The same enumeration with a tolerance, for games with irrational payoffs."""
    k, d = C.shape
    found: dict[tuple[float, ...], LabelledVertex] = {}
    for s in range(1, min(d, k) + 1):
        supports, tights, ambiguous = _candidates(C, s)
        for sup, tig, amb in zip(
            supports.tolist(), tights.tolist(), ambiguous.tolist(), strict=True
        ):
            if amb:
                continue
            z = np.linalg.solve(C[np.ix_(tig, sup)], np.ones(s))
            if (z < -_FLOAT_TOL).any():
                continue
            x = np.zeros(d)
            x[sup] = np.clip(z, 0, None)
            values = C @ x
            if (values > 1 + _FLOAT_TOL).any():
                continue
            point = x / x.sum()
            key = tuple(np.round(point, 9))
            if key in found:
                continue
            labels = 0
            for r in np.flatnonzero(np.abs(values - 1) <= _FLOAT_TOL):
                labels |= 1 << row_label[int(r)]
            for c in np.flatnonzero(x <= _FLOAT_TOL):
                labels |= 1 << zero_label[int(c)]
            found[key] = LabelledVertex(tuple(float(v) for v in point), labels)
    return list(found.values())


def best_response_polytopes(
    A: npt.NDArray[np.float64],
    B: npt.NDArray[np.float64],
    A_exact: tuple[tuple[Fraction, ...], ...] | None = None,
    B_exact: tuple[tuple[Fraction, ...], ...] | None = None,
    *,
    prefilter: bool | None = None,
) -> tuple[Polytope, Polytope]:
    """The labelled non-zero vertices of the best-response polytopes ``P`` and ``Q``.

    Parameters
    ----------
    A, B : numpy.ndarray
        Float payoff matrices (used when no exact matrices are given).
    A_exact, B_exact : nested tuples of Fraction, optional
        Exact payoffs; when given, every vertex and label is computed exactly.
    prefilter : bool, optional
        Force the floating-point pre-filter on or off (exact mode only); by
        default it is used when the game has more than 100 candidate pairs.

    Returns
    -------
    P, Q : Polytope
        Vertices of ``P`` are the row player's normalised strategies, those of
        ``Q`` the column player's; labels follow the module docstring.

    Examples
    --------
    Matching Pennies has one vertex pair that is completely labelled:

    >>> import numpy as np
    >>> A = np.array([[1., -1.], [-1., 1.]])
    >>> P, Q = best_response_polytopes(A, -A)
    >>> sorted(v.point for v in P.vertices)
    [(0.0, 1.0), (0.5, 0.5), (1.0, 0.0)]
    """
    m, n = A.shape
    p_zero, p_row = list(range(m)), [m + j for j in range(n)]
    q_zero, q_row = [m + j for j in range(n)], list(range(m))
    if A_exact is not None and B_exact is not None:
        Bt = _positive_integer_matrix(tuple(zip(*B_exact, strict=True)))
        Ai = _positive_integer_matrix(A_exact)
        P = _vertices_exact(Bt, p_zero, p_row, prefilter)
        Q = _vertices_exact(Ai, q_zero, q_row, prefilter)
    else:
        Bt_f = (B - B.min() + 1).T
        A_f = A - A.min() + 1
        scale_b, scale_a = Bt_f.max(), A_f.max()
        P = _vertices_float(np.ascontiguousarray(Bt_f / scale_b), p_zero, p_row)
        Q = _vertices_float(np.ascontiguousarray(A_f / scale_a), q_zero, q_row)
    return Polytope(m, tuple(P)), Polytope(n, tuple(Q))


def completely_labelled_pairs(P: Polytope, Q: Polytope) -> list[tuple[int, int]]:
    """Index pairs ``(p, q)`` of vertices whose labels together are complete.

    Examples
    --------
    >>> import numpy as np
    >>> A = np.array([[1., -1.], [-1., 1.]])
    >>> P, Q = best_response_polytopes(A, -A)
    >>> [(P.vertices[p].point, Q.vertices[q].point) for p, q in completely_labelled_pairs(P, Q)]
    [((0.5, 0.5), (0.5, 0.5))]
    """
    full = (1 << (P.dimension + Q.dimension)) - 1
    if not P.vertices or not Q.vertices:
        return []
    if P.dimension + Q.dimension <= 63:
        lp = np.array([v.labels for v in P.vertices], dtype=np.uint64)
        lq = np.array([v.labels for v in Q.vertices], dtype=np.uint64)
        hits = np.argwhere((lp[:, None] | lq[None, :]) == np.uint64(full))
        return [(int(p), int(q)) for p, q in hits]
    return [
        (p, q)
        for p, vp in enumerate(P.vertices)
        for q, vq in enumerate(Q.vertices)
        if vp.labels | vq.labels == full
    ]
