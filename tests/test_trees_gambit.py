"""Gambit as an independent oracle for trees with chance moves and information sets.

pygambit (a test dependency, never a runtime one) reads the ``.efg`` files this
package writes, so these tests check the writer and the solver at once: on random
trees the equilibrium outcomes found here equal those of Gambit's exact
enumeration of the extreme equilibria of the reduced strategic form
(``enummixed_solve``), and every equilibrium reported here has zero regret when
Gambit evaluates it.
"""

from __future__ import annotations

import io
from fractions import Fraction

import pygambit as gbt
from hypothesis import assume, given, settings
from strategies import imperfect_trees

from negotiation.trees import dumps_efg, loads_efg, nash_equilibria, reduced_strategies
from negotiation.trees.examples import beer_quiche


def to_gambit(tree):
    return gbt.read_efg(io.StringIO(dumps_efg(tree)))


def gambit_outcomes(tree, game) -> set[frozenset]:
    """The outcome (leaves reached, with probabilities) of each extreme equilibrium Gambit finds."""
    leaves = {path for path, _ in tree.leaves()}
    found = set()
    for eq in gbt.nash.enummixed_solve(game, rational=True).equilibria:
        reach = eq.as_behavior().realiz_probs
        outcome = {}
        for history, p in reach:  # pairs (history, probability)
            path = tuple(t.action for t in history)
            if path in leaves and p != 0:
                outcome[path] = Fraction(str(p))
        found.add(frozenset(outcome.items()))
    return found


def our_outcomes(tree) -> set[frozenset]:
    return {frozenset(eq.path.items()) for eq in nash_equilibria(tree)}


def gambit_profile(tree, game, mixed):
    """Our mixed strategies over reduced strategies as a Gambit profile (matched by behaviour)."""
    data = []
    for i, player in enumerate(tree.players):
        ours = {
            frozenset((tree.information_set(path).index, action) for path, action in s.choices): w
            for s, w in zip(reduced_strategies(tree, i), mixed[i])
        }
        row = []
        for label in game.get_strategies(player):
            behaviour = game.get_behavior(player, label)
            key = frozenset(
                (tree.information_set(tuple(t.action for t in h)).index, a)
                for h, a in behaviour.items()
            )
            row.append(gbt.Rational(ours[key].numerator, ours[key].denominator))
        data.append(row)
    return game.mixed_strategy_profile(data, rational=True)


def test_beer_quiche_agrees_with_gambit():
    tree = beer_quiche()
    game = to_gambit(tree)
    assert our_outcomes(tree) == gambit_outcomes(tree, game)
    assert len(game.get_infosets("Receiver")) == 2


@settings(max_examples=300)
@given(imperfect_trees())
def test_equilibrium_outcomes_equal_gambits_and_have_zero_regret_there(tree):
    # Gambit's enummixed takes seconds on a 16x8 reduced normal form; keep the games small.
    assume(len(reduced_strategies(tree, 0)) * len(reduced_strategies(tree, 1)) <= 48)
    game = to_gambit(tree)
    assert our_outcomes(tree) == gambit_outcomes(tree, game)
    for eq in nash_equilibria(tree):
        profile = gambit_profile(tree, game, eq.profile.to_mixed())
        assert profile.max_regret() == 0
        payoffs = profile.payoffs
        assert tuple(Fraction(str(payoffs[p])) for p in tree.players) == eq.payoffs


@given(imperfect_trees())
def test_efg_files_with_information_sets_round_trip(tree):
    text = dumps_efg(tree)
    assert loads_efg(text) == tree
    game = gbt.read_efg(io.StringIO(text))
    for player in tree.players:
        assert len(game.get_infosets(player)) == len(tree.information_sets(player))
