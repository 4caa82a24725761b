"""Exact equilibrium structure of an ``m x n`` parametric game at every grid point, vectorised.

:func:`~negotiation.solve` enumerates the vertices of the two best-response
polytopes and pairs those that are completely labelled (von Stengel 2007, section
3.6). Every vertex of the row player's polytope is a mixed strategy ``x`` with some
support ``S`` that makes a set ``T`` of columns, ``|T| = |S|``, equally good: it
solves the bordered system ``B[S, T]^T x = v 1, sum(x) = 1``. Its labels are the rows
outside its support and the columns that are best responses to it. So whether the
*half pair* ``(S, T)`` gives a vertex, and with which labels, depends only on the
signs of

* the Cramer numerators of ``x`` and the determinant of that system, and
* the slacks ``(x B)_j - v`` of the columns outside ``T`` (times the determinant),

all rational functions of the parameters (:func:`half_pairs` builds them once per
game, in sympy's polynomial domain). With their exact signs at every grid point
(:mod:`._signs`), each point's set of labelled vertices follows, and from it, exactly
as :func:`solve` finds them, the pure equilibria, whether an equilibrium has both
players mixing, and whether the game is degenerate (a vertex with more labels than
the player has strategies). Points with the same vertex sets have the same structure,
so the structures are worked out once per distinct configuration.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from ._signs import RationalForms, rational_forms
from .structure import Structure

if TYPE_CHECKING:
    from .parametric import ParametricGame

__all__ = ["HalfPair", "VertexForms", "configuration_structure", "vertex_forms", "vertex_labels"]


@dataclass(frozen=True)
class HalfPair:
    """One player's mix on ``support`` that makes the other's strategies ``tight`` indifferent.

    Attributes
    ----------
    side : int
        0 for the row player's mix ``x`` (rows ``support``, columns ``tight``), 1 for the
        column player's mix ``y`` (columns ``support``, rows ``tight``).
    support, tight : tuple of int
    numerators : tuple of int
        Expression indices of the Cramer numerators of the probabilities (empty for a
        pure strategy, whose probability is 1).
    determinant : int or None
        Expression index of the determinant (``None`` for a pure strategy).
    slacks : tuple of (int, int)
        ``(strategy, expression index)`` for each strategy of the other player outside
        ``tight``: its payoff minus the tight ones', times the determinant.
    """

    side: int
    support: tuple[int, ...]
    tight: tuple[int, ...]
    numerators: tuple[int, ...]
    determinant: int | None
    slacks: tuple[tuple[int, int], ...]


@dataclass(frozen=True)
class VertexForms:
    """The half pairs of a game and the expressions whose signs decide them."""

    shape: tuple[int, int]
    half_pairs: tuple[HalfPair, ...]
    forms: RationalForms


def vertex_forms(pgame: ParametricGame) -> VertexForms | None:
    """Every half pair's expressions, or ``None`` when the payoffs are not rational functions."""
    from .closed_forms import _indifferent_mix
    from .thresholds import _domain

    m, n = pgame.shape
    K, A, B = _domain(pgame)
    elements: list[Any] = []
    position: dict[Any, int] = {}

    def add(e: Any) -> int:
        found = position.get(e)
        if found is None:
            found = position[e] = len(elements)
            elements.append(e)
        return found

    pairs: list[HalfPair] = []
    # Pure strategies: the other player's payoff differences against them.
    for i, j in itertools.product(range(m), range(n)):
        slacks = tuple((c, add(B[i][c] - B[i][j])) for c in range(n) if c != j)
        pairs.append(HalfPair(0, (i,), (j,), (), None, slacks))
    for j, i in itertools.product(range(n), range(m)):
        slacks = tuple((r, add(A[r][j] - A[i][j])) for r in range(m) if r != i)
        pairs.append(HalfPair(1, (j,), (i,), (), None, slacks))
    for k in range(2, min(m, n) + 1):
        for rows in itertools.combinations(range(m), k):
            for cols in itertools.combinations(range(n), k):
                # x on `rows` making `cols` indifferent (the column player's payoffs B)
                try:
                    num, det = _indifferent_mix([[B[i][j] for i in rows] for j in cols], K)
                except ValueError:
                    pass  # singular for every parameter value: never a vertex
                else:
                    col_slacks = []
                    for j in (j for j in range(n) if j not in cols):
                        total = K.zero
                        for q, i in enumerate(rows):
                            total += num[q] * B[i][j]
                        col_slacks.append((j, add(total - num[-1])))
                    numerators = tuple(add(v) for v in num[:-1])
                    pairs.append(HalfPair(0, rows, cols, numerators, add(det), tuple(col_slacks)))
                # y on `cols` making `rows` indifferent (the row player's payoffs A)
                try:
                    num, det = _indifferent_mix([[A[i][j] for j in cols] for i in rows], K)
                except ValueError:
                    continue
                row_slacks = []
                for i in (i for i in range(m) if i not in rows):
                    total = K.zero
                    for q, j in enumerate(cols):
                        total += A[i][j] * num[q]
                    row_slacks.append((i, add(total - num[-1])))
                numerators = tuple(add(v) for v in num[:-1])
                pairs.append(HalfPair(1, cols, rows, numerators, add(det), tuple(row_slacks)))
    forms = rational_forms(K, elements, [p.name for p in pgame.parameters])
    if forms is None:
        return None
    return VertexForms((m, n), tuple(pairs), forms)


def vertex_labels(vf: VertexForms, signs: npt.NDArray[np.int8]) -> npt.NDArray[np.int64]:
    """``(H, P)``: each half pair's vertex as a label bit mask at each point, 0 where it is none.

    ``signs`` holds the exact sign of every expression at the ``P`` points, shape ``(E, P)``.
    Label ``i`` (bit ``i``) is row ``i``, label ``m + j`` is column ``j``, as in
    :mod:`negotiation.algorithms.vertex_labels`.
    """
    m, n = vf.shape
    P = signs.shape[1]
    out = np.zeros((len(vf.half_pairs), P), dtype=np.int64)
    for h, hp in enumerate(vf.half_pairs):
        # bits of the player's own strategies (zero labels) and of the other's (best responses)
        own_offset, other_offset = (0, m) if hp.side == 0 else (m, 0)
        size = m if hp.side == 0 else n
        zero_labels = sum(1 << (own_offset + s) for s in range(size) if s not in hp.support)
        tight_labels = sum(1 << (other_offset + t) for t in hp.tight)
        labels = np.full(P, zero_labels + tight_labels, dtype=np.int64)
        if hp.determinant is None:
            det = np.ones(P, dtype=np.int8)
            feasible = np.ones(P, dtype=bool)
        else:
            det = signs[hp.determinant]
            feasible = det != 0
        for s, e in zip(hp.support, hp.numerators, strict=False):
            value = signs[e] * det
            feasible &= value >= 0
            labels += np.where(value == 0, 1 << (own_offset + s), 0)
        for t, e in hp.slacks:
            value = signs[e] * det
            feasible &= value <= 0
            labels += np.where(value == 0, 1 << (other_offset + t), 0)
        out[h] = np.where(feasible, labels, 0)
    return out


@dataclass(frozen=True)
class Configuration:
    """The structure at a set of points with the same vertices, and where to find its mix."""

    structure: Structure
    mixed_pair: tuple[int, int] | None  # half pairs of the reported mixed equilibrium


def configuration_structure(
    vf: VertexForms, masks: Sequence[int], pgame: ParametricGame
) -> Configuration:
    """The structure :func:`solve` reports where the half pairs have these label masks."""
    m, n = vf.shape
    full = (1 << (m + n)) - 1
    row_vertices: dict[int, int] = {}
    col_vertices: dict[int, int] = {}
    for h, (hp, mask) in enumerate(zip(vf.half_pairs, masks, strict=True)):
        if mask:
            (row_vertices if hp.side == 0 else col_vertices).setdefault(int(mask), h)
    degenerate = any(a.bit_count() > m for a in row_vertices) or any(
        b.bit_count() > n for b in col_vertices
    )
    pure = set()
    best: tuple[Any, ...] | None = None
    for a, ha in row_vertices.items():
        rows = tuple(i for i in range(m) if not a >> i & 1)
        for b, hb in col_vertices.items():
            if a | b != full:
                continue
            cols = tuple(j for j in range(n) if not b >> (m + j) & 1)
            if len(rows) == 1 and len(cols) == 1:
                pure.add((rows[0], cols[0]))
            elif len(rows) > 1 and len(cols) > 1:
                key = (len(rows) + len(cols), rows, cols, ha, hb)
                if best is None or key < best:
                    best = key
    cells = tuple(sorted(pure))
    structure = Structure(
        pure=cells,
        mixed=best is not None,
        degenerate=degenerate,
        class_name=None,
        pure_labels=tuple((pgame.row_labels[i], pgame.col_labels[j]) for i, j in cells),
        players=pgame.players,
    )
    return Configuration(structure, None if best is None else (best[3], best[4]))
