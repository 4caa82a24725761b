"""Equilibrium maps over two parameters and their plots."""

from __future__ import annotations

import math
import time
from fractions import Fraction as F

import numpy as np
import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import linear_parametric_games

from negotiation import solve
from negotiation.plots import draw_equilibrium_map, plot_equilibrium_map
from negotiation.symbolic import (
    EquilibriumMap,
    Parameter,
    ParametricGame,
    Structure,
    equilibrium_map,
    mixed_closed_form,
)
from negotiation.symbolic.maps import MAX_MAP_POINTS


def trade_war() -> ParametricGame:
    """The symmetric 2x2 game in the T-S plane with R = 1 and P = 0 (Santos, Pacheco and
    Lenaerts 2006, PNAS 103(9); Macy and Flache 2002, PNAS 99(suppl. 3)): Harmony for
    T < 1 < S + 1, Chicken (Snowdrift) for T > 1, S > 0, Stag Hunt for T < 1, S < 0 and the
    Prisoner's Dilemma for T > 1, S < 0. Here: open trade or a tariff."""
    T = Parameter("T", 1.5, 0, 2, description="temptation")
    S = Parameter("S", -0.5, -1, 1, description="sucker's payoff")
    return ParametricGame(
        [[1, S.symbol], [T.symbol, 0]],
        [[1, T.symbol], [S.symbol, 0]],
        [T, S],
        players=("Japan", "US"),
        row_labels=("Open", "Tariff"),
        col_labels=("Open", "Tariff"),
        title="Trade war in the T-S plane",
    )


def assert_agrees_with_solve(m: EquilibriumMap, step: int = 1) -> None:
    ny, nx = m.shape
    for i in range(0, ny, step):
        for j in range(0, nx, step):
            expected = Structure.of(m.game(i, j))
            assert m.structure(i, j) == expected, (m.point(i, j), m.structure(i, j), expected)


def test_trade_war_map_has_the_four_textbook_regions():
    m = equilibrium_map(trade_war(), "T", "S", resolution=(41, 41))
    names = {s.class_name for s in m.legend}
    assert {"Prisoner's Dilemma", "Chicken", "Stag Hunt", "Harmony", "Concord"} <= names
    pd = m.structure(*m.nearest(1.5, -0.5))
    assert pd.class_name == "Prisoner's Dilemma" and pd.pure_labels == (("Tariff", "Tariff"),)
    assert m.structure(*m.nearest(0.5, -0.5)).class_name == "Stag Hunt"
    assert m.structure(*m.nearest(1.5, 0.5)).class_name == "Chicken"
    # T = 1 and S = 0 are grid lines: the points on them are ties, as solve says
    j = m.nearest(1.0, 0.0)[1]
    assert m.point(0, j)["T"] == 1
    assert m.ties[:, j].all()
    assert m.structure(m.nearest(1.0, -0.5)[0], j).class_name.startswith("Tie")
    assert_agrees_with_solve(m)
    assert math.isclose(sum(m.areas()), 1.0)


def test_mixing_probabilities_follow_the_closed_form():
    """Chicken region of the T-S plane: each player opens with probability S / (S + T - 1)."""
    m = equilibrium_map(trade_war(), "T", "S", resolution=(21, 21))
    for i in range(21):
        for j in range(21):
            s = m.structure(i, j)
            point = m.point(i, j)
            if s.mixed and not s.degenerate:
                want = point["S"] / (point["S"] + point["T"] - 1)
                assert m.p[i, j] == pytest.approx(float(want))
                assert m.q[i, j] == pytest.approx(float(want))
                assert m.row_mix[i, j].sum() == pytest.approx(1)
            elif not s.mixed:
                assert np.isnan(m.p[i, j]) and np.isnan(m.q[i, j])


@settings(max_examples=40)
@given(st.data())
def test_map_agrees_with_solve_at_every_point(data):
    """Grids of 7 x 7 on [-1, 1]^2 with small integer coefficients hit ties often; every label,
    ties included, is what solve (and classify) say about the exact game at that point."""
    g = data.draw(linear_parametric_games(coefficient=2))
    m = equilibrium_map(g, "x", "y", resolution=7)
    assert_agrees_with_solve(m)
    form = mixed_closed_form(g)
    for i in range(7):
        for j in range(7):
            s = m.structure(i, j)
            if s.mixed and not s.degenerate:
                eq = next(e for e in solve(m.game(i, j)) if len(e.row_support) == 2)
                assert m.row_mix[i, j] == pytest.approx(eq.row)
                assert m.col_mix[i, j] == pytest.approx(eq.col)
                assert form.holds(**m.point(i, j))


@settings(max_examples=10)
@given(st.data())
def test_map_of_generic_games_agrees_with_solve_off_the_boundaries(data):
    """With irregular coefficients, boundaries rarely meet grid points: compare everywhere."""
    x, y = Parameter("x", 0, -1, 1), Parameter("y", 0, -1, 1)
    coef = st.integers(-30, 30)

    def table():
        return [
            [
                sympy.Rational(data.draw(coef), 7)
                + sympy.Rational(data.draw(coef), 11) * x.symbol
                + sympy.Rational(data.draw(coef), 13) * y.symbol * x.symbol
                for _ in range(2)
            ]
            for _ in range(2)
        ]

    g = ParametricGame(table(), table(), [x, y])
    m = equilibrium_map(g, "x", "y", resolution=(13, 11))
    assert_agrees_with_solve(m)


@settings(max_examples=8)
@given(st.data())
def test_map_of_larger_games_agrees_with_solve(data):
    """Larger games are mapped from the exact signs of their vertex formulas; every label,
    degeneracy included, is what solve says (and carries no class name)."""
    size = data.draw(st.sampled_from([(2, 3), (3, 2), (3, 3)]))
    g = data.draw(linear_parametric_games(size=size, coefficient=2))
    m = equilibrium_map(g, "x", "y", resolution=5)
    assert "exact vertex labels" in m.method
    assert all(s.class_name is None for s in m.legend)
    assert_agrees_with_solve(m)


def test_larger_game_mixing_probabilities():
    """Rock-paper-scissors with prize w for rock (see test_symbolic): x = (1/4, 5/12, 1/3) at w = 2."""
    w = Parameter("w", 1, 0.5, 3)
    k = Parameter("k", 1, 1, 2)
    W = w.symbol
    A = [[0, -k.symbol, W], [k.symbol, 0, -1], [-1, 1, 0]]
    g = ParametricGame(A, [[-v for v in row] for row in A], [w, k])
    m = equilibrium_map(g, "w", "k", resolution=(11, 3))
    i, j = m.nearest(2.0, 1.0)
    assert m.point(i, j) == {"w": 2, "k": 1}
    assert m.row_mix[i, j] == pytest.approx([0.25, 5 / 12, 1 / 3])
    assert m.structure(i, j).mixed and m.structure(i, j).pure == ()


def test_fixed_values_and_exact_grid():
    c = Parameter("c", 2, 0, 3)
    g = ParametricGame(
        [[0, -1], [c.symbol, -c.symbol]],
        [[0, c.symbol], [-1, -c.symbol]],
        [Parameter("a", 0, 0, 1), c, Parameter("b", F(1, 3), 0, 1)],
    )
    m = equilibrium_map(g, "a", "b", resolution=(4, 3), fixed={"c": 0.5})
    assert m.fixed == {"c": F(1, 2)}
    assert m.point(2, 3) == {"a": 1, "c": F(1, 2), "b": 1}
    assert m.point(1, 1) == {"a": F(1, 3), "c": F(1, 2), "b": F(1, 2)}
    assert m.shape == (3, 4) and m.extent == (0.0, 1.0, 0.0, 1.0)
    assert len(m.legend) == 1  # the payoffs do not depend on a or b


def test_map_parameters_anywhere_in_the_declaration_order():
    c, d = Parameter("c", 2, 0, 3), Parameter("d", 0, 0, 1)
    a, b = Parameter("a", 0, 0, 1), Parameter("b", 0, 0, 1)
    g = ParametricGame(
        [[d.symbol, -1], [a.symbol + 1, -c.symbol]],
        [[0, b.symbol + 1], [-1, -c.symbol]],
        [c, d, a, b],
    )
    m = equilibrium_map(g, "b", "a", resolution=(5, 4), fixed={"c": 2})
    assert m.shape == (4, 5)
    assert_agrees_with_solve(m)
    m = equilibrium_map(g, "c", "b", resolution=(5, 4))
    assert_agrees_with_solve(m)


def test_speed_of_a_201x201_map():
    g = trade_war()
    equilibrium_map(g, "T", "S")  # generates and caches the numpy code
    start = time.perf_counter()
    m = equilibrium_map(g, "T", "S")
    elapsed = time.perf_counter() - start
    assert m.shape == (201, 201)
    assert elapsed < 1.0  # the benchmark holds it to 0.3 s; this only catches regressions


@pytest.mark.parametrize(
    ("kwargs", "error", "words"),
    [
        ({"resolution": 1}, ValueError, "resolution along x must be at least 2"),
        ({"resolution": (5, 1)}, ValueError, "resolution along y must be at least 2"),
        ({"resolution": (5, 0)}, ValueError, "resolution along y must be at least 2"),
        ({"resolution": 2.5}, TypeError, "resolution must be an integer or a pair"),
        ({"resolution": (5, 2.5)}, TypeError, "resolution along y must be an integer"),
        ({"resolution": True}, TypeError, "resolution must be an integer or a pair"),
        ({"resolution": (5, 5, 5)}, TypeError, "resolution must be an integer or a pair"),
        ({"resolution": 10**5}, ValueError, "more than fit in memory"),
        ({"y": "T"}, ValueError, "two different parameters, got 'T' twice"),
        ({"y": "Q"}, ValueError, "unknown parameter 'Q'"),
        ({"fixed": {"T": 1}}, ValueError, "parameter 'T' is varied here"),
        ({"fixed": {"Z": 1}}, TypeError, "unknown parameter 'Z'"),
        ({"tol": -1.0}, ValueError, "tol must be a small non-negative number"),
    ],
)
def test_bad_input_names_the_problem(kwargs, error, words):
    args = {"x": "T", "y": "S", "resolution": 5} | kwargs
    with pytest.raises(error, match=words):
        equilibrium_map(trade_war(), **args)
    assert MAX_MAP_POINTS < 10**10


def test_fixed_value_out_of_range_names_the_parameter():
    a = Parameter("a", 0, 0, 1)
    g = ParametricGame(
        [[a.symbol, 0]], [[0, 1]], [a, Parameter("b", 0, 0, 1), Parameter("c", 0, 0, 1)]
    )
    with pytest.raises(ValueError, match=r"c = 2 is outside its range \[0, 1\]"):
        equilibrium_map(g, "a", "b", fixed={"c": 2})
    with pytest.raises(ValueError, match="c must be a finite number"):
        equilibrium_map(g, "a", "b", fixed={"c": float("nan")})


def test_undefined_payoffs_on_the_grid_are_reported():
    x, y = Parameter("x", 0, -1, 1), Parameter("y", 0, -1, 1)
    g = ParametricGame([[1 / x.symbol, 0], [0, 1]], [[y.symbol, 0], [0, 1]], [x, y])
    with pytest.raises(ValueError, match=r"a payoff is undefined .* at x = 0"):
        equilibrium_map(g, "x", "y", resolution=5)


def test_map_accessors_validate():
    m = equilibrium_map(trade_war(), "T", "S", resolution=5)
    with pytest.raises(ValueError, match=r"i \(along y\) = 5 is out of range 0..4"):
        m.point(5, 0)
    with pytest.raises(TypeError, match="integer index"):
        m.structure(0.5, 0)
    with pytest.raises(ValueError, match=r"T = 3 is outside its range \[0, 2\]"):
        m.nearest(3, 0)
    assert "Equilibrium map of T (x) and S (y), 5 x 5 points" in str(m)


# --- plots ---------------------------------------------------------------------------------


def test_plot_equilibrium_map(tmp_path):
    m = equilibrium_map(trade_war(), "T", "S", resolution=81)
    fig = plot_equilibrium_map(m, current={"T": 1.5, "S": -0.5})
    ax = fig.axes[0]
    assert ax.get_xlabel() == "temptation $T$"
    assert "Trade war" in ax.get_title()
    texts = [t.get_text() for t in ax.texts]
    assert any("Prisoner's Dilemma" in t for t in texts)
    assert any("Stag Hunt" in t for t in texts)
    assert fig.legends  # the legend spells out each region below the map
    fig.savefig(tmp_path / "map.png")
    assert (tmp_path / "map.png").stat().st_size > 10_000


def test_plot_into_given_axes_and_default_current_point():
    from matplotlib.figure import Figure

    fig = Figure()
    ax = fig.add_subplot()
    m = equilibrium_map(trade_war(), "T", "S", resolution=21)
    assert plot_equilibrium_map(m, ax=ax) is fig
    marker = next(line for line in ax.lines if line.get_marker() == "o")
    assert marker.get_xdata()[0] == 1.5 and marker.get_ydata()[0] == -0.5  # the defaults


def test_current_point_is_validated():
    m = equilibrium_map(trade_war(), "T", "S", resolution=11)
    with pytest.raises(ValueError, match=r"S = 2 is outside its range \[-1, 1\]"):
        plot_equilibrium_map(m, current=(1, 2))
    with pytest.raises(ValueError, match="the map's axes are 'T' and 'S'"):
        plot_equilibrium_map(m, current={"c": 1})
    with pytest.raises(TypeError, match="current must be None, a pair"):
        plot_equilibrium_map(m, current="here")
    with pytest.raises(TypeError, match="needs an EquilibriumMap"):
        plot_equilibrium_map(trade_war())


def test_artists_update_cheaply():
    g = trade_war()
    m = equilibrium_map(g, "T", "S", resolution=101)
    artists = draw_equilibrium_map(m)
    artists.figure.canvas.draw()
    image = artists.image
    start = time.perf_counter()
    for k in range(50):
        artists.set_current(0.1 + k / 30, -0.9 + k / 30)
    per_move = (time.perf_counter() - start) / 50
    assert per_move < 5e-3  # moving the marker touches two artists only
    assert artists.image is image
    assert artists.marker.get_data() == ([0.1 + 49 / 30], [-0.9 + 49 / 30])
    assert "Chicken" in artists.marker_label.get_text()
    with pytest.raises(ValueError, match="T = 5 is outside its range"):
        artists.set_current(5, 0)
    # a new map of the same axes replaces the data in place
    T, S = g.parameters
    h = ParametricGame(
        [[1, S.symbol], [T.symbol, F(1, 2)]], [[1, T.symbol], [S.symbol, F(1, 2)]], [T, S]
    )
    artists.set_result(equilibrium_map(h, "T", "S", resolution=101))
    assert artists.image is image
    assert artists.result.pgame is h
    with pytest.raises(ValueError, match="draw a new figure instead"):
        artists.set_result(equilibrium_map(h, "S", "T", resolution=5))


def test_blitting_moves_the_current_point_quickly():
    from matplotlib.backend_bases import FigureCanvasBase
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    m = equilibrium_map(trade_war(), "T", "S", resolution=101)
    artists = draw_equilibrium_map(m)
    canvas = FigureCanvasAgg(artists.figure)
    artists.blit_current(0.5, 0.5)  # renders once and keeps the background
    times = []
    for k in range(20):
        start = time.perf_counter()
        artists.blit_current(0.2 + k / 20, -0.5)
        times.append(time.perf_counter() - start)
    assert sorted(times)[10] < 0.03  # about 13 ms here; the slider budget is 16 ms
    assert artists.marker.get_data() == ([0.2 + 19 / 20], [-0.5])
    assert canvas.get_renderer() is not None
    FigureCanvasBase(artists.figure)  # a canvas that cannot blit
    artists.blit_current(1.5, 0.5)  # falls back to draw_idle
    assert "Chicken" in artists.marker_label.get_text()
