"""Tests for negotiation.bargaining.offers: Rubinstein shares, deadlines, outside options, breakdown risk."""

from __future__ import annotations

import math
from fractions import Fraction

import numpy as np
import pytest
import sympy
from hypothesis import assume, given
from hypothesis import strategies as st

from negotiation.bargaining import BargainingProblem, nash_solution
from negotiation.bargaining.offers import (
    OfferRound,
    OffersResult,
    alternating_offers,
    linear_schedule,
    rubinstein_shares,
)

deltas = st.fractions(min_value=Fraction(1, 100), max_value=Fraction(99, 100), max_denominator=100)
shares = st.fractions(min_value=0, max_value=Fraction(9, 20), max_denominator=40)


# --- an independent reference: backward induction written out by hand ----------------------


def backward_induction(T, d1_schedule, d2_schedule, p=0, d=(0, 0), w=None, first=0):
    """Player 1's share of the split proposed in each round 1..T (plain Fractions)."""
    values = {}
    nxt = None
    for t in range(T, 0, -1):
        proposer = (first + t - 1) % 2
        responder = 1 - proposer
        if nxt is None:
            reject = Fraction(d[responder])
        else:
            delta = (d1_schedule, d2_schedule)[responder]
            delta = delta[t - 1] if isinstance(delta, list | tuple) else delta
            reject = p * d[responder] + (1 - p) * delta * nxt[responder]
        floor = reject if w is None else max(reject, w[responder])
        split = [None, None]
        split[responder] = floor
        split[proposer] = 1 - floor
        nxt = tuple(split)
        values[t] = nxt
    return values


# --- Rubinstein (1982) ---------------------------------------------------------------------


@given(deltas, deltas)
def test_rubinstein_shares_closed_form(d1, d2):
    # Rubinstein (1982): the first proposer gets (1 - d2) / (1 - d1 d2)
    s = rubinstein_shares(d1, d2)
    assert s.proposer == (1 - d2) / (1 - d1 * d2)
    assert s.proposer + s.responder == 1
    assert isinstance(s.proposer, Fraction)
    # they are the stationary subgame-perfect shares of alternating offers
    assert alternating_offers(d1, d2).shares == (s.proposer, s.responder)
    assert alternating_offers(d2, d1, first=1).shares == (s.responder, s.proposer)


def test_rubinstein_symbolic_and_float_input():
    d1, d2 = sympy.symbols("delta1 delta2", positive=True)
    s = rubinstein_shares(d1, d2)
    assert sympy.simplify(s.proposer - (1 - d2) / (1 - d1 * d2)) == 0
    assert sympy.simplify(s.proposer + s.responder) == 1
    assert s.proposer.subs(
        {d1: sympy.Rational(9, 10), d2: sympy.Rational(9, 10)}
    ) == sympy.Rational(10, 19)
    mixed = rubinstein_shares(d1, Fraction(1, 2))
    assert sympy.simplify(mixed.proposer - 1 / (2 - d1)) == 0
    # floats are read as the decimals they print as
    assert rubinstein_shares(0.9, 0.9).proposer == Fraction(10, 19)
    # the more patient side gets more; equal patience favours the proposer
    assert rubinstein_shares(0.99, 0.5).proposer > rubinstein_shares(0.5, 0.99).proposer
    assert rubinstein_shares(0.9, 0.9).proposer > Fraction(1, 2)


# --- deadlines ----------------------------------------------------------------------------


@pytest.mark.parametrize("T", [1, 2, 3, 4, 7, 20])
def test_finite_horizon_against_hand_written_backward_induction(T):
    d1, d2 = Fraction(9, 10), Fraction(4, 5)
    result = alternating_offers(d1, d2, rounds=T)
    ref = backward_induction(T, d1, d2)
    assert result.shares == ref[1]
    for row in result.trace:
        assert row.offer == ref[row.round]
    assert len(result.trace) == T
    assert [r.on_path for r in result.trace] == [True] + [False] * (T - 1)
    assert result.trace[-1].discount is None


def test_ultimatum_and_two_rounds():
    assert alternating_offers(0.9, 0.8, rounds=1).shares == (1, 0)  # take it or leave it
    assert alternating_offers(0.9, 0.8, rounds=2).shares == (Fraction(1, 5), Fraction(4, 5))


@given(deltas, deltas, st.integers(1, 60))
def test_finite_horizon_approaches_rubinstein(d1, d2, T):
    # Osborne and Rubinstein (1990, section 3.10): with T rounds the proposer's share is
    # within (d1 d2)**floor((T - 1) / 2) of Rubinstein's, approaching it as T grows.
    x_T = alternating_offers(d1, d2, rounds=T).shares[0]
    x = rubinstein_shares(d1, d2).proposer
    assert abs(x_T - x) <= (d1 * d2) ** ((T - 1) // 2)
    if T >= 3:
        x_T2 = alternating_offers(d1, d2, rounds=T - 2).shares[0]
        assert abs(x_T - x) <= abs(x_T2 - x)


def test_long_deadline_is_exact_and_close():
    result = alternating_offers(0.9, 0.95, rounds=1000)
    x = rubinstein_shares(0.9, 0.95).proposer
    assert isinstance(result.shares[0], Fraction)
    assert abs(result.shares[0] - x) <= Fraction(9 * 19, 200) ** 499
    arrays = result.plan_arrays()
    assert arrays["share1"].shape == (1000,)
    assert arrays["share1"][-1] == 0.0  # the US proposes last and takes everything
    assert arrays["share1"][0] == pytest.approx(float(result.shares[0]), abs=1e-15)


def test_falling_patience_schedule():
    # patience that falls towards the deadline (the July 2025 squeeze)
    schedule = linear_schedule(Fraction(19, 20), Fraction(1, 2), 5)
    assert schedule == (
        Fraction(19, 20),
        Fraction(67, 80),
        Fraction(29, 40),
        Fraction(49, 80),
        Fraction(1, 2),
    )
    result = alternating_offers(schedule, Fraction(9, 10), rounds=6, players=("Japan", "US"))
    ref = backward_induction(6, list(schedule), Fraction(9, 10))
    assert [r.offer for r in result.trace] == [ref[t] for t in range(1, 7)]
    assert [r.discount for r in result.trace[:-1]] == [(s, Fraction(9, 10)) for s in schedule]
    # a schedule with factor 1 early on (no cost of delay) is allowed with a deadline
    assert (
        alternating_offers([1, 1, Fraction(1, 2)], [1, 1, 1], rounds=4).shares
        == backward_induction(4, [1, 1, Fraction(1, 2)], [1, 1, 1])[1]
    )


# --- outside options (Binmore, Shaked and Sutton 1989) ---------------------------------


@given(deltas, deltas, shares)
def test_outside_option_principle(d1, d2, w2):
    # An outside option worth less than the responder's equilibrium share changes nothing;
    # one worth more is exactly what the responder gets (Osborne and Rubinstein 1990, 3.12).
    x = rubinstein_shares(d1, d2)
    result = alternating_offers(d1, d2, outside_options=(0, w2))
    if w2 <= x.responder:
        assert result.shares == (x.proposer, x.responder)
    else:
        assert result.shares == (1 - w2, w2)


@given(deltas, deltas, shares, shares, st.integers(1, 12))
def test_outside_options_finite_against_reference(d1, d2, w1, w2, T):
    assume(w1 + w2 < 1)
    result = alternating_offers(d1, d2, rounds=T, outside_options=(w1, w2))
    ref = backward_induction(T, d1, d2, w=(w1, w2))
    assert [r.offer for r in result.trace] == [ref[t] for t in range(1, T + 1)]


# --- breakdown risk (Binmore, Rubinstein and Wolinsky 1986) ---------------------------


@given(
    st.fractions(min_value=Fraction(1, 1000), max_value=1, max_denominator=1000),
    shares,
    shares,
)
def test_breakdown_risk_converges_to_nash(p, d1, d2):
    # BRW (1986), Osborne and Rubinstein (1990, section 4.2): with no impatience and a
    # breakdown probability p after each rejection, player 1 proposing gets
    # x(p) = (1 - d2 + (1 - p) d1) / (2 - p); its distance to the Nash solution
    # (1 + d1 - d2) / 2 is p (1 - d1 - d2) / (2 (2 - p)) -> 0 as p -> 0.
    result = alternating_offers(1, 1, breakdown=p, disagreement=(d1, d2))
    nash = nash_solution(BargainingProblem.from_outcomes([(1, 0), (0, 1)], (d1, d2))).utilities
    x = result.shares[0]
    assert x == (1 - d2 + (1 - p) * d1) / (2 - p)
    assert x - nash[0] == p * (1 - d1 - d2) / (2 * (2 - p))
    # the two proposers' shares average exactly to the Nash split
    y = alternating_offers(1, 1, breakdown=p, disagreement=(d1, d2), first=1).shares[0]
    assert (x + y) / 2 == nash[0]


def test_breakdown_finite_against_reference():
    p, d = Fraction(1, 20), (Fraction(1, 10), Fraction(1, 5))
    result = alternating_offers(
        Fraction(9, 10), Fraction(19, 20), rounds=9, breakdown=p, disagreement=d
    )
    ref = backward_induction(9, Fraction(9, 10), Fraction(19, 20), p=p, d=d)
    assert [r.offer for r in result.trace] == [ref[t] for t in range(1, 10)]


def test_short_time_between_offers_gives_generalised_nash():
    # Binmore, Rubinstein and Wolinsky (1986): with discount rates r1, r2 and time Delta
    # between offers, delta_i = exp(-r_i Delta); as Delta -> 0 the split tends to the
    # generalised Nash solution with power r2 / (r1 + r2).
    r1, r2 = 0.05, 0.15
    target = nash_solution(
        BargainingProblem.from_outcomes([(1, 0), (0, 1)], (0, 0)), power=Fraction(3, 4)
    ).point[0]
    gaps = []
    for delta_t in (0.1, 0.01, 0.001):
        x = alternating_offers(math.exp(-r1 * delta_t), math.exp(-r2 * delta_t)).shares[0]
        gaps.append(abs(float(x) - target))
    assert gaps[0] > gaps[1] > gaps[2]
    assert gaps[2] < 1e-4


# --- actual proposals and the trace --------------------------------------------------------


def test_greedy_opening_is_rejected_and_costs_both():
    result = alternating_offers(
        Fraction(9, 10),
        Fraction(9, 10),
        rounds=5,
        proposals=[Fraction(9, 10)],
        players=("Japan", "US"),
    )
    played = result.path
    assert [(r.round, r.response) for r in played] == [(1, "reject"), (2, "accept")]
    assert played[0].reservation == Fraction(9, 10) * (1 - played[1].offer[0])
    assert result.agreement_round == 2
    # valued at round 1, the deal in round 2 is discounted once
    assert result.payoffs == (
        Fraction(9, 10) * result.shares[0],
        Fraction(9, 10) * result.shares[1],
    )
    assert "after 1 rejected offer they agree in round 2" in result.describe()
    assert "Japan" in result.describe()


def test_proposals_until_the_deadline_end_in_disagreement():
    # player 1 demands everything, then player 2 does: both rejected, the deadline passes
    result = alternating_offers(0.9, 0.9, rounds=2, proposals=[1, 0], disagreement=(0.1, 0.2))
    assert result.outcome == "deadline"
    assert result.shares is None
    assert result.payoffs == (Fraction(9, 10) * Fraction(1, 10), Fraction(9, 10) * Fraction(1, 5))
    assert "no offer is accepted" in result.describe()


def test_opt_out_on_the_path():
    result = alternating_offers(
        0.9, 0.9, outside_options=(0, 0.6), proposals=[0.9], players=("J", "U")
    )
    assert result.outcome == "opt out"
    assert result.path[0].response == "opt out"
    assert result.payoffs == (0, Fraction(3, 5))
    assert "U walks away" in result.describe()


def test_generous_offer_is_accepted_and_trace_types():
    result = alternating_offers(0.9, 0.9, rounds=3, proposals=[Fraction(1, 2)])
    assert result.path[0].response == "accept"
    assert result.shares == (Fraction(1, 2), Fraction(1, 2))
    assert isinstance(result, OffersResult)
    assert all(isinstance(r, OfferRound) for r in result.trace)
    assert result.proposer_share == Fraction(1, 2)
    assert result.exact


def test_irrational_input_works_in_floats():
    result = alternating_offers(sympy.sqrt(2) / 2, 0.9, rounds=30)
    assert not result.exact
    close = alternating_offers(0.7071067811865476, 0.9, rounds=30)
    assert float(result.shares[0]) == pytest.approx(float(close.shares[0]), abs=1e-12)


# --- bad input ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"delta1": 0}, r"delta1 must be a discount factor in \(0, 1\).*got 0"),
        ({"delta1": -0.1}, r"delta1 must be a discount factor.*got -1/10"),
        ({"delta2": 1.5}, r"delta2 must be a discount factor.*got 3/2"),
        ({"delta2": 1}, r"delta2 must be a discount factor in \(0, 1\).*got 1"),
        (
            {"rounds": 3, "delta1": 1.01},
            r"delta1 must be a discount factor in \(0, 1\].*got 101/100",
        ),
        ({"breakdown": -0.1}, r"breakdown must be a probability in \[0, 1\].*got -1/10"),
        ({"breakdown": 1.5}, r"breakdown must be a probability.*got 3/2"),
        ({"disagreement": (0.6, 0.5)}, r"disagreement must add up to less than 1.*3/5 \+ 1/2"),
        ({"disagreement": (-0.1, 0)}, r"disagreement\[0\] must be a share.*got -1/10"),
        ({"outside_options": (0.5, 0.5)}, r"outside_options must add up to less than 1"),
        ({"rounds": 0}, r"rounds must be a positive integer.*got 0"),
        ({"rounds": 3, "delta1": [0.9]}, r"delta1 must have rounds - 1 = 2 entries.*got 1"),
        ({"delta1": [0.9, 0.8]}, "schedule.*only with a deadline"),
        ({"rounds": 3, "delta1": [0.9, 0]}, r"delta1\[1\] must be a discount factor.*got 0"),
        ({"proposals": [1.2]}, r"proposals\[0\] must be player 1's share.*got 6/5"),
        ({"rounds": 1, "proposals": [0.5, 0.5]}, "proposals has 2 offers but the deadline is 1"),
        ({"first": 2}, "first must be 0, 1 or a player's name.*got 2"),
        ({"first": "Japan"}, "got 'Japan'"),
    ],
)
def test_bad_input_names_the_value(kwargs, match):
    args = {"delta1": 0.9, "delta2": 0.9}
    args.update(kwargs)
    d1, d2 = args.pop("delta1"), args.pop("delta2")
    with pytest.raises(ValueError, match=match):
        alternating_offers(d1, d2, **args)


def test_bad_rubinstein_input():
    with pytest.raises(ValueError, match=r"delta1 must be a discount factor.*got 0"):
        rubinstein_shares(0, 0.5)
    with pytest.raises(ValueError, match=r"delta2 must be a discount factor.*got 2"):
        rubinstein_shares(0.5, 2)
    with pytest.raises(TypeError, match="string"):
        rubinstein_shares("0.9", 0.9)
    with pytest.raises(ValueError, match="steps must be a positive integer, got 0"):
        linear_schedule(0.9, 0.5, 0)


# --- the figure ---------------------------------------------------------------------------


def test_plot_offers_trace():
    from negotiation.plots.bargaining import plot_offers_trace

    result = alternating_offers(0.9, 0.8, rounds=6, proposals=[0.9], players=("Japan", "US"))
    fig = plot_offers_trace(result, reference={"no deadline": 0.5})
    ax = fig.axes[0]
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert "Japan proposes: equilibrium offer" in legend
    assert "US proposes: equilibrium offer" in legend
    assert "offer made and rejected" in legend
    assert "offer made and accepted" in legend
    assert ax.get_ylabel() == "Japan's share of the gains from a deal"
    long = plot_offers_trace(alternating_offers(0.97, 0.95, rounds=300))
    assert long.axes[0].get_xlim()[1] > 300
    rows = plot_offers_trace(list(result.trace))
    assert rows.axes
    with pytest.raises(TypeError, match="OffersResult"):
        plot_offers_trace([1, 2])
    assert np.isfinite(result.plan_arrays()["reservation"]).all()
