"""Kreps and Wilson's chain store: the closed form checked as an equilibrium from first principles.

For every state (markets left, reputation) the equilibrium can reach, on the path or
off it, the test recomputes from the payoffs: that the entrant's choice is a best
response to the incumbent's fighting probability (mixing only when indifferent), that
the weak incumbent's choice after an entry is a best response given the continuation
values (computed by recursion over the markets left, under the same strategies), and
that the reputation after a fight follows Bayes' rule whenever a fight can happen.
"""

from __future__ import annotations

from fractions import Fraction
from functools import cache

import pytest
from hypothesis import given
from hypothesis import strategies as st

from negotiation.information import reputation_game

F = Fraction


def check_equilibrium(game):
    a, b = game.a, game.b

    @cache
    def weak_value(k, p):
        """A weak incumbent's expected payoff from market k on, at reputation p."""
        if k == 0:
            return F(0)
        play = game.market(k, p)
        fight = -1 + weak_value(k - 1, play.after_fight)
        accommodate = 0 + weak_value(k - 1, F(0))
        entry = play.fight * fight + (1 - play.fight) * accommodate
        return play.stay_out * (a + weak_value(k - 1, p)) + (1 - play.stay_out) * entry

    states, todo = set(), [(game.markets, game.prior)]
    while todo:
        k, p = todo.pop()
        if k == 0 or (k, p) in states:
            continue
        states.add((k, p))
        play = game.market(k, p)
        todo += [(k - 1, p), (k - 1, play.after_fight), (k - 1, F(0))]
    for k, p in states:
        play = game.market(k, p)
        # the entrant: entering pays b - P(fight)
        fought = p + (1 - p) * play.fight
        gain = b - fought
        if play.stay_out == 1:
            assert gain <= 0
        elif play.stay_out == 0:
            assert gain >= 0
        else:
            assert gain == 0
        # the weak incumbent after an entry
        fight = -1 + weak_value(k - 1, play.after_fight)
        accommodate = weak_value(k - 1, F(0))
        if play.fight == 1:
            assert fight >= accommodate
        elif play.fight == 0:
            assert accommodate >= fight
        else:
            assert fight == accommodate
        # Bayes' rule after a fight, when a fight can happen
        if fought:
            assert play.after_fight == p / fought
    return states


def test_kreps_wilson_example():
    # Kreps and Wilson (1982): a = 2, b = 1/2, prior 1/10, ten markets. Entrants stay out
    # while (1/2)**k < 1/10, i.e. with 4 or more markets left.
    game = reputation_game(10, F(1, 10), 2, F(1, 2))
    assert game.deterred == 7
    assert [game.market(k).stay_out for k in range(10, 0, -1)] == [1] * 7 + [0] * 3
    three = game.market(3)
    assert (three.fight, three.after_fight) == (F(1, 3), F(1, 4))
    assert game.market(1).fight == 0  # the last market: no reputation left to protect
    check_equilibrium(game)


def test_without_doubt_the_threat_unravels():
    # Selten (1978): as the prior goes to 0, entry spreads back to the first market;
    # with a tiny prior, only the markets with b**k < prior are deterred.
    game = reputation_game(5, F(1, 10**6), 3, F(1, 2))
    assert game.deterred == 0
    assert all(game.market(k).stay_out == 0 for k in range(1, 6))
    check_equilibrium(game)


@given(
    st.integers(1, 7),
    st.fractions(min_value=F(1, 50), max_value=F(49, 50), max_denominator=50),
    st.fractions(min_value=F(21, 20), max_value=4, max_denominator=20),
    st.fractions(min_value=F(1, 20), max_value=F(19, 20), max_denominator=20),
)
def test_the_closed_form_is_an_equilibrium_everywhere(n, prior, a, b):
    game = reputation_game(n, prior, a, b)
    states = check_equilibrium(game)
    assert (n, prior) in states
    # entry is deterred exactly in the first markets whose threshold is below the prior
    assert game.deterred == sum(1 for k in range(1, n + 1) if b**k < prior)


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"markets": 0}, "at least 1"),
        ({"prior": 0}, "strictly between 0 and 1"),
        ({"prior": F(3, 2)}, "between 0 and 1"),
        ({"a": 1}, "must exceed 1"),
        ({"b": 1}, "between 0 and 1"),
    ],
)
def test_bad_input(kwargs, match):
    args = {"markets": 3, "prior": F(1, 4), "a": 2, "b": F(1, 2), **kwargs}
    with pytest.raises(ValueError, match=match):
        reputation_game(**args)


def test_market_out_of_range():
    with pytest.raises(ValueError, match="from 1 to 3"):
        reputation_game(3, F(1, 4), 2, F(1, 2)).market(4)
