"""Benchmark: backward induction and the reduced normal form of game trees.

Issue 3 sets two targets: backward induction on a tree of 10,000 nodes in under
50 ms, and ``to_bimatrix()`` of the trees the lessons use in under 5 ms. This
prints the median and 95th percentile of repeated runs (``time.perf_counter``),
with the target next to each. Trees are random with a fixed seed
(``numpy.random.default_rng``): integer payoffs from a wide range (generic, no
ties) or from {-1, 0, 1} (ties everywhere), and about one node in ten a chance node.

Run: ``.venv/bin/python benchmarks/trees.py`` (about half a minute).
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from collections.abc import Callable
from fractions import Fraction
from typing import Any

import numpy as np

from negotiation.trees import (
    GameTree,
    chance,
    decision,
    leaf,
    nash_vs_spe,
    subgame_perfect,
    to_bimatrix,
)
from negotiation.trees.examples import centipede, entry_deterrence, treasury_card, ultimatum

SEED = 2025


def random_tree(nodes: int, low: int, high: int, seed: int) -> GameTree:
    """A random tree with about ``nodes`` nodes, grown breadth first."""
    rng = np.random.default_rng(seed)
    # Decide the shape first: each frontier node gets 2-4 children until the budget is spent.
    shape: list[list[int]] = [[]]
    frontier = [0]
    count = 1
    while frontier and count < nodes:
        k = frontier.pop(0)
        width = int(rng.integers(2, 5))
        for _ in range(width):
            shape.append([])
            shape[k].append(len(shape) - 1)
            frontier.append(len(shape) - 1)
        count += width
    built: dict[int, Any] = {}
    for k in range(len(shape) - 1, -1, -1):
        kids = shape[k]
        if not kids:
            built[k] = leaf(int(rng.integers(low, high + 1)), int(rng.integers(low, high + 1)))
        elif rng.random() < 0.1:
            weights = rng.integers(1, 5, size=len(kids))
            total = int(weights.sum())
            built[k] = chance(
                [
                    (f"c{j}", Fraction(int(w), total), built[c])
                    for j, (w, c) in enumerate(zip(weights, kids, strict=True))
                ]
            )
        else:
            player = "A" if rng.random() < 0.5 else "B"
            built[k] = decision(player, [(f"a{j}", built[c]) for j, c in enumerate(kids)])
    return GameTree(("A", "B"), built[0])


def _count(n: int) -> str:
    return f"{n:,}" if n < 10**6 else f"about 10^{len(str(n)) - 1}"


def measure(f: Callable[[], Any], repeat: int) -> tuple[float, float]:
    f()  # warm up
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        f()
        times.append(time.perf_counter() - start)
    times.sort()
    return statistics.median(times), times[min(len(times) - 1, int(0.95 * len(times)))]


def main() -> None:
    rows: list[tuple[str, int, float, float, float | None]] = []
    for label, low, high in (("generic payoffs", -(10**6), 10**6), ("ties everywhere", -1, 1)):
        tree = random_tree(10_000, low, high, SEED)
        sol = subgame_perfect(tree)
        med, p95 = measure(lambda tree=tree: subgame_perfect(tree).first(), repeat=30)
        rows.append(
            (
                f"subgame_perfect + first SPE, {label} ({_count(sol.count)} SPEs)",
                len(tree),
                med,
                p95,
                0.050,
            )
        )
    tree = random_tree(10_000, -(10**6), 10**6, SEED)
    med, p95 = measure(lambda: random_tree(10_000, -(10**6), 10**6, SEED), repeat=5)
    rows.append(
        ("building that tree (builders + GameTree checks), for scale", len(tree), med, p95, None)
    )
    lesson_trees = {
        "to_bimatrix: Treasury card": treasury_card(),
        "to_bimatrix: entry deterrence": entry_deterrence(),
        "to_bimatrix: ultimatum, pie 4 (5 x 32)": ultimatum(4),
        "to_bimatrix: centipede, 6 stages": centipede(6),
    }
    for name, tree in lesson_trees.items():
        med, p95 = measure(lambda tree=tree: to_bimatrix(tree), repeat=300)
        rows.append((name, len(tree), med, p95, 0.005))
    tree = treasury_card()
    med, p95 = measure(lambda: nash_vs_spe(tree), repeat=30)
    rows.append(
        ("nash_vs_spe: Treasury card (solve included), for scale", len(tree), med, p95, None)
    )

    width = max(len(r[0]) for r in rows)
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"Python {sys.version.split()[0]}, {os.cpu_count()} CPUs, load average {load}")
    print(f"{'benchmark':<{width}}  {'nodes':>6}  {'median':>9}  {'p95':>9}  target (median)")
    for name, nodes, med, p95, target in rows:
        verdict = (
            ""
            if target is None
            else f"< {target * 1000:g} ms  {'ok' if med < target else 'MISSED'}"
        )
        print(
            f"{name:<{width}}  {nodes:>6}  {med * 1000:>6.2f} ms  {p95 * 1000:>6.2f} ms  {verdict}"
        )


if __name__ == "__main__":
    main()
