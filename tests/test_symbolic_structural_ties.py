"""Structural ties in equilibrium maps: decided once, symbolically; labels exact at every point.

Teaching games are full of payoffs that are the same formula (a column of zeros where
nothing happens), payoffs equal along a line (``a x`` against ``a y``) and grids that
contain the boundary points exactly. Every label of a map must still be what the exact
solver says at that point, and the structural ties must be recognised without looking
at the grid.
"""

from __future__ import annotations

from fractions import Fraction as F

import numpy as np
import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st
from sympy.polys.constructor import construct_domain

from negotiation import solve
from negotiation.symbolic import (
    EquilibriumMap,
    Parameter,
    ParametricGame,
    Structure,
    equilibrium_map,
    mixed_closed_form,
    structural_ties,
)
from negotiation.symbolic._signs import grid_signs, rational_forms

X = Parameter("x", 0, -1, 1)
Y = Parameter("y", 0, -1, 1)
Z = Parameter("z", 0, -1, 1)


def assert_agrees_with_solve(m: EquilibriumMap) -> None:
    """Every label, degeneracy and (for 2x2) class included, is solve's at that exact point;
    where the map reports a mixed equilibrium, it is one of solve's."""
    ny, nx = m.shape
    for i in range(ny):
        for j in range(nx):
            game = m.game(i, j)
            solution = solve(game)
            expected = Structure.of(game, solution)
            assert m.structure(i, j) == expected, (m.point(i, j), m.structure(i, j), expected)
            if expected.mixed and not np.isnan(m.row_mix[i, j]).any():
                assert any(
                    np.allclose(m.row_mix[i, j], e.row) and np.allclose(m.col_mix[i, j], e.col)
                    for e in solution
                    if len(e.row_support) > 1 and len(e.col_support) > 1
                ), m.point(i, j)


# --- the inspection game ---------------------------------------------------------------


def inspection_game() -> ParametricGame:
    """Tsebelis (1989): the inspector (row) inspects at cost c or trusts; the trader (column)
    cheats, gaining g if trusted and losing 1 if caught, or complies, which pays both
    players nothing whatever the other does (the "market" column of zeros)."""
    c = Parameter("c", 1, 0.1, 5, description="cost of inspecting")
    g = Parameter("g", 1, 0.1, 5, description="gain from cheating unnoticed")
    C, G = c.symbol, g.symbol
    return ParametricGame(
        [[1 - C, -C], [-1, 0]],
        [[-1, 0], [G, 0]],
        [c, g],
        players=("Inspector", "Trader"),
        row_labels=("Inspect", "Trust"),
        col_labels=("Cheat", "Comply"),
    )


def test_inspection_game_mixed_equilibrium_in_closed_form():
    """Tsebelis (1989, APSR 83(1), 77-91); Fudenberg and Tirole (1991, *Game Theory*, the
    inspection game). If the trader cheats with probability q, inspecting pays
    q (1 - c) - (1 - q) c = q - c and trusting pays -q, so the inspector mixes only when
    q = c / 2 (possible while c < 2). If the inspector inspects with probability p,
    cheating pays -p + g (1 - p) and complying 0, so p = g / (1 + g). The trader's
    cheating rate depends only on the inspector's cost: the "Robinson Crusoe fallacy"."""
    game = inspection_game()
    c, g = (p.symbol for p in game.parameters)
    form = mixed_closed_form(game)
    assert sympy.simplify(form.q - c / 2) == 0
    assert sympy.simplify(form.p - g / (1 + g)) == 0
    # c = 1/10 + k/10: the grid holds c = 1 and c = 2 exactly
    m = equilibrium_map(game, "c", "g", resolution=(50, 13))
    cs = [m.point(0, j)["c"] for j in range(50)]
    assert F(2) in cs and F(1) in cs
    for i in range(13):
        for j, cv in enumerate(cs):
            s = m.structure(i, j)
            gv = m.point(i, j)["g"]
            if cv < 2:
                assert s.pure == () and s.mixed and not s.degenerate
                assert m.q[i, j] == pytest.approx(float(cv / 2))
                assert m.p[i, j] == pytest.approx(float(gv / (1 + gv)))
            elif cv > 2:
                assert s.pure_labels == (("Trust", "Cheat"),) and not s.mixed
            else:  # against Cheat, inspecting and trusting both pay -1: a tie
                assert s.degenerate and s.pure_labels == (("Trust", "Cheat"),)
    assert_agrees_with_solve(m)


def test_inspection_game_structural_tie_is_decided_symbolically():
    """The Comply column pays the trader 0 against both rows: an identically zero comparison.
    It is recognised once; only the grid columns exactly on a boundary (c = 1, where
    1 - c = 0, and c = 2, where 2 - c = 0) need exact arithmetic."""
    game = inspection_game()
    assert structural_ties(game) == (("Trader", (0, 1), (1, 1)),)
    m = equilibrium_map(game, "c", "g", resolution=(50, 13))
    cs = np.array([m.point(0, j)["c"] for j in range(50)], dtype=object)
    on_boundary = (cs == 1) | (cs == 2)
    assert (m.near_ties == on_boundary[None, :]).all()
    assert (m.near_ties == on_a_boundary(m)).all()
    assert m.ties.all()  # an ordinal tie (between the trader's two zeros) at every point
    # the default 201 x 201 grid misses c = 1 and c = 2: no exact arithmetic at all
    assert not equilibrium_map(game, "c", "g").near_ties.any()


def test_structural_ties_compares_formulas_not_values():
    c = Parameter("c", 2, 2, 3)
    C = c.symbol
    game = ParametricGame(
        [[(C**2 - 1) / (C - 1), C + 1], [2 * C, C**2]],
        [[0, sympy.Integer(0)], [C - C, 1]],
        [c],
    )
    assert structural_ties(game) == (
        ("Row", (0, 0), (0, 1)),
        ("Column", (0, 0), (0, 1)),
        ("Column", (0, 0), (1, 0)),
        ("Column", (0, 1), (1, 0)),
    )
    # 2c and c**2 agree at c = 2 only: not a structural tie
    assert all(t[1:] != ((1, 0), (1, 1)) for t in structural_ties(game))


def test_non_rational_payoffs_fall_back_and_still_agree():
    """sqrt(x) is not a rational function: ties are simplified with sympy, the map uses the
    tolerance path, and labels still agree with solve (which needs rational values:
    the grid is chosen so that sqrt(x) is rational at every point)."""
    x = Parameter("x", 1, 0, 4)
    y = Parameter("y", 0, -1, 1)
    S = sympy.sqrt(x.symbol)
    game = ParametricGame([[S, 1], [1, S]], [[1, y.symbol], [S * S, x.symbol]], [x, y])
    assert ("Column", (1, 0), (1, 1)) in structural_ties(game)
    m = equilibrium_map(game, "x", "y", resolution=(2, 3))
    assert "closed forms" in m.method
    for i in range(3):
        for j in range(2):
            assert m.structure(i, j) == Structure.of(m.game(i, j))


def on_a_boundary(m: EquilibriumMap) -> np.ndarray:
    """2x2: points where some ordinal comparison that is not identically zero (once the
    fixed parameters are substituted) is exactly zero, found independently with sympy."""
    subs = {m.pgame.parameter(k).symbol: sympy.Rational(v) for k, v in m.fixed.items()}
    cells = [(0, 0), (0, 1), (1, 0), (1, 1)]
    pairs = [(a, b) for k, a in enumerate(cells) for b in cells[k + 1 :]]
    varying = [
        (player, a, b)
        for player, table in enumerate((m.pgame.A, m.pgame.B))
        for a, b in pairs
        if sympy.expand((table[a[0]][a[1]] - table[b[0]][b[1]]).xreplace(subs)) != 0
    ]
    out = np.zeros(m.shape, dtype=bool)
    for i in range(m.shape[0]):
        for j in range(m.shape[1]):
            game = m.game(i, j)
            out[i, j] = any(
                game.payoff(*a)[player] == game.payoff(*b)[player] for player, a, b in varying
            )
    return out


def test_a_fixed_parameter_can_make_a_comparison_vanish():
    """(z - 1/2) x is zero for every x and y when z = 1/2: decided before the grid. Exact
    arithmetic is used exactly at the grid points on a boundary, and nowhere else."""
    A = [[(Z.symbol - F(1, 2)) * X.symbol, 0], [Y.symbol, 1]]
    B = [[1, 0], [0, X.symbol + Y.symbol]]
    game = ParametricGame(A, B, [X, Y, Z])
    half = equilibrium_map(game, "x", "y", resolution=9, fixed={"z": F(1, 2)})
    one = equilibrium_map(game, "x", "y", resolution=9, fixed={"z": 1})
    for m in (half, one):
        assert (m.near_ties == on_a_boundary(m)).all()
        assert_agrees_with_solve(m)
    # z = 1 adds the boundaries x = 0, x = y and x = 1 of (z - 1/2) x against 0, y and 1
    assert one.near_ties.sum() > half.near_ties.sum()


# --- random games with structural ties built in ------------------------------------------


@st.composite
def games_with_ties(draw, size: tuple[int, int]) -> ParametricGame:
    """Linear payoffs with small integer coefficients, then ties built in: copies of another
    cell's formula (identically equal payoffs, for either player) and pairs a x + b
    against a y + b (equal exactly on the diagonal x = y, which the grid contains)."""
    m, n = size
    coef = st.integers(-2, 2)
    x, y = X.symbol, Y.symbol

    def table():
        return [[draw(coef) + draw(coef) * x + draw(coef) * y for _ in range(n)] for _ in range(m)]

    A, B = table(), table()
    cell = st.tuples(st.integers(0, m - 1), st.integers(0, n - 1))
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["copy", "copy-across", "line"]))
        (i, j), (k, l) = draw(cell), draw(cell)
        target = draw(st.sampled_from([A, B]))
        if kind == "copy":
            target[i][j] = target[k][l]
        elif kind == "copy-across":
            (B if target is A else A)[i][j] = target[k][l]
        else:
            a, b = draw(st.integers(-2, 2).filter(bool)), draw(coef)
            target[i][j], target[k][l] = a * x + b, a * y + b
    return ParametricGame(A, B, [X, Y])


def identical_cells(game: ParametricGame) -> set[tuple[str, tuple[int, int], tuple[int, int]]]:
    """Structural ties found independently, by expanding every difference with sympy."""
    m, n = game.shape
    cells = [(i, j) for i in range(m) for j in range(n)]
    out = set()
    for player, table in zip(game.players, (game.A, game.B), strict=True):
        for k, a in enumerate(cells):
            for b in cells[k + 1 :]:
                if sympy.expand(table[a[0]][a[1]] - table[b[0]][b[1]]) == 0:
                    out.add((player, a, b))
    return out


@settings(max_examples=40, deadline=None)
@given(games_with_ties((2, 2)))
def test_2x2_maps_with_structural_ties_agree_with_solve(game):
    assert set(structural_ties(game)) == identical_cells(game)
    m = equilibrium_map(game, "x", "y", resolution=9)  # x, y in {-1, -3/4, ..., 1}
    assert "exact signs" in m.method
    assert_agrees_with_solve(m)


@settings(max_examples=25, deadline=None)
@given(st.data())
def test_larger_maps_with_structural_ties_agree_with_solve(data):
    size = data.draw(st.sampled_from([(3, 3), (2, 3), (3, 2)]))
    game = data.draw(games_with_ties(size))
    assert set(structural_ties(game)) == identical_cells(game)
    m = equilibrium_map(game, "x", "y", resolution=7)
    assert "exact vertex labels" in m.method
    assert_agrees_with_solve(m)


def test_3x3_game_degenerate_on_a_region():
    """Against R1 the column player's C1 and C2 pay the same formula, so wherever C3 pays less
    against R1 (y < x) the game is degenerate; elsewhere it need not be. The map says so
    exactly, including on the diagonal, where x = y puts C3 level with them too."""
    x, y = X.symbol, Y.symbol
    A = [[1, 0, x], [0, 2, F(1, 2)], [y, 1, 0]]
    B = [[x, x, y], [0, 1, 2], [1, 0, x + y]]
    game = ParametricGame(A, B, [X, Y])
    assert ("Column", (0, 0), (0, 1)) in structural_ties(game)
    m = equilibrium_map(game, "x", "y", resolution=9)
    assert_agrees_with_solve(m)
    xs = np.array([float(m.point(0, j)["x"]) for j in range(9)])
    ys = np.array([float(m.point(i, 0)["y"]) for i in range(9)])
    below = ys[:, None] <= xs[None, :]
    assert m.ties[below].all()  # degenerate on the whole region y <= x


def test_3x3_map_agrees_with_solve_on_a_finer_grid():
    """A 3x3 game with ties of every kind, on a 21 x 21 grid holding x = y, x = 0, y = 0."""
    x, y = X.symbol, Y.symbol
    A = [[2 * x, 2 * y, 1], [0, 1, x - y], [1, x * y, 0]]
    B = [[0, 0, y], [x, 1 - x, 0], [2 * y, 1, 1 + x]]
    game = ParametricGame(A, B, [X, Y])
    m = equilibrium_map(game, "x", "y", resolution=21)
    assert_agrees_with_solve(m)
    assert m.near_ties.any() and not m.near_ties.all()


# --- the exact signs themselves ----------------------------------------------------------


def exact_value(poly: dict[tuple[int, int], F], x: F, y: F) -> F:
    return sum((c * x**i * y**j for (i, j), c in poly.items()), F(0))


@st.composite
def nasty_polynomials(draw):
    """Polynomials in x, y built to cancel: products of factors that vanish at grid points,
    plus tiny or huge multiples, expanded (so float evaluation loses digits)."""
    x, y = sympy.symbols("x y", real=True)
    roots = st.fractions(min_value=-2, max_value=2, max_denominator=12)
    expr = sympy.Integer(draw(st.integers(1, 10 ** draw(st.integers(0, 15)))))
    for _ in range(draw(st.integers(1, 4))):
        which = draw(st.sampled_from(["x", "y", "x-y", "xy"]))
        r = draw(roots)
        R = sympy.Rational(r.numerator, r.denominator)
        factor = {"x": x - R, "y": y - R, "x-y": x - y - R, "xy": x * y - R}[which]
        expr *= factor ** draw(st.integers(1, 3))
    expr += sympy.Rational(draw(st.integers(-1, 1)), 10 ** draw(st.integers(0, 30)))
    return sympy.expand(expr)


@settings(max_examples=60, deadline=None)
@given(nasty_polynomials(), st.data())
def test_grid_signs_are_exact(expr, data):
    """Every sign equals the sign of the exact rational value, boundary points included."""
    x, y = sympy.symbols("x y", real=True)
    K, (element,) = construct_domain([expr], gens=(x, y))
    forms = rational_forms(K, [element], ["x", "y"])
    assert forms is not None
    lo = data.draw(st.fractions(min_value=-2, max_value=0, max_denominator=6))
    hi = lo + data.draw(st.fractions(min_value=F(1, 2), max_value=3, max_denominator=6))
    nx, ny = data.draw(st.integers(2, 25)), data.draw(st.integers(2, 25))
    gx = [lo + (hi - lo) * F(k, nx - 1) for k in range(nx)]
    gy = [lo + (hi - lo) * F(k, ny - 1) for k in range(ny)]
    found = grid_signs(
        forms,
        "x",
        "y",
        {},
        gx,
        gy,
        np.array([float(v) for v in gx]),
        np.array([float(v) for v in gy]),
    )
    poly = {
        (int(mon[0]), int(mon[1])): F(int(c.p), int(c.q))
        for mon, c in sympy.Poly(expr, x, y).terms()
    }
    for i, yv in enumerate(gy):
        for j, xv in enumerate(gx):
            v = exact_value(poly, xv, yv)
            assert found.signs[0, i, j] == (v > 0) - (v < 0), (xv, yv, v)


def test_identically_zero_expressions_are_structural():
    x, y, c = sympy.symbols("x y c", real=True)
    exprs = [(x + y) ** 2 - x**2 - 2 * x * y - y**2, x - y, c * x - x, sympy.Integer(-3)]
    K, elements = construct_domain(exprs, gens=(x, y, c))
    forms = rational_forms(K, elements, ["x", "y", "c"])
    assert forms is not None
    assert forms.identically_zero() == (True, False, False, False)
    grid = [F(-1), F(0), F(1)]
    floats = np.array([-1.0, 0.0, 1.0])
    found = grid_signs(forms, "x", "y", {"c": F(1)}, grid, grid, floats, floats)
    # with c = 1, c x - x vanishes too: decided without the grid
    assert found.structural.tolist() == [True, False, True, True]
    assert (found.signs[0] == 0).all() and (found.signs[2] == 0).all()
    assert (found.signs[3] == -1).all()
    assert found.signs[1].tolist() == [[0, 1, 1], [-1, 0, 1], [-1, -1, 0]]
    assert found.exact.tolist() == np.eye(3, dtype=bool).tolist()  # only the diagonal x = y
