"""Support enumeration vectorised over many games at once (numpy).

Used by :func:`~negotiation.symbolic.equilibrium_map` for games larger than 2x2 and by
:func:`~negotiation.symbolic.regimes` to scan large games before solving exactly. For
every pair of supports of equal size the indifference equations are solved at all
points with one batched ``numpy.linalg.solve`` (von Stengel 2007, section 3.3).
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]
SupportPair = tuple[tuple[int, ...], tuple[int, ...]]


@dataclass
class SupportScan:
    """What vectorised support enumeration found at ``P`` points.

    Attributes
    ----------
    pure : (P, m, n) bool
        Pure profiles that are equilibria.
    mixed : (P,) bool
        Whether an equilibrium with both players mixing exists.
    row_mix, col_mix : (P, m), (P, n) float
        The first such equilibrium found (smallest supports first), NaN elsewhere.
    near : (P,) bool
        Points within the tolerance of a tie that could change the answer.
    valid : dict
        For each support pair, where its equilibrium exists (only with ``keep_pairs``).
    """

    pure: BoolArray
    mixed: BoolArray
    row_mix: FloatArray
    col_mix: FloatArray
    near: BoolArray
    valid: dict[SupportPair, BoolArray] = field(default_factory=dict)


def _indifference(block: FloatArray, scale: FloatArray) -> tuple[FloatArray, FloatArray, BoolArray]:
    """Solve ``block @ y = u, sum(y) = 1`` at every point; flag (near-)singular systems."""
    points, k = block.shape[0], block.shape[1]
    system = np.zeros((points, k + 1, k + 1))
    system[:, :k, :k] = block
    system[:, :k, k] = -1.0
    system[:, k, :k] = 1.0
    rhs = np.zeros((points, k + 1, 1))
    rhs[:, k, 0] = 1.0
    det = np.linalg.det(system)
    bad = ~np.isfinite(det) | (np.abs(det) <= 1e-12 * scale ** (k - 1))
    safe = np.where(bad[:, None, None], np.eye(k + 1), system)
    solution = np.asarray(np.linalg.solve(safe, rhs)[:, :, 0], dtype=np.float64)
    singular: BoolArray = np.asarray(bad, dtype=bool)
    return solution[:, :k], solution[:, k], singular


def _beaten(payoffs: FloatArray, slack: FloatArray) -> BoolArray:
    """``(P, m)``: strategies (rows of ``payoffs``, shape ``(P, m, k)``) that another strategy
    beats by more than ``slack`` in every column."""
    better = np.asarray(
        payoffs[:, :, None, :] > payoffs[:, None, :, :] + slack[:, None, None, None]
    )
    out: BoolArray = np.any(np.all(better, axis=3), axis=1)
    return out


def support_scan(A: FloatArray, B: FloatArray, tol: float, keep_pairs: bool = False) -> SupportScan:
    """Pure and mixed equilibria of the games ``(A[p], B[p])``, shapes ``(P, m, n)``.

    A point where some support pair's conditions all hold within ``tol * (1 + largest
    |payoff|)`` but not all strictly, or where two best responses tie, is marked
    :attr:`SupportScan.near`; callers re-solve those points exactly. Each support pair
    is checked in stages (the column player's mix, then the row player's, then the
    deviations), each on the points that are still candidates, so pairs that are an
    equilibrium nowhere cost little.
    """
    P, m, n = A.shape
    scale = 1.0 + np.maximum(np.abs(A).max(axis=(1, 2)), np.abs(B).max(axis=(1, 2)))
    slack = tol * scale

    # Pure equilibria: each payoff at least every deviation's.
    best_a = A.max(axis=1, keepdims=True)
    best_b = B.max(axis=2, keepdims=True)
    row_best = best_a - slack[:, None, None] <= A
    col_best = best_b - slack[:, None, None] <= B
    near = ((row_best.sum(axis=1) > 1).any(axis=1)) | ((col_best.sum(axis=2) > 1).any(axis=1))
    pure = row_best & col_best

    mixed = np.zeros(P, dtype=bool)
    row_mix = np.full((P, m), np.nan)
    col_mix = np.full((P, n), np.nan)
    valid: dict[SupportPair, BoolArray] = {}
    for k in range(2, min(m, n) + 1):
        # A row that another row beats against every column of a support can never be a
        # best response to a mix over it (and likewise for columns): prune those points.
        beaten_rows = {
            cols: _beaten(A[:, :, cols], slack) for cols in itertools.combinations(range(n), k)
        }
        beaten_cols = {
            rows: _beaten(B[:, rows, :].transpose(0, 2, 1), slack)
            for rows in itertools.combinations(range(m), k)
        }
        for rows in itertools.combinations(range(m), k):
            for cols in itertools.combinations(range(n), k):
                ok = np.zeros(P, dtype=bool)
                idx = np.flatnonzero(
                    ~beaten_rows[cols][:, rows].any(axis=1)
                    & ~beaten_cols[rows][:, cols].any(axis=1)
                )
                # The column player's mix makes the rows in the support indifferent.
                y, u, bad = _indifference(A[idx][:, rows, :][:, :, cols], scale[idx])
                keep = ~bad & (y >= -tol).all(axis=1)
                idx, y, u = idx[keep], y[keep], u[keep]
                strict: BoolArray = np.all(y > tol, axis=1)
                if idx.size:
                    block = B[idx][:, rows, :][:, :, cols].transpose(0, 2, 1)
                    x, v, bad = _indifference(block, scale[idx])
                    keep = ~bad & (x >= -tol).all(axis=1)
                    idx, x, v, y, u = idx[keep], x[keep], v[keep], y[keep], u[keep]
                    strict = strict[keep] & (x > tol).all(axis=1)
                if idx.size:
                    s = slack[idx][:, None]
                    out_rows = [i for i in range(m) if i not in rows]
                    out_cols = [j for j in range(n) if j not in cols]
                    fine = np.ones(idx.size, dtype=bool)
                    if out_rows:
                        sub = A[idx][:, out_rows, :][:, :, cols]
                        gain = np.einsum("prk,pk->pr", sub, y) - u[:, None]
                        fine &= (gain <= s).all(axis=1)
                        strict &= (gain < -s).all(axis=1)
                    if out_cols:
                        sub = B[idx][:, rows, :][:, :, out_cols]
                        gain = np.einsum("pk,pkc->pc", x, sub) - v[:, None]
                        fine &= (gain <= s).all(axis=1)
                        strict &= (gain < -s).all(axis=1)
                    near[idx[fine & ~strict]] = True
                    winners = idx[fine & strict]
                    ok[winners] = True
                    new = winners[~mixed[winners]]
                    if new.size:
                        position = np.searchsorted(idx, new)
                        full_x = np.zeros((new.size, m))
                        full_x[:, list(rows)] = x[position]
                        full_y = np.zeros((new.size, n))
                        full_y[:, list(cols)] = y[position]
                        row_mix[new] = full_x
                        col_mix[new] = full_y
                mixed |= ok
                if keep_pairs:
                    valid[(rows, cols)] = ok
    return SupportScan(pure, mixed, row_mix, col_mix, near, valid)
