"""Proper subgames and subgame-perfect equilibria of trees with information sets.

Cross-checked against backward induction on perfect-information trees (where the
two must agree exactly), and on random trees with information sets by the
definition: a Nash equilibrium of the whole tree and of every proper subgame,
with regrets computed by walking the tree (independent of the normal form).
"""

from __future__ import annotations

import itertools
from fractions import Fraction

import pytest
from hypothesis import given, settings
from strategies import game_trees, imperfect_trees

from negotiation.trees import (
    GameTree,
    decision,
    nash_equilibria,
    proper_subgames,
    subgame_perfect,
    subgame_perfect_equilibria,
)
from negotiation.trees.examples import beer_quiche

F = Fraction


def talks_tree():
    talks = decision(
        "Japan",
        {
            "Soft": decision("US", {"Soft": (2, 2), "Hard": (0, 1)}, information_set="talks"),
            "Hard": decision("US", {"Soft": (1, 0), "Hard": (-1, -1)}, information_set="talks"),
        },
    )
    return GameTree(("Japan", "US"), decision("Japan", {"Walk away": (1, 1), "Talk": talks}))


def test_the_empty_threat_in_the_talks_is_ruled_out():
    # Selten (1965): in the talks, Soft is strictly dominant for both, so the subgame's
    # only equilibrium is (Soft, Soft), worth 2 to Japan, more than walking away (1).
    # The Nash equilibria in which Japan walks away rest on the US being Hard in talks
    # that never happen, with probability q >= 1/2 (so that 2(1 - q) <= 1).
    tree = talks_tree()
    assert proper_subgames(tree) == ((), ("Talk",))
    nash = nash_equilibria(tree)
    assert {tuple(eq.path) for eq in nash} == {(("Walk away",),), (("Talk", "Soft", "Soft"),)}
    walk = [eq for eq in nash if ("Walk away",) in eq.path]
    assert sorted(eq.profile.at("talks")["Hard"] for eq in walk) == [F(1, 2), 1]
    (spe,) = subgame_perfect_equilibria(tree)
    assert spe.path == {("Talk", "Soft", "Soft"): 1}
    assert spe.payoffs == (2, 2)


def test_a_signalling_game_has_no_proper_subgame_but_itself():
    # Every move after chance is inside the receiver's information sets' reach.
    tree = beer_quiche()
    assert proper_subgames(tree) == ((),)
    spe = subgame_perfect_equilibria(tree)
    assert {eq.profile for eq in spe} == {eq.profile for eq in nash_equilibria(tree)}


@settings(max_examples=80)
@given(game_trees(max_depth=3, max_actions=2))
def test_with_perfect_information_it_agrees_with_backward_induction(tree):
    solution = subgame_perfect(tree)
    if solution.count > 200:
        return  # ties everywhere: too many to list both ways
    expected = {frozenset(eq.choices.items()) for eq in solution.equilibria}
    found = set()
    for eq in subgame_perfect_equilibria(tree):
        choices = {}
        for s in tree.information_sets():
            dist = eq.profile.probabilities[s.index]
            assert dist is not None and max(dist) == 1  # pure, as every extreme point here
            choices[s.nodes[0]] = s.actions[dist.index(1)]
        found.add(frozenset(choices.items()))
    assert found == expected


def _value(tree, probs, path, node, i):
    kind = node.__class__.__name__
    if kind == "Terminal":
        return F(node.payoffs[i])
    if kind == "Chance":
        return sum(
            p * _value(tree, probs, (*path, a), c, i)
            for a, p, c in zip(node.actions, node.probabilities, node.children)
        )
    s = tree.information_set(path)
    dist = probs[s.index]
    assert dist is not None, f"play reaches the open set {s.name!r}"
    return sum(
        p * _value(tree, probs, (*path, a), c, i)
        for a, p, c in zip(node.actions, dist, node.children)
        if p
    )


@settings(max_examples=60)
@given(imperfect_trees(max_strategies=8))
def test_every_subgame_perfect_equilibrium_is_nash_in_every_proper_subgame(tree):
    result = subgame_perfect_equilibria(tree)
    assert len(result) >= 1
    for eq in result:
        probs = eq.profile.probabilities
        # A set left open is one its player's own play never reaches, in the smallest
        # proper subgame holding it: any behaviour there is subgame perfect.
        for root in proper_subgames(tree):
            node = tree.node(root)
            inside = [s for s in tree.information_sets() if s.nodes[0][: len(root)] == root]
            for i in (0, 1):
                mine = _value(tree, probs, root, node, i)
                mine_sets = [s for s in inside if tree.players.index(s.player) == i]
                for choice in itertools.product(*(range(len(s.actions)) for s in mine_sets)):
                    other = list(probs)
                    for s, a in zip(mine_sets, choice):
                        other[s.index] = tuple(F(int(k == a)) for k in range(len(s.actions)))
                    assert _value(tree, other, root, node, i) <= mine
        # the root () is a proper subgame: so it is a Nash equilibrium of the whole tree


def test_errors():
    with pytest.raises(TypeError, match="needs a GameTree"):
        subgame_perfect_equilibria("tree")
    with pytest.raises(TypeError, match="needs a GameTree"):
        proper_subgames(None)
