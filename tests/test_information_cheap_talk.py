"""Cheap talk: Crawford-Sobel in closed form, and babbling in finite cheap-talk games.

The closed forms are checked against what they summarise, not against themselves:
the boundaries against the sender's indifference at each boundary (solved afresh
with sympy), the payoffs against exact integration of the losses over the
intervals, N(b) against counting N up until 2 b N (N - 1) < 1 fails. The finite
games are checked by hand (equilibrium counts derived in the comments) and, for
random games, against perfect_bayesian.
"""

from __future__ import annotations

import itertools
from fractions import Fraction

import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

from negotiation.information import best_responses_to, perfect_bayesian, signalling_structure
from negotiation.information.cheap_talk import (
    babbling_equilibria,
    babbling_equilibrium,
    cheap_talk_game,
    crawford_sobel,
    discrete_crawford_sobel,
    max_intervals,
    partition_equilibria,
)
from negotiation.trees.examples import beer_quiche

F = Fraction
b = sympy.Symbol("b", positive=True)
theta = sympy.Symbol("theta")


def _most_by_counting(bias):
    """N(b) by definition: the largest N with 2 b N (N - 1) < 1 (N = 1 always qualifies)."""
    n = 1
    while 2 * bias * (n + 1) * n < 1:
        n += 1
    return n


_LO, _HI, _Y, _B = sympy.symbols("lo hi y bias")
#: The loss of one interval, integrated once by sympy: int_lo^hi -(y - θ - bias)² dθ.
_INTERVAL_PAYOFF = sympy.integrate(-((_Y - theta - _B) ** 2), (theta, _LO, _HI))


def _expected_losses(boundaries, actions, bias):
    """The receiver's and the sender's expected payoffs, by exact integration over [0, 1]."""
    receiver = sender = sympy.Integer(0)
    for lo, hi, y in zip(boundaries, boundaries[1:], actions):
        where = {_LO: lo, _HI: hi, _Y: y}
        receiver += _INTERVAL_PAYOFF.subs({**where, _B: 0})
        sender += _INTERVAL_PAYOFF.subs({**where, _B: bias})
    return sympy.simplify(receiver), sympy.simplify(sender)


def _sympy(value):
    return sympy.Rational(value.numerator, value.denominator) if isinstance(value, F) else value


# --- the textbook values: b = 1/10 and b = 1/20 -------------------------------------------------


def test_a_tenth_allows_two_intervals_split_at_three_tenths():
    # Gibbons (1992), section 4.3.A; Crawford and Sobel (1982), section 4. N intervals
    # need 2 b N (N - 1) < 1; with b = 1/10 that is N (N - 1) < 5: N = 2 (2 < 5) works,
    # N = 3 (6) does not, so N(1/10) = 2. The one inner boundary: the sender at a_1 is
    # indifferent between y_1 = a_1/2 and y_2 = (a_1 + 1)/2, so a_1 + b is their mean,
    # a_1 + 1/10 = (2 a_1 + 1)/4, a_1 = 1/2 - 2b = 3/10. Actions 3/20 and 13/20.
    # Receiver: each interval of length L costs L³/12, so -(27 + 343)/1000/12 = -37/1200;
    # the sender loses b² = 1/100 more: -49/1200.
    eq = crawford_sobel(F(1, 10))
    assert max_intervals(F(1, 10)) == 2 and eq.intervals == 2
    assert eq.boundaries == (0, F(3, 10), 1)
    assert eq.actions == (F(3, 20), F(13, 20))
    assert eq.receiver_payoff == F(-37, 1200)
    assert eq.sender_payoff == F(-49, 1200)
    assert eq.lengths == (F(3, 10), F(7, 10))
    assert not eq.babbling and not eq.symbolic
    assert eq.condition.subs(sympy.Symbol("b"), sympy.Rational(1, 10)) == sympy.true
    assert eq.describe().startswith("With bias 1/10 at most 2 messages can be told apart")
    assert "[0, 3/10], [3/10, 1]" in eq.describe()


def test_a_twentieth_allows_three_intervals_at_two_and_seven_fifteenths():
    # b = 1/20: N (N - 1) < 10 holds for N = 3 (6), not for N = 4 (12): N(1/20) = 3.
    # The indifference a_i + b = (y_i + y_{i+1})/2 with y_i the middles gives
    # a_{i+1} - a_i = a_i - a_{i-1} + 4b: from a_0 = 0 and a_1 = x, a_2 = 2x + 4b and
    # a_3 = 3x + 12b = 1, so x = (1 - 12/20)/3 = 2/15 and a_2 = 4/15 + 1/5 = 7/15
    # (the formula a_i = i/N + 2 b i (i - N) agrees: 1/3 - 1/5 and 2/3 - 1/5).
    # Lengths 2/15, 5/15, 8/15 (each 4b = 3/15 longer); middles 1/15, 3/10, 11/15.
    # Receiver: -(8 + 125 + 512)/3375/12 = -43/2700; sender: -43/2700 - 1/400 = -199/10800.
    eq = crawford_sobel(F(1, 20))
    assert max_intervals(F(1, 20)) == 3 and eq.intervals == 3
    assert eq.boundaries == (0, F(2, 15), F(7, 15), 1)
    assert eq.actions == (F(1, 15), F(3, 10), F(11, 15))
    assert eq.lengths == (F(2, 15), F(5, 15), F(8, 15))
    assert eq.receiver_payoff == F(-43, 2700)
    assert eq.sender_payoff == F(-199, 10800)
    # the less informative equilibria exist too, each worse for both players
    eqs = partition_equilibria(F(1, 20))
    assert [e.intervals for e in eqs] == [1, 2, 3]
    assert eqs[1].boundaries == (0, F(1, 2) - 2 * F(1, 20), 1)  # a_1 = 1/2 - 2b = 2/5
    assert eqs[0].boundaries == (0, 1) and eqs[0].actions == (F(1, 2),) and eqs[0].babbling
    assert eqs[0].receiver_payoff == F(-1, 12)  # the variance of the uniform state


def test_floats_and_sympy_numbers_are_read_as_the_decimals_they_print_as():
    assert crawford_sobel(0.1) == crawford_sobel(F(1, 10))
    assert crawford_sobel(sympy.Float("0.05")) == crawford_sobel(F(1, 20))
    assert crawford_sobel(sympy.Rational(1, 20)) == crawford_sobel(F(1, 20))


# --- the closed forms against what they summarise ------------------------------------------------


@pytest.mark.parametrize("n", [1, 2, 3, 4])
def test_symbolic_boundaries_solve_the_indifference_conditions(n):
    # Solve the equilibrium conditions afresh: unknown boundaries a_1 .. a_{N-1}, the
    # receiver's actions the middles, and the sender at each a_i indifferent between
    # the actions on either side: (y_i - a_i - b)² = (y_{i+1} - a_i - b)², whose root
    # other than y_i = y_{i+1} is a_i + b = (y_i + y_{i+1})/2 (linear in the a's).
    a = [sympy.Integer(0), *sympy.symbols(f"a1:{n}"), sympy.Integer(1)]
    y = [(a[i - 1] + a[i]) / 2 for i in range(1, n + 1)]
    equations = [sympy.Eq(a[i] + b, (y[i - 1] + y[i]) / 2) for i in range(1, n)]
    solved = sympy.solve(equations, a[1:-1], dict=True) if n > 1 else [{}]
    (solution,) = solved
    expected = [sympy.expand(sympy.sympify(x).subs(solution)) for x in a]
    eq = crawford_sobel(b, intervals=n)
    assert [sympy.expand(x - e) for x, e in zip(eq.boundaries, expected)] == [0] * (n + 1)
    # the equilibrium exists while the first interval is not empty: a_1 > 0
    first = sympy.solve(sympy.Gt(expected[1], 0), b) if n > 1 else sympy.true
    assert sympy.simplify(eq.condition) == sympy.simplify(first)


@pytest.mark.parametrize("n", [1, 2, 3, 4])
def test_symbolic_payoffs_are_the_integrated_losses(n):
    eq = crawford_sobel(b, intervals=n)
    receiver, sender = _expected_losses(eq.boundaries, eq.actions, b)
    assert sympy.simplify(eq.receiver_payoff - receiver) == 0
    assert sympy.simplify(eq.sender_payoff - sender) == 0
    assert (
        sympy.simplify(
            eq.receiver_payoff - (-1 / (12 * sympy.Integer(n) ** 2) - b**2 * (n * n - 1) / 3)
        )
        == 0
    )
    assert sympy.simplify(eq.sender_payoff - eq.receiver_payoff + b**2) == 0
    assert eq.symbolic


@settings(max_examples=40)
@given(st.fractions(min_value=F(1, 200), max_value=F(3, 10), max_denominator=500))
def test_exact_payoffs_are_the_integrated_losses(bias):
    for eq in partition_equilibria(bias):
        receiver, sender = _expected_losses(
            [_sympy(x) for x in eq.boundaries], [_sympy(y) for y in eq.actions], _sympy(bias)
        )
        assert _sympy(eq.receiver_payoff) == receiver
        assert _sympy(eq.sender_payoff) == sender


biases = st.fractions(min_value=F(1, 1000), max_value=F(2), max_denominator=2000).filter(
    lambda x: x > 0
)


@settings(max_examples=80)
@given(biases, st.data())
def test_every_partition_is_an_equilibrium(bias, data):
    for eq in partition_equilibria(bias):
        a, y, n = eq.boundaries, eq.actions, eq.intervals
        assert a[0] == 0 and a[-1] == 1
        assert all(lo < hi for lo, hi in itertools.pairwise(a))
        # the receiver's action is its best reply, the mean of the uniform state on the interval
        assert all(y[i] == (a[i] + a[i + 1]) / 2 for i in range(n))
        # the sender at each boundary is indifferent between the two neighbouring actions
        for i in range(1, n):
            assert (y[i - 1] - a[i] - bias) ** 2 == (y[i] - a[i] - bias) ** 2
        # and a sender anywhere inside an interval likes its own action best
        for i in range(n):
            top = a[i + 1]
            state = data.draw(
                st.fractions(min_value=a[i], max_value=top).filter(lambda t, top=top: t < top)
            )
            own = -((y[i] - state - bias) ** 2)
            assert all(own >= -((other - state - bias) ** 2) for other in y)
            assert eq.action_for(state) == y[i]


@settings(max_examples=200)
@given(biases)
def test_max_intervals_is_the_largest_n_with_2bn_n_minus_1_below_one(bias):
    n = max_intervals(bias)
    assert n == _most_by_counting(bias)
    assert 2 * bias * n * (n - 1) < 1 <= 2 * bias * (n + 1) * n
    # the closed form ceil(-1/2 + sqrt(1 + 2/b)/2) agrees, evaluated exactly by sympy
    assert max_intervals(b).subs(b, _sympy(bias)) == n
    with pytest.raises(ValueError, match=f"at most {n} interval"):
        crawford_sobel(bias, n + 1)


@settings(max_examples=200)
@given(biases, biases)
def test_more_bias_never_allows_more_intervals(b1, b2):
    low, high = sorted((b1, b2))
    assert max_intervals(low) >= max_intervals(high)


@pytest.mark.parametrize("n", [2, 3, 4, 5, 10])
def test_at_a_boundary_bias_the_n_interval_equilibrium_does_not_exist(n):
    # b = 1/(2 N (N - 1)): 2 b N (N - 1) = 1, so a_1 = 1/N - 2b(N - 1) = 1/N - 1/N = 0: the
    # first interval is empty, and N(b) = N - 1. Just below, N intervals exist.
    edge = F(1, 2 * n * (n - 1))
    assert max_intervals(edge) == n - 1
    assert max_intervals(b).subs(b, _sympy(edge)) == n - 1
    with pytest.raises(ValueError, match=r"first interval would be empty \(a_1 = 0\)"):
        crawford_sobel(edge, n)
    below = edge - F(1, 10**6)
    assert max_intervals(below) == n
    assert crawford_sobel(below, n).boundaries[1] > 0


@settings(max_examples=100)
@given(biases)
def test_both_players_prefer_more_intervals(bias):
    # R(N + 1) - R(N) = (2N + 1) (1/(12 N² (N + 1)²) - b²/3), positive exactly when
    # 2 b N (N + 1) < 1, that is when N + 1 intervals exist; the sender's payoff is
    # the receiver's minus b², so it moves alike.
    eqs = partition_equilibria(bias)
    for worse, better in itertools.pairwise(eqs):
        assert worse.receiver_payoff < better.receiver_payoff
        assert worse.sender_payoff < better.sender_payoff


@settings(max_examples=60)
@given(st.integers(1, 6), st.data())
def test_symbolic_results_substitute_to_the_exact_ones(n, data):
    symbolic = crawford_sobel(b, intervals=n)
    bias = data.draw(biases)
    exists = symbolic.condition.subs(b, _sympy(bias))
    assert bool(exists) == (n <= max_intervals(bias))
    if not exists:
        return
    exact = crawford_sobel(bias, n)
    for s, e in [
        *zip(symbolic.boundaries, exact.boundaries),
        *zip(symbolic.actions, exact.actions),
        (symbolic.receiver_payoff, exact.receiver_payoff),
        (symbolic.sender_payoff, exact.sender_payoff),
    ]:
        assert sympy.sympify(s).subs(b, _sympy(bias)) == _sympy(e)


def test_symbolic_describe_and_condition():
    eq = crawford_sobel(b, 3)
    assert eq.condition == (b < sympy.Rational(1, 12))
    text = eq.describe()
    assert text.startswith("With bias b, an equilibrium with 3 intervals exists when b < 1/12.")
    assert "1/3 - 4*b" in text
    # without assumptions on the symbol the condition keeps b > 0
    c = sympy.Symbol("c")
    assert crawford_sobel(c, 2).condition == sympy.And(c > 0, c < sympy.Rational(1, 4))
    # an irrational number is handled by sympy, still exactly: 2 b N (N - 1) with
    # b = sqrt(2)/100 is 0.85 for N = 6 and 1.19 for N = 7
    eq = crawford_sobel(sympy.sqrt(2) / 100)
    assert eq.intervals == 6 and eq.max_intervals == 6 and not eq.symbolic
    assert eq.boundaries[1] == sympy.Rational(1, 6) - sympy.sqrt(2) / 10


# --- bad input --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "error", "match"),
    [
        ((0,), ValueError, "the bias must be positive .* got 0"),
        ((F(-1, 10),), ValueError, "the bias must be positive .* got -1/10"),
        ((sympy.Symbol("n", negative=True), 2), ValueError, "must be positive .* got n"),
        (("1/10",), TypeError, "the bias must be a number .* got '1/10'"),
        ((True,), TypeError, "the bias must be a number .* got True"),
        ((sympy.I,), TypeError, "the bias must be real, got I"),
        ((float("nan"),), ValueError, "finite"),
        ((F(1, 10), 3), ValueError, r"at most 2 intervals; intervals=3 needs .* \(b < 1/12\)"),
        ((F(1, 10), 3), ValueError, "negative length a_1 = -1/15"),
        ((F(1, 4), 2), ValueError, "at most 1 interval; intervals=2"),
        ((F(1, 10), 2.0), TypeError, "intervals must be a whole number .* got 2.0"),
        ((F(1, 10), F(3, 2)), TypeError, "intervals must be a whole number .* got Fraction"),
        ((F(1, 10), True), TypeError, "intervals must be a whole number"),
        ((F(1, 10), 0), ValueError, "intervals must be at least 1, got 0"),
        ((b,), TypeError, "symbolic bias b the number of intervals cannot be chosen"),
        ((sympy.sqrt(2), 2), ValueError, r"does not exist: .* b < 1/4"),
    ],
)
def test_bad_input_is_refused_with_the_value_named(args, error, match):
    with pytest.raises(error, match=match):
        crawford_sobel(*args)


def test_other_bad_input():
    with pytest.raises(ValueError, match="must be positive"):
        max_intervals(-1)
    with pytest.raises(TypeError, match="N\\(b\\) = ceiling"):
        partition_equilibria(b)
    with pytest.raises(TypeError, match="needs a rational bias"):
        crawford_sobel(b, 2).action_for(F(1, 2))
    with pytest.raises(ValueError, match="state is in \\[0, 1\\], got 3/2"):
        crawford_sobel(F(1, 10)).action_for(F(3, 2))


# --- finite cheap talk ------------------------------------------------------------------------


def _pure(solution):
    s = solution.structure
    return {
        (
            tuple(max(eq.sender[t], key=eq.sender[t].get) for t in s.types),
            tuple(max(eq.receiver[m], key=eq.receiver[m].get) for m in s.messages),
        )
        for eq in solution
        if eq.pure
    }


def test_discrete_crawford_sobel_equilibria_counted_by_hand():
    # States 0, 1/2, 1 (prior 1/3 each), actions y in {0, 1/2, 1}, messages low/high,
    # receiver -(y - θ)², sender -(y - θ - b)². The receiver's best replies to the
    # posteriors a pure sender strategy can make: {0} -> 0, {1/2} -> 1/2, {1} -> 1,
    # {0, 1} and {0, 1/2, 1} -> 1/2 (mean 1/2), {0, 1/2} -> 0 or 1/2 (mean 1/4, a tie),
    # {1/2, 1} -> 1/2 or 1 (mean 3/4, a tie). A type θ likes the action nearest θ + b.
    #
    # b = 1/10 (type 0 prefers 0 to 1/2 and type 1/2 prefers 1/2 to 1 since b < 1/4):
    #   pooling, off-path action 1/2 (0 would lure type 0, 1 would lure type 1): 1 each
    #     for the two messages = 2;
    #   {0} | {1/2, 1}, the second group getting 1/2 or 1 (type 1/2 prefers 1 to 0,
    #     type 0 prefers 0 to both): 2 x 2 labellings = 4;
    #   {0, 1/2} | {1}: the first group must get 1/2 (given 0, type 1/2 would rather
    #     have 1): 1 x 2 = 2;
    #   {0, 1} | {1/2}: 1/2 after both, nobody gains by switching: 2.   Total 10.
    # b = 3/10 (1/4 < b < 1/2: type 0 now prefers 1/2 to 0 but still 0 to 1; type 1/2
    #   prefers 1 to 1/2): pooling with off-path 0 or 1/2 (not 1): 2 x 2 = 4;
    #   {0} | {1/2, 1} only with 1 for the second group: 2; {0, 1/2} | {1}: none, type
    #   1/2 wants 1 either way; {0, 1} | {1/2}: 2.   Total 8.
    # b = 3/5 (type 0 now prefers 1 to 0 as well): pooling 4; {0} | {1/2, 1}: none;
    #   {0, 1/2} | {1}: none; {0, 1} | {1/2}: 2.   Total 6.
    # Informative equilibria (the receiver acts differently after the messages sent):
    # 6, 2, 0.
    # As in Crawford and Sobel, a larger bias leaves less room for talk that matters.
    for bias, total, informative in [(F(1, 10), 10, 6), (F(3, 10), 8, 2), (F(3, 5), 6, 0)]:
        tree = discrete_crawford_sobel(bias)
        solution = perfect_bayesian(tree)
        pure = _pure(solution)
        assert len(pure) == total
        messages = solution.structure.messages
        assert (
            sum(len({acts[messages.index(m)] for m in sends}) > 1 for sends, acts in pure)
            == informative
        )
        # the two babbling equilibria: everyone says one thing, the receiver plays 1/2
        found = babbling_equilibria(solution)
        assert [eq.messages_sent() for eq in found] == [("low",), ("high",)]
        assert all(set(eq.receiver["low"]) and eq.receiver["low"]["y=1/2"] == 1 for eq in found)
    # b = 1/10: the two-message analogue of the 2-interval partition, and its twin
    pure = _pure(perfect_bayesian(discrete_crawford_sobel(F(1, 10))))
    assert (("low", "high", "high"), ("y=0", "y=1/2")) in pure
    assert (("low", "high", "high"), ("y=0", "y=1")) in pure
    assert (("low", "low", "high"), ("y=1/2", "y=1")) in pure
    assert (("low", "low", "high"), ("y=0", "y=1")) not in pure


def test_cheap_talk_game_payoffs_ignore_the_message():
    table = {(t, a): (len(t) + len(a), len(t) - len(a)) for t in ("x", "yy") for a in ("p", "qq")}
    tree = cheap_talk_game({"x": F(1, 3), "yy": F(2, 3)}, ("m1", "m2", "m3"), ("p", "qq"), table)
    same = cheap_talk_game(
        {"x": F(1, 3), "yy": F(2, 3)}, ("m1", "m2", "m3"), ("p", "qq"), lambda t, a: table[(t, a)]
    )
    s = signalling_structure(tree)
    for t, m, a in itertools.product(s.types, s.messages, s.actions["m1"]):
        assert s.payoffs(t, m, a) == table[(t, a)]
        assert signalling_structure(same).payoffs(t, m, a) == table[(t, a)]


def test_cheap_talk_bad_input():
    with pytest.raises(
        ValueError, match=r"no entry for the \(type, action\) pairs \[\('b', 'l'\)\]"
    ):
        cheap_talk_game({"a": F(1, 2), "b": F(1, 2)}, ("m",), ("l",), {("a", "l"): (0, 0)})
    with pytest.raises(TypeError, match="payoffs must be a function"):
        cheap_talk_game({"a": 1}, ("m",), ("l",), 3)
    with pytest.raises(ValueError, match="at least one message"):
        cheap_talk_game({"a": 1}, (), ("l",), lambda t, a: (0, 0))
    with pytest.raises(ValueError, match="not a cheap-talk game: the payoffs of type"):
        babbling_equilibrium(beer_quiche())
    with pytest.raises(TypeError, match="needs the result of perfect_bayesian"):
        babbling_equilibria(beer_quiche())
    tree = discrete_crawford_sobel(F(1, 10))
    with pytest.raises(ValueError, match="'shout' is not a message"):
        babbling_equilibrium(tree, message="shout")
    with pytest.raises(ValueError, match="'y=0' is not a best response to the prior"):
        babbling_equilibrium(tree, action="y=0")
    with pytest.raises(ValueError, match="states must be distinct"):
        discrete_crawford_sobel(F(1, 10), states=(0, 0))


@st.composite
def cheap_talk_games(draw):
    # Small: perfect_bayesian enumerates the receiver's actions ** messages plans
    # against the sender's messages ** types (at most 9 against 8 here).
    n_types = draw(st.integers(2, 3))
    n_actions = draw(st.integers(2, 3))
    types = [f"t{k}" for k in range(n_types)]
    weights = [draw(st.integers(1, 4)) for _ in types]
    prior = {t: F(w, sum(weights)) for t, w in zip(types, weights)}
    actions = [f"a{k}" for k in range(n_actions)]
    table = {
        (t, a): (draw(st.integers(-2, 3)), draw(st.integers(-2, 3))) for t in types for a in actions
    }
    return cheap_talk_game(prior, ("m0", "m1"), actions, table)


@settings(max_examples=60)
@given(cheap_talk_games())
def test_a_babbling_equilibrium_always_exists_and_perfect_bayesian_finds_it(tree):
    s = signalling_structure(tree)
    prior = [F(p) for p in s.prior]
    solution = perfect_bayesian(tree)
    found = babbling_equilibria(solution)
    assert found  # existence, seen by the general solver
    reported = [(eq.sender, eq.receiver) for eq in solution]
    for m in s.messages:
        for a in best_responses_to(s, m, prior):  # every babbling equilibrium built directly
            eq = babbling_equilibrium(tree, message=m, action=a)
            assert eq.kind == "pooling" and eq.messages_sent() == (m,)
            assert list(eq.beliefs[m].values()) == prior
            assert all(eq.receiver[k] == {x: int(x == a) for x in s.actions[k]} for k in s.messages)
            assert (eq.sender, eq.receiver) in reported
    for eq in found:  # and each babbling equilibrium reported is one by definition
        (mix,) = {tuple(r.items()) for r in eq.receiver.values()}
        played = [a for a, q in mix if q]
        for m in eq.messages_sent():
            assert list(eq.beliefs[m].values()) == prior
            assert set(played) <= set(best_responses_to(s, m, prior))
