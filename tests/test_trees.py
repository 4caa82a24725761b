"""Game trees: textbook examples, the API, and bad input (negotiation.trees).

Each textbook tree cites where it comes from; answers are checked against what
the literature says, not against stored output of this code.
"""

from __future__ import annotations

import math
from fractions import Fraction

import numpy as np
import pytest
import sympy

from negotiation import is_equilibrium, solve
from negotiation.trees import (
    Chance,
    Decision,
    GameTree,
    Terminal,
    chance,
    decision,
    leaf,
    nash_vs_spe,
    reduced_strategies,
    subgame_perfect,
    to_bimatrix,
)
from negotiation.trees.examples import centipede, entry_deterrence, treasury_card, ultimatum

F = Fraction


def pure(size: int, k: int) -> list[Fraction]:
    return [F(int(j == k)) for j in range(size)]


def entry() -> GameTree:
    # The stage game of Selten's chain store (Selten 1978, "The chain store paradox",
    # Theory and Decision 9): the entrant stays out (1, 5) or enters; the incumbent
    # fights (-1, -1) or accommodates (2, 2).
    return GameTree(
        ("Entrant", "Incumbent"),
        decision(
            "Entrant",
            {
                "Out": (1, 5),
                "In": decision("Incumbent", {"Fight": (-1, -1), "Accommodate": (2, 2)}),
            },
        ),
        title="Entry deterrence",
    )


# --- building -----------------------------------------------------------------------------


def test_builder_shorthand_and_node_access():
    t = entry()
    assert t.players == ("Entrant", "Incumbent")
    assert len(t) == 5 and t.leaf_count == 3 and t.depth == 2
    assert t.paths() == ((), ("Out",), ("In",), ("In", "Fight"), ("In", "Accommodate"))
    assert isinstance(t.root, Decision) and t.root.actions == ("Out", "In")
    assert t.node(("In", "Fight")) == Terminal((F(-1), F(-1)))
    assert t.player_at(("In",)) == "Incumbent" and t.player_at(("Out",)) is None
    assert t.decision_paths("Incumbent") == (("In",),)
    assert [p for p, _ in t.leaves()] == [("Out",), ("In", "Fight"), ("In", "Accommodate")]
    assert t.exact and not t.symbolic


def test_values_are_kept_exactly():
    t = GameTree(("A", "B"), chance({"x": (0.1, (0.25, 1)), "y": (0.9, (np.int64(3), F(1, 3)))}))
    assert t.node(()).probabilities == (F(1, 10), F(9, 10))
    assert t.node(("x",)).payoffs == (F(1, 4), F(1))
    assert t.node(("y",)).payoffs == (F(3), F(1, 3))


def test_trees_are_immutable_values():
    t = entry()
    assert t == entry() and hash(t) == hash(entry())
    assert t != entry().map_payoffs(lambda u: (u[0], u[1] + 1))
    assert t != GameTree(t.players, t.root, title="other")
    with pytest.raises(AttributeError):
        t.root.player = "Incumbent"  # type: ignore[misc]


def test_node_names_and_lookup_by_name():
    t = GameTree(
        ("Japan", "US"),
        decision(
            "US",
            {"Hold": decision("Japan", {"Sell": (0, 0), "Keep": (1, 1)}, name="brink")},
        ),
    )
    assert t.path_of("brink") == ("Hold",)
    with pytest.raises(ValueError, match="no node is named 'edge'"):
        t.node("edge")


def test_outline_is_readable():
    assert str(entry()) == (
        "Entry deterrence (payoffs: Entrant, Incumbent)\n"
        "Entrant moves\n"
        "├─ Out → (1, 5)\n"
        "└─ In → Incumbent moves\n"
        "   ├─ Fight → (-1, -1)\n"
        "   └─ Accommodate → (2, 2)"
    )


def test_a_deep_tree_needs_no_recursion():
    # 3,000 stages: building, backward induction, the normal form of the
    # deepest node and printing all work without Python's recursion limit.
    t = centipede(3000)
    spe = subgame_perfect(t)
    assert spe.count == 1 and spe[0].path == ("Take",)
    assert len(str(t).splitlines()) == len(t) + 1


# --- subgame perfection on textbook trees ---------------------------------------------------


def test_entry_deterrence_selten():
    # Selten (1978): the threat to fight is not credible; the unique SPE is (In, Accommodate).
    t = entry()
    sol = subgame_perfect(t)
    assert sol.count == 1 and sol.unique
    eq = sol[0]
    assert dict(eq.choices) == {(): "In", ("In",): "Accommodate"}
    assert eq.path == ("In", "Accommodate")
    assert eq.payoffs == (F(2), F(2))
    assert eq.plan("Incumbent") == {("In",): "Accommodate"}
    # (Out, Fight) is a Nash equilibrium that is not subgame perfect.
    report = nash_vs_spe(t)
    bad = {
        (r, c)
        for e in report.not_subgame_perfect
        if e.equilibrium.is_pure
        for r, c in [(e.equilibrium.row_support[0], e.equilibrium.col_support[0])]
    }
    g = report.game
    assert (g.row_labels.index("Out"), g.col_labels.index("Fight")) in bad
    threat = report.not_subgame_perfect[0].threats[0]
    assert (threat.node, threat.player, threat.action, threat.instead) == (
        ("In",),
        "Incumbent",
        "Fight",
        "Accommodate",
    )
    assert (threat.payoff, threat.payoff_instead, threat.on_path) == (F(-1), F(2), False)
    assert "Fight" in threat.describe() and "Accommodate" in threat.describe()


def test_entry_normal_form():
    g = to_bimatrix(entry())
    assert g.players == ("Entrant", "Incumbent")
    assert g.row_labels == ("Out", "In") and g.col_labels == ("Fight", "Accommodate")
    assert g.payoff("Out", "Fight") == (F(1), F(5))
    assert g.payoff("In", "Fight") == (F(-1), F(-1))
    assert g.title == "Entry deterrence"


def test_entry_example_module_matches_textbook_outcome():
    # The examples module uses the (0, 0) fight payoffs of many textbooks; same answer.
    assert subgame_perfect(entry_deterrence())[0].path == ("In", "Accommodate")


@pytest.mark.parametrize("pie", [2, 4, 7])
def test_ultimatum_with_a_discrete_pie(pie):
    # Ultimatum game (Güth, Schmittberger and Schwarze 1982) with whole units: the
    # responder accepts every positive offer and is indifferent at 0, so there are
    # exactly two SPEs: offer 0 (accepted) and offer 1 (0 would be rejected).
    sol = subgame_perfect(ultimatum(pie))
    assert sol.count == 2
    assert sol.payoff_set == ((F(pie - 1), F(1)), (F(pie), F(0)))
    first, second = sol
    assert first.path == ("Offer 0", "Accept")
    assert second.path == ("Offer 1", "Accept")
    assert second.choices[("Offer 0",)] == "Reject"
    for k in range(1, pie + 1):
        assert first.choices[(f"Offer {k}",)] == "Accept"
        assert second.choices[(f"Offer {k}",)] == "Accept"


@pytest.mark.parametrize("stages", [1, 2, 3, 4, 6])
def test_centipede_rosenthal(stages):
    # Rosenthal (1981): backward induction says take at once, at every stage.
    t = centipede(stages)
    sol = subgame_perfect(t)
    assert sol.count == 1
    assert set(sol[0].choices.values()) == {"Take"}
    assert sol[0].payoffs == (F(2), F(0))
    # Every Nash equilibrium ends the game at once as well (the classic result),
    # but some rest on "Pass" plans that would not be carried out.
    report = nash_vs_spe(t)
    assert all(e.payoffs_exact == (F(2), F(0)) for e in report.solution.equilibria)
    if stages >= 3:
        assert report.not_subgame_perfect


def test_a_tie_gives_two_subgame_perfect_equilibria():
    # B is indifferent after L; A's best move depends on how B breaks the tie.
    t = GameTree(
        ("A", "B"),
        decision("A", {"L": decision("B", {"x": (3, 1), "y": (0, 1)}), "R": (1, 0)}),
    )
    sol = subgame_perfect(t)
    assert sol.count == 2
    assert [dict(e.choices) for e in sol] == [
        {(): "L", ("L",): "x"},
        {(): "R", ("L",): "y"},
    ]
    assert [e.payoffs for e in sol] == [(F(3), F(1)), (F(1), F(0))]
    assert "(off the path)" in sol[1].describe()


def test_ties_off_the_path_count_too():
    # B's tie at a node A never lets happen still gives two SPEs with the same outcome.
    t = GameTree(
        ("A", "B"),
        decision("A", {"L": decision("B", {"x": (0, 1), "y": (0, 1)}), "R": (1, 0)}),
    )
    sol = subgame_perfect(t)
    assert sol.count == 2 and sol.payoff_set == ((F(1), F(0)),)
    assert {e.choices[("L",)] for e in sol} == {"x", "y"}


def test_chance_node_expected_payoffs():
    # Japan retaliates and escalation follows with probability 1/4 (stylized).
    t = GameTree(
        ("Japan", "US"),
        decision(
            "Japan",
            {
                "Accept": (-1, 2),
                "Retaliate": chance(
                    {"Escalation": (F(1, 4), (-4, -4)), "Talks": (F(3, 4), (1, 0))}
                ),
            },
        ),
    )
    sol = subgame_perfect(t)
    eq = sol[0]
    assert eq.payoffs == (F(-1, 4), F(-1))
    assert eq.path is None
    assert eq.outcomes == (
        (("Retaliate", "Escalation"), F(1, 4)),
        (("Retaliate", "Talks"), F(3, 4)),
    )
    assert to_bimatrix(t).payoff("Retaliate", 0) == (F(-1, 4), F(-1))


def test_chance_ties_combine():
    # Ties under a chance node: both branches' tied choices combine (2 x 2 = 4 SPEs),
    # and the payoffs of the combinations are averaged exactly.
    sub = decision("B", {"x": (0, 1), "y": (2, 1)})
    t = GameTree(("A", "B"), chance({"h": (F(1, 3), sub), "t": (F(2, 3), sub)}))
    sol = subgame_perfect(t)
    assert sol.count == 4
    assert set(sol.payoff_set) == {(F(0), F(1)), (F(2, 3), F(1)), (F(4, 3), F(1)), (F(2), F(1))}


def test_an_astronomical_number_of_equilibria_is_counted_not_listed():
    # A complete binary tree of depth 10 where nobody cares: every one of the 1023
    # decision nodes has a free choice, so there are 2**1023 SPEs.
    node = leaf(0, 0)
    for depth in range(10):
        node = decision("A" if depth % 2 else "B", {"l": node, "r": node})
    t = GameTree(("A", "B"), node)
    sol = subgame_perfect(t)
    assert sol.count == 2**1023
    with pytest.raises(ValueError, match="more than the 10,000"):
        _ = sol.equilibria
    first = sol.first()
    assert set(first.choices.values()) == {"l"} and len(first.choices) == 1023


def test_treasury_card_story():
    # Stylized payoffs: selling costs Japan more than putting up with the tariffs.
    t = treasury_card()
    sol = subgame_perfect(t)
    assert sol.count == 1
    eq = sol[0]
    assert eq.path == ("Demand", "Accept")
    assert eq.choices[("Demand", "Treasury card", "Hold")] == "Don't sell"
    report = nash_vs_spe(t)
    threats = {(th.node, th.action) for e in report.not_subgame_perfect for th in e.threats}
    assert (("Demand", "Treasury card", "Hold"), "Sell") in threats
    assert "Sell" in report.summary()


def test_reduced_strategies_merge_plans_ruled_out_by_own_moves():
    t = treasury_card()
    japan = [s.label for s in reduced_strategies(t, "Japan")]
    assert japan == ["Accept", "Retaliate", "Treasury card, Sell", "Treasury card, Don't sell"]
    us = [s.label for s in reduced_strategies(t, "US")]
    assert us == ["Demand, Hold", "Demand, Back down", "No demand"]
    g = to_bimatrix(t)
    assert g.shape == (4, 3)
    # Selling: orderly (-5, -2) with 3/4, market stress (-8, -10) with 1/4.
    assert g.payoff("Treasury card, Sell", "Demand, Hold") == (F(-23, 4), F(-4))


def test_every_spe_is_a_nash_equilibrium_of_the_normal_form_on_examples():
    for t in (entry(), treasury_card(), ultimatum(3), centipede(4)):
        g = to_bimatrix(t)
        m, n = g.shape
        for eq in subgame_perfect(t):
            r, c = eq.strategy_labels()
            x = pure(m, g.row_labels.index(r))
            y = pure(n, g.col_labels.index(c))
            assert is_equilibrium(g, x, y)


def test_mixed_equilibria_are_judged_by_behaviour_strategies():
    # Entry game: Out with the incumbent fighting with probability >= 1/3 is a
    # continuum of Nash equilibria; none of them is subgame perfect, and the
    # reported threat is fighting, not the entrant's choice.
    report = nash_vs_spe(entry())
    mixed = [e for e in report.not_subgame_perfect if not e.equilibrium.is_pure]
    assert mixed
    for e in mixed:
        assert {(t.node, t.action) for t in e.threats} == {(("In",), "Fight")}
        assert 0 < e.threats[0].probability < 1
    # With a tie the mixed equilibria between the tied actions are subgame perfect.
    t = GameTree(
        ("A", "B"),
        decision("A", {"L": decision("B", {"x": (3, 1), "y": (0, 1)}), "R": (1, 0)}),
    )
    report = nash_vs_spe(t)
    assert not report.not_subgame_perfect
    assert len(report.subgame_perfect) == len(solve(report.game).equilibria)


# --- parameters -----------------------------------------------------------------------------


def test_at_substitutes_by_name_and_keeps_fractions():
    c = sympy.Symbol("selling_cost", positive=True)
    q = sympy.Symbol("q")
    t = GameTree(
        ("Japan", "US"),
        decision(
            "Japan",
            {"Sell": chance({"Panic": (q, (-c, -3)), "Calm": (1 - q, (1 - c, 0))}), "Keep": (0, 0)},
        ),
    )
    assert [s.name for s in t.parameters] == ["q", "selling_cost"]
    half = t.at(q=0.5)
    assert half.symbolic and [s.name for s in half.parameters] == ["selling_cost"]
    n = t.at(q=F(1, 4), selling_cost=0.4)
    assert not n.symbolic
    assert n.node(("Sell",)).probabilities == (F(1, 4), F(3, 4))
    assert n.node(("Sell", "Calm")).payoffs == (F(3, 5), F(0))
    assert subgame_perfect(n)[0].payoffs == (F(7, 20), F(-3, 4))


def test_parameter_like_objects_are_used_through_their_symbol():
    class Parameter:  # what negotiation.symbolic.Parameter offers: a .symbol
        symbol = sympy.Symbol("tariff", real=True)

    t = GameTree(("A", "B"), decision("A", {"x": (Parameter(), 0), "y": (1, 1)}))
    assert t.at(tariff=2).node(("x",)).payoffs == (F(2), F(0))


@pytest.mark.parametrize(
    ("values", "error", "match"),
    [
        ({"cost": 1}, ValueError, "unknown parameter 'cost'; this tree's parameters are \\['c'\\]"),
        ({"c": math.nan}, ValueError, "the value of c must be a finite number"),
        ({"c": math.inf}, ValueError, "the value of c must be a finite number"),
        ({"c": "1/2"}, TypeError, "strings are never parsed"),
    ],
)
def test_at_rejects_bad_values(values, error, match):
    c = sympy.Symbol("c")
    t = GameTree(("A", "B"), decision("A", {"x": (c, 0), "y": (1, 1)}))
    with pytest.raises(error, match=match):
        t.at(**values)


def test_at_on_a_numeric_tree_says_there_are_no_parameters():
    with pytest.raises(ValueError, match="this tree has no parameters"):
        entry().at(c=1)


def test_substitution_that_breaks_a_probability_names_the_chance_node():
    q = sympy.Symbol("q")
    t = GameTree(
        ("A", "B"),
        decision(
            "A", {"go": chance({"bad": (q, (0, 0)), "good": (1 - q, (1, 1))}), "stay": (0, 0)}
        ),
    )
    with pytest.raises(ValueError, match=r"the probability of 'bad' at the chance node \('go',\)"):
        t.at(q=-0.5)


def test_division_by_zero_after_substitution_names_the_leaf():
    c = sympy.Symbol("c")
    t = GameTree(("A", "B"), decision("A", {"x": (1 / c, 0), "y": (1, 1)}))
    with pytest.raises(ValueError, match=r"the payoff of A at the leaf \('x',\)"):
        t.at(c=0)


@pytest.mark.parametrize(
    "operation",
    [subgame_perfect, to_bimatrix, nash_vs_spe],
    ids=["subgame_perfect", "to_bimatrix", "nash_vs_spe"],
)
def test_numeric_operations_name_the_node_and_the_free_symbols(operation):
    c = sympy.Symbol("selling_cost")
    t = GameTree(
        ("Japan", "US"),
        decision("US", {"Hold": decision("Japan", {"Sell": (-c, 1), "Keep": (0, 2)})}),
    )
    with pytest.raises(ValueError, match="needs numbers") as info:
        operation(t)
    message = str(info.value)
    assert "('Hold', 'Sell')" in message and "selling_cost" in message
    assert "tree.at(selling_cost=...)" in message


# --- bad input ------------------------------------------------------------------------------


def build(node):
    return GameTree(("Japan", "US"), node)


@pytest.mark.parametrize(
    ("node", "error", "match"),
    [
        (
            decision("Japan", {"Talk": decision("US", {})}),
            ValueError,
            r"the decision node at \('Talk',\) has no actions",
        ),
        (
            decision("Japan", {"Talk": decision("US", [("Hold", (0, 0)), ("Hold", (1, 1))])}),
            ValueError,
            r"the node at \('Talk',\) has the action 'Hold' twice",
        ),
        (
            decision("Japan", {"Talk": decision("US", {"": (0, 0)})}),
            ValueError,
            r"the node at \('Talk',\) has an empty action label",
        ),
        (
            decision("Japan", {"Talk": chance({"a": (-0.5, (0, 0)), "b": (1.5, (1, 1))})}),
            ValueError,
            r"the probability of 'a' at the chance node \('Talk',\) is -1/2",
        ),
        (
            decision("Japan", {"Talk": chance({"a": (0.5, (0, 0)), "b": (0.4, (1, 1))})}),
            ValueError,
            r"the probabilities at the chance node \('Talk',\) add up to 9/10, expected 1",
        ),
        (
            decision("Japan", {"Talk": decision("US", {"Hold": (1, 2, 3)})}),
            ValueError,
            r"the leaf at \('Talk', 'Hold'\) has 3 payoffs, expected 2",
        ),
        (
            decision("Japan", {"Talk": decision("China", {"Hold": (1, 2)})}),
            ValueError,
            r"unknown player 'China' at \('Talk',\); expected one of \['Japan', 'US'\]",
        ),
        (
            decision("Japan", {"Talk": decision("US", {"Hold": ("1/2", 2)})}),
            TypeError,
            r"the payoff of Japan at the leaf \('Talk', 'Hold'\) must be a number, got the "
            r"string '1/2'",
        ),
        (
            decision("Japan", {"Talk": decision("US", {"Hold": 7})}),
            TypeError,
            r"the child 'Hold' of the node at \('Talk',\) must be a node",
        ),
        (
            decision("Japan", {"Talk": decision("US", {"Hold": (math.nan, 2)})}),
            ValueError,
            r"the payoff of Japan at the leaf \('Talk', 'Hold'\) must be a finite number",
        ),
        (
            decision(
                "Japan",
                {"Talk": decision("US", {"Hold": (sympy.I + sympy.Symbol("x", real=True), 2)})},
            ),
            TypeError,
            r"the payoff of Japan at the leaf \('Talk', 'Hold'\) must be real",
        ),
        (
            decision("Japan", {"Talk": chance({"a": (sympy.Symbol("q"), (0, 0))})}),
            ValueError,
            r"the probabilities at the chance node \('Talk',\) must add up to 1 for every "
            r"parameter value, but they add up to q",
        ),
    ],
    ids=[
        "no-actions",
        "duplicate-labels",
        "empty-label",
        "negative-probability",
        "probabilities-not-one",
        "payoff-length",
        "unknown-player",
        "string-payoff",
        "not-a-node",
        "nan-payoff",
        "complex-payoff",
        "symbolic-probabilities",
    ],
)
def test_bad_trees_are_refused_with_the_node_path(node, error, match):
    with pytest.raises(error, match=match):
        build(node)


@pytest.mark.parametrize(
    ("players", "error", "match"),
    [
        ("Japan", TypeError, "players must be a pair of names"),
        (("Japan",), ValueError, "a game tree has two players, got 1"),
        (("Japan", "Japan"), ValueError, "need different names, got 'Japan' twice"),
        (("Japan", ""), ValueError, r"players\[1\] must be a non-empty name"),
    ],
)
def test_bad_players(players, error, match):
    with pytest.raises(error, match=match):
        GameTree(players, leaf(0, 0))


def test_builders_refuse_malformed_moves():
    with pytest.raises(TypeError, match=r"decision\('US', ...\): moves must be a dict"):
        decision("US", "Hold")
    with pytest.raises(TypeError, match="move 0 must be a pair"):
        decision("US", [("Hold",)])
    with pytest.raises(TypeError, match="must be a pair \\(probability, child\\)"):
        chance({"a": (0, 0, 0)})
    with pytest.raises(TypeError, match="a leaf's payoffs must be a tuple"):
        Terminal("12")  # type: ignore[arg-type]


def test_unknown_paths_say_where_they_break_off():
    t = treasury_card()
    with pytest.raises(ValueError, match=r"the node at \('Demand',\) has the actions"):
        t.node(("Demand", "Sell"))
    with pytest.raises(ValueError, match=r"\('Demand', 'Accept'\) is a leaf"):
        t.node(("Demand", "Accept", "Hold"))
    with pytest.raises(TypeError, match="a path is a tuple of action labels"):
        t.node((1, 2))  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="a node is given by its path"):
        t.node(3)  # type: ignore[arg-type]


def test_spe_of_a_non_tree_is_a_type_error():
    with pytest.raises(TypeError, match="subgame_perfect\\(\\) needs a GameTree"):
        subgame_perfect("tree")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="to_bimatrix\\(\\) needs a GameTree"):
        to_bimatrix(None)  # type: ignore[arg-type]


def test_direct_node_construction_is_checked_by_the_tree():
    node = Decision("US", ("Hold",), (Chance(("a",), (1,), (Terminal((0, 0)),)),))
    t = GameTree(("Japan", "US"), node)
    assert t.node(("Hold", "a")).payoffs == (F(0), F(0))
    with pytest.raises(ValueError, match=r"the node at \(\) \(the root\) has 2 actions but 1"):
        GameTree(("Japan", "US"), Decision("US", ("a", "b"), (Terminal((0, 0)),)))
