"""Benchmark: negotiation.solve against nashpy's raw algorithms on the same games.

For catalogue-style random games of sizes 2x2 to 8x8 (non-degenerate: integer payoffs
in [-1000, 1000); degenerate: payoffs in {0, 1, 2}, so ties are everywhere) it times
our ``solve`` and nashpy's ``support_enumeration()`` and ``vertex_enumeration()`` on the
same games in one run, and counts the distinct equilibria each finds. "missed" counts
the games where a nashpy method returned fewer distinct extreme equilibria than the
exact enumeration.

Run: ``.venv/bin/python benchmarks/solve.py`` (about two minutes on 2 cores).
"""

from __future__ import annotations

import statistics
import sys
import time
import warnings

import numpy as np

from negotiation import BimatrixGame, solve

SIZES = range(2, 9)
GAMES = {2: 40, 3: 30, 4: 20, 5: 10, 6: 6, 7: 3, 8: 2}
SEED = 2025


def timed(f, repeat: int = 1):
    best = []
    out = None
    for _ in range(repeat):
        t = time.perf_counter()
        out = f()
        best.append(time.perf_counter() - t)
    return min(best), out


def safe(method):
    """Run a nashpy generator; a crash (nashpy's vertex enumeration fails on some
    degenerate games inside scipy) counts as finding nothing."""

    def run():
        try:
            return list(method())
        except Exception:
            crashes.append(method)
            return []

    return run


crashes: list = []


def distinct(pairs) -> int:
    return len({(tuple(np.round(x, 7) + 0.0), tuple(np.round(y, 7) + 0.0)) for x, y in pairs})


def p95(values):
    return float(np.percentile(values, 95))


def run_size(k: int, kind: str, rng: np.random.Generator) -> dict:
    ours, se, ve = [], [], []
    found = {"ours": 0, "se": 0, "ve": 0}
    missed = {"se": 0, "ve": 0}
    ve_crashed = 0
    n_games = 0
    while n_games < GAMES[k]:
        if kind == "non-degenerate":
            A, B = rng.integers(-1000, 1000, (2, k, k))
        else:
            A, B = rng.integers(0, 3, (2, k, k))
        game = BimatrixGame(A, B)
        repeat = 5 if k <= 4 else 1
        t_ours, sol = timed(lambda g=game: solve(g), repeat)
        if sol.degenerate != (kind == "degenerate"):
            continue  # keep the two groups clean
        n_games += 1
        nash = game.to_nashpy()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            t_se, se_eq = timed(safe(nash.support_enumeration), repeat)
            before = len(crashes)
            t_ve, ve_eq = timed(safe(nash.vertex_enumeration), repeat)
            ve_crashed += len(crashes) > before
        ours.append(t_ours)
        se.append(t_se)
        ve.append(t_ve)
        n_se, n_ve = distinct(se_eq), distinct(ve_eq)
        found["ours"] += len(sol)
        found["se"] += n_se
        found["ve"] += n_ve
        missed["se"] += n_se < len(sol)
        missed["ve"] += n_ve < len(sol)
    return {
        "size": f"{k}x{k}",
        "kind": kind,
        "games": n_games,
        "ours_med": statistics.median(ours) * 1e3,
        "ours_p95": p95(ours) * 1e3,
        "se_med": statistics.median(se) * 1e3,
        "ve_med": statistics.median(ve) * 1e3,
        "ratio": statistics.median(np.array(ours) / np.array(se)),
        "found": found,
        "missed": missed,
        "ve_crashed": ve_crashed,
    }


def main() -> int:
    rng = np.random.default_rng(SEED)
    header = (
        f"{'size':>5} {'kind':>15} {'games':>5} | {'solve ms':>9} {'p95':>7} | {'nashpy SE':>9} "
        f"{'nashpy VE':>9} | {'solve/SE':>8} | {'eq: solve':>9} {'SE':>5} {'VE':>5} | {'SE missed':>9} {'VE missed':>9} {'VE crashed':>10}"
    )
    print(header)
    print("-" * len(header))
    rows = []
    for k in SIZES:
        for kind in ("non-degenerate", "degenerate"):
            r = run_size(k, kind, rng)
            rows.append(r)
            print(
                f"{r['size']:>5} {r['kind']:>15} {r['games']:>5} | {r['ours_med']:>9.2f} {r['ours_p95']:>7.2f} | "
                f"{r['se_med']:>9.2f} {r['ve_med']:>9.2f} | {r['ratio']:>8.2f} | {r['found']['ours']:>9} "
                f"{r['found']['se']:>5} {r['found']['ve']:>5} | {r['missed']['se']:>4}/{r['games']:<4} "
                f"{r['missed']['ve']:>4}/{r['games']:<4} {r['ve_crashed']:>10}",
                flush=True,
            )

    # von Stengel (1999): the non-degenerate 6x6 game with 75 equilibria
    sys.path.insert(0, "tests")
    from test_solve import VS75_A, VS75_B

    vs = BimatrixGame(VS75_A, VS75_B)
    t_vs, sol_vs = timed(lambda: solve(vs), 3)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        t_vs_se, se_vs = timed(lambda: list(vs.to_nashpy().support_enumeration()), 1)
    print(
        f"\nvon Stengel's 6x6 game: solve {t_vs * 1e3:.0f} ms, {len(sol_vs)} equilibria; "
        f"nashpy support_enumeration {t_vs_se * 1e3:.0f} ms, {distinct(se_vs)} equilibria"
    )

    by = {(r["size"], r["kind"]): r for r in rows}
    checks = [
        (
            "median 2x2 <= 2 ms",
            max(by["2x2", k]["ours_med"] for k in ("non-degenerate", "degenerate")) <= 2,
        ),
        (
            "median 4x4 <= 20 ms",
            max(by["4x4", k]["ours_med"] for k in ("non-degenerate", "degenerate")) <= 20,
        ),
        ("75-equilibria 6x6 in < 1 s, all 75 found", t_vs < 1 and len(sol_vs) == 75),
        (
            "non-degenerate: solve <= 1.5x nashpy support enumeration (median ratio)",
            all(r["ratio"] <= 1.5 for r in rows if r["kind"] == "non-degenerate"),
        ),
        (
            "degenerate: solve finds at least as many as nashpy everywhere",
            all(r["found"]["ours"] >= max(r["found"]["se"], r["found"]["ve"]) for r in rows),
        ),
    ]
    print()
    for text, ok in checks:
        print(f"[{'PASS' if ok else 'FAIL'}] {text}")
    return 0 if all(ok for _, ok in checks) else 1


if __name__ == "__main__":
    raise SystemExit(main())
