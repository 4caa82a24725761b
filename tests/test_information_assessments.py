"""Weak perfect Bayesian equilibrium in any finite tree, checked by its definition.

Oracles: regrets by walking the tree, beliefs by Bayes' rule recomputed here, the
existence of justifying beliefs by scipy's linear programming, backward induction
on perfect-information trees, and perfect_bayesian on signalling games.
"""

from __future__ import annotations

import itertools
from fractions import Fraction

import pytest
from hypothesis import given, settings
from scipy.optimize import linprog
from strategies import game_trees, imperfect_trees
from test_information_pbe import signalling_games

from negotiation.information import perfect_bayesian, weak_perfect_bayesian
from negotiation.trees import GameTree, decision, nash_equilibria, subgame_perfect

F = Fraction


def hint_tree():
    return GameTree(
        ("Japan", "US"),
        decision(
            "Japan",
            {
                "Settle": (1, 3),
                "Hint softly": decision(
                    "US", {"Press": (0, 0), "Soften": (2, 2)}, information_set="after a hint"
                ),
                "Hint loudly": decision(
                    "US", {"Press": (0, 1), "Soften": (3, 2)}, information_set="after a hint"
                ),
            },
        ),
    )


def test_a_move_no_belief_justifies_is_ruled_out():
    # Gibbons (1992), section 4.1: the requirement that the player at an information set
    # has a belief and moves optimally given it rules out (Settle, Press), which is a
    # Nash equilibrium and, the game having no proper subgame but itself, subgame perfect.
    # Pressing is worse for the US at both nodes of the set (0 < 2 and 1 < 2).
    tree = hint_tree()
    result = weak_perfect_bayesian(tree)
    (pbe,) = result
    assert pbe.profile.at("after a hint") == {"Press": 0, "Soften": 1}
    assert pbe.profile.at((), "Japan") == {"Settle": 0, "Hint softly": 0, "Hint loudly": 1}
    assert pbe.beliefs == {"after a hint": {("Hint softly",): 0, ("Hint loudly",): 1}}
    # the Nash equilibria in which Japan settles: the US presses with probability 1 or 2/3
    assert sorted(p.at("after a hint")["Press"] for p in result.rejected) == [F(2, 3), 1]
    assert len(result) + len(result.rejected) == len(nash_equilibria(tree))
    doc = pbe.to_dict()
    assert doc["beliefs"]["US"]["after a hint"] == {"Hint softly": "0", "Hint loudly": "1"}


def _value(tree, probs, path, i):
    node = tree.node(path)
    kind = node.__class__.__name__
    if kind == "Terminal":
        return F(node.payoffs[i])
    dist = node.probabilities if kind == "Chance" else probs[tree.information_set(path).index]
    return sum(p * _value(tree, probs, (*path, a), i) for a, p in zip(node.actions, dist) if p)


def _justifiable(values, nodes, actions, support):
    """Some belief on the nodes makes every action of the support optimal (scipy's LP)."""
    rows = [
        [float(values[(n, b)] - values[(n, a)]) for n in nodes] for a in support for b in actions
    ]
    res = linprog(
        [0.0] * len(nodes),
        A_ub=rows,
        b_ub=[0.0] * len(rows),
        A_eq=[[1.0] * len(nodes)],
        b_eq=[1.0],
        bounds=[(0, 1)] * len(nodes),
    )
    return res.status == 0


@settings(max_examples=60)
@given(imperfect_trees(max_strategies=8))
def test_every_assessment_is_sequentially_rational_with_bayes_beliefs(tree):
    result = weak_perfect_bayesian(tree)
    for a in result:
        probs = a.profile.probabilities
        assert all(p is not None for p in probs)  # behaviour everywhere, off the path too
        for s in tree.information_sets():
            i = tree.players.index(s.player)
            values = {
                (n, act): _value(tree, probs, (*n, act), i) for n in s.nodes for act in s.actions
            }
            reach = [F(a.profile.reach(n)) for n in s.nodes]
            support = [act for act, p in zip(s.actions, probs[s.index]) if p]
            if sum(reach):
                mu = [r / sum(reach) for r in reach]
                if len(s.nodes) > 1:
                    assert list(a.beliefs[s.key].values()) == mu
                expected = {
                    act: sum(m * values[(n, act)] for n, m in zip(s.nodes, mu)) for act in s.actions
                }
                assert all(expected[act] == max(expected.values()) for act in support)
            else:
                assert _justifiable(values, s.nodes, s.actions, support)
                if len(s.nodes) > 1:
                    for vertex in a.off_path[s.key]:
                        expected = {
                            act: sum(vertex[n] * values[(n, act)] for n in s.nodes)
                            for act in s.actions
                        }
                        assert all(expected[act] == max(expected.values()) for act in support)
        # and a Nash equilibrium: no player gains by any pure behaviour strategy
        for i in (0, 1):
            mine = _value(tree, probs, (), i)
            own = tree.information_sets(i)
            for choice in itertools.product(*(range(len(s.actions)) for s in own)):
                other = list(probs)
                for s, c in zip(own, choice):
                    other[s.index] = tuple(F(int(k == c)) for k in range(len(s.actions)))
                assert _value(tree, other, (), i) <= mine


@settings(max_examples=60)
@given(game_trees(max_depth=3, max_actions=2))
def test_with_perfect_information_every_one_is_subgame_perfect(tree):
    # Selten (1965): at every node the move is a best response to what follows. With ties
    # an equilibrium may mix where a player is indifferent; the pure ones are those that
    # backward induction finds.
    spe = {frozenset(eq.choices.items()) for eq in subgame_perfect(tree).equilibria}
    for a in weak_perfect_bayesian(tree):
        probs = a.profile.probabilities
        for s in tree.information_sets():
            (node,) = s.nodes
            i = tree.players.index(s.player)
            values = [_value(tree, probs, (*node, act), i) for act in s.actions]
            assert all(values[k] == max(values) for k, p in enumerate(probs[s.index]) if p)
        if all(max(p) == 1 for p in probs):
            choices = frozenset(
                (s.nodes[0], s.actions[probs[s.index].index(1)]) for s in tree.information_sets()
            )
            assert choices in spe


@settings(max_examples=40)
@given(signalling_games())
def test_on_signalling_games_it_keeps_the_same_equilibria_as_perfect_bayesian(tree):
    ours = {a.profile for a in weak_perfect_bayesian(tree)}
    theirs = {eq.profile for eq in perfect_bayesian(tree)}
    assert ours == theirs


def test_beliefs_are_asked_of_the_player_who_moves():
    (pbe,) = weak_perfect_bayesian(hint_tree())
    assert pbe.belief(("Hint loudly",), "US") == 1
    assert pbe.belief(("Hint softly",)) == 0
    assert pbe.belief((), "Japan") == 1  # Japan knows where it is
    with pytest.raises(ValueError, match=r"the node \('Hint softly',\) is US's, not Japan's"):
        pbe.belief(("Hint softly",), "Japan")
    with pytest.raises(ValueError, match="is a leaf; only decision nodes"):
        pbe.belief(("Settle",))


def test_a_file_with_imperfect_recall_is_refused_naming_the_forgotten_move(tmp_path):
    # Player 1 moves, then cannot tell which move it made: it forgets its own move.
    from negotiation.trees import read_efg

    path = tmp_path / "forgetful.efg"
    path.write_text(
        'EFG 2 R "" { "A" "B" } ""\n'
        'p "" 1 1 "" { "L" "R" } 0\n'
        'p "" 1 2 "forgot" { "a" "b" } 0\nt "" 1 "" { 1, 0 }\nt "" 2 "" { 0, 1 }\n'
        'p "" 1 2 "forgot" { "a" "b" } 0\nt "" 3 "" { 0, 0 }\nt "" 4 "" { 1, 1 }\n'
    )
    with pytest.raises(
        ValueError, match=r"'forgot' breaks perfect recall: A reaches \('L',\) after their moves L"
    ):
        read_efg(path)
