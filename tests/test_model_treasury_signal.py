"""The treasury_signal model: every equilibrium checked independently, closed forms by hand.

The payoffs are written again here from the table in the module's docstring (not taken
from the model's tree), so that a wrong leaf in the tree would show up as regret.
"""

from __future__ import annotations

import itertools
from fractions import Fraction as F

import numpy as np
import pytest

from negotiation import scenarios
from negotiation.information import perfect_bayesian
from negotiation.models import MODELS
from negotiation.models.treasury_signal import (
    HINT,
    RESOLVED,
    SILENCE,
    UNRESOLVED,
    record_fit,
    signal_map,
    signal_regimes,
    thresholds,
)

MODEL = MODELS["treasury_signal"]
TYPES = (RESOLVED, UNRESOLVED)
MESSAGES = (HINT, SILENCE)
ACTIONS = ("press", "soften")


def table(v: dict) -> dict:
    """(partner, US) payoffs by (type, message, action), from the docstring's table."""
    v = {k: F(x) for k, x in v.items()}

    def tau(r):
        return (1 - v["pass_through"]) * r / 100 * v["imports"]

    t, d, lam = v["tariff"], v["deal_rate"], v["partner_loss"]
    sale_p = v["selling_cost"] + v["stress_probability"] * v["stress_cost_partner"]
    sale_us = v["yield_cost"] + v["stress_probability"] * v["stress_cost_us"]
    c_r, c_u, a, b = (
        v["hint_cost_resolved"],
        v["hint_cost_unresolved"],
        v["audience_cost"],
        v["back_down_cost"],
    )
    return {
        (RESOLVED, HINT, "soften"): (-lam * d - c_r, tau(d) - b),
        (RESOLVED, HINT, "press"): (-lam * t - sale_p - c_r, tau(t) - sale_us),
        (RESOLVED, SILENCE, "soften"): (-lam * d, tau(d)),
        (RESOLVED, SILENCE, "press"): (-lam * t - sale_p, tau(t) - sale_us),
        (UNRESOLVED, HINT, "soften"): (-lam * d - c_u, tau(d) - b),
        (UNRESOLVED, HINT, "press"): (-lam * t - c_u - a, tau(t)),
        (UNRESOLVED, SILENCE, "soften"): (-lam * d, tau(d)),
        (UNRESOLVED, SILENCE, "press"): (-lam * t, tau(t)),
    }


def check_equilibrium(eq, v: dict) -> None:
    """Zero regret for every type and for the US, Bayes' rule on the path, and a
    supporting belief off the path, all from the hand-written table."""
    u = table(v)
    p = F(v["prior_resolved"])
    prior = {RESOLVED: p, UNRESOLVED: 1 - p}
    sender, receiver = eq.sender, eq.receiver

    def type_value(typ, m):
        return sum(receiver[m].get(a, 0) * u[(typ, m, a)][0] for a in ACTIONS)

    # the sender: every message it sends is a best one (zero regret)
    for typ in TYPES:
        best = max(type_value(typ, m) for m in MESSAGES)
        for m, prob in sender[typ].items():
            if prob > 0:
                assert type_value(typ, m) == best, (typ, m)
        assert eq.type_payoffs[typ] == best
    for m in MESSAGES:
        mass = sum(prior[typ] * sender[typ].get(m, 0) for typ in TYPES)
        if mass > 0:
            # Bayes' rule, computed here
            belief = {typ: prior[typ] * sender[typ].get(m, 0) / mass for typ in TYPES}
            assert eq.beliefs[m] == belief
            values = {a: sum(belief[typ] * u[(typ, m, a)][1] for typ in TYPES) for a in ACTIONS}
        else:
            # off the path: some belief in the reported range supports the US's play
            lo, hi = eq.off_path[m].range(RESOLVED)
            mu = (F(lo) + F(hi)) / 2
            values = {
                a: mu * u[(RESOLVED, m, a)][1] + (1 - mu) * u[(UNRESOLVED, m, a)][1]
                for a in ACTIONS
            }
        best = max(values.values())
        for a, prob in receiver[m].items():
            if prob > 0:
                assert values[a] == best, (m, a)


def random_values(rng) -> dict:
    out = {}
    for p in MODEL.parameters:
        lo, hi = float(p.low), float(p.high)
        out[p.name] = p.validate(F(lo + (hi - lo) * rng.random()).limit_denominator(200))
    return out


POINTS = [
    MODEL.defaults,
    *(
        scenarios.load(n).values("treasury_signal")
        for n in scenarios.names()
        if scenarios.load(n).covers("treasury_signal")
    ),
    MODEL.values(prior_resolved=F(1, 2)),
    MODEL.values(hint_cost_unresolved=F(1, 2)),
    MODEL.values(hint_cost_unresolved=F(1, 2), prior_resolved=F(3, 5)),
    MODEL.values(audience_cost=0),
    MODEL.values(audience_cost=1, hint_cost_resolved=F(1, 10)),
]


@pytest.mark.parametrize("k", range(len(POINTS)))
def test_every_equilibrium_has_zero_regret_and_bayes_beliefs(k):
    v = POINTS[k]
    analysis = MODEL.analyse(v)
    solution = perfect_bayesian(MODEL.at(v))
    assert len(analysis.result) == len(solution) > 0
    assert [eq.sender for eq in analysis.result] == [eq.sender for eq in solution]
    for eq in analysis.result:
        check_equilibrium(eq, v)


def test_random_values_every_equilibrium_checks_out():
    rng = np.random.default_rng(17)
    for _ in range(12):
        v = random_values(rng)
        for eq in perfect_bayesian(MODEL.at(v)):
            check_equilibrium(eq, v)


def test_the_tree_is_the_documented_table():
    v = MODEL.defaults
    tree = MODEL.at(v)
    for key, (partner, us) in table(v).items():
        assert tree.node(key).payoffs == (partner, us), key


# --- closed forms, derived by hand ---------------------------------------------------------
#
# Let Delta = lam (t - d) (what softening is worth to the partner), G = tau(t) - tau(d),
# K = Y + pi Z (the US's expected cost of a sale) and mu_h = (G + B) / K.
#
# After a hint believed resolved with probability mu, the US gets
#   press:  mu (tau(t) - K) + (1 - mu) tau(t) = tau(t) - mu K
#   soften: tau(d) - B
# so it is indifferent exactly at mu = (G + B) / K = mu_h.
#
# Semi-separating (resolved hints, unresolved hints with probability q, US presses after
# a hint with probability sigma and after silence surely). Bayes: mu = p / (p + (1-p) q),
# and mu = mu_h gives q = p (1 - mu_h) / ((1 - p) mu_h), a probability when p < mu_h.
# The unresolved type is indifferent: hint gives
#   (1 - sigma)(-lam d - c_U) + sigma (-lam t - c_U - a) = -lam d - c_U - sigma (Delta + a)
# silence gives -lam t (pressed: the belief after silence is 0), so
#   sigma (Delta + a) = Delta - c_U,   sigma = (Delta - c_U) / (Delta + a),
# a probability when c_U < Delta. The record (unresolved, hint, press) then has
# probability (1 - p) q sigma.
#
# Separating (resolved hints, unresolved silent; US softens after a hint, presses after
# silence): the unresolved type must not gain by hinting, -lam t >= -lam d - c_U, that is
# c_U >= Delta; the resolved must not gain by silence, -lam d - c_R >= -lam t - S - pi X,
# that is c_R <= Delta + S + pi X. The US's play needs mu_h <= 1 (softening against a sure
# resolved type) and G >= 0. The audience cost does not enter: the hint is never called.


def hand(v):
    v = {k: F(x) for k, x in v.items()}
    delta = v["partner_loss"] * (v["tariff"] - v["deal_rate"])
    g = (1 - v["pass_through"]) * (v["tariff"] - v["deal_rate"]) / 100 * v["imports"]
    k = v["yield_cost"] + v["stress_probability"] * v["stress_cost_us"]
    mu_h = (g + v["back_down_cost"]) / k
    p = v["prior_resolved"]
    q = p * (1 - mu_h) / ((1 - p) * mu_h)
    sigma = (delta - v["hint_cost_unresolved"]) / (delta + v["audience_cost"])
    return delta, mu_h, q, sigma


SEMI_POINTS = [
    {},
    {"audience_cost": 0},
    {"audience_cost": 1},
    {"audience_cost": F(1, 2), "hint_cost_unresolved": F(1, 10)},
    {"prior_resolved": F(1, 20), "audience_cost": F(3, 10)},
    {"tariff": 30, "deal_rate": 15, "audience_cost": F(1, 10)},
]


@pytest.mark.parametrize("given", SEMI_POINTS)
def test_semi_separating_mixtures_match_the_hand_derived_closed_form(given):
    v = MODEL.values(given)
    delta, mu_h, q, sigma = hand(v)
    assert F(v["prior_resolved"]) < mu_h and v["hint_cost_unresolved"] < delta  # it exists
    found = [
        eq
        for eq in perfect_bayesian(MODEL.at(v))
        if eq.sender[RESOLVED] == {HINT: 1, SILENCE: 0} and 0 < eq.sender[UNRESOLVED][HINT] < 1
    ]
    assert len(found) == 1
    eq = found[0]
    assert eq.sender[UNRESOLVED][HINT] == q
    assert eq.receiver[HINT]["press"] == sigma
    assert eq.beliefs[HINT][RESOLVED] == mu_h
    assert record_fit(eq).probability == (1 - F(v["prior_resolved"])) * q * sigma
    th = thresholds(v)
    assert (th["mu_hint"], th["bluff"], th["call"], th["delta"]) == (mu_h, q, sigma, delta)
    if sigma == 1:  # cheap talk (c_U = a = 0): the US presses surely, no mixed regime
        return
    # and the symbolic regime gives the same numbers
    _, mixed = signal_regimes(v)
    semi = [
        r
        for r in mixed
        if r.kind == "semi-separating"
        and r.sender[RESOLVED][HINT] == 1
        and r.receiver[SILENCE]["press"] == 1
    ]
    assert len(semi) == 1
    at = semi[0].at(**{k: x for k, x in v.items()})
    assert at is not None
    assert at["sender"][UNRESOLVED][HINT] == q and at["receiver"][HINT]["press"] == sigma


def test_a_larger_audience_cost_lets_the_us_call_the_bluff_less_often():
    calls = [thresholds(MODEL.values(audience_cost=a))["call"] for a in (0, F(1, 5), F(1, 2), 1)]
    assert calls == sorted(calls, reverse=True) and calls[0] == 1


@pytest.mark.parametrize(
    ("c_u", "c_r", "audience"),
    list(itertools.product((F(1, 5), F(7, 20), F(2, 5), 1), (0, F(1, 2)), (0, F(1, 2)))),
)
def test_separating_exists_exactly_when_the_hand_condition_holds(c_u, c_r, audience):
    v = MODEL.values(hint_cost_unresolved=c_u, hint_cost_resolved=c_r, audience_cost=audience)
    delta, mu_h, _, _ = hand(v)
    sale = F(v["selling_cost"]) + F(v["stress_probability"]) * F(v["stress_cost_partner"])
    expected = c_u >= delta and c_r <= delta + sale and mu_h <= 1
    found = any(
        eq.kind == "separating"
        and eq.sender[RESOLVED][HINT] == 1
        and eq.sender[UNRESOLVED][SILENCE] == 1
        for eq in perfect_bayesian(MODEL.at(v))
    )
    assert found == expected, (c_u, c_r, audience, delta)


# --- the regimes and the map agree with the solver -----------------------------------------


def test_pure_regimes_and_the_map_agree_with_perfect_bayesian():
    m = signal_map(resolution=6, mixed=False)
    for i, a in enumerate(m.ys):
        for j, p in enumerate(m.xs):
            v = MODEL.values(
                prior_resolved=F(p).limit_denominator(1000),
                audience_cost=F(a).limit_denominator(1000),
            )
            pure = {
                (
                    tuple(max(eq.sender[t], key=eq.sender[t].get) for t in TYPES),
                    tuple(max(eq.receiver[msg], key=eq.receiver[msg].get) for msg in MESSAGES),
                )
                for eq in perfect_bayesian(MODEL.at(v))
                if eq.pure
            }
            mapped = {
                (r.sender, r.receiver)
                for r, here in zip(m.regimes, m.exists[:, i, j], strict=True)
                if here
            }
            assert mapped == pure, (p, a)


# --- what analyse says ---------------------------------------------------------------------


def test_may_scenario_reads_the_record_as_strategic_ambiguity():
    analysis = MODEL.analyse(scenarios.load("may-2025").values("treasury_signal"))
    assert analysis.data["equilibria"] == ["pooling", "semi-separating (strategic ambiguity)"]
    assert analysis.data["fits_record"] == [False, True]
    assert "fits semi-separating (strategic ambiguity)" in analysis.headline
    assert analysis.data["intuitive"] == [True, None]


def test_cheap_talk_pooling_is_called_babbling_and_separating_costly_hint_fits_nothing():
    cheap = MODEL.analyse(audience_cost=0)
    assert "babbling (cheap talk the US ignores)" in cheap.data["equilibria"]
    babbling = cheap.data["equilibria"].index("babbling (cheap talk the US ignores)")
    eq = cheap.result[babbling]
    assert len({tuple(sorted(r.items())) for r in eq.receiver.values()}) == 1
    # a bluffer's hint too costly to be worth it: the hint separates, and a walk-back
    # (the record) never happens in any equilibrium
    costly = MODEL.analyse(hint_cost_unresolved=1)
    assert "separating" in costly.data["equilibria"]
    assert not any(costly.data["fits_record"])
    assert "no equilibrium here produces the May 2025 record" in costly.headline


def test_shared_parameters_agree_with_the_treasury_card_at_every_scenario():
    checked = 0
    for name in scenarios.names():
        s = scenarios.load(name)
        if not s.covers("treasury_signal"):
            continue
        mine, card = s.values("treasury_signal"), s.values("treasury_leverage")
        standoff = s.values("tariff_standoff")
        for k, x in mine.items():
            if k in card:
                assert card[k] == x, (name, k)
        assert mine["partner_loss"] == standoff["partner_loss"]
        checked += 1
    assert checked == 3  # April, May and the July deal


# --- errors --------------------------------------------------------------------------------


def test_bad_input_raises_clear_errors():
    with pytest.raises(ValueError, match=r"prior_resolved = 0 is outside its range"):
        MODEL.analyse(prior_resolved=0)
    with pytest.raises(ValueError, match="has no parameter 'japan_loss'"):
        MODEL.analyse(japan_loss=F(1, 40))
    with pytest.raises(TypeError):
        MODEL.analyse(audience_cost="0.2")
    with pytest.raises(TypeError, match="values must be a mapping"):
        thresholds([1, 2])
    with pytest.raises(TypeError, match="must be a PerfectBayesianEquilibrium"):
        record_fit("pooling")
    with pytest.raises(ValueError, match="'tariff' enters the US's payoffs"):
        signal_regimes(symbolic=("tariff",))
    with pytest.raises(ValueError, match="has no parameter 'prior'"):
        signal_regimes(symbolic=("prior",))
    with pytest.raises(TypeError, match="symbolic must be a tuple"):
        signal_regimes(symbolic="audience_cost")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="resolution must be at least 2"):
        signal_map(resolution=1)
    with pytest.raises(ValueError, match="must be positive"):
        thresholds({"yield_cost": 0, "stress_cost_us": 0})


def test_no_parameter_name_says_japan():
    assert not [p.name for p in MODEL.parameters if "japan" in p.name]


def test_the_command_line_solves_it_at_a_scenario(capsys):
    from negotiation.cli import main

    assert (
        main(["solve", "treasury_signal", "--scenario", "may-2025", "--set", "audience_cost=0.5"])
        == 0
    )
    out = capsys.readouterr().out
    assert "What the hint told Washington" in out and "strategic ambiguity" in out
    assert "press 7/17" in out  # sigma = (7/20 - 0) / (7/20 + 1/2)
    assert main(["models", "treasury_signal"]) == 0
    assert "no lesson yet" in capsys.readouterr().out
