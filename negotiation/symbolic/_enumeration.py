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


def _indifference(
    system: FloatArray, rhs: FloatArray, block: FloatArray, scale: FloatArray
) -> tuple[FloatArray, FloatArray, BoolArray]:
    """Solve ``block @ y = u, sum(y) = 1`` at every point; flag (near-)singular systems."""
    k = block.shape[1]
    system = system.copy()
    system[:, :k, :k] = block
    det = np.linalg.det(system)
    bad = ~np.isfinite(det) | (np.abs(det) <= 1e-12 * scale ** (k - 1))
    safe = np.where(bad[:, None, None], np.eye(k + 1), system)
    solution = np.asarray(np.linalg.solve(safe, rhs)[:, :, 0], dtype=np.float64)
    singular: BoolArray = np.asarray(bad, dtype=bool)
    return solution[:, :k], solution[:, k], singular


def support_scan(A: FloatArray, B: FloatArray, tol: float, keep_pairs: bool = False) -> SupportScan:
    """Pure and mixed equilibria of the games ``(A[p], B[p])``, shapes ``(P, m, n)``.

    A comparison within ``tol * (1 + largest |payoff|)`` of a tie marks the point as
    :attr:`SupportScan.near`; callers re-solve those points exactly.
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
        system = np.zeros((P, k + 1, k + 1))
        system[:, :k, k] = -1.0
        system[:, k, :k] = 1.0
        rhs = np.zeros((P, k + 1, 1))
        rhs[:, k, 0] = 1.0
        for rows in itertools.combinations(range(m), k):
            for cols in itertools.combinations(range(n), k):
                y_cols, u, bad_y = _indifference(system, rhs, A[:, rows, :][:, :, cols], scale)
                x_rows, v, bad_x = _indifference(
                    system, rhs, B[:, rows, :][:, :, cols].transpose(0, 2, 1), scale
                )
                ok = ~(bad_x | bad_y) & (x_rows > tol).all(axis=1) & (y_cols > tol).all(axis=1)
                close = (np.abs(x_rows) <= tol).any(axis=1) | (np.abs(y_cols) <= tol).any(axis=1)
                out_rows = [i for i in range(m) if i not in rows]
                out_cols = [j for j in range(n) if j not in cols]
                if out_rows:
                    gain = (
                        np.einsum("prk,pk->pr", A[:, out_rows, :][:, :, cols], y_cols) - u[:, None]
                    )
                    ok &= (gain < -slack[:, None]).all(axis=1)
                    close |= (np.abs(gain) <= slack[:, None]).any(axis=1)
                if out_cols:
                    gain = (
                        np.einsum("pk,pkc->pc", x_rows, B[:, rows, :][:, :, out_cols]) - v[:, None]
                    )
                    ok &= (gain < -slack[:, None]).all(axis=1)
                    close |= (np.abs(gain) <= slack[:, None]).any(axis=1)
                near |= close & ~(bad_x | bad_y)
                new = ok & ~mixed
                if new.any():
                    full_x = np.zeros((P, m))
                    full_x[:, list(rows)] = x_rows
                    full_y = np.zeros((P, n))
                    full_y[:, list(cols)] = y_cols
                    row_mix[new] = full_x[new]
                    col_mix[new] = full_y[new]
                mixed |= ok
                if keep_pairs:
                    valid[(rows, cols)] = ok
    return SupportScan(pure, mixed, row_mix, col_mix, near, valid)
