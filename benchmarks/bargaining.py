"""Benchmark: bargaining solutions, linked issues and alternating offers.

Issue 5 sets three targets:

* the Nash and Kalai-Smorodinsky solutions of a problem with 10,000 outcomes in
  under 50 ms (timed including ``BargainingProblem.from_outcomes``, which computes
  the exact Pareto frontier, and also for the solution alone);
* linked issues with 4 issues of 6 options (1,296 packages) in under 100 ms (building
  the negotiation, its Pareto packages, the Nash package and the gain from linkage);
* a finite-horizon alternating-offers game with T = 1,000 rounds in under 50 ms
  (exact backward induction).

Outcomes are random with a fixed seed (``numpy.random.default_rng``): points in a
quarter disc (a few dozen on the frontier), and the worst case of all 10,000 on a
quarter circle (every point on the frontier). Rows without a target are shown for
scale. This prints the median and 95th percentile of repeated runs
(``time.perf_counter``) and exits with status 1 if a median misses its target.

Run: ``.venv/bin/python benchmarks/bargaining.py`` (under a minute).
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

from negotiation.bargaining import (
    BargainingProblem,
    Issue,
    LinkedNegotiation,
    alternating_offers,
    bargaining_solutions,
    gain_from_linkage,
    kalai_smorodinsky_solution,
    linear_schedule,
    nash_package,
    nash_solution,
    pareto_packages,
)

SEED = 2025
N = 10_000


def measure(f: Callable[[], Any], repeat: int) -> tuple[float, float]:
    f()  # warm up (imports, caches)
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        f()
        times.append(time.perf_counter() - start)
    times.sort()
    return statistics.median(times), times[min(len(times) - 1, int(0.95 * len(times)))]


def outcome_sets() -> dict[str, Any]:
    rng = np.random.default_rng(SEED)
    r = np.sqrt(rng.random(N))
    theta = rng.random(N) * np.pi / 2
    disc = np.column_stack([2 * r * np.cos(theta), r * np.sin(theta)])
    theta = rng.random(N) * np.pi / 2
    circle = np.column_stack([np.cos(theta), np.sin(theta)])
    fractions = [(Fraction(int(a), 1000), Fraction(int(b), 1000)) for a, b in disc * 1000]
    return {"random (quarter disc)": disc, "all on the frontier": circle, "Fractions": fractions}


def linked_negotiation(rng: np.random.Generator) -> LinkedNegotiation:
    issues = [
        Issue(
            f"issue {k}",
            tuple(f"option {j}" for j in range(6)),
            tuple(tuple(int(v) for v in rng.integers(-10, 11, 6)) for _ in range(2)),
            status_quo="option 0",
        )
        for k in range(4)
    ]
    return LinkedNegotiation(
        issues,
        weights=((1, 2, Fraction(1, 2), 3), (2, 1, 3, Fraction(1, 4))),
        players=("Japan", "US"),
    )


def main() -> int:
    rows: list[tuple[str, str, float, float, float | None]] = []
    sets = outcome_sets()
    d = (0.2, 0.1)
    for label, points in sets.items():
        problem = BargainingProblem.from_outcomes(points, d)
        size = f"{len(problem.pareto_indices):,} on frontier"
        target = 0.050 if label != "Fractions" else None
        for name, solve in (
            ("Nash", nash_solution),
            ("Kalai-Smorodinsky", kalai_smorodinsky_solution),
        ):
            med, p95 = measure(
                lambda points=points, solve=solve: solve(
                    BargainingProblem.from_outcomes(points, d)
                ),
                repeat=15,
            )
            rows.append(
                (f"{name}, 10,000 outcomes, {label}: build + solve", size, med, p95, target)
            )
        med, p95 = measure(lambda problem=problem: nash_solution(problem), repeat=200)
        rows.append((f"Nash, 10,000 outcomes, {label}: solve only", size, med, p95, None))
    problem = BargainingProblem.from_outcomes(sets["random (quarter disc)"], d)
    med, p95 = measure(lambda: bargaining_solutions(problem), repeat=100)
    rows.append(("all four solutions, 10,000 outcomes (problem built)", "", med, p95, None))
    floats = BargainingProblem.from_outcomes(sets["all on the frontier"], d, exact=False)
    med, p95 = measure(
        lambda: nash_solution(
            BargainingProblem.from_outcomes(sets["all on the frontier"], d, exact=False)
        ),
        repeat=15,
    )
    rows.append(
        (
            "Nash, 10,000 on the frontier, exact=False: build + solve",
            f"{len(floats.pareto_indices):,} on frontier",
            med,
            p95,
            None,
        )
    )

    rng = np.random.default_rng(SEED)
    neg = linked_negotiation(rng)

    def linkage() -> None:
        n = linked_negotiation(np.random.default_rng(SEED))
        pareto_packages(n)
        nash_package(n)
        gain_from_linkage(n)

    med, p95 = measure(linkage, repeat=30)
    rows.append(
        (
            "linkage, 4 issues x 6 options: build + Pareto + Nash package + gain",
            f"{neg.n_packages:,} packages",
            med,
            p95,
            0.100,
        )
    )
    med, p95 = measure(lambda: nash_solution(neg.to_bargaining_problem()), repeat=10)
    rows.append(("linkage as a BargainingProblem (lotteries) + Nash", "", med, p95, None))

    med, p95 = measure(lambda: alternating_offers(0.9, 0.95, rounds=1000), repeat=30)
    rows.append(("alternating offers, T = 1,000, exact", "1,000 rounds", med, p95, 0.050))
    med, p95 = measure(
        lambda: alternating_offers(
            0.9,
            0.95,
            rounds=1000,
            breakdown=Fraction(1, 100),
            disagreement=(Fraction(1, 10), Fraction(1, 5)),
            outside_options=(Fraction(1, 20), Fraction(3, 10)),
        ),
        repeat=30,
    )
    rows.append(
        (
            "alternating offers, T = 1,000, breakdown + outside options",
            "1,000 rounds",
            med,
            p95,
            0.050,
        )
    )
    schedule = linear_schedule(Fraction(99, 100), Fraction(1, 2), 999)
    med, p95 = measure(lambda: alternating_offers(schedule, 0.95, rounds=1000), repeat=30)
    rows.append(
        ("alternating offers, T = 1,000, falling patience", "1,000 rounds", med, p95, 0.050)
    )
    med, p95 = measure(lambda: alternating_offers(0.9, 0.95, rounds=1000).trace, repeat=5)
    rows.append(
        ("... and its full exact trace (1,000 reduced Fractions), for scale", "", med, p95, None)
    )
    med, p95 = measure(lambda: alternating_offers(0.9, 0.95, rounds=1000).plan_arrays(), repeat=30)
    rows.append(("... or its plan as float arrays (for plots)", "", med, p95, None))

    width = max(len(r[0]) for r in rows)
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"Python {sys.version.split()[0]}, {os.cpu_count()} CPUs, load average {load}")
    print(f"{'benchmark':<{width}}  {'size':>18}  {'median':>9}  {'p95':>9}  target (median)")
    missed = 0
    for name, size, med, p95, target in rows:
        verdict = ""
        if target is not None:
            ok = med < target
            missed += not ok
            verdict = f"< {target * 1000:g} ms  {'ok' if ok else 'MISSED'}"
        print(
            f"{name:<{width}}  {size:>18}  {med * 1000:>6.2f} ms  {p95 * 1000:>6.2f} ms  {verdict}"
        )
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
