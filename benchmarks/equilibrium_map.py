"""Benchmark: a 201 x 201 equilibrium map against calling nashpy at every grid point.

The game is a 2x2 tariff standoff whose payoffs are quadratic in the US tariff rate
``t`` and Japan's retaliatory tariff ``r``, so the regime boundaries are curves that
cross the grid at arbitrary places (and the line r = 0 is a line of ties).

* ``equilibrium_map`` is timed on the full 201 x 201 grid: the first call in the process
  (which also pays one-time imports), the first call on a new game (which generates the
  numpy code with ``lambdify`` and builds the closed forms), and "warm" (the best of
  several later calls, as when a slider moves a third parameter).
* The naive loop builds each grid point's float payoff matrices and calls nashpy's
  ``Game.support_enumeration()`` there. It is timed on a random subsample of grid points
  (``numpy.random.default_rng(SEED)``) and scaled to the full grid; the output says so.
* Agreement: at every subsampled point the map's label (the set of pure equilibria and
  whether an equilibrium with both players mixing exists) is compared with nashpy's
  answer, and the full label (with the 2x2 class) with the exact ``solve`` + ``classify``.

Run: ``.venv/bin/python benchmarks/equilibrium_map.py`` (about half a minute).
Targets (issue 4): the warm map under 0.3 s, at least 100 times faster than the naive
loop, labels agreeing at >= 99.9% of points. The script exits with status 1 if a target is missed.
"""

from __future__ import annotations

import sys
import time
import warnings

import numpy as np
import sympy

from negotiation.symbolic import Parameter, ParametricGame, Structure, equilibrium_map

SEED = 2025
RESOLUTION = (201, 201)
SUBSAMPLE = 2_000
WARM_RUNS = 7


def tariff_standoff() -> ParametricGame:
    """US: hold the tariff t or cut it; Japan: retaliate at rate r or accommodate.

    The US gains t (1 - t) from holding (terms of trade, falling as the tariff
    chokes trade) and loses 0.8 r to retaliation; Japan pays 0.6 t under the tariff,
    gains leverage 0.5 r from retaliating and pays r^2 in self-harm.
    """
    R = sympy.Rational
    t = Parameter("t", 0.24, 0, 0.5, unit="share of import value", description="US tariff")
    r = Parameter("r", 0.2, 0, 0.5, unit="share of import value", description="retaliation")
    T, Q = t.symbol, r.symbol
    return ParametricGame(
        [[T * (1 - T) - R(4, 5) * Q, T * (1 - T) + R(1, 10)], [-R(1, 2) * Q, R(3, 20)]],
        [[-R(3, 5) * T - Q**2 + R(1, 2) * Q, -R(3, 5) * T - R(1, 20)], [-(Q**2), 0]],
        [t, r],
        players=("US", "Japan"),
        row_labels=("Hold", "Cut"),
        col_labels=("Retaliate", "Accommodate"),
        title="Tariff standoff",
    )


def nashpy_label(A: np.ndarray, B: np.ndarray) -> tuple[tuple[tuple[int, int], ...], bool]:
    import nashpy

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        found = list(nashpy.Game(A, B).support_enumeration())
    pure = set()
    mixed = False
    for x, y in found:
        rows, cols = np.flatnonzero(x > 1e-9), np.flatnonzero(y > 1e-9)
        if len(rows) == 1 and len(cols) == 1:
            pure.add((int(rows[0]), int(cols[0])))
        elif len(rows) > 1 and len(cols) > 1:
            mixed = True
    return tuple(sorted(pure)), mixed


def main() -> int:
    game = tariff_standoff()

    start = time.perf_counter()
    m = equilibrium_map(game, "t", "r", resolution=RESOLUTION)
    cold = time.perf_counter() - start
    start = time.perf_counter()
    equilibrium_map(tariff_standoff(), "t", "r", resolution=RESOLUTION)
    fresh = time.perf_counter() - start
    warm_times = []
    for _ in range(WARM_RUNS):
        start = time.perf_counter()
        equilibrium_map(game, "t", "r", resolution=RESOLUTION)
        warm_times.append(time.perf_counter() - start)
    warm = min(warm_times)
    ny, nx = m.shape
    points = ny * nx

    # Float payoffs at every grid point (not timed: this favours the naive loop).
    entries = [e for row in game.A for e in row] + [e for row in game.B for e in row]
    fn = game.numpy_function(entries)
    X, Y = np.meshgrid(m.xs, m.ys)
    values = np.stack([np.broadcast_to(np.asarray(v, dtype=float), X.shape) for v in fn(X, Y)])

    rng = np.random.default_rng(SEED)
    sample = rng.choice(points, size=min(SUBSAMPLE, points), replace=False)
    naive_labels = []
    start = time.perf_counter()
    for k in sample:
        i, j = divmod(int(k), nx)
        A = values[:4, i, j].reshape(2, 2)
        B = values[4:, i, j].reshape(2, 2)
        naive_labels.append(nashpy_label(A, B))
    naive_sample = time.perf_counter() - start
    naive_full = naive_sample / len(sample) * points

    agree_nashpy = agree_solve = 0
    ties = 0
    for k, theirs in zip(sample, naive_labels, strict=True):
        i, j = divmod(int(k), nx)
        ours = m.structure(i, j)
        agree_nashpy += (ours.pure, ours.mixed) == theirs
        agree_solve += ours == Structure.of(m.game(i, j))
        ties += bool(m.ties[i, j])
    n = len(sample)
    share_nashpy = agree_nashpy / n
    share_solve = agree_solve / n
    speedup = naive_full / warm

    rows = [
        ("equilibrium_map, first call in this process (with imports)", f"{cold:8.3f} s"),
        ("equilibrium_map, first call on a new game (lambdify etc.)", f"{fresh:8.3f} s"),
        (f"equilibrium_map, warm (best of {WARM_RUNS})", f"{warm:8.3f} s"),
        (
            f"nashpy support_enumeration loop, {n} random points",
            f"{naive_sample:8.3f} s",
        ),
        (f"  scaled to all {points:,} points (estimate)", f"{naive_full:8.1f} s"),
        ("speed-up, warm map vs naive loop", f"{speedup:8.0f} x"),
        ("speed-up, first call on a new game vs naive loop", f"{naive_full / fresh:8.0f} x"),
        (
            f"labels agreeing with nashpy ({ties} sampled points are exact ties)",
            f"{share_nashpy:8.2%}",
        ),
        ("labels (with the 2x2 class) agreeing with exact solve", f"{share_solve:8.2%}"),
        ("regions in the map (legend entries)", f"{len(m.legend):8d}"),
    ]
    width = max(len(a) for a, _ in rows)
    print(f"Equilibrium map of a 2x2 parametric game, {nx} x {ny} grid (seed {SEED})")
    print("-" * (width + 13))
    for name, value in rows:
        print(f"{name:<{width}}  {value}")
    print("-" * (width + 13))
    print("The naive loop was timed on a random subsample and scaled linearly to the full grid.")
    ok = warm < 0.3 and speedup >= 100 and share_nashpy >= 0.999 and share_solve == 1.0
    print("targets (warm < 0.3 s, >= 100x, >= 99.9% agreement):", "met" if ok else "MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
