"""Regimes and exact thresholds along one parameter (negotiation.symbolic.regimes)."""

from __future__ import annotations

from fractions import Fraction as F

import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import linear_parametric_games, parameter_values

from negotiation import BimatrixGame
from negotiation.symbolic import Parameter, ParametricGame, Structure, regimes


def structure(pgame: ParametricGame, **values) -> Structure:
    return Structure.of(pgame.at(**values))


def chicken() -> ParametricGame:
    """Chicken (Rapoport and Chammah 1966) with temptation T and crash cost c."""
    T = Parameter("T", 1, 0.5, 2)
    c = Parameter("c", 2, 0, 3)
    return ParametricGame(
        [[0, -1], [T.symbol, -c.symbol]],
        [[0, T.symbol], [-1, -c.symbol]],
        [T, c],
        row_labels=("Swerve", "Straight"),
        col_labels=("Swerve", "Straight"),
    )


def tariff_game() -> ParametricGame:
    t = Parameter("t", 0.24, 0, 1, unit="share of import value")
    T = t.symbol
    return ParametricGame(
        [[2, 1], [3, 0]],
        [[5 * T - 2, 0], [1, 2]],
        [t],
        players=("US", "Japan"),
        row_labels=("Hold", "Cut"),
        col_labels=("Retaliate", "Accommodate"),
    )


def test_chicken_thresholds_in_the_crash_cost():
    """Hand derivation (T = 1): Row's payoffs are 0, -1, 1, -c. Against Straight, Swerve (-1)
    beats Straight (-c) iff c > 1, so c = 1 separates the Prisoner's Dilemma (c < 1: going
    straight is dominant) from Chicken. At c = 0 the payoffs 0 and -c tie: the lower end
    is a tie between the Prisoner's Dilemma and Deadlock."""
    r = regimes(chicken(), "c")
    assert r.values == (0, 1)
    low, one = r.thresholds
    assert low.left is None and low.structure.class_name.startswith("Tie")
    pd, ch = r.regimes
    assert (pd.low, pd.high, pd.low_closed, pd.high_closed) == (0, 1, False, False)
    assert pd.structure.class_name == "Prisoner's Dilemma"
    assert pd.structure.pure == ((1, 1),)
    assert ch.structure.class_name == "Chicken"
    assert ch.structure.pure == ((0, 1), (1, 0)) and ch.structure.mixed
    assert (ch.high, ch.high_closed) == (3, True)
    assert one.structure.degenerate  # at c = 1 Row is indifferent against Straight
    assert one.structure == structure(chicken(), c=1)
    assert (one.left, one.right) == (pd.structure, ch.structure)
    assert one.solution is not None and one.solution.degenerate


def test_tariff_threshold_is_two_fifths():
    """Hand derivation: against Hold, Japan's Retaliate pays 5t - 2 and Accommodate 0, so
    Japan retaliates iff t > 2/5; other comparisons (5t - 2 against 1 and 2) only change
    which cyclic game it is, and all cyclic games have the same name."""
    r = regimes(tariff_game(), "t")
    assert r.values == (F(2, 5),)
    below, above = r.regimes
    assert below.structure.pure_labels == (("Hold", "Accommodate"),)
    assert above.structure.pure == () and above.structure.mixed
    (th,) = r.thresholds
    assert th.structure.degenerate and th.exact
    assert r.structure_at(0.4) == th.structure
    assert r.structure_at(0.1) == below.structure
    assert r.structure_at(1) == above.structure
    assert below.contains(0) and not below.contains(0.4) and above.contains(0.41)


def test_irrational_threshold_is_exact():
    """Hand derivation: against C1, Row compares 8x^2 - 1 with 0, so she switches at
    x = sqrt(2)/4; A[0,0] = 8x^2 - 1 meets A[1,1] = 1 at x = 1/2 (a change of class only).
    At sqrt(2)/4 both (R1, C1) (Row indifferent) and (R2, C2) are equilibria, and the
    only mixed equilibria have the column player pure, so no equilibrium has both mixing."""
    x = Parameter("x", 0.5, 0, 1)
    X = x.symbol
    g = ParametricGame([[8 * X**2 - 1, 0], [0, 1]], [[1, 0], [0, 2]], [x])
    r = regimes(g, "x")
    assert r.values[0] == sympy.sqrt(2) / 4
    assert r.values[1] == sympy.Rational(1, 2)
    at = r.thresholds[0]
    assert at.exact and at.solution is None  # cannot be solved exactly: from the signs
    assert at.structure.pure == ((0, 0), (1, 1))
    assert at.structure.degenerate and not at.structure.mixed
    assert at.left == structure(g, x=F(35, 100))
    assert at.right == structure(g, x=F(36, 100))
    assert r.structure_at(sympy.sqrt(2) / 4) == at.structure
    assert "sqrt(2)/4" in r.table()
    assert "\\frac{\\sqrt{2}}{4}" in r._repr_markdown_()


def test_other_parameters_held_fixed():
    r = regimes(chicken(), "T", fixed={"c": F(1, 2)})
    assert r.fixed == {"c": F(1, 2)}
    assert all(reg.structure.class_name == "Prisoner's Dilemma" for reg in r)
    assert "with c = 1/2" in r.table()


def test_regimes_of_a_2x3_game_match_solve():
    """A 2x3 game: Column's third strategy pays s against both rows.

    Hand derivation: Column's payoffs are 2/0 (Left), 0/2 (Middle) and s/s (Right), and Row
    matches Column (1 on the diagonal) or gets 2 against Right when playing Top. Right is a
    best response to Row's 50-50 mix (which makes Left and Middle pay 1) when s >= 1, and to
    a pure Row strategy when s >= 2."""
    s = Parameter("s", 1.5, 0, 3)
    g = ParametricGame(
        [[1, 0, 2], [0, 1, 0]],
        [[2, 0, s.symbol], [0, 2, s.symbol]],
        [s],
        col_labels=("Left", "Middle", "Right"),
    )
    r = regimes(g, "s")
    assert r.values == (1, 2)
    for th in r.thresholds:
        v = F(int(th.value.p), int(th.value.q))
        assert th.structure == structure(g, s=v)
        assert th.left == structure(g, s=v - F(1, 1000))
        assert th.right == structure(g, s=v + F(1, 1000))
        assert th.structure.class_name is None


@settings(max_examples=60)
@given(st.data())
def test_thresholds_are_where_solve_changes(data):
    """Just left and right of every threshold solve finds the reported structures; inside
    each regime solve finds the regime's structure."""
    g = data.draw(linear_parametric_games(coefficient=3))
    fixed = data.draw(parameter_values(g, denominator=6))
    del fixed["x"]
    r = regimes(g, "x", fixed=fixed)
    eps = F(1, 10**6)
    for th in r.thresholds:
        v = th.value
        if v.is_Rational:
            v = F(int(v.p), int(v.q))
            assert th.structure == structure(g, x=v, **fixed)
            probe_left, probe_right = v - eps, v + eps
        else:
            r40 = sympy.Rational(v.evalf(40))
            approx = F(int(r40.p), int(r40.q))
            probe_left, probe_right = approx - eps, approx + eps
        assert th.structure != th.left or th.structure != th.right
        if th.left is not None:
            assert th.left == structure(g, x=probe_left, **fixed)
        if th.right is not None:
            assert th.right == structure(g, x=probe_right, **fixed)
    for reg in r:
        assert reg.structure == structure(g, x=reg.sample, **fixed)
        k = data.draw(st.integers(1, 9))
        lo, hi = float(reg.low), float(reg.high)
        inside = F(lo + (hi - lo) * k / 10).limit_denominator(10**9)
        if reg.contains(inside):
            assert reg.structure == structure(g, x=inside, **fixed)
    # the regimes tile the range, and neighbours differ or are separated by a threshold
    assert r.regimes[0].low == -1 and r.regimes[-1].high == 1
    for a, b in zip(r.regimes, r.regimes[1:], strict=False):
        assert a.high == b.low
        assert any(th.value == a.high for th in r.thresholds)


def test_bad_input_names_the_parameter():
    g = chicken()
    with pytest.raises(ValueError, match="unknown parameter 'k'"):
        regimes(g, "k")
    with pytest.raises(ValueError, match="parameter 'c' is varied here, so it cannot also be held"):
        regimes(g, "c", fixed={"c": 1})
    with pytest.raises(ValueError, match=r"T = 3 is outside its range \[1/2, 2\]"):
        regimes(g, "c", fixed={"T": 3})
    with pytest.raises(TypeError, match="unknown parameter 'k'"):
        regimes(g, "c", fixed={"k": 3})
    with pytest.raises(TypeError, match="needs a ParametricGame"):
        regimes(BimatrixGame([[1]], [[1]]), "c")
    with pytest.raises(ValueError, match="not one of this game's parameters"):
        regimes(g, Parameter("c", 1, 0, 5))
    t = Parameter("t", 0, -1, 1)
    pole = ParametricGame([[1 / (t.symbol - sympy.Rational(1, 2)), 0]], [[0, 1]], [t])
    with pytest.raises(ValueError, match=r"A\[0, 0\] = 1/\(t - 1/2\) is undefined at t = 1/2"):
        regimes(pole, "t")
    with pytest.raises(ValueError, match=r"t = 2 is outside its range"):
        regimes(pole.__class__([[t.symbol]], [[0]], [t]), "t").structure_at(2)


def test_regimes_of_a_constant_game_is_one_regime():
    t = Parameter("t", 0, 0, 1)
    g = ParametricGame([[1, 0], [0, 1]], [[1, 0], [0, 1]], [t])
    r = regimes(g, "t")
    assert len(r) == 1 and r.thresholds == ()
    assert (r[0].low_closed, r[0].high_closed) == (True, True)
    assert r[0].structure.pure == ((0, 0), (1, 1))


def _probes(th, eps=F(1, 10**7)):
    v = th.value
    if v.is_Rational:
        v = F(int(v.p), int(v.q))
    else:
        r = sympy.Rational(v.evalf(40))
        v = F(int(r.p), int(r.q))
    return v - eps, v + eps


@settings(max_examples=40)
@given(st.data())
def test_quadratic_payoffs_give_exact_irrational_thresholds(data):
    """Payoffs a + b x + c x^2 have irrational roots; the structure still changes exactly there."""
    x = Parameter("x", 0, -1, 1)
    X = x.symbol
    coef = st.integers(-3, 3)

    def entry():
        return data.draw(coef) + data.draw(coef) * X + data.draw(coef) * X**2

    g = ParametricGame(
        [[entry(), entry()], [entry(), entry()]], [[entry(), entry()], [entry(), entry()]], [x]
    )
    r = regimes(g, "x")
    for th in r.thresholds:
        assert th.exact
        left, right = _probes(th)
        if th.left is not None:
            assert th.left == structure(g, x=left)
        if th.right is not None:
            assert th.right == structure(g, x=right)
        if th.value.is_Rational:
            assert th.structure == structure(g, x=F(int(th.value.p), int(th.value.q)))
        else:  # solve cannot take sqrt(...) exactly; the sides are still checked
            assert th.structure is not None and th.solution is None


@settings(max_examples=15)
@given(st.data())
def test_thresholds_of_2x3_games_are_where_solve_changes(data):
    g = data.draw(linear_parametric_games(size=(2, 3), coefficient=2))
    r = regimes(g, "x", fixed={"y": F(1, 3)})
    for th in r.thresholds:
        left, right = _probes(th)
        if th.left is not None:
            assert th.left == structure(g, x=left, y=F(1, 3))
        if th.right is not None:
            assert th.right == structure(g, x=right, y=F(1, 3))
    for reg in r:
        assert reg.structure == structure(g, x=reg.sample, y=F(1, 3))


def test_transcendental_thresholds_exact_or_numerical():
    """exp(t) - 2 = 0 and exp(t) - 2 = 1 are solved exactly (log 2, log 3); t = cos t has
    no closed form, so the threshold (the Dottie number 0.739085...) is found numerically
    and flagged as such."""
    t = Parameter("t", 0.5, 0, 1.5)
    T = t.symbol
    exact = ParametricGame([[sympy.exp(T) - 2, 0], [0, 1]], [[1, 0], [0, 1]], [t])
    r = regimes(exact, "t")
    assert r.values == (sympy.log(2), sympy.log(3))
    assert all(th.exact for th in r.thresholds)
    numeric = ParametricGame([[T - sympy.cos(T), 0], [0, 1]], [[1, 0], [0, 1]], [t])
    r = regimes(numeric, "t")
    first = r.thresholds[0]
    assert not first.exact
    assert float(first) == pytest.approx(0.7390851332151607, abs=1e-12)
    assert "(numerical)" in first.describe()
    left, right = _probes(first, eps=F(1, 10**6))
    assert first.left == structure(numeric, t=left)
    assert first.right == structure(numeric, t=right)


@settings(max_examples=6)
@given(st.data())
def test_scan_mode_finds_the_same_equilibrium_changes(data):
    """Large games are scanned numerically first; forced on 3x3 games, the scan finds every
    threshold where the equilibria (not just the degeneracy) change, as exact enumeration does."""
    import negotiation.symbolic.thresholds as thresholds

    g = data.draw(linear_parametric_games(size=(3, 3), coefficient=2))
    full = regimes(g, "x", fixed={"y": F(1, 7)})
    saved = thresholds.SCAN_PAIRS
    thresholds.SCAN_PAIRS = 0
    try:
        scanned = regimes(g, "x", fixed={"y": F(1, 7)})
    finally:
        thresholds.SCAN_PAIRS = saved
    assert "scan" not in full.note and "points first" in scanned.note

    def changes(r):
        return {
            th.value
            for th in r.thresholds
            if th.left is not None
            and th.right is not None
            and (th.left.pure, th.left.mixed) != (th.right.pure, th.right.mixed)
        }

    assert changes(scanned) == changes(full)
    for reg in scanned:
        assert reg.structure == structure(g, x=reg.sample, y=F(1, 7))


def test_a_tie_is_found_when_the_other_half_of_a_support_pair_is_singular():
    # The row player's rows differ by a constant, so no column mix makes them
    # indifferent (that half of every support pair is singular); the column player's
    # half is not: the even row mix makes C1 and C2 worth 1/2, and C3 ties with them at
    # t = 1/2. There, and only there, the game is degenerate.
    t = Parameter("t", 0, -1, 2)
    g = ParametricGame([[0, 0, 0], [1, 1, 1]], [[1, 0, t.symbol], [0, 1, t.symbol]], [t])
    r = regimes(g, "t")
    assert F(1, 2) in r.values
    half = r.structure_at(F(1, 2))
    assert half == structure(g, t=F(1, 2)) and half is not None and half.degenerate
    for value in (F(1, 4), F(3, 4)):
        assert r.structure_at(value) == structure(g, t=value)
        assert not structure(g, t=value).degenerate
