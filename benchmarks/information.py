"""Benchmark: games with private information, against Gambit, side by side in one run.

The incomplete-information issue sets two targets for a signalling game with two
types, two messages and three receiver actions: every perfect Bayesian equilibrium
in at most 20 ms, and every Nash equilibrium no slower than twice Gambit's exact
``enummixed_solve`` on the same game (pygambit, read from the ``.efg`` file this
package writes). The games are random with a fixed seed (integer payoffs from -3
to 3, so ties and continua of equilibria are common), plus beer-quiche. Each row is
the median of repeated runs (``time.perf_counter``); Gambit's time includes neither
writing nor reading the file. A second table times a 200x200 map of the PBE
regimes (pure and semi-separating) of a hint game over (prior, cost), target 0.5 s,
and checks it against ``perfect_bayesian`` at 200 random points: the same pure
equilibria, and the same mixed extreme points with the same probabilities (on a
boundary, where the game can be degenerate at that value alone, each one shown must
be found). A third table times games with more messages and
actions than the normal form allowed (``actions ** messages`` receiver plans), where
Gambit's ``enummixed_solve`` did not finish in five minutes on 2 x 3 x 3.

Run: ``.venv/bin/python benchmarks/information.py`` (about half a minute).
"""

from __future__ import annotations

import io
import statistics
import sys
import time
from collections.abc import Callable
from fractions import Fraction
from typing import Any

import numpy as np
import pygambit as gbt

from negotiation.information import perfect_bayesian, signalling_game
from negotiation.information.examples import hint_game
from negotiation.information.mixed_regimes import MixedRegime
from negotiation.information.regimes import PureRegime, pbe_map
from negotiation.symbolic import Parameter
from negotiation.trees import GameTree, dumps_efg, nash_equilibria
from negotiation.trees.examples import beer_quiche

SEED = 2025
RUNS = 15


def random_signalling(seed: int, actions: int = 3) -> GameTree:
    rng = np.random.default_rng(seed)
    w = int(rng.integers(1, 5))
    prior = {"resolved": Fraction(w, 5), "bluffing": Fraction(5 - w, 5)}
    table = {
        (t, m, a): (int(rng.integers(-3, 4)), int(rng.integers(-3, 4)))
        for t in prior
        for m in ("hint", "silence")
        for a in [f"a{k}" for k in range(actions)]
    }
    return signalling_game(prior, ("hint", "silence"), [f"a{k}" for k in range(actions)], table)


def median_ms(fn: Callable[[], Any]) -> float:
    fn()  # warm
    times = []
    for _ in range(RUNS):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return 1000 * statistics.median(times)


def main() -> int:
    games = [("beer-quiche (2 types, 2 messages, 2 actions)", beer_quiche())]
    games += [
        (f"random 2x2x3 signalling game, seed {SEED + k}", random_signalling(SEED + k))
        for k in range(8)
    ]
    header = (
        f"{'game':<46} {'PBE ms':>8} {'Nash ms':>8} {'Gambit ms':>10} {'ratio':>6} "
        f"{'#PBE':>5} {'#Nash':>6} {'#Gambit':>8} {'outcomes agree':>15}"
    )
    print(header)
    print("-" * len(header))
    worst_pbe = 0.0
    worst_ratio = 0.0
    for name, tree in games:
        game = gbt.read_efg(io.StringIO(dumps_efg(tree)))
        pbe_ms = median_ms(lambda tree=tree: perfect_bayesian(tree))
        nash_ms = median_ms(lambda tree=tree: nash_equilibria(tree))
        gambit_ms = median_ms(lambda game=game: gbt.nash.enummixed_solve(game, rational=True))
        ours = nash_equilibria(tree)
        theirs = gbt.nash.enummixed_solve(game, rational=True).equilibria
        leaves = {p for p, _ in tree.leaves()}
        gambit_outcomes = set()
        for eq in theirs:
            outcome = {}
            for history, p in eq.as_behavior().realiz_probs:
                path = tuple(t.action for t in history)
                if path in leaves and p != 0:
                    outcome[path] = Fraction(str(p))
            gambit_outcomes.add(frozenset(outcome.items()))
        agree = gambit_outcomes == {frozenset(eq.path.items()) for eq in ours}
        ratio = nash_ms / gambit_ms
        worst_pbe = max(worst_pbe, pbe_ms)
        worst_ratio = max(worst_ratio, ratio)
        print(
            f"{name:<46} {pbe_ms:>8.2f} {nash_ms:>8.2f} {gambit_ms:>10.2f} {ratio:>6.2f} "
            f"{len(perfect_bayesian(tree)):>5} {len(ours):>6} {len(theirs):>8} {agree!s:>15}"
        )
    print()
    met_pbe = worst_pbe <= 20
    met_ratio = worst_ratio <= 2
    print(
        f"all PBE, worst median: {worst_pbe:.2f} ms (target <= 20 ms): {'met' if met_pbe else 'MISSED'}"
    )
    print(
        f"all Nash equilibria / Gambit enummixed, worst ratio: {worst_ratio:.2f} (target <= 2): "
        f"{'met' if met_ratio else 'MISSED'}"
    )
    met_map = map_table()
    larger_games()
    return 0 if met_pbe and met_ratio and met_map else 1


def _strategies(sender: Any, receiver: Any) -> tuple[Any, ...]:
    return (
        tuple(sorted((t, m, Fraction(str(q))) for t, d in sender.items() for m, q in d.items())),
        tuple(sorted((m, a, Fraction(str(q))) for m, d in receiver.items() for a, q in d.items())),
    )


def larger_games() -> None:
    """Signalling games whose normal form was too large before: every PBE, timed."""
    print()
    print(
        f"{'larger signalling games (random, seed 2025)':<46} {'PBE ms':>8} {'#PBE':>5} {'receiver plans':>15}"
    )
    for types, messages, actions in ((2, 3, 3), (3, 3, 2), (3, 2, 3), (3, 3, 3)):
        rng = np.random.default_rng(SEED)
        names = [f"t{k}" for k in range(types)]
        msgs = [f"m{k}" for k in range(messages)]
        acts = [f"a{k}" for k in range(actions)]
        table = {
            (t, m, a): (int(rng.integers(-3, 4)), int(rng.integers(-3, 4)))
            for t in names
            for m in msgs
            for a in acts
        }
        tree = signalling_game({t: Fraction(1, types) for t in names}, msgs, acts, table)
        ms = median_ms(lambda tree=tree: perfect_bayesian(tree))
        name = f"{types} types, {messages} messages, {actions} actions"
        print(f"{name:<46} {ms:>8.1f} {len(perfect_bayesian(tree)):>5} {actions**messages:>15}")


def map_table() -> bool:
    """A 200x200 map of PBE regimes over (prior, cost), warm and cold, checked pointwise."""
    prior = Parameter("p", 0.5, Fraction(1, 100), Fraction(99, 100), description="prior resolved")
    cost = Parameter("c", 1, 0, 4, description="cost of a hint to a bluffer")
    tree = hint_game(prior.symbol, cost.symbol)
    t0 = time.perf_counter()
    result = pbe_map(hint_game(prior.symbol, cost.symbol), prior, cost, resolution=200)
    cold = time.perf_counter() - t0
    warm = median_ms(lambda: pbe_map(tree, prior, cost, resolution=200)) / 1000
    rng = np.random.default_rng(SEED)
    points = rng.integers(0, 200, size=(200, 2))
    agree = 0
    hybrids_seen = 0
    for i, j in points:
        p = prior.low + (prior.high - prior.low) * Fraction(int(j), 199)
        c = cost.low + (cost.high - cost.low) * Fraction(int(i), 199)
        shown = [r for r, ok in zip(result.regimes, result.exists[:, i, j], strict=True) if ok]
        found = {(r.sender, r.receiver) for r in shown if isinstance(r, PureRegime)}
        hybrids = set()
        for r in shown:
            if isinstance(r, MixedRegime):
                at = r.at(p=p, c=c)
                assert at is not None
                hybrids.add(_strategies(at["sender"], at["receiver"]))
        solution = perfect_bayesian(tree.at(p=p, c=c))
        expected = {
            (
                tuple(max(eq.sender[t], key=eq.sender[t].get) for t in eq.structure.types),
                tuple(max(eq.receiver[m], key=eq.receiver[m].get) for m in eq.structure.messages),
            )
            for eq in solution
            if eq.pure
        }
        mixed = {_strategies(eq.sender, eq.receiver) for eq in solution if not eq.pure}
        hybrids_seen += any(
            r.kind == "semi-separating" for r in shown if isinstance(r, MixedRegime)
        )
        # on a boundary the game can be degenerate there alone: what is shown must be found
        same = hybrids == mixed or (bool(result.exact[i, j]) and hybrids <= mixed)
        agree += found == expected and same
    print()
    print(
        f"{'map of PBE regimes, pure and hybrid':<46} {'warm s':>8} {'cold s':>8} {'regions':>8} {'agree with perfect_bayesian':>28}"
    )
    print(
        f"{'hint game, prior x cost, 200x200':<46} {warm:>8.3f} {cold:>8.3f} {len(result.legend):>8} "
        f"{f'{agree}/{len(points)} random points':>28}"
    )
    print(f"(a semi-separating equilibrium at {hybrids_seen} of the {len(points)} points)")
    met = warm <= 0.5 and agree == len(points)
    print(f"200x200 map, warm: {warm:.3f} s (target <= 0.5 s): {'met' if met else 'MISSED'}")
    return met


if __name__ == "__main__":
    sys.exit(main())
