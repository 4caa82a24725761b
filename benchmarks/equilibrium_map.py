"""Benchmark: equilibrium maps of games with and without structural ties, side by side.

Teaching games are full of *structural ties*: payoffs that are the same formula (a
column of zeros where nothing happens), payoffs equal along a line, games that are
degenerate on a whole region. This script maps seven parametric games in one run and
prints one table:

==========================  ===========================================================
generic 2x2                 irregular coefficients: no ties, no boundary on a grid point
tariff standoff 2x2         the package's quadratic tariff model (boundaries cross the grid)
inspection 2x2              Tsebelis (1989): the trader's "comply" column is all zeros,
                            an identically zero comparison at every point (the issue)
equal on a line 2x2         2x vs 2y: the row player's comparison is zero on x = y, which
                            the grid contains (201 points exactly on the boundary)
degenerate everywhere 2x2   the column player's two payoffs against row 1 are one formula,
                            so the game is degenerate at every point
generic 3x3                 irregular coefficients, no structural ties
3x3 with ties               copied formulas, payoffs equal on x = y, and a column player
                            indifferent against row 1 (degenerate on the region y < x)
==========================  ===========================================================

Columns:

* ``ties``: the structural ties (:func:`negotiation.symbolic.structural_ties`).
* ``warm``: median of several calls on the same game (the numpy code and the formulas
  are cached on the game, as when a slider moves a third parameter).
* ``cold``: the first call on a newly built game (it builds the formulas, the numpy
  code and the closed forms). The first call in the process also pays one-time
  imports; that is printed below the table, not in it.
* ``nashpy``: calling nashpy's ``support_enumeration`` on the float payoffs at every
  grid point, *estimated*: timed on a random subsample of points
  (``numpy.random.default_rng(SEED)``) and scaled linearly to the full grid. Building
  the float payoffs is not timed (this favours nashpy).
* ``ratio``: nashpy estimate / warm time.
* ``exact``: grid points where some sign was decided in exact arithmetic.
* ``agree``: labels (pure equilibria, mixed equilibrium, degeneracy, and for 2x2 the
  class) equal to ``Structure.of(m.game(i, j))`` (the exact ``solve`` + ``classify``)
  at every point checked, and how many points were checked: all of them by default,
  a random subsample with ``--quick`` (said in the column).
* ``target``: 2x2, 201 x 201: warm <= 0.1 s, >= 200x the nashpy loop, all labels agree.
  3x3, 101 x 101: warm <= 1 s, all labels agree.

Run: ``.venv/bin/python benchmarks/equilibrium_map.py`` (about two minutes, most of it
checking every label with the exact solver; ``--quick`` checks 2,000 random points per
game). The script exits with status 1 if a target is missed.
"""

from __future__ import annotations

import statistics
import sys
import time
import warnings
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import sympy

from negotiation.symbolic import (
    EquilibriumMap,
    Parameter,
    ParametricGame,
    Structure,
    equilibrium_map,
    structural_ties,
)

SEED = 2025
WARM_RUNS = 7
NASHPY_SAMPLE = {(2, 2): 1_000, (3, 3): 300}
QUICK_CHECK = 2_000
R = sympy.Rational


def generic_2x2() -> ParametricGame:
    x = Parameter("x", 0, -1, 1)
    y = Parameter("y", 0, -1, 1)
    X, Y = x.symbol, y.symbol
    return ParametricGame(
        [[R(3, 7) + X / 3, R(-1, 11) + Y / 5], [R(1, 13) + 2 * X / 9, Y - X / 17]],
        [[R(2, 19) - Y / 7, X / 3 + R(1, 23)], [Y / 2 - R(1, 29), R(1, 31) + X * Y / 3]],
        [x, y],
    )


def tariff_standoff() -> ParametricGame:
    """US: hold the tariff t or cut it; Japan: retaliate at rate r or accommodate."""
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
    )


def inspection() -> ParametricGame:
    """The issue's game: A = [[1 - c, -c], [-1, 0]], B = [[-1, 0], [g, 0]], c, g in [0.1, 5]."""
    c = Parameter("c", 1, 0.1, 5)
    g = Parameter("g", 1, 0.1, 5)
    C, G = c.symbol, g.symbol
    return ParametricGame(
        [[1 - C, -C], [-1, 0]],
        [[-1, 0], [G, 0]],
        [c, g],
        players=("Inspector", "Trader"),
        row_labels=("Inspect", "Trust"),
        col_labels=("Cheat", "Comply"),
    )


def equal_on_a_line() -> ParametricGame:
    x = Parameter("x", 1, 0, 2)
    y = Parameter("y", 1, 0, 2)
    X, Y = x.symbol, y.symbol
    return ParametricGame([[2 * X, 1], [2 * Y, R(3, 2)]], [[1, Y], [X, 2 - Y]], [x, y])


def degenerate_everywhere() -> ParametricGame:
    x = Parameter("x", 0, -1, 1)
    y = Parameter("y", 0, -1, 1)
    X, Y = x.symbol, y.symbol
    return ParametricGame([[X, 1 - Y], [0, 1]], [[Y, Y], [1, X]], [x, y])


def generic_3x3() -> ParametricGame:
    x = Parameter("x", 0, -1, 1)
    y = Parameter("y", 0, -1, 1)
    X, Y = x.symbol, y.symbol
    return ParametricGame(
        [
            [R(1, 3) + X / 7, R(2, 11) * Y, R(5, 13) - X * Y / 3],
            [X - Y / 3 + R(1, 17), R(4, 7), R(1, 2) + X / 5],
            [Y / 3 - R(1, 19), 2 * X / 3 - R(1, 5), R(1, 23)],
        ],
        [
            [Y / 2 + R(1, 29), R(3, 7) - X / 3, R(2, 3)],
            [R(5, 9), X / 5 + Y / 7, -X / 4 + R(1, 31)],
            [R(2, 3) - Y / 2, X * Y / 2, R(1, 4) - Y / 11],
        ],
        [x, y],
    )


def tied_3x3() -> ParametricGame:
    x = Parameter("x", 0, -1, 1)
    y = Parameter("y", 0, -1, 1)
    X, Y = x.symbol, y.symbol
    return ParametricGame(
        [[2 * X, 2 * Y, 1], [0, 1, X - Y], [1, X * Y, 0]],
        [[X, X, Y], [0, 1 - X, 0], [2 * Y, 1, 1 + X]],
        [x, y],
    )


@dataclass(frozen=True)
class Case:
    name: str
    build: Callable[[], ParametricGame]
    axes: tuple[str, str]
    resolution: int


CASES = [
    Case("generic 2x2", generic_2x2, ("x", "y"), 201),
    Case("tariff standoff 2x2", tariff_standoff, ("t", "r"), 201),
    Case("inspection 2x2", inspection, ("c", "g"), 201),
    Case("equal on a line 2x2", equal_on_a_line, ("x", "y"), 201),
    Case("degenerate everywhere 2x2", degenerate_everywhere, ("x", "y"), 201),
    Case("generic 3x3", generic_3x3, ("x", "y"), 101),
    Case("3x3 with ties", tied_3x3, ("x", "y"), 101),
]


def nashpy_seconds(m: EquilibriumMap, rng: np.random.Generator, size: int) -> float:
    """Seconds for nashpy's support enumeration at every grid point, estimated from a sample."""
    import nashpy

    game = m.pgame
    rows, cols = game.shape
    entries = [e for row in game.A for e in row] + [e for row in game.B for e in row]
    fn = game.numpy_function(entries)
    X, Y = np.meshgrid(m.xs, m.ys)
    args = [X if p is m.x else Y if p is m.y else float(m.fixed[p.name]) for p in game.parameters]
    values = np.stack([np.broadcast_to(np.asarray(v, dtype=float), X.shape) for v in fn(*args)])
    points = X.size
    sample = rng.choice(points, size=min(size, points), replace=False)
    nx = m.shape[1]
    start = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for k in sample:
            i, j = divmod(int(k), nx)
            A = values[: rows * cols, i, j].reshape(rows, cols)
            B = values[rows * cols :, i, j].reshape(rows, cols)
            list(nashpy.Game(A, B).support_enumeration())
    elapsed = time.perf_counter() - start
    return elapsed / len(sample) * points


def agreement(m: EquilibriumMap, rng: np.random.Generator, quick: bool) -> tuple[int, int]:
    """(points agreeing with the exact solver, points checked)."""
    ny, nx = m.shape
    if quick and ny * nx > QUICK_CHECK:
        points = rng.choice(ny * nx, size=QUICK_CHECK, replace=False)
    else:
        points = np.arange(ny * nx)
    agree = 0
    for k in points:
        i, j = divmod(int(k), nx)
        agree += m.structure(i, j) == Structure.of(m.game(i, j))
    return agree, len(points)


def main(argv: list[str]) -> int:
    quick = "--quick" in argv
    rng = np.random.default_rng(SEED)
    start = time.perf_counter()
    equilibrium_map(generic_2x2(), "x", "y", resolution=5)  # one-time imports and set-up
    first_in_process = time.perf_counter() - start

    header = (
        f"{'game':<26} {'grid':>7} {'ties':>4} {'warm s':>7} {'cold s':>7} {'nashpy s*':>9} "
        f"{'ratio':>7} {'exact':>6} {'labels agree with solve':>26} {'target':>6}"
    )
    print(header)
    print("-" * len(header))
    all_met = True
    for case in CASES:
        res = (case.resolution, case.resolution)
        start = time.perf_counter()
        m = equilibrium_map(case.build(), *case.axes, resolution=res)
        cold = time.perf_counter() - start
        warm_times = []
        for _ in range(WARM_RUNS):
            start = time.perf_counter()
            equilibrium_map(m.pgame, *case.axes, resolution=res)
            warm_times.append(time.perf_counter() - start)
        warm = statistics.median(warm_times)
        nashpy_full = nashpy_seconds(m, rng, NASHPY_SAMPLE[m.pgame.shape])
        ratio = nashpy_full / warm
        agree, checked = agreement(m, rng, quick)
        points = m.labels.size
        if m.pgame.shape == (2, 2):
            met = warm <= 0.1 and ratio >= 200 and agree == checked
        else:
            met = warm <= 1.0 and agree == checked
        all_met &= met
        checked_text = "all" if checked == points else "random"
        agree_text = f"{agree:,}/{checked:,} ({checked_text})"
        print(
            f"{case.name:<26} {f'{res[0]}x{res[1]}':>7} {len(structural_ties(m.pgame)):>4} "
            f"{warm:7.3f} {cold:7.3f} {nashpy_full:9.1f} {ratio:6.0f}x "
            f"{int(m.near_ties.sum()):>6} {agree_text:>26} {'yes' if met else 'NO':>6}"
        )
    print("-" * len(header))
    print(
        f"* nashpy: support_enumeration timed on a random subsample ({NASHPY_SAMPLE[(2, 2)]:,} "
        f"points for 2x2, {NASHPY_SAMPLE[(3, 3)]:,} for 3x3; seed {SEED}) and scaled to the full "
        f"grid: an estimate."
    )
    print(f"warm: median of {WARM_RUNS} calls; cold: first call on a newly built game.")
    print(
        f"first call in this process (imports, set-up): {first_in_process:.3f} s, not in the table."
    )
    print(
        "targets: 2x2 at 201x201 warm <= 0.1 s and >= 200x the nashpy loop; 3x3 at 101x101 "
        "warm <= 1 s; every checked label equal to the exact solver's:",
        "met" if all_met else "MISSED",
    )
    return 0 if all_met else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
