"""Parameters, parametric games and closed-form equilibria (negotiation.symbolic)."""

from __future__ import annotations

import math
import re
import statistics
import time
from fractions import Fraction as F
from pathlib import Path

import numpy as np
import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import linear_parametric_games, parameter_values

import negotiation.symbolic as symbolic
from negotiation import BimatrixGame, solve
from negotiation.symbolic import (
    Parameter,
    ParametricGame,
    mixed_closed_form,
    pure_conditions,
    support_closed_form,
)

# --- textbook games with parameters ------------------------------------------------------


def inspection_game() -> ParametricGame:
    """The inspection game of Tsebelis (1989), "The abuse of probability in political
    analysis: the Robinson Crusoe fallacy", APSR 83(1).

    Inspector (row): Inspect at cost h (catching a cheat is worth 2) or Trust.
    Trader (column): Cheat, gaining g unless caught (then fined f), or Comply.
    """
    g = Parameter("g", 1, 0.1, 5, description="gain from cheating")
    f = Parameter("f", 2, 0.1, 5, description="fine")
    h = Parameter("h", 1, 0.1, 1.9, description="cost of inspecting")
    return ParametricGame(
        [[2 - h.symbol, -h.symbol], [0, 0]],
        [[-f.symbol, 0], [g.symbol, 0]],
        [g, f, h],
        players=("Inspector", "Trader"),
        row_labels=("Inspect", "Trust"),
        col_labels=("Cheat", "Comply"),
    )


def matching_pennies(a_high: float = 5) -> ParametricGame:
    """Asymmetric Matching Pennies (Goeree and Holt 2001, "Ten little treasures of game
    theory and ten intuitive contradictions", AER 91(5)): Row wins ``a`` on (Top, Left)."""
    a = Parameter("a", 1, 0.5, a_high, description="row's prize on (Top, Left)")
    A = [[a.symbol, -1], [-1, 1]]
    return ParametricGame(
        A,
        [[-v for v in row] for row in A],
        [a],
        row_labels=("Top", "Bottom"),
        col_labels=("Left", "Right"),
    )


def chicken() -> ParametricGame:
    """Chicken (Rapoport and Chammah 1966, "The game of Chicken"): temptation T, crash cost c."""
    T = Parameter("T", 1, 0.5, 2, description="gain from going straight")
    c = Parameter("c", 2, 0, 3, description="cost of a crash")
    return ParametricGame(
        [[0, -1], [T.symbol, -c.symbol]],
        [[0, T.symbol], [-1, -c.symbol]],
        [T, c],
        row_labels=("Swerve", "Straight"),
        col_labels=("Swerve", "Straight"),
    )


def battle_of_the_sexes() -> ParametricGame:
    """Battle of the Sexes (Luce and Raiffa 1957, section 5.3) with parametric favourite payoffs."""
    a = Parameter("a", 2, 1, 4, description="row's payoff at her favourite")
    b = Parameter("b", 2, 1, 4, description="column's payoff at his favourite")
    return ParametricGame(
        [[a.symbol, 0], [0, 1]],
        [[1, 0], [0, b.symbol]],
        [a, b],
        row_labels=("Autos", "Rice"),
        col_labels=("Autos", "Rice"),
    )


def _fully_mixed(solution):
    return [e for e in solution if len(e.row_support) > 1 and len(e.col_support) > 1]


# --- Parameter ---------------------------------------------------------------------------


def test_parameter_keeps_values_exact_and_has_a_real_symbol():
    t = Parameter("t", 0.24, 0, 0.5, unit="share", description="US tariff rate", step=0.01)
    assert (t.default, t.low, t.high, t.step) == (F(6, 25), F(0), F(1, 2), F(1, 100))
    assert isinstance(t.symbol, sympy.Symbol)
    assert t.symbol.name == "t"
    assert t.symbol.is_real
    assert t.label == "US tariff rate $t$ (share)"
    assert t.slider_step == F(1, 100)
    assert Parameter("t", 0, 0, 2).slider_step == F(1, 50)
    d = t.to_dict()
    assert (d["min"], d["max"], d["value"], d["step"]) == (0.0, 0.5, 0.24, 0.01)
    assert t.replace(default=0.1).default == F(1, 10)
    assert t == Parameter("t", 0.24, 0, 0.5, unit="share", description="US tariff rate", step=0.01)
    assert hash(t) == hash(t.replace())


def test_parameter_source_and_latex():
    p = Parameter("tau", 0.15, 0, 0.5, source="Federal Register 2025-17389", latex=r"\tau_{JP}")
    assert p.source == "Federal Register 2025-17389"
    assert p.latex == r"\tau_{JP}"
    assert Parameter("alpha", 1, 0, 2).latex == r"\alpha"
    assert "\\$" in Parameter("k", 1, 0, 2, unit="$bn").label  # mathtext-safe


@pytest.mark.parametrize(
    ("kwargs", "error", "words"),
    [
        ({"name": "tariff rate"}, ValueError, "'tariff rate' must be a valid Python identifier"),
        ({"name": "1t"}, ValueError, "'1t'"),
        ({"name": "lambda"}, ValueError, "'lambda'"),
        ({"name": 3}, TypeError, "must be a string"),
        ({"low": 1, "high": 1}, ValueError, "parameter 't' needs low < high"),
        ({"low": 2, "high": 1, "default": 1.5}, ValueError, "parameter 't' needs low < high"),
        ({"default": 2}, ValueError, "default of parameter 't' is 2, outside its range [0, 1]"),
        ({"step": 0}, ValueError, "step of parameter 't' must be > 0"),
        ({"step": -0.1}, ValueError, "step of parameter 't' must be > 0"),
        ({"step": 2}, ValueError, "step of parameter 't' is 2, larger than its range"),
        ({"low": float("nan")}, ValueError, "low of parameter 't' must be a finite number"),
        ({"high": math.inf}, ValueError, "high of parameter 't' must be a finite number"),
        ({"default": float("nan")}, ValueError, "default of parameter 't'"),
        ({"step": math.inf}, ValueError, "step of parameter 't'"),
        ({"default": "0.5"}, TypeError, "strings are never parsed"),
        ({"low": True}, TypeError, "low of parameter 't' must be a number"),
        ({"unit": 3}, TypeError, "unit of parameter 't' must be a string"),
    ],
)
def test_parameter_rejects_bad_input_naming_it(kwargs, error, words):
    args = {"name": "t", "default": 0.5, "low": 0, "high": 1} | kwargs
    with pytest.raises(error) as info:
        Parameter(**args)
    assert words in str(info.value)


def test_parameter_validate_names_the_parameter_and_range():
    t = Parameter("t", 0.2, 0, 0.5, unit="share")
    assert t.validate(0.5) == F(1, 2)
    with pytest.raises(ValueError, match=r"t = 3/5 is outside its range \[0, 1/2\] \(share\)"):
        t.validate(0.6)
    with pytest.raises(ValueError, match="t must be a finite number"):
        t.validate(float("nan"))
    with pytest.raises(TypeError, match="strings are never parsed"):
        t.validate("0.3")
    with pytest.raises(TypeError, match="boolean"):
        t.validate(True)


# --- ParametricGame: construction and bad input --------------------------------------------


def test_parametric_game_mirrors_bimatrix_game_keywords():
    g = chicken()
    assert g.shape == (2, 2)
    assert g.row_labels == ("Swerve", "Straight")
    assert [p.name for p in g.parameters] == ["T", "c"]
    assert g.defaults == {"T": F(1), "c": F(2)}
    assert g.parameter("c").name == "c"
    assert "parameters T, c" in repr(g)


def test_a_string_payoff_is_refused_never_parsed():
    t = Parameter("t", 0, 0, 1)
    with pytest.raises(TypeError, match="strings are never parsed"):
        ParametricGame([["t", 0], [0, 1]], [[1, 0], [0, 1]], [t])
    with pytest.raises(TypeError, match="strings are never parsed"):
        ParametricGame([["__import__('os')", 0]], [[1, 0]], [t])
    with pytest.raises(TypeError, match="2-D table"):
        ParametricGame("[[t]]", [[1]], [t])


def test_parameters_must_be_parameter_objects():
    t = Parameter("t", 0, 0, 1)
    with pytest.raises(
        TypeError, match=r"parameters\[1\] must be a Parameter.*write Parameter\('c'"
    ):
        ParametricGame([[t.symbol]], [[0]], [t, "c"])
    with pytest.raises(TypeError, match="parameters must be a list"):
        ParametricGame([[t.symbol]], [[0]], "t")
    assert ParametricGame([[t.symbol]], [[0]], t).parameters == (t,)  # one Parameter is fine


def test_undeclared_symbol_is_named():
    t = Parameter("t", 0, 0, 1)
    x = sympy.Symbol("x")
    with pytest.raises(
        ValueError, match=r"A\[0, 1\] = t\*x uses the symbol x, which is not a declared"
    ):
        ParametricGame([[t.symbol, t.symbol * x]], [[0, 0]], [t])


def test_parameter_declared_twice_is_named():
    t = Parameter("t", 0, 0, 1)
    with pytest.raises(ValueError, match="parameter 't' is declared twice"):
        ParametricGame([[t.symbol]], [[0]], [t, Parameter("t", 1, 0, 2)])


def test_symbol_with_other_assumptions_is_matched_by_name():
    t = Parameter("t", 0, 0, 1)
    plain = sympy.Symbol("t")  # no real=True
    g = ParametricGame([[plain]], [[2 * plain]], [t])
    assert g.A[0][0] == t.symbol
    assert g.at(t=0.5).payoff(0, 0) == (F(1, 2), F(1))


@pytest.mark.parametrize(
    ("payoff", "error", "words"),
    [
        (sympy.oo, ValueError, "not a finite payoff"),
        (sympy.nan, ValueError, "not a finite payoff"),
        (sympy.zoo, ValueError, "not a finite payoff"),
        (float("inf"), ValueError, "finite"),
        (sympy.I, TypeError, "complex"),
        (sympy.Function("f")(sympy.Symbol("t", real=True)), TypeError, "undefined function"),
        (sympy.Eq(sympy.Symbol("t", real=True), 1), TypeError, "must be a sympy expression"),
        (True, TypeError, "boolean"),
        (None, TypeError, "must be a number"),
    ],
)
def test_bad_payoffs_are_refused(payoff, error, words):
    t = Parameter("t", 0, 0, 1)
    with pytest.raises(error, match=words):
        ParametricGame([[payoff, 0]], [[0, 0]], [t])


def test_shapes_must_match():
    t = Parameter("t", 0, 0, 1)
    with pytest.raises(ValueError, match=r"same shape.*A \(1, 2\) and B \(2, 1\)"):
        ParametricGame([[t.symbol, 0]], [[0], [1]], [t])


def test_sympy_matrix_and_numpy_object_arrays_are_accepted():
    t = Parameter("t", 0, 0, 1)
    g1 = ParametricGame(sympy.Matrix([[t.symbol, 1]]), np.array([[0, t.symbol]], dtype=object), [t])
    assert g1.at(t=1).payoff(0, 1) == (F(1), F(1))


# --- at() ----------------------------------------------------------------------------------


def test_at_is_exact_and_fills_defaults():
    g = chicken()
    game = g.at(T=0.5)
    assert isinstance(game, BimatrixGame)
    assert game.exact
    assert game.payoff("Straight", "Straight") == (F(-2), F(-2))  # c = 2 by default
    assert game.payoff("Straight", "Swerve") == (F(1, 2), F(-1))
    assert game.row_labels == ("Swerve", "Straight")


def test_at_refuses_bad_values_naming_the_parameter():
    g = chicken()
    with pytest.raises(ValueError, match=r"c = 4 is outside its range \[0, 3\]"):
        g.at(c=4)
    with pytest.raises(ValueError, match="T must be a finite number, got nan"):
        g.at(T=float("nan"))
    with pytest.raises(ValueError, match="c must be a finite number"):
        g.at(c=-math.inf)
    with pytest.raises(TypeError, match="unknown parameter 'k'; this game's parameters are T, c"):
        g.at(k=1)
    with pytest.raises(TypeError, match="strings are never parsed"):
        g.at(c="1")


def test_at_reports_a_division_by_zero():
    t = Parameter("t", 1, 0, 2)
    g = ParametricGame([[1 / (t.symbol - 1), 0]], [[0, 0]], [t])
    assert g.at(t=0.5).payoff(0, 0)[0] == F(-2)
    with pytest.raises(
        ValueError, match=r"payoff A\[0, 0\] = 1/\(t - 1\) is undefined .* at t = 1"
    ):
        g.at(t=1)


def test_at_with_non_rational_formulas_and_values():
    t = Parameter("t", 1, 0, 4)
    g = ParametricGame([[sympy.sqrt(t.symbol), 0]], [[0, t.symbol]], [t])
    assert g.at(t=F(9, 4)).payoff(0, 0)[0] == F(3, 2)
    assert g.at(t=F(9, 4)).exact
    irrational = g.at(t=2)  # sqrt(2) cannot be kept exactly
    assert not irrational.exact
    assert irrational.A[0, 0] == pytest.approx(math.sqrt(2))
    by_sympy = g.at(t=sympy.sqrt(2))  # an irrational value: evaluated by sympy
    assert by_sympy.B[0, 1] == pytest.approx(math.sqrt(2))


def test_at_is_fast():
    g = chicken()
    g.at(T=0.7, c=1.3)  # build the evaluator once
    times = []
    for k in range(300):
        start = time.perf_counter()
        g.at(T=0.5 + k / 300, c=1.3)
        times.append(time.perf_counter() - start)
    assert statistics.median(times) < 1e-3


@given(st.data())
def test_exact_evaluation_matches_sympy_substitution(data):
    g = data.draw(linear_parametric_games())
    values = data.draw(parameter_values(g))
    game = g.at(**values)
    subs = {
        g.parameter(k).symbol: sympy.Rational(v.numerator, v.denominator) for k, v in values.items()
    }
    for i in range(2):
        for j in range(2):
            a, b = game.payoff(i, j)
            assert sympy.Rational(a.numerator, a.denominator) == g.A[i][j].subs(subs)
            assert sympy.Rational(b.numerator, b.denominator) == g.B[i][j].subs(subs)


@given(st.data())
def test_lambdified_numbers_equal_subs_evalf(data):
    """The numpy code generated by lambdify computes the same numbers as sympy itself."""
    t = Parameter("t", 0.2, 0.01, 0.5)
    c = Parameter("c", 1, 0.5, 3)
    T, C = t.symbol, c.symbol
    exprs = [
        3 - 10 * T,
        (C * T - 1) / (T + 1),
        sympy.sqrt(T) * C,
        sympy.exp(-C * T) - T**2 / 3,
        sympy.Rational(7, 3),
    ]
    g = ParametricGame([exprs[:2], exprs[2:4]], [[exprs[4], 0], [0, 1]], [t, c])
    fn = g.numpy_function(exprs, key="test")
    xs = data.draw(st.lists(st.floats(0.01, 0.5), min_size=1, max_size=5))
    cs = data.draw(st.lists(st.floats(0.5, 3), min_size=len(xs), max_size=len(xs)))
    out = fn(np.array(xs), np.array(cs))
    for k, expr in enumerate(exprs):
        got = np.broadcast_to(np.asarray(out[k], dtype=float), (len(xs),))
        for n, (xv, cv) in enumerate(zip(xs, cs, strict=True)):
            want = float(expr.subs({T: xv, C: cv}).evalf(30))
            assert got[n] == pytest.approx(want, rel=1e-12, abs=1e-12)


def test_numpy_function_rejects_text_and_foreign_symbols():
    g = chicken()
    with pytest.raises(TypeError, match="strings are never parsed"):
        g.numpy_function(["T + c"])
    with pytest.raises(ValueError, match="not a parameter of this game"):
        g.numpy_function([sympy.Symbol("z")])


def test_payoff_latex_escapes_labels():
    t = Parameter("t", 0, 0, 1, latex=r"\tau")
    g = ParametricGame(
        [[t.symbol / 2, 0]], [[1, 0]], [t], row_labels=("R&D 50%",), col_labels=("a_b", "c")
    )
    latex = g.payoff_latex()
    assert r"\text{R\&D 50\%}" in latex
    assert r"\text{a\_b}" in latex
    assert r"\frac{\tau}{2},\ 1" in latex
    assert g._repr_latex_().startswith("$$")


# --- closed forms ------------------------------------------------------------------------


def test_inspection_game_closed_form_tsebelis():
    """Tsebelis (1989): a player's own payoffs do not move her own mixing probability.

    Hand derivation: the trader is indifferent when -f p + g (1 - p) = 0, so p = g / (f + g);
    the inspector is indifferent when (2 - h) q - h (1 - q) = 0, so q = h / 2.
    """
    game = inspection_game()
    form = mixed_closed_form(game)
    g, f, h = (game.parameter(n).symbol for n in ("g", "f", "h"))
    assert sympy.simplify(form.p - g / (f + g)) == 0
    assert sympy.simplify(form.q - h / 2) == 0
    assert h not in form.p.free_symbols  # the inspector's cost does not move the inspector
    assert not {f, g} & form.q.free_symbols  # the fine does not move the trader
    assert sympy.simplify(form.payoffs[0]) == 0  # the inspector's expected payoff
    assert form.holds(g=1, f=2, h=1)
    (eq,) = solve(game.at(g=1, f=4, h=1)).equilibria
    assert eq.strategies == ((F(1, 5), F(4, 5)), (F(1, 2), F(1, 2)))
    assert form.evaluate(g=1, f=4, h=1) == eq.strategies


def test_matching_pennies_closed_form():
    """Asymmetric Matching Pennies (Goeree and Holt 2001).

    Hand derivation with prize a on (Top, Left): Column makes Row indifferent,
    a q - (1 - q) = -q + (1 - q), so q = 2 / (a + 3); Row makes Column indifferent,
    -a p + (1 - p) = p - (1 - p), so p = 2 / (a + 3) as well.
    """
    game = matching_pennies()
    form = mixed_closed_form(game)
    a = game.parameter("a").symbol
    assert sympy.simplify(form.p - 2 / (a + 3)) == 0
    assert sympy.simplify(form.q - 2 / (a + 3)) == 0
    assert form.holds(a=1)
    assert all(not c.holds(a=3) for c in pure_conditions(game))
    (eq,) = solve(game.at(a=3)).equilibria
    assert eq.strategies == ((F(1, 3), F(2, 3)), (F(1, 3), F(2, 3)))


def test_chicken_closed_form():
    """Chicken (Rapoport and Chammah 1966).

    Hand derivation: Row swerves with p such that Column is indifferent:
    0 p - (1 - p) = T p - c (1 - p), so p = (c - 1) / (T + c - 1). The asymmetric profiles
    are equilibria when -1 >= -c (c >= 1) and T >= 0.
    """
    game = chicken()
    form = mixed_closed_form(game)
    T, c = game.parameter("T").symbol, game.parameter("c").symbol
    assert sympy.simplify(form.p - (c - 1) / (T + c - 1)) == 0
    assert sympy.simplify(form.q - (c - 1) / (T + c - 1)) == 0
    conditions = {pc.labels: pc for pc in pure_conditions(game)}
    swerve_straight = conditions[("Swerve", "Straight")]
    assert swerve_straight.where("c") == sympy.Interval(1, 3)
    assert swerve_straight.holds(c=1) and not swerve_straight.holds(c=0.5)
    assert conditions[("Straight", "Straight")].where("c") == sympy.Interval(0, 1)
    assert form.where("c") == sympy.Interval.Lopen(1, 3)


def test_battle_of_the_sexes_closed_form():
    """Battle of the Sexes (Luce and Raiffa 1957).

    Hand derivation: Row plays Autos with p making Column indifferent, p = b (1 - p), so
    p = b / (b + 1); Column plays Autos with q such that a q = 1 - q, so q = 1 / (a + 1).
    """
    game = battle_of_the_sexes()
    form = mixed_closed_form(game)
    a, b = game.parameter("a").symbol, game.parameter("b").symbol
    assert sympy.simplify(form.p - b / (b + 1)) == 0
    assert sympy.simplify(form.q - 1 / (a + 1)) == 0
    assert sympy.simplify(form.payoffs[0] - a / (a + 1)) == 0
    assert sympy.simplify(form.payoffs[1] - b / (b + 1)) == 0
    eq = _fully_mixed(solve(game.at(a=2, b=2)))[0]
    assert eq.strategies == ((F(2, 3), F(1, 3)), (F(1, 3), F(2, 3)))
    assert form.latex().startswith(r"\begin{aligned}")


def test_closed_forms_display():
    game = chicken()
    form = mixed_closed_form(game)
    assert "valid when" in form._repr_latex_()
    text = str(pure_conditions(game)[0])
    assert text.startswith("(Swerve, Swerve) is an equilibrium when")
    assert "cases" in pure_conditions(game)[1]._repr_latex_()


def test_mixed_closed_form_needs_2x2():
    t = Parameter("t", 0, 0, 1)
    g = ParametricGame([[t.symbol, 0, 1]], [[0, 1, 0]], [t])
    with pytest.raises(ValueError, match="needs a 2x2 game, got 1x3; use support_closed_form"):
        mixed_closed_form(g)
    with pytest.raises(TypeError, match="needs a ParametricGame"):
        mixed_closed_form(BimatrixGame([[1]], [[1]]))


def test_support_closed_form_rock_paper_scissors():
    """Rock-paper-scissors with a prize w for rock beating scissors; hand check at w = 2:
    x = (1/4, 5/12, 1/3) makes every column pay -1/12 to the column player."""
    w = Parameter("w", 1, 0.5, 3)
    W = w.symbol
    A = [[0, -1, W], [1, 0, -1], [-1, 1, 0]]
    rps = ParametricGame(A, [[-v for v in row] for row in A], [w])
    form = support_closed_form(rps, [0, 1, 2], ["C1", "C2", "C3"])
    x, y = form.evaluate(w=2)
    assert x == (F(1, 4), F(5, 12), F(1, 3))
    assert form.holds(w=2)
    (eq,) = solve(rps.at(w=2)).equilibria
    assert eq.strategies == (x, y)


def test_support_closed_form_2x2_equals_mixed_closed_form():
    game = battle_of_the_sexes()
    full = support_closed_form(game, [0, 1], ["Autos", "Rice"])
    form = mixed_closed_form(game)
    for a, b in zip((*full.row, *full.col), (*form.row, *form.col), strict=True):
        assert sympy.simplify(a - b) == 0


def test_support_closed_form_bad_supports():
    game = battle_of_the_sexes()
    with pytest.raises(ValueError, match="equal size"):
        support_closed_form(game, [0, 1], [0])
    with pytest.raises(ValueError, match="unknown strategy 'Sushi'"):
        support_closed_form(game, ["Sushi"], [0])
    with pytest.raises(ValueError, match="index 2 is out of range"):
        support_closed_form(game, [2], [0])
    with pytest.raises(ValueError, match="names a strategy twice"):
        support_closed_form(game, [0, 0], [0, 1])
    with pytest.raises(TypeError, match="list of strategy indices"):
        support_closed_form(game, "Autos", [0])
    t = Parameter("t", 0, 0, 1)
    same = ParametricGame([[t.symbol, t.symbol], [1, 1]], [[0, 1], [1, 0]], [t])
    with pytest.raises(ValueError, match="do not pin down a unique mix"):
        support_closed_form(same, [0, 1], [0, 1])


@given(st.data())
def test_closed_forms_agree_with_solve(data):
    """At sampled values, pure conditions and the mixed closed form give what solve finds."""
    game = data.draw(linear_parametric_games())
    values = data.draw(parameter_values(game))
    solution = solve(game.at(**values))
    pure = {(e.row_support[0], e.col_support[0]) for e in solution.pure}
    for pc in pure_conditions(game):
        assert pc.holds(**values) == ((pc.row, pc.col) in pure)
    form = mixed_closed_form(game)
    mixed = _fully_mixed(solution)
    if form.holds(**values):
        assert form.evaluate(**values) in [e.strategies for e in mixed]
    elif not solution.degenerate:
        assert not mixed


@settings(max_examples=15)
@given(st.data())
def test_support_closed_forms_agree_with_solve_3x3(data):
    game = data.draw(linear_parametric_games(size=(3, 3), coefficient=3))
    values = data.draw(parameter_values(game))
    solution = solve(game.at(**values))
    if solution.degenerate:
        return
    found = set()
    for rows in ((0, 1), (0, 2), (1, 2), (0, 1, 2)):
        for cols in ((0, 1), (0, 2), (1, 2), (0, 1, 2)):
            if len(rows) != len(cols):
                continue
            try:
                form = support_closed_form(game, rows, cols)
            except ValueError:
                continue
            if form.holds(**values):
                found.add(form.evaluate(**values))
    assert found == {e.strategies for e in solution.mixed}


# --- safety ------------------------------------------------------------------------------


def test_no_text_reaches_eval_sympify_or_lambdify():
    """Nothing in the symbolic package or its plots parses text into code."""
    root = Path(symbolic.__file__).parent
    files = [*root.glob("*.py"), root.parent / "plots" / "maps.py"]
    assert len(files) >= 6
    for path in files:
        source = path.read_text()
        for pattern in (r"\bsympify\s*\(", r"\beval\s*\(", r"\bexec\s*\(", r"parse_expr", r"S\("):
            assert not re.search(pattern, source), f"{path.name} matches {pattern}"
        for call in re.finditer(r"lambdify\(([^)]*)", source):
            assert not re.match(r"\s*[\"']", call.group(1)), f"{path.name}: lambdify on a string"
