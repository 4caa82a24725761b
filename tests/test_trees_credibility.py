"""Credible threats and brinkmanship (negotiation.trees.credibility).

Credibility is Selten's (1965) test applied to one action: is it optimal when its
node is reached? Brinkmanship follows Schelling (1960, ch. 8) as formalised by
Dixit, Skeath and Reiley, *Games of Strategy* (3rd ed., 2009, ch. 14): a risk q is
*effective* when the opponent then prefers to comply, and *acceptable* (tolerable)
when the threatener still prefers making the threat, given a probability p that
the opponent is a hard-liner who defies anyway.
"""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest
import sympy

from negotiation.trees import (
    Brinkmanship,
    GameTree,
    brinkmanship,
    credibility,
    decision,
    subgame_perfect,
)
from negotiation.trees.examples import treasury_card

F = Fraction


def entry() -> GameTree:
    # Selten (1978): the entry game.
    return GameTree(
        ("Entrant", "Incumbent"),
        decision(
            "Entrant",
            {
                "Out": (1, 5),
                "In": decision("Incumbent", {"Fight": (-1, -1), "Accommodate": (2, 2)}),
            },
        ),
    )


# --- numeric trees --------------------------------------------------------------------------


def test_fighting_an_entrant_is_not_credible():
    c = credibility(entry(), ("In",), "Fight")
    assert c.credible is False and c.condition == sympy.false
    assert c.player == "Incumbent" and c.node == ("In",)
    assert c.payoffs == {"Fight": F(-1), "Accommodate": F(2)}
    assert "Incumbent would choose Accommodate instead" in c.explanation
    good = credibility(entry(), ("In",), "Accommodate")
    assert good.credible is True and "best choice" in good.explanation


def test_ties_are_weakly_but_not_strictly_credible():
    t = GameTree(("A", "B"), decision("A", {"L": decision("B", {"x": (3, 1), "y": (0, 1)})}))
    weak = credibility(t, ("L",), "y")
    strict = credibility(t, ("L",), "y", strict=True)
    assert weak.credible is True and strict.credible is False
    assert "indifferent" in weak.explanation
    assert "not strictly credible" in strict.explanation


def test_ties_further_down_give_payoff_ranges():
    # After L, B is indifferent between x and y, which matters to A: A's payoff from
    # L is 0 or 3, so both L and R (1) are credible for A, and neither strictly.
    t = GameTree(
        ("A", "B"), decision("A", {"L": decision("B", {"x": (3, 1), "y": (0, 1)}), "R": (1, 0)})
    )
    c = credibility(t, (), "R")
    assert c.credible is True
    assert c.payoffs["L"] == (F(0), F(3))
    assert "between 0 and 3" in c.explanation
    assert credibility(t, (), "L", strict=True).credible is False


def test_treasury_card_selling_is_not_credible_with_the_stylized_payoffs():
    c = credibility(treasury_card(), ("Demand", "Treasury card", "Hold"), "Sell")
    assert c.credible is False
    assert c.payoffs == {"Sell": F(-23, 4), "Don't sell": F(-4)}


def test_a_node_can_be_given_by_name():
    t = GameTree(
        ("Japan", "US"),
        decision("US", {"Hold": decision("Japan", {"Sell": (0, 0), "Keep": (1, 1)}, name="brink")}),
    )
    assert credibility(t, "brink", "Keep").node == ("Hold",)


# --- symbolic trees -------------------------------------------------------------------------


def test_the_condition_is_solved_for_the_parameter():
    c = sympy.Symbol("selling_cost", positive=True)
    result = credibility(treasury_card(selling_cost=c), ("Demand", "Treasury card", "Hold"), "Sell")
    assert result.credible is None
    assert result.condition == sympy.Le(c, F(13, 4))
    assert result.solved_for == c
    assert "Sell is credible if and only if selling_cost <= 13/4" in result.explanation
    assert result.holds(selling_cost=3) and not result.holds(selling_cost=3.5)
    strict = credibility(
        treasury_card(selling_cost=c), ("Demand", "Treasury card", "Hold"), "Sell", strict=True
    )
    assert strict.condition == sympy.Lt(c, F(13, 4))


def test_conditions_that_depend_on_later_choices():
    # Whether the US holds depends on whether Japan would sell afterwards.
    cost = sympy.Symbol("selling_cost", positive=True)
    t = GameTree(
        ("Japan", "US"),
        decision(
            "US",
            {
                "Hold": decision("Japan", {"Sell": (2 - 5 * cost, -4), "Don't sell": (1, 3)}),
                "Back down": (3, 1),
            },
        ),
    )
    hold = credibility(t, (), "Hold")
    assert hold.condition == sympy.Ge(cost, F(1, 5))
    assert hold.payoffs["Hold"] is None  # piecewise: it depends on Japan's later choice
    rng = np.random.default_rng(3)
    for v in [F(1, 5), *(F(int(k), 20) for k in rng.integers(1, 20, size=8))]:
        assert hold.holds(selling_cost=v) == credibility(t.at(selling_cost=v), (), "Hold").credible


def test_conditions_with_several_parameters_are_isolated_for_the_one_asked():
    c, b = sympy.symbols("selling_cost benefit", positive=True)
    t = GameTree(("Japan", "US"), decision("Japan", {"Sell": (b - 2 * c, 0), "Keep": (0, 0)}))
    result = credibility(t, (), "Sell", solve_for="selling_cost")
    assert result.condition == sympy.Le(c, b / 2)
    assert result.holds(selling_cost=1, benefit=3)
    assert not result.holds(selling_cost=2, benefit=3)
    with pytest.raises(ValueError, match=r"still depends on \['benefit'\]"):
        result.holds(selling_cost=1)


def test_always_and_never():
    x = sympy.Symbol("x", real=True)
    t = GameTree(("A", "B"), decision("A", {"a": (x**2 + 1, 0), "b": (0, 0)}))
    assert credibility(t, (), "a").credible is True
    assert credibility(t, (), "b").credible is False
    assert "for every value" in credibility(t, (), "a").explanation


# --- bad input ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("node", "action", "kwargs", "error", "match"),
    [
        (("Out",), "x", {}, ValueError, r"the node at \('Out',\) is a leaf; no player chooses"),
        (("In", "Sell"), "x", {}, ValueError, r"no node at \('In', 'Sell'\)"),
        (("In",), "Sell", {}, ValueError, r"the node at \('In',\) has no action 'Sell'"),
        (("In",), 3, {}, TypeError, "action must be an action label"),
        (("In",), "Fight", {"solve_for": "cost"}, ValueError, "cannot solve for 'cost'"),
        (("In",), "Fight", {"strict": "yes"}, TypeError, "strict must be True or False"),
    ],
)
def test_bad_credibility_questions(node, action, kwargs, error, match):
    with pytest.raises(error, match=match):
        credibility(entry(), node, action, **kwargs)


def test_chance_nodes_have_no_threats():
    t = treasury_card()
    with pytest.raises(ValueError, match=r"is a chance node; no player chooses there"):
        credibility(t, ("Demand", "Treasury card", "Hold", "Sell"), "Orderly")


def test_holds_checks_its_values():
    c = sympy.Symbol("c")
    t = GameTree(("A", "B"), decision("A", {"a": (c, 0), "b": (0, 0)}))
    result = credibility(t, (), "a")
    with pytest.raises(ValueError, match=r"unknown parameter\(s\) \['d'\]"):
        result.holds(d=1)
    with pytest.raises(ValueError, match="no values are needed"):
        credibility(entry(), ("In",), "Fight").holds(c=1)


# --- brinkmanship ---------------------------------------------------------------------------


def model(**changes) -> Brinkmanship:
    fields = {
        "threatener": "Japan",
        "target": "US",
        "comply": (1, -1),
        "defy_disaster": (-10, -10),
        "defy_no_disaster": (-2, 2),
        "hardline": F(1, 2),
    }
    fields.update(changes)
    return Brinkmanship(**fields)


def test_effectiveness_and_acceptability_by_hand():
    # Effective: -1 >= -10 q + 2 (1 - q)        <=>  q >= 1/4.
    # Acceptable: 1/2 * 1 + 1/2 (-10 q - 2 (1 - q)) >= -2  <=>  q <= 3/8.
    result = model().analyse()
    assert (result.effective.low, result.effective.high) == (F(1, 4), F(1))
    assert (result.tolerable.low, result.tolerable.high) == (F(0), F(3, 8))
    assert (result.window.low, result.window.high) == (F(1, 4), F(3, 8))
    assert result.possible and F(3, 10) in result.window and F(1, 2) not in result.window
    assert "the smallest effective risk, q = 1/4" in result.explanation
    assert "A plain threat (q = 1) would be too much for Japan" in result.explanation


def test_general_formulas_on_random_models():
    rng = np.random.default_rng(7)
    for _ in range(200):
        c, d, n, z = (F(int(v)) for v in rng.integers(-10, 11, size=4))
        cT, dT, nT = (F(int(v)) for v in rng.integers(-10, 11, size=3))
        p = F(int(rng.integers(0, 5)), 4)
        m = Brinkmanship("J", "U", (cT, c), (dT, d), (nT, n), (z, 0), hardline=p)
        for q in (F(k, 20) for k in range(21)):
            effective = c >= q * d + (1 - q) * n
            tolerable = (1 - p) * cT + p * (q * dT + (1 - q) * nT) >= z
            assert (m.effective() is not None and q in m.effective()) == effective
            assert (m.tolerable() is not None and q in m.tolerable()) == tolerable


def test_an_empty_window_is_explained():
    # A hard-line US half the time and a disaster Japan hates: the risk that would
    # move the US (q >= 1/4) is more than Japan can stand (q <= 1/16).
    result = model(defy_disaster=(-50, -10)).analyse()
    assert result.window is None and not result.possible
    assert "US needs at least q = 1/4 to comply, but Japan can stand at most q = 1/16" in (
        result.explanation
    )


def test_no_risk_large_enough():
    result = model(defy_disaster=(-10, 0)).analyse()  # the US does not mind the disaster
    assert result.effective is None and result.window is None
    assert "No risk is large enough" in result.explanation


def test_no_risk_tolerable():
    # The US always defies, and Japan is better off without the threat even at q = 0.
    result = model(hardline=1, no_threat=(0, 2)).analyse()
    assert result.tolerable is None
    assert "No risk is tolerable" in result.explanation


def test_a_plain_threat_that_works_needs_no_brinkmanship():
    result = model(hardline=0).analyse()
    assert result.window is not None and 1 in result.window
    assert "plain threat" not in result.explanation


def test_the_tree_of_the_model_agrees_with_the_conditions():
    m = model()
    symbolic = m.to_tree()
    (q,) = symbolic.parameters
    comply = credibility(symbolic, ("Threaten", "Responsive"), "Comply")
    assert comply.condition == sympy.Ge(q, F(1, 4))
    for value in (F(1, 5), F(3, 10), F(1, 2)):
        eq = subgame_perfect(m.to_tree(value)).first()
        threatens = eq.choices[()] == "Threaten"
        complies = eq.choices[("Threaten", "Responsive")] == "Comply"
        assert complies == (value in m.effective())
        if complies:
            assert threatens == (value in m.tolerable())


def test_brinkmanship_from_the_treasury_tree():
    t = treasury_card()
    result = brinkmanship(t, ("Demand", "Treasury card", "Hold"), "Sell", hardline=F(1, 4))
    b = result.model
    assert (b.threatener, b.target) == ("Japan", "US")
    assert b.comply == (F(1), F(-1)) and b.comply_action == "Back down"
    assert b.defy_action == "Hold" and b.disaster_action == "Sell"
    assert b.defy_disaster == (F(-23, 4), F(-4))
    assert b.defy_no_disaster == (F(-4), F(4))
    assert b.no_threat == (F(-2), F(3)) and b.no_threat_action == "Accept"
    # The US backs down when -1 >= -4 q + 4 (1 - q), that is q >= 5/8.
    assert result.effective.low == F(5, 8)


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"hardline": F(3, 2)}, ValueError, "hardline is a probability"),
        ({"target": "Japan"}, ValueError, "the threatener and the target must differ"),
        ({"comply": (1, 2, 3)}, TypeError, "comply must be a pair of payoffs"),
        ({"comply": (sympy.Symbol("x"), 2)}, TypeError, "unsubstituted symbol"),
        ({"comply_action": ""}, TypeError, "comply_action must be a non-empty string"),
    ],
)
def test_bad_brinkmanship_models(kwargs, error, match):
    with pytest.raises(error, match=match):
        model(**kwargs)


def test_bad_brinkmanship_trees():
    t = treasury_card()
    with pytest.raises(ValueError, match=r"needs the threat at .* to answer a choice of the other"):
        brinkmanship(t, (), "Demand")
    with pytest.raises(ValueError, match="is a leaf"):
        brinkmanship(t, ("No demand",), "x")
    with pytest.raises(ValueError, match="q is a probability"):
        model().to_tree(2)
