"""An independent, slow, exact reference for the extreme equilibria of a bimatrix game.

It shares no code with :mod:`negotiation.normal_form.vertex_labels`: it enumerates
*every* basis of each best-response polytope (all ways to pick m tight constraints
out of the m + n, identity rows included) and solves it with Fractions by plain
Gauss-Jordan elimination, with no floating-point step at all. Extreme equilibria
are the completely labelled vertex pairs (von Stengel 2007, Theorem 3.4; Mangasarian
1964). Only for small games: it is exponential and slow on purpose.
"""

from __future__ import annotations

from fractions import Fraction
from itertools import combinations


def _gauss_jordan(M: list[list[Fraction]], b: list[Fraction]) -> list[Fraction] | None:
    n = len(M)
    a = [[*row, rhs] for row, rhs in zip(M, b)]
    for col in range(n):
        pivot = next((r for r in range(col, n) if a[r][col] != 0), None)
        if pivot is None:
            return None
        a[col], a[pivot] = a[pivot], a[col]
        p = a[col][col]
        a[col] = [v / p for v in a[col]]
        for r in range(n):
            if r != col and a[r][col] != 0:
                f = a[r][col]
                a[r] = [v - f * w for v, w in zip(a[r], a[col])]
    return [a[r][n] for r in range(n)]


def _vertices(C: list[list[Fraction]], nonneg_labels: list[int], row_labels: list[int]):
    """Vertices of {z >= 0, C z <= 1} with their label sets (z = 0 excluded)."""
    k, d = len(C), len(C[0])
    constraints = [
        ([Fraction(int(i == c)) for c in range(d)], Fraction(0), nonneg_labels[i]) for i in range(d)
    ]
    constraints += [(C[r], Fraction(1), row_labels[r]) for r in range(k)]
    found = {}
    for basis in combinations(range(len(constraints)), d):
        z = _gauss_jordan([constraints[t][0] for t in basis], [constraints[t][1] for t in basis])
        if z is None or any(v < 0 for v in z) or not any(z):
            continue
        if any(sum(c * v for c, v in zip(C[r], z)) > 1 for r in range(k)):
            continue
        labels = frozenset(
            lab for coeffs, rhs, lab in constraints if sum(c * v for c, v in zip(coeffs, z)) == rhs
        )
        total = sum(z)
        found[tuple(v / total for v in z)] = labels
    return found


def extreme_equilibria(A, B) -> set[tuple[tuple[Fraction, ...], tuple[Fraction, ...]]]:
    """All extreme Nash equilibria of the game (A, B), exactly, as a set of (x, y)."""
    A = [[Fraction(v) for v in row] for row in A]
    B = [[Fraction(v) for v in row] for row in B]
    m, n = len(A), len(A[0])
    shift_a = 1 - min(min(r) for r in A)
    shift_b = 1 - min(min(r) for r in B)
    Ap = [[v + shift_a for v in row] for row in A]
    Bt = [[B[i][j] + shift_b for i in range(m)] for j in range(n)]
    P = _vertices(Bt, list(range(m)), [m + j for j in range(n)])
    Q = _vertices(Ap, [m + j for j in range(n)], list(range(m)))
    full = frozenset(range(m + n))
    return {(x, y) for x, lx in P.items() for y, ly in Q.items() if lx | ly == full}
