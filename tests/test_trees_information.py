"""Trees with information sets: the data type, behaviour strategies, and every Nash equilibrium.

Checked against textbook results (each with its citation) and, on random trees
with chance moves and information sets, against independent brute force: every
reported equilibrium has zero regret against every pure strategy (enumerated
over information sets, not over the reduced strategies the solver uses), and
behaviour strategies reach every leaf with the probability their mixed
strategies do (Kuhn's theorem).
"""

from __future__ import annotations

import itertools
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st
from strategies import imperfect_trees

from negotiation import solve
from negotiation.trees import (
    BehaviourProfile,
    GameTree,
    credibility,
    decision,
    nash_equilibria,
    reduced_strategies,
    subgame_perfect,
    to_bimatrix,
)
from negotiation.trees.examples import beer_quiche, entry_deterrence

F = Fraction


def matching_pennies_tree() -> GameTree:
    """Matching pennies as a tree: the US moves without seeing Japan's move."""
    return GameTree(
        ("Japan", "US"),
        decision(
            "Japan",
            {
                "Hint": decision("US", {"Press": (-1, 1), "Soften": (1, -1)}, information_set="u"),
                "Quiet": decision("US", {"Press": (1, -1), "Soften": (-1, 1)}, information_set="u"),
            },
        ),
    )


# --- the data type --------------------------------------------------------------------------


def test_information_sets_group_nodes_by_player_and_label():
    tree = beer_quiche()
    receiver = tree.information_sets("Receiver")
    assert [s.label for s in receiver] == ["after beer", "after quiche"]
    assert receiver[0].nodes == (("strong", "beer"), ("weak", "beer"))
    assert receiver[0].actions == ("duel", "don't")
    sender = tree.information_sets("Sender")
    assert [s.nodes for s in sender] == [(("strong",),), (("weak",),)]
    assert [s.name for s in sender] == ["Sender at ('strong',)", "Sender at ('weak',)"]
    assert not tree.perfect_information
    assert entry_deterrence().perfect_information
    assert tree.information_set(("weak", "quiche")) is receiver[1]


def test_equality_and_rebuilding_keep_the_information_sets():
    a, b = beer_quiche(), beer_quiche()
    assert a == b and hash(a) == hash(b)
    pooled = GameTree(
        ("A", "B"),
        decision(
            "A",
            {
                "L": decision("B", {"x": (1, 0), "y": (0, 1)}),
                "R": decision("B", {"x": (0, 0), "y": (1, 1)}),
            },
        ),
    )
    hidden = GameTree(
        ("A", "B"),
        decision(
            "A",
            {
                "L": decision("B", {"x": (1, 0), "y": (0, 1)}, information_set="h"),
                "R": decision("B", {"x": (0, 0), "y": (1, 1)}, information_set="h"),
            },
        ),
    )
    assert pooled != hidden  # the same nodes, but B cannot tell them apart in one of them
    assert hidden.map_payoffs(lambda u: u).information_sets() == hidden.information_sets()
    assert len(hidden.at().information_sets("B")) == 1


def test_a_set_whose_nodes_offer_different_actions_is_refused_naming_both_nodes():
    with pytest.raises(ValueError, match=r"same actions.*\('L',\).*\('R',\)"):
        GameTree(
            ("A", "B"),
            decision(
                "A",
                {
                    "L": decision("B", {"x": (1, 0), "y": (0, 1)}, information_set="h"),
                    "R": decision("B", {"y": (0, 0), "x": (1, 1)}, information_set="h"),
                },
            ),
        )


def test_imperfect_recall_is_refused_with_the_moves_the_player_forgot():
    # A moves, then later cannot tell which move it made: A forgets its own move.
    with pytest.raises(ValueError, match=r"breaks perfect recall.*their moves L.*their moves R"):
        GameTree(
            ("A", "B"),
            decision(
                "A",
                {
                    "L": decision(
                        "B", {"go": decision("A", {"a": (1, 0), "b": (0, 1)}, information_set="f")}
                    ),
                    "R": decision(
                        "B", {"go": decision("A", {"a": (0, 0), "b": (1, 1)}, information_set="f")}
                    ),
                },
            ),
        )
    # A node and one of its descendants in one set (absent-mindedness) is imperfect recall too.
    with pytest.raises(ValueError, match="breaks perfect recall"):
        GameTree(
            ("A", "B"),
            decision(
                "A",
                {
                    "on": decision("A", {"on": (1, 1), "off": (0, 0)}, information_set="m"),
                    "off": (2, 2),
                },
                information_set="m",
            ),
        )


@pytest.mark.parametrize("bad", ["", "  ", 3])
def test_a_bad_information_set_label_is_refused(bad):
    with pytest.raises((TypeError, ValueError), match="information set of the node"):
        GameTree(("A", "B"), decision("A", {"x": (0, 0)}, information_set=bad))


def test_backward_induction_and_credibility_refuse_information_sets_with_a_pointer():
    tree = beer_quiche()
    for call in (
        lambda: subgame_perfect(tree),
        lambda: credibility(tree, ("strong", "beer"), "duel"),
    ):
        with pytest.raises(ValueError, match=r"perfect information.*'after beer'.*nash_equilibria"):
            call()


# --- textbook games -------------------------------------------------------------------------


def test_beer_quiche_normal_form_matches_a_hand_computation():
    # Cho and Kreps (1987), section II: prior 9/10 strong. Sender strategies list the
    # breakfast of the strong type, then of the weak type; the receiver's list its action
    # after beer, then after quiche.
    game = to_bimatrix(beer_quiche())
    assert game.row_labels == ("beer, beer", "beer, quiche", "quiche, beer", "quiche, quiche")
    assert game.col_labels == ("duel, duel", "duel, don't", "don't, duel", "don't, don't")
    # (beer, quiche) against (don't after beer, duel after quiche): strong gets 3 with
    # probability 9/10, weak gets quiche (1) and a duel (+0) with probability 1/10.
    assert game.payoff("beer, quiche", "don't, duel") == (F(9, 10) * 3 + F(1, 10) * 1, F(1))


def test_beer_quiche_has_two_pooling_families_and_no_separating_equilibrium():
    # Cho and Kreps (1987): both types pool on beer, or both on quiche; the receiver
    # duels after the off-path breakfast with probability at least 1/2.
    result = nash_equilibria(beer_quiche())
    outcomes = {tuple(sorted(eq.path)) for eq in result}
    assert outcomes == {
        (("strong", "beer", "don't"), ("weak", "beer", "don't")),
        (("strong", "quiche", "don't"), ("weak", "quiche", "don't")),
    }
    for eq in result:
        sender = eq.profile.action_probabilities("Sender")
        beer = sender["Sender at ('strong',)"]["beer"]
        assert sender["Sender at ('weak',)"]["beer"] == beer  # pooling: the same breakfast
        off = "after quiche" if beer == 1 else "after beer"
        assert eq.profile.at(off)["duel"] >= F(1, 2)
        assert eq.payoffs == ((F(29, 10), F(9, 10)) if beer == 1 else (F(21, 10), F(9, 10)))
    assert len(result) == 4  # each family is a segment with two extreme points


def test_matching_pennies_as_a_tree_has_the_unique_mixed_equilibrium():
    # von Neumann and Morgenstern (1944): the only equilibrium mixes 1/2, 1/2.
    (eq,) = nash_equilibria(matching_pennies_tree())
    assert eq.profile.at((), "Japan") == {"Hint": F(1, 2), "Quiet": F(1, 2)}
    assert eq.profile.at("u") == {"Press": F(1, 2), "Soften": F(1, 2)}
    assert set(eq.outcome.values()) == {F(1, 4)}
    assert eq.payoffs == (0, 0)


def test_perfect_information_trees_give_the_same_equilibria_as_before():
    # On a tree without information sets the behaviour view is the normal form's.
    tree = entry_deterrence()
    result = nash_equilibria(tree)
    assert len(result.normal_form.equilibria) >= len(result)
    spe = subgame_perfect(tree)[0]
    assert any(eq.path == {spe.path: 1} for eq in result)


# --- behaviour strategies ---------------------------------------------------------------------


def test_behaviour_profile_errors_name_the_set_and_the_action():
    tree = beer_quiche()
    with pytest.raises(ValueError, match="no information set 'after tea'"):
        BehaviourProfile(tree, {"Receiver": {"after tea": {"duel": 1}}})
    with pytest.raises(ValueError, match="'after beer' has no action 'flee'"):
        BehaviourProfile(tree, {"Receiver": {"after beer": {"flee": 1}}})
    with pytest.raises(ValueError, match="add up to 1/2, expected 1"):
        BehaviourProfile(tree, {"Receiver": {"after beer": {"duel": 0.25, "don't": 0.25}}})
    with pytest.raises(ValueError, match="between 0 and 1"):
        BehaviourProfile(tree, {"Receiver": {"after beer": {"duel": 2, "don't": -1}}})
    with pytest.raises(ValueError, match=r"is reached with probability 9/10 .* give them"):
        BehaviourProfile(tree, {"Sender": {("strong",): {"beer": 1}, ("weak",): {"beer": 1}}})
    with pytest.raises(ValueError, match=r"unknown player .Nature.; expected one of"):
        BehaviourProfile(tree, {"Nature": {}})


def test_an_open_set_that_play_never_reaches_is_allowed():
    tree = beer_quiche()
    profile = BehaviourProfile(
        tree,
        {
            "Sender": {("strong",): {"beer": 1}, ("weak",): {"beer": 1}},
            "Receiver": {"after beer": {"don't": 1}},
        },
    )
    assert profile.at("after quiche") is None
    assert profile.reach(("strong", "quiche")) == 0
    assert sum(profile.outcome.values()) == 1


# --- random trees with chance and information sets ------------------------------------------


def _pure_behaviours(tree, i):
    """Every pure behaviour strategy of player i: one action per information set."""
    sets = tree.information_sets(i)
    for choice in itertools.product(*(range(len(s.actions)) for s in sets)):
        yield {s.name: {s.actions[a]: 1} for s, a in zip(sets, choice)}


def _payoff(tree, behaviour, i):
    """Expected payoff by walking the tree: an oracle independent of the normal form."""

    def value(path, node):
        if node.__class__.__name__ == "Terminal":
            return F(node.payoffs[i])
        if node.__class__.__name__ == "Chance":
            return sum(
                p * value((*path, a), c)
                for a, p, c in zip(node.actions, node.probabilities, node.children)
            )
        s = tree.information_set(path)
        dist = behaviour[s.index]
        if dist is None:
            dist = tuple(F(int(k == 0)) for k in range(len(s.actions)))
        return sum(
            p * value((*path, a), c) for a, p, c in zip(node.actions, dist, node.children) if p
        )

    return value((), tree.root)


def _with(profile, i, pure):
    probs = list(profile.probabilities)
    for s in profile.tree.information_sets(i):
        (action,) = pure[s.name]
        probs[s.index] = tuple(F(int(a == action)) for a in s.actions)
    return tuple(probs)


@given(imperfect_trees())
def test_every_equilibrium_has_zero_regret_against_every_pure_strategy(tree):
    result = nash_equilibria(tree)
    assert len(result) >= 1  # Nash (1951): a finite game has an equilibrium
    for eq in result:
        probs = eq.profile.probabilities
        for i in (0, 1):
            mine = _payoff(tree, probs, i)
            assert mine == eq.payoffs[i]
            for pure in _pure_behaviours(tree, i):
                assert _payoff(tree, _with(eq.profile, i, pure), i) <= mine


@given(imperfect_trees(), st.data())
def test_behaviour_reaches_every_leaf_as_the_mixed_strategy_does(tree, data):
    # Kuhn (1953): with perfect recall a mixed strategy and its behaviour strategy are
    # realisation-equivalent. The mixed outcome is computed by playing every pair of
    # reduced strategies through the tree.
    mixes = []
    for i in (0, 1):
        n = len(reduced_strategies(tree, i))
        w = [data.draw(st.integers(0, 3)) for _ in range(n)]
        if not any(w):
            w[0] = 1
        mixes.append([F(x, sum(w)) for x in w])
    profile = BehaviourProfile.from_mixed(tree, *mixes)
    expected = {path: F(0) for path, _ in tree.leaves()}
    strategies = [reduced_strategies(tree, i) for i in (0, 1)]
    for (s0, x), (s1, y) in itertools.product(
        zip(strategies[0], mixes[0]), zip(strategies[1], mixes[1])
    ):
        if not x or not y:
            continue
        plan = {}
        for s in (s0, s1):
            for path, action in s.choices:
                plan[tree.information_set(path).index] = action
        stack = [((), tree.root, x * y)]
        while stack:
            path, node, w = stack.pop()
            kind = node.__class__.__name__
            if kind == "Terminal":
                expected[path] += w
            elif kind == "Chance":
                stack.extend(
                    ((*path, a), c, w * p)
                    for a, p, c in zip(node.actions, node.probabilities, node.children)
                )
            else:
                a = plan[tree.information_set(path).index]
                stack.append(((*path, a), node.child(a), w))
    assert profile.outcome == expected
    back = BehaviourProfile.from_mixed(tree, *profile.to_mixed())
    assert back.outcome == expected  # and back again


@given(imperfect_trees())
def test_the_normal_form_is_the_payoff_of_each_pair_of_plans(tree):
    game = to_bimatrix(tree)
    strategies = [reduced_strategies(tree, i) for i in (0, 1)]
    for r, c in itertools.product(range(len(strategies[0])), range(len(strategies[1]))):
        mixes = (
            [F(int(k == r)) for k in range(len(strategies[0]))],
            [F(int(k == c)) for k in range(len(strategies[1]))],
        )
        assert BehaviourProfile.from_mixed(tree, *mixes).payoffs == game.payoff(r, c)


@given(imperfect_trees())
def test_equilibria_are_those_of_the_normal_form(tree):
    result = nash_equilibria(tree)
    normal = solve(to_bimatrix(tree))
    assert result.normal_form.equilibria == normal.equilibria
    assert len(result) <= len(normal.equilibria)
    assert {eq.profile for eq in result} == {
        BehaviourProfile.from_mixed(tree, *eq.strategies) for eq in normal.equilibria
    }
