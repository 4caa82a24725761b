"""Benchmark: build each model at each scenario and solve it (this happens on every slider move).

Target (issue 6): under 20 ms per model at its default scenario. Two timings per row:
"solve" is building the game at the scenario's values and computing its equilibria
(``solve`` for normal forms, subgame perfection for the tree, the Nash solution for
the bargaining problems, the critical discount factor for the repeated game); "analyse"
is the full plain-words analysis shown in the apps (it adds, for example, the Nash
equilibria of the tree's normal form, brinkmanship, every bargaining solution and the
rounds of offers). Caches keyed by parameter values are cleared before each repeat, so
every repeat builds the game afresh, as a slider move does; the symbolic model (the
formulas) is built once, as in an app. Median and 95th percentile over 30 repeats.

Run: ``.venv/bin/python benchmarks/models.py``
"""

from __future__ import annotations

import importlib
import statistics
import time

import numpy as np

from negotiation import scenarios, solve
from negotiation.bargaining import nash_package, nash_solution
from negotiation.models import MODELS
from negotiation.repeated import critical_discount_factor
from negotiation.trees import subgame_perfect

REPEATS = 30


def clear_value_caches(name: str) -> None:
    module = importlib.import_module(f"negotiation.models.{name}")
    for attr in ("_problem", "_negotiation"):
        cached = getattr(module, attr, None)
        if cached is not None:
            cached.cache_clear()


def core(name: str, values: dict) -> object:
    model = MODELS[name]
    game = model.at(values)
    if model.kind == "normal form":
        return solve(game)
    if model.kind == "game tree":
        return subgame_perfect(game)
    if model.kind == "bargaining":
        return nash_solution(game, values["power_partner"])
    if model.kind == "linkage":
        return nash_package(game)
    return critical_discount_factor(
        game, ("Keep", "Comply"), periods=int(values["punishment_quarters"])
    )


def timed(f) -> tuple[float, float]:
    samples = []
    for _ in range(REPEATS):
        t = time.perf_counter()
        f()
        samples.append(time.perf_counter() - t)
    return statistics.median(samples) * 1e3, float(np.percentile(samples, 95)) * 1e3


def main() -> int:
    for model in MODELS.values():  # build the formulas once, as an app does
        model.build()
        model.analyse()
    print(
        f"{'model':<18} {'scenario':<15} | {'solve ms':>8} {'p95':>6} | {'analyse ms':>10} {'p95':>6}"
    )
    print("-" * 72)
    worst = 0.0
    for name, model in MODELS.items():
        for scenario in scenarios.names():
            values = model.values(scenarios.load(scenario).values(name))

            def run_core(name=name, values=values):
                clear_value_caches(name)
                core(name, values)

            def run_analyse(name=name, values=values):
                clear_value_caches(name)
                MODELS[name].analyse(values)

            c_med, c_p95 = timed(run_core)
            a_med, a_p95 = timed(run_analyse)
            worst = max(worst, c_med)
            print(
                f"{name:<18} {scenario:<15} | {c_med:>8.2f} {c_p95:>6.2f} | {a_med:>10.2f} {a_p95:>6.2f}"
            )
    ok = worst < 20
    print(
        f"\n[{'PASS' if ok else 'FAIL'}] build and solve every model at every scenario in under 20 ms (worst median {worst:.1f} ms)"
    )
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
