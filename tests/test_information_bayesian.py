"""Bayesian games and Bayes-Nash equilibria: textbook games, brute force and properties.

Every reported equilibrium is checked against the definition with an oracle written
here from the prior and the payoffs alone: Bayes' rule for each type's posterior, and
no type with positive probability gaining by any of its pure actions (zero interim
regret). Pure equilibria are compared with brute force over every pure profile, and
games with one type per player with :func:`negotiation.solve` on the ordinary game.
"""

from __future__ import annotations

import itertools
from fractions import Fraction

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from negotiation import BimatrixGame, solve
from negotiation.information import (
    BayesianGame,
    bayes_nash_equilibria,
    bayesian_cournot,
    harsanyi,
)
from negotiation.normal_form.equilibria import is_equilibrium

F = Fraction


# --- oracles, from the prior and the payoffs alone -----------------------------------------------


def posterior(game, i, t):
    """Bayes' rule from the joint prior: P(other's type | own type t)."""
    joint = {s: game.probability(*((t, s) if i == 0 else (s, t))) for s in game.types[1 - i]}
    mass = sum(joint.values())
    return {s: p / mass for s, p in joint.items()}


def action_value(game, i, t, action, other):
    """Type t of player i playing ``action`` against the other's behaviour, in expectation."""
    total = F(0)
    for s, q in posterior(game, i, t).items():
        if not q:  # a type profile of probability 0 (its payoffs are never read)
            continue
        for b, r in other[s].items():
            t1, t2, a1, a2 = (t, s, action, b) if i == 0 else (s, t, b, action)
            total += q * r * game.payoff(t1, t2, a1, a2)[i]
    return total


def interim_regrets(game, behaviour):
    """For every type: best pure payoff minus the payoff of its (mixed) action."""
    out = {}
    for i in (0, 1):
        other = behaviour[1 - i]
        for t in game.types[i]:
            values = {a: action_value(game, i, t, a, other) for a in game.actions(i, t)}
            got = sum(p * values[a] for a, p in behaviour[i][t].items())
            out[i, t] = max(values.values()) - got
    return out


def pure_bne_by_brute_force(game):
    """Every pure profile (an action per type, both players) with zero interim regret."""
    found = set()
    for s1 in game.strategies(0):
        for s2 in game.strategies(1):
            behaviour = tuple(
                {
                    t: {a: F(a == plan[k]) for a in game.actions(i, t)}
                    for k, t in enumerate(game.types[i])
                }
                for i, plan in ((0, s1), (1, s2))
            )
            if not any(interim_regrets(game, behaviour).values()):
                found.add((s1, s2))
    return found


def plan_of(eq, i):
    """The pure plan (action per type) of a pure equilibrium."""
    return tuple(max(mix, key=mix.get) for mix in eq.behaviour[i].values())


def assert_is_bayes_nash(game, eq):
    for i in (0, 1):
        for t, mix in eq.behaviour[i].items():
            assert set(mix) == set(game.actions(i, t))
            assert all(p >= 0 for p in mix.values()) and sum(mix.values()) == 1
            assert all(isinstance(p, Fraction) for p in mix.values())
    assert set(interim_regrets(game, eq.behaviour).values()) == {0}
    for i in (0, 1):
        for t in game.types[i]:
            expected = sum(
                p * action_value(game, i, t, a, eq.behaviour[1 - i])
                for a, p in eq.behaviour[i][t].items()
            )
            assert eq.interim_payoffs[i][t] == expected


# --- textbook games ------------------------------------------------------------------------------

BOS = {("B", "B"): (2, 1), ("S", "S"): (1, 2), ("B", "S"): (0, 0), ("S", "B"): (0, 0)}
AVOID = {("B", "B"): (2, 0), ("S", "S"): (1, 0), ("B", "S"): (0, 2), ("S", "B"): (0, 1)}


def bos_variant():
    """Osborne (2004), section 9.2: BoS where player 2 wishes to meet or to avoid player 1."""
    return BayesianGame.independent(
        ({"only": 1}, {"meet": F(1, 2), "avoid": F(1, 2)}),
        (("B", "S"), ("B", "S")),
        lambda t1, t2, a1, a2: (BOS if t2 == "meet" else AVOID)[a1, a2],
    )


def test_battle_of_the_sexes_with_a_player_who_may_wish_to_avoid_the_other():
    # Osborne, An Introduction to Game Theory (2004), section 9.2: the unique pure
    # equilibrium is (B, (B, S)): player 1 goes to B, player 2 to B if she wishes to meet
    # and to S if she wishes to avoid. By hand for the mixed ones: with b_m, b_a the
    # probabilities of B by the two types, player 1 gets b_m + b_a from B and
    # 1 - (b_m + b_a)/2 from S, so she mixes only if b_m + b_a = 2/3. If she plays B with
    # probability s, "meet" prefers B iff s > 2/3 and "avoid" prefers B iff s < 1/3; so
    # s = 2/3 ("meet" mixes B 2/3, "avoid" plays S) or s = 1/3 ("meet" plays S, "avoid"
    # mixes B 2/3). Three equilibria in all.
    g = bos_variant()
    result = bayes_nash_equilibria(g)
    assert len(result) == 3
    pure, *mixed = result
    assert pure.pure and [e.pure for e in mixed] == [False, False]
    assert pure.behaviour == (
        {"only": {"B": 1, "S": 0}},
        {"meet": {"B": 1, "S": 0}, "avoid": {"B": 0, "S": 1}},
    )
    assert pure.interim_payoffs == ({"only": 1}, {"meet": 1, "avoid": 2})
    assert pure.ex_ante_payoffs == (1, F(3, 2))
    assert {
        (e.behaviour[0]["only"]["B"], e.behaviour[1]["meet"]["B"], e.behaviour[1]["avoid"]["B"])
        for e in mixed
    } == {
        (F(2, 3), F(2, 3), 0),
        (F(1, 3), 0, F(2, 3)),
    }
    assert {e.interim_payoffs[0]["only"] for e in mixed} == {F(2, 3)}
    assert pure.strategy_words(1) == "B if meet, S if avoid"
    assert pure.strategy_words(0) == "B"
    assert mixed[0].strategy_words(1) == "(B 2/3, S 1/3) if meet, S if avoid"
    for e in result:
        assert_is_bayes_nash(g, e)
    assert pure_bne_by_brute_force(g) == {(("B",), ("B", "S"))}


def test_the_harsanyi_normal_form_of_the_bos_variant_by_hand():
    # Column "B if meet, S if avoid" against B: 1/2 * 2 + 1/2 * 0 = 1 for player 1, and
    # 1/2 * 1 + 1/2 * 2 = 3/2 for player 2 (Osborne 2004, section 9.2).
    nf = harsanyi(bos_variant())
    assert nf == bos_variant().to_bimatrix()
    assert nf.row_labels == ("B", "S")
    assert nf.col_labels == (
        "B if meet, B if avoid",
        "B if meet, S if avoid",
        "S if meet, B if avoid",
        "S if meet, S if avoid",
    )
    assert nf.payoff("B", "B if meet, S if avoid") == (1, F(3, 2))
    assert nf.A_exact == ((2, 1, 1, 0), (0, F(1, 2), F(1, 2), 1))
    assert nf.B_exact == ((F(1, 2), F(3, 2), 0, 1), (F(1, 2), 0, F(3, 2), 1))


def gibbons_closed_form(a, c, c_high, c_low, theta):
    """Gibbons (1992), section 3.1.A, the Bayes-Nash equilibrium of the continuous game."""
    q1 = (a - 2 * c + theta * c_high + (1 - theta) * c_low) / 3
    q2_high = F(a - 2 * c_high + c, 3) + (1 - theta) * (c_high - c_low) / 6
    q2_low = F(a - 2 * c_low + c, 3) - theta * (c_high - c_low) / 6
    return q1, q2_high, q2_low


@pytest.mark.parametrize(
    ("a", "c", "c_high", "c_low", "theta", "expected"),
    [
        (8, 2, 4, 0, F(1, 2), (2, 1, 3)),
        (12, 1, 6, 0, F(1, 3), (4, 1, 4)),
        (10, 4, 6, 0, F(2, 3), (2, 1, 4)),
    ],
)
def test_bayesian_cournot_on_a_grid_has_the_closed_form_as_its_only_equilibrium(
    a, c, c_high, c_low, theta, expected
):
    # Gibbons, Game Theory for Applied Economists (1992), section 3.1.A. Parameters
    # chosen so the closed form is in integers. Why the grid keeps it an equilibrium:
    # each quantity of the closed form is the best reply among all real quantities (a
    # concave profit maximised where its derivative vanishes), so it is a best reply on
    # any grid containing it. Firm 1 produces only quantities q1 with a - c_high - q1 and
    # a - c_low - q1 even, so each type's best reply (a - cost - q1)/2 to every quantity
    # firm 1 may choose is a single integer (no ties that could sustain other
    # equilibria, see the next test); the solver then finds no other equilibrium at all.
    q1, q_high, q_low = gibbons_closed_form(a, c, c_high, c_low, theta)
    assert (q1, q_high, q_low) == expected
    assert (a - c_high) % 2 == (a - c_low) % 2 == q1 % 2
    grid1 = list(range(int(q1) % 2, a + 1, 2))[:4]
    grid2 = range(0, int(q_low) + 2)
    g = bayesian_cournot(a, c, c_high, c_low, theta, grid1, grid2)
    result = bayes_nash_equilibria(g)
    assert len(result) == 1 and len(result.nash.equilibria) == 1
    (eq,) = result
    assert eq.behaviour[0] == {"known cost": {f"q={q}": F(q == q1) for q in grid1}}
    assert eq.action(1, "high cost")[f"q={q_high}"] == 1
    assert eq.action(1, "low cost")[f"q={q_low}"] == 1
    # profits at the closed form: (P - cost) * q with P = a - q1 - q2
    mean_q2 = theta * q_high + (1 - theta) * q_low
    assert eq.interim_payoffs[0]["known cost"] == (a - q1 - mean_q2 - c) * q1
    assert eq.interim_payoffs[1] == {
        "high cost": (a - q1 - q_high - c_high) * q_high,
        "low cost": (a - q1 - q_low - c_low) * q_low,
    }
    assert_is_bayes_nash(g, eq)
    assert pure_bne_by_brute_force(g) == {((f"q={q1}",), (f"q={q_high}", f"q={q_low}"))}


def test_on_a_grid_of_all_integers_ties_add_equilibria_but_keep_the_closed_form():
    # The same Gibbons game (a = 8, c = 2, costs 4 and 0 equally likely; closed form
    # q1 = 2, q2 = 1 or 3) with every integer 0..4 for both firms. Against q1 = 1 the
    # high-cost type's best replies (3 - q) q tie at 1 and 2, the low-cost type's
    # (7 - q) q at 3 and 4; against the expected q2 = (2 + 4)/2 = 3 firm 1's (3 - q) q ties
    # at 1 and 2: so q1 = 1, q2 = 2 or 4 is an equilibrium of the finite game that the
    # continuous game does not have.
    g = bayesian_cournot(8, 2, 4, 0, F(1, 2), range(5), range(5))
    result = bayes_nash_equilibria(g)
    pure = {(plan_of(e, 0), plan_of(e, 1)) for e in result.pure}
    assert (("q=2",), ("q=1", "q=3")) in pure
    assert (("q=1",), ("q=2", "q=4")) in pure
    assert pure == pure_bne_by_brute_force(g)
    for e in result:
        assert_is_bayes_nash(g, e)


def japan_us(p_resolved):
    """The stylized example of the module docstring."""
    japan = {
        ("resolved", "hold firm", "press"): 1,
        ("resolved", "hold firm", "soften"): 3,
        ("resolved", "concede", "press"): 0,
        ("resolved", "concede", "soften"): 2,
        ("flexible", "hold firm", "press"): -1,
        ("flexible", "hold firm", "soften"): 1,
        ("flexible", "concede", "press"): 1,
        ("flexible", "concede", "soften"): 2,
    }
    us = {
        ("hold firm", "press"): -2,
        ("hold firm", "soften"): 0,
        ("concede", "press"): 3,
        ("concede", "soften"): 1,
    }
    return BayesianGame.independent(
        ({"resolved": p_resolved, "flexible": 1 - p_resolved}, {"US": 1}),
        (("hold firm", "concede"), ("press", "soften")),
        lambda t1, t2, a1, a2: (japan[t1, a1, a2], us[a1, a2]),
        players=("Japan", "US"),
    )


@pytest.mark.parametrize(
    ("p", "us_action"), [(F(0), None), (F(49, 100), "press"), (F(51, 100), "soften")]
)
def test_the_us_presses_exactly_when_resolve_is_less_likely_than_one_half(p, us_action):
    # Each type of Japan has a dominant action (resolved holds firm, flexible concedes),
    # so pressing brings the US -2p + 3(1 - p) and softening 1 - p: press iff p < 1/2.
    if p == 0:
        with pytest.raises(ValueError, match="type 'resolved' of Japan has probability 0"):
            japan_us(p)
        return
    g = japan_us(p)
    (eq,) = bayes_nash_equilibria(g)
    assert eq.strategy_words("Japan") == "hold firm if resolved, concede if flexible"
    assert eq.strategy_words("US") == us_action
    assert eq.interim_payoffs[1]["US"] == (3 - 5 * p if us_action == "press" else 1 - p)
    assert_is_bayes_nash(g, eq)


def test_at_the_threshold_the_us_may_mix_anything_a_segment_of_equilibria():
    # At p = 1/2 the US is indifferent, so every mix of press and soften is an equilibrium:
    # one component whose two extreme points are press and soften.
    result = bayes_nash_equilibria(japan_us(F(1, 2)))
    assert [e.strategy_words("US") for e in result] == ["press", "soften"]
    assert result.nash.has_continuum
    assert [len(c) for c in result.components] == [2]
    assert "continuum" in result.summary()


def test_correlated_types_use_the_posterior_not_the_marginal():
    # Types perfectly correlated: each player knows the other's type. With payoffs that
    # reward matching the state, each type plays its state's action; with independent
    # types of the same marginals, the posterior is the prior and one action must do for
    # both states of the other.
    def payoffs(t1, t2, a1, a2):
        # player 2 wants to match the state t1; player 1 wants player 2 to match and
        # gains 1 by playing "x" in state "h"
        match = int(a2 == t1)
        return match + int(a1 == "x" and t1 == "h"), match

    correlated = BayesianGame(
        (("h", "l"), ("h'", "l'")),
        (("x", "y"), ("h", "l")),
        {("h", "h'"): F(1, 3), ("l", "l'"): F(2, 3)},
        payoffs,
    )
    assert correlated.posterior(1, "h'") == {"h": 1, "l": 0}
    assert posterior(correlated, 1, "h'") == {"h": 1, "l": 0}
    result = bayes_nash_equilibria(correlated)
    assert all(e.behaviour[1] == {"h'": {"h": 1, "l": 0}, "l'": {"h": 0, "l": 1}} for e in result)
    for e in result:
        assert_is_bayes_nash(correlated, e)
    independent = BayesianGame.independent(
        ({"h": F(1, 3), "l": F(2, 3)}, {"h'": F(1, 3), "l'": F(2, 3)}),
        (("x", "y"), ("h", "l")),
        payoffs,
    )
    assert independent.posterior(1, "h'") == {"h": F(1, 3), "l": F(2, 3)}
    for e in bayes_nash_equilibria(independent):
        assert e.behaviour[1] == {"h'": {"h": 0, "l": 1}, "l'": {"h": 0, "l": 1}}
        assert_is_bayes_nash(independent, e)


def test_actions_may_depend_on_the_type_and_zero_probability_profiles_are_not_read():
    def payoffs(t1, t2, a1, a2):
        assert (t1, t2) != ("b", "y"), "a profile of probability 0 was read"
        return (1 if a1 in ("L", "M2") else 0), 0

    g = BayesianGame(
        (("a", "b"), ("x", "y")),
        ({"a": ("L", "R"), "b": ("M1", "M2", "M3")}, ("U",)),
        {("a", "x"): F(1, 4), ("a", "y"): F(1, 4), ("b", "x"): F(1, 2)},
        payoffs,
    )
    assert len(g.strategies(0)) == 6
    (eq,) = bayes_nash_equilibria(g)
    assert eq.strategy_words(0) == "L if a, M2 if b"
    with pytest.raises(ValueError, match="prior probability 0"):
        g.payoff("b", "y", "M1", "U")


# --- validation, equality --------------------------------------------------------------------


T = (("a", "b"), ("x",))
A = (("L", "R"), ("U", "D"))
HALF = {("a", "x"): F(1, 2), ("b", "x"): F(1, 2)}


def zero(*_):
    return 0, 0


@pytest.mark.parametrize(
    ("args", "error", "match"),
    [
        ((T, A, {("a", "x"): F(1, 2), ("b", "x"): F(2, 3)}, zero), ValueError, "sum to 1, got 7/6"),
        ((T, A, {("a", "x"): F(3, 2), ("b", "x"): -F(1, 2)}, zero), ValueError, "is 3/2, not a"),
        ((T, A, {("a", "x"): 1}, zero), ValueError, "type 'b' of Player 1 has probability 0"),
        ((T, A, {("a", "y"): 1}, zero), ValueError, r"key \('a', 'y'\)"),
        ((T, A, {("a", "x"): "1/2", ("b", "x"): 0.5}, zero), TypeError, "string '1/2'"),
        (((("a", "a"), ("x",)), A, {("a", "x"): 1}, zero), ValueError, "'a' appears twice"),
        ((T, (("L", "L"), ("U",)), HALF, zero), ValueError, "'L' appears twice"),
        ((T, A, HALF, {}), ValueError, r"no entry for the types \('a', 'x'\)"),
        ((T, A, HALF, lambda *_: 3), TypeError, "must be a pair"),
        ((T, A, HALF, lambda *_: (0, "1")), TypeError, "payoff of Player 2"),
        (
            (T, ({"a": ("L",)}, ("U",)), HALF, zero),
            ValueError,
            r"no entry for the type\(s\) \['b'\]",
        ),
        ((T, ({"a": ("L",), "b": ("L",), "c": ("L",)}, ("U",)), HALF, zero), ValueError, "'c'"),
    ],
)
def test_bad_games_are_refused_naming_the_bad_value(args, error, match):
    with pytest.raises(error, match=match):
        BayesianGame(*args)


def test_bad_independent_priors_are_refused():
    with pytest.raises(ValueError, match="prior of Player 1 must sum to 1, got 11/10"):
        BayesianGame.independent(({"a": 0.5, "b": 0.6}, {"x": 1}), A, zero)
    with pytest.raises(ValueError, match="type 'y' of Player 2 has probability 0"):
        BayesianGame.independent(({"a": 0.5, "b": 0.5}, {"x": 1, "y": 0}), A, zero)
    with pytest.raises(ValueError, match="type 'low cost' of Firm 2 has probability 0"):
        bayesian_cournot(8, 2, 4, 0, 1, (0, 2), (1, 2))
    with pytest.raises(ValueError, match="too many to enumerate"):
        bayes_nash_equilibria(
            BayesianGame.independent(
                ({"a": 0.5, "b": 0.5}, {"x": 0.5, "y": 0.5}), (tuple("1234"), tuple("1234")), zero
            )
        )


def test_games_are_equal_by_value_and_immutable():
    table = {(t1, "x", a1, a2): (0, 0) for t1 in "ab" for a1 in "LR" for a2 in "UD"}
    g = BayesianGame(T, A, HALF, zero)
    same = BayesianGame(T, A, {("a", "x"): 0.5, ("b", "x"): 0.5}, table)
    assert g == same and hash(g) == hash(same)
    assert g != BayesianGame(T, A, {("a", "x"): F(1, 3), ("b", "x"): F(2, 3)}, zero)
    assert g != BayesianGame(T, A, HALF, lambda *_: (0, 1))
    prior = g.prior
    prior["a", "x"] = F(1)
    assert g.probability("a", "x") == F(1, 2)
    with pytest.raises(AttributeError):
        g.extra = 1
    with pytest.raises(AttributeError):
        g.players = ("A", "B")


# --- random games ----------------------------------------------------------------------------


@st.composite
def bayesian_games(draw, min_types=1, max_types=2, max_actions=2):
    types = tuple(
        tuple(f"{'st'[i]}{k}" for k in range(draw(st.integers(min_types, max_types))))
        for i in (0, 1)
    )
    actions = tuple(
        tuple(f"{'AB'[i]}{k}" for k in range(draw(st.integers(2, max_actions)))) for i in (0, 1)
    )
    weights = {(t1, t2): draw(st.integers(0, 3)) for t1 in types[0] for t2 in types[1]}
    for i in (0, 1):  # every type needs positive probability
        for t in types[i]:
            assume(any(w for key, w in weights.items() if key[i] == t))
    total = sum(weights.values())
    prior = {key: F(w, total) for key, w in weights.items()}
    table = {
        (t1, t2, a1, a2): (draw(st.integers(-3, 3)), draw(st.integers(-3, 3)))
        for t1 in types[0]
        for t2 in types[1]
        for a1 in actions[0]
        for a2 in actions[1]
    }
    return BayesianGame(types, actions, prior, table)


@settings(max_examples=150, deadline=None)
@given(bayesian_games(min_types=2))
def test_every_reported_equilibrium_has_zero_interim_regret_for_every_type(game):
    check_every_equilibrium(game)


@settings(max_examples=30, deadline=None)
@given(bayesian_games(max_actions=3))
def test_the_same_with_one_or_two_types_and_up_to_three_actions(game):
    check_every_equilibrium(game)


def check_every_equilibrium(game):
    """Zero interim regret, consistent payoffs, Kuhn's conversion back, pure ones complete."""
    result = bayes_nash_equilibria(game)
    assert len(result) >= 1  # Nash (1951): the finite normal form has an equilibrium
    assert len({e.key() for e in result}) == len(result)  # one per behaviour
    for e in result:
        assert_is_bayes_nash(game, e)
        # the ex-ante payoffs of the normal form are the type-weighted interim payoffs
        for point in e.extreme_points:
            ex_ante = result.normal_form.expected_payoffs(*point.strategies)
            for i in (0, 1):
                weighted = sum(
                    sum(game.probability(*key) for key in game.prior if key[i] == t)
                    * e.interim_payoffs[i][t]
                    for t in game.types[i]
                )
                assert ex_ante[i] == weighted == e.ex_ante_payoffs[i]
        # the behaviour, as a product of independent choices per type, is an equilibrium
        # of the normal form (Kuhn's conversion back)
        product = [
            [plan_probability(e.behaviour[i], game.types[i], plan) for plan in game.strategies(i)]
            for i in (0, 1)
        ]
        assert is_equilibrium(result.normal_form, *product)
    pure = {(plan_of(e, 0), plan_of(e, 1)) for e in result.pure}
    assert pure == pure_bne_by_brute_force(game)


def plan_probability(behaviour, types, plan):
    """The probability of a plan when each type chooses independently."""
    p = F(1)
    for t, a in zip(types, plan):
        p *= behaviour[t][a]
    return p


@settings(max_examples=100, deadline=None)
@given(bayesian_games())
def test_the_harsanyi_normal_form_is_the_prior_weighted_payoff_table(game):
    nf = game.to_bimatrix()
    for i, s1 in enumerate(game.strategies(0)):
        for j, s2 in enumerate(game.strategies(1)):
            expected = [F(0), F(0)]
            for (t1, t2), p in game.prior.items():
                if p:
                    k1, k2 = game.types[0].index(t1), game.types[1].index(t2)
                    u = game.payoff(t1, t2, s1[k1], s2[k2])
                    expected = [expected[0] + p * u[0], expected[1] + p * u[1]]
            assert nf.payoff(i, j) == tuple(expected)


@settings(max_examples=100, deadline=None)
@given(
    st.integers(2, 3).flatmap(
        lambda m: st.integers(2, 3).flatmap(
            lambda n: st.tuples(
                st.lists(
                    st.lists(st.integers(-3, 3), min_size=n, max_size=n), min_size=m, max_size=m
                ),
                st.lists(
                    st.lists(st.integers(-3, 3), min_size=n, max_size=n), min_size=m, max_size=m
                ),
            )
        )
    )
)
def test_with_one_type_each_the_bayes_nash_equilibria_are_the_nash_equilibria(payoffs):
    A_, B_ = payoffs
    m, n = len(A_), len(A_[0])
    rows, cols = [f"r{k}" for k in range(m)], [f"c{k}" for k in range(n)]
    game = BayesianGame.independent(
        ({"only": 1}, {"only": 1}),
        (rows, cols),
        lambda t1, t2, a1, a2: (
            A_[rows.index(a1)][cols.index(a2)],
            B_[rows.index(a1)][cols.index(a2)],
        ),
    )
    found = {
        (tuple(e.behaviour[0]["only"].values()), tuple(e.behaviour[1]["only"].values()))
        for e in bayes_nash_equilibria(game)
    }
    expected = {e.strategies for e in solve(BimatrixGame(A_, B_))}
    assert found == expected
    for e in bayes_nash_equilibria(game):
        assert e.interim_payoffs == ({"only": e.ex_ante_payoffs[0]}, {"only": e.ex_ante_payoffs[1]})


def test_pure_plans_are_listed_type_by_type():
    g = bos_variant()
    assert g.strategies(1) == tuple(itertools.product("BS", "BS"))
    assert g.strategy_label(1, ("S", "B")) == "S if meet, B if avoid"
    with pytest.raises(ValueError, match="not a strategy of Player 2"):
        g.strategy_label(1, ("B",))
