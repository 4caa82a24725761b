"""solve(): every extreme equilibrium, exactly, checked by independent properties and textbook games."""

from __future__ import annotations

import warnings
from fractions import Fraction as F

import numpy as np
import pytest
import sympy
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from reference import extreme_equilibria
from strategies import games, generic_games

from negotiation import BimatrixGame, is_equilibrium, solve
from negotiation.normal_form.vertex_labels import best_response_polytopes


def strategy_pairs(solution):
    return {e.strategies for e in solution.equilibria}


def unit(k, n):
    return tuple(F(int(i == k)) for i in range(n))


# --- textbook games --------------------------------------------------------------------


def test_prisoners_dilemma_has_one_equilibrium_in_dominant_strategies():
    # Prisoner's Dilemma with payoffs T=5 > R=3 > P=1 > S=0 (Axelrod 1984, ch. 1).
    sol = solve(BimatrixGame([[3, 0], [5, 1]], [[3, 5], [0, 1]]))
    assert strategy_pairs(sol) == {(unit(1, 2), unit(1, 2))}
    assert not sol.degenerate and sol.note == ""
    assert sol.equilibria[0].payoffs_exact == (1, 1)


def test_matching_pennies_is_solved_by_the_uniform_mix():
    # Matching Pennies: the unique equilibrium mixes 1/2-1/2 (von Neumann and Morgenstern 1944).
    sol = solve(BimatrixGame.zero_sum([[1, -1], [-1, 1]]))
    half = (F(1, 2), F(1, 2))
    assert strategy_pairs(sol) == {(half, half)}
    assert sol.equilibria[0].payoffs_exact == (0, 0)
    assert not sol.equilibria[0].is_pure


def test_battle_of_the_sexes_has_three_equilibria():
    # Luce and Raiffa (1957), section 5.3: two pure equilibria and one mixed.
    sol = solve(BimatrixGame([[2, 0], [0, 1]], [[1, 0], [0, 2]]))
    assert strategy_pairs(sol) == {
        (unit(0, 2), unit(0, 2)),
        (unit(1, 2), unit(1, 2)),
        ((F(2, 3), F(1, 3)), (F(1, 3), F(2, 3))),
    }
    assert [e.is_pure for e in sol] == [True, True, False]
    assert len(sol.pure) == 2 and len(sol.mixed) == 1


def test_chicken_mixed_equilibrium():
    # Chicken (Rapoport and Chammah 1966): swerve = 0, win = 1, lose face = -1, crash = -10.
    # Indifference: -1 (1 - q) = q - 10 (1 - q)  =>  q = 9/10 swerve.
    A = [[0, -1], [1, -10]]
    sol = solve(BimatrixGame(A, np.array(A).T))
    assert strategy_pairs(sol) == {
        (unit(0, 2), unit(1, 2)),
        (unit(1, 2), unit(0, 2)),
        ((F(9, 10), F(1, 10)), (F(9, 10), F(1, 10))),
    }


def test_rock_paper_scissors():
    # Rock-Paper-Scissors: the unique equilibrium is uniform, value 0.
    A = [[0, -1, 1], [1, 0, -1], [-1, 1, 0]]
    sol = solve(BimatrixGame.zero_sum(A))
    third = (F(1, 3),) * 3
    assert strategy_pairs(sol) == {(third, third)}
    assert not sol.degenerate


def test_von_stengel_3x2_example():
    # von Stengel (2007), "Equilibrium computation for two-player games", game (3.3) /
    # Figure 3.2: three equilibria.
    sol = solve(BimatrixGame([[3, 3], [2, 5], [0, 6]], [[3, 2], [2, 6], [3, 1]]))
    assert strategy_pairs(sol) == {
        (unit(0, 3), unit(0, 2)),
        ((F(4, 5), F(1, 5), F(0)), (F(2, 3), F(1, 3))),
        ((F(0), F(1, 3), F(2, 3)), (F(1, 3), F(2, 3))),
    }
    assert not sol.degenerate


def test_von_stengel_degenerate_example_has_a_segment():
    # von Stengel (2007), section 3.6 / Figure 3.5: the 3x2 game above with B's top row
    # (3, 3). Against Top both columns are best responses, so Top is in equilibrium with
    # every y with y2 <= 1/3: a segment from (1, 0) to (2/3, 1/3), plus the mixed one.
    sol = solve(BimatrixGame([[3, 3], [2, 5], [0, 6]], [[3, 3], [2, 6], [3, 1]]))
    assert sol.degenerate
    assert strategy_pairs(sol) == {
        (unit(0, 3), unit(0, 2)),
        (unit(0, 3), (F(2, 3), F(1, 3))),
        ((F(0), F(1, 3), F(2, 3)), (F(1, 3), F(2, 3))),
    }
    segment = [c for c in sol.components if not c.is_isolated]
    assert len(segment) == 1 and segment[0].dimension == 1
    (subset,) = segment[0].nash_subsets
    assert subset.row_vertices == (unit(0, 3),)
    assert set(subset.col_vertices) == {unit(0, 2), (F(2, 3), F(1, 3))}
    # the midpoint of the segment is an equilibrium and lies in the component
    mid = (F(5, 6), F(1, 6))
    assert is_equilibrium(sol.game, unit(0, 3), mid)
    assert segment[0].contains([1, 0, 0], [5 / 6, 1 / 6])
    assert not segment[0].contains([1, 0, 0], [0.5, 0.5])
    assert "R1" in sol.note and "2 best responses" in sol.note and "continuum" in sol.note
    assert sol.has_continuum


def test_nashpy_issue_222_continuum_is_reported_as_a_segment():
    # nashpy issue #222: equilibria (p, 1 - p) x (1, 0) for every p in [0, 2/7];
    # support enumeration returns only p = 0.
    g = BimatrixGame([[-3, 3], [-3, 5]], [[2, 7], [4, 2]])
    sol = solve(g)
    (component,) = [c for c in sol.components if not c.is_isolated]
    (subset,) = component.nash_subsets
    assert set(subset.row_vertices) == {(F(0), F(1)), (F(2, 7), F(5, 7))}
    assert subset.col_vertices == ((F(1), F(0)),)
    for p in (0, F(1, 7), F(2, 7)):
        assert is_equilibrium(g, (p, 1 - p), (1, 0))
    assert not is_equilibrium(g, (F(3, 7), F(4, 7)), (1, 0))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        nashpy_found = list(g.to_nashpy().support_enumeration())
    assert len(nashpy_found) < len(sol.equilibria)


def test_nashpy_issue_82_degenerate_game_with_eight_extreme_equilibria():
    # nashpy issue #82 (players minimise, so negate): 8 extreme equilibria, confirmed there
    # by an independent Matlab implementation and Rahul Savani's online solver.
    A = -np.array([[0, 0, 6, 0, 0], [0, 0, 3, 2, 1], [4, 3, 0, 0, 1]])
    B = -np.array([[3, 0, 2, 1, 0], [0, 2, 0, 0, 4], [4, 0, 2, 4, 4]])
    sol = solve(BimatrixGame(A, B))
    assert len(sol.equilibria) == 8
    assert ((F(1, 3), F(1, 2), F(1, 6)), (F(0), F(4, 9), F(2, 9), F(1, 3), F(0))) in strategy_pairs(
        sol
    )
    assert ((F(0), F(1), F(0)), (F(3, 8), F(0), F(1, 4), F(3, 8), F(0))) in strategy_pairs(sol)
    assert sol.degenerate


# von Stengel (1999), "New maximal numbers of equilibria in bimatrix games", Discrete and
# Computational Geometry 21, 557-568: a non-degenerate 6x6 game with 75 equilibria
# (payoffs as in Gambit's catalogue, journals/dcg/vonstengel1999).
VS75_A = [
    [9504, -660, 19976, -20526, 1776, -8976],
    [-111771, 31680, -130944, 168124, -8514, 52764],
    [397584, -113850, 451176, -586476, 29216, -178761],
    [171204, -45936, 208626, -263076, 14124, -84436],
    [1303104, -453420, 1227336, -1718376, 72336, -461736],
    [737154, -227040, 774576, -1039236, 48081, -300036],
]
VS75_B = [
    [72336, 48081, 29216, 14124, 1776, -8514],
    [-461736, -300036, -178761, -84436, -8976, 52764],
    [1227336, 774576, 451176, 208626, 19976, -130944],
    [-1718376, -1039236, -586476, -263076, -20526, 168124],
    [1303104, 737154, 397584, 171204, 9504, -111771],
    [-453420, -227040, -113850, -45936, -660, 31680],
]


def test_von_stengel_6x6_game_has_75_equilibria():
    sol = solve(BimatrixGame(VS75_A, VS75_B))
    assert len(sol.equilibria) == 75
    assert not sol.degenerate
    pairs = strategy_pairs(sol)

    def vec(*v):
        return tuple(F(x) for x in v)

    # a few of them, as listed with Gambit's own tests of this game
    for known in [
        (vec(0, 1, 0, 0, 0, 0), vec(0, 0, 0, 0, 0, 1)),
        (vec(0, 0, 0, 0, 1, 0), vec(1, 0, 0, 0, 0, 0)),
        (vec("20/23", "3/23", 0, 0, 0, 0), vec("4/19", "15/19", 0, 0, 0, 0)),
        (vec("45/52", "7/52", 0, 0, 0, 0), vec(0, "14/17", "3/17", 0, 0, 0)),
        (vec("25/29", "4/29", 0, 0, 0, 0), vec(0, 0, "5/9", "4/9", 0, 0)),
        (vec("55/64", "9/64", 0, 0, 0, 0), vec(0, 0, 0, "3/58", "55/58", 0)),
    ]:
        assert known in pairs
    # nashpy's float support enumeration misses most of them (compares payoffs with ==)
    nashpy_view = solve(sol.game, method="nashpy")
    assert len(nashpy_view.equilibria) < 75 and "missed" in nashpy_view.note


def test_descriptions_use_names_and_exact_numbers():
    g = BimatrixGame(
        [[0, -1], [1, -10]],
        [[0, 1], [-1, -10]],
        players=("Japan", "US"),
        row_labels=("Accommodate", "Retaliate"),
        col_labels=("Cut", "Hold"),
    )
    sol = solve(g)
    mixed = sol.mixed[0]
    assert mixed.describe() == (
        "Japan mixes Accommodate 9/10, Retaliate 1/10; US mixes Cut 9/10, Hold 1/10 "
        "(expected payoffs -1/10 and -1/10)."
    )
    assert mixed.probability("Japan", "Retaliate") == F(1, 10)
    assert mixed.probability(1, "Hold") == F(1, 10)
    d = sol.to_dict()
    assert d["equilibria"][2]["row"] == {"Accommodate": "9/10", "Retaliate": "1/10"}
    assert "3 equilibria" in sol.summary()


# --- independent properties over random games -------------------------------------------


@given(games(max_size=3))
@settings(max_examples=300)
def test_agrees_with_the_exact_reference_enumeration(g):
    """Completeness and soundness against an independent all-bases Fraction enumeration."""
    assert strategy_pairs(solve(g)) == extreme_equilibria(g.A_exact, g.B_exact)


def test_agrees_with_the_reference_on_many_random_small_integer_games():
    rng = np.random.default_rng(20250522)
    degenerate = 0
    for _ in range(400):
        m, n = rng.integers(1, 5, size=2)
        A = rng.integers(-2, 3, size=(m, n))
        B = rng.integers(-2, 3, size=(m, n))
        g = BimatrixGame(A, B)
        sol = solve(g)
        degenerate += sol.degenerate
        assert strategy_pairs(sol) == extreme_equilibria(A.tolist(), B.tolist()), (A, B)
    assert degenerate > 100  # the sample really exercises degenerate games


@given(games(max_size=4))
def test_every_equilibrium_and_every_point_of_a_nash_subset_is_a_mutual_best_response(g):
    sol = solve(g)
    assert sol.equilibria, "every finite game has an equilibrium (Nash 1951)"
    for e in sol:
        assert is_equilibrium(g, *e.strategies)
        assert sum(e.row_exact) == 1 and sum(e.col_exact) == 1
        assert e.payoffs_exact == g.expected_payoffs(*e.strategies)
    for c in sol.components:
        for subset in c.nash_subsets:
            k, l = len(subset.row_vertices), len(subset.col_vertices)
            wx = [F(i + 1, k * (k + 1) // 2) for i in range(k)]
            wy = [F(j + 1, l * (l + 1) // 2) for j in range(l)]
            x = [sum(w * v[i] for w, v in zip(wx, subset.row_vertices)) for i in range(g.shape[0])]
            y = [sum(w * v[j] for w, v in zip(wy, subset.col_vertices)) for j in range(g.shape[1])]
            assert is_equilibrium(g, x, y)
    # components partition the extreme equilibria
    assert sorted(e.key() for c in sol.components for e in c.equilibria) == sorted(
        e.key() for e in sol
    )


@given(games(max_size=4))
def test_every_pure_equilibrium_found_by_brute_force_appears(g):
    m, n = g.shape
    brute = {
        (unit(i, m), unit(j, n))
        for i in range(m)
        for j in range(n)
        if g.A[i, j] == g.A[:, j].max() and g.B[i, j] == g.B[i, :].max()
    }
    assert brute == {e.strategies for e in solve(g).pure}


@given(games(max_size=3), st.sampled_from([sympy.sqrt(2), sympy.pi / 3]))
def test_float_path_agrees_with_exact_path(g, scale):
    # A positive affine change of payoffs changes no equilibrium; irrational constants
    # force the floating-point path.
    shift = sympy.sqrt(3)
    scaled = BimatrixGame(
        [[scale * v + shift for v in row] for row in g.A_exact],
        [[scale * v + shift for v in row] for row in g.B_exact],
    )
    assert not scaled.exact
    exact, approx = solve(g), solve(scaled)
    assert exact.degenerate == approx.degenerate
    assert len(exact.equilibria) == len(approx.equilibria)
    for e, a in zip(exact.equilibria, approx.equilibria):
        np.testing.assert_allclose(e.row, a.row, atol=1e-9)
        np.testing.assert_allclose(e.col, a.col, atol=1e-9)
        assert a.row_exact is None


@given(generic_games(min_size=2, max_size=4, high=100))  # qhull (behind nashpy) needs 2+ strategies
def test_nashpy_agrees_with_ours_on_non_degenerate_games(g):
    """Ours == nashpy's vertex enumeration; nashpy's support enumeration finds a subset.

    Measured while writing this test: on 290 random non-degenerate games of sizes 2-4
    with integer payoffs in [-100, 100), nashpy's ``support_enumeration(non_degenerate=True)``
    missed at least one equilibrium in 63 (it compares float payoffs with ``==``); its
    vertex enumeration missed none. So the two nashpy algorithms do *not* always agree
    with each other, and the property tested is the one that holds.
    """
    sol = solve(g)
    assume(not sol.degenerate)
    assert len(sol.equilibria) % 2 == 1  # odd number (Lemke and Howson 1964; Shapley 1974)

    def as_set(pairs):
        return {(tuple(np.round(x, 8) + 0.0), tuple(np.round(y, 8) + 0.0)) for x, y in pairs}

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        support = as_set(g.to_nashpy().support_enumeration(non_degenerate=True))
        vertex = as_set(g.to_nashpy().vertex_enumeration())
    ours = as_set((e.row, e.col) for e in sol)
    assert vertex == ours
    assert support <= ours
    assert solve(g, method="nashpy").equilibria == tuple(
        e for e in sol if as_set([(e.row, e.col)]) <= support
    )


@given(games(max_size=4), st.randoms(use_true_random=False))
def test_relabelling_permutes_the_equilibria(g, rnd):
    m, n = g.shape
    rows, cols = list(range(m)), list(range(n))
    rnd.shuffle(rows)
    rnd.shuffle(cols)
    permuted = solve(g.permute(rows, cols))
    original = strategy_pairs(solve(g))
    moved = {(tuple(x[i] for i in rows), tuple(y[j] for j in cols)) for x, y in original}
    assert strategy_pairs(permuted) == moved


@given(games(max_size=4))
def test_transposing_swaps_the_equilibria(g):
    assert strategy_pairs(solve(g.transpose())) == {(y, x) for x, y in strategy_pairs(solve(g))}
    assert solve(g.transpose()).degenerate == solve(g).degenerate


@given(games(min_size=3, max_size=5))
@settings(max_examples=40)
def test_float_prefilter_does_not_change_the_vertices(g):
    with_filter = best_response_polytopes(g.A, g.B, g.A_exact, g.B_exact, prefilter=True)
    without = best_response_polytopes(g.A, g.B, g.A_exact, g.B_exact, prefilter=False)
    for p, q in zip(with_filter, without):
        assert sorted((v.point, v.labels) for v in p.vertices) == sorted(
            (v.point, v.labels) for v in q.vertices
        )


@given(games(max_size=4))
def test_degenerate_flag_matches_the_definition(g):
    """Degenerate iff some pure strategy has more pure best responses than 1, or a vertex has too many labels.

    Checked here only in the direction that is cheap to test independently: a pure
    strategy with two pure best responses makes the game degenerate (von Stengel 2007,
    Definition 3.2 with support size 1).
    """
    m, n = g.shape
    ties = any((g.B[i] == g.B[i].max()).sum() > 1 for i in range(m)) or any(
        (g.A[:, j] == g.A[:, j].max()).sum() > 1 for j in range(n)
    )
    if ties:
        assert solve(g).degenerate


# --- bad input ---------------------------------------------------------------------------


def test_bad_input_to_solve():
    with pytest.raises(TypeError, match=r"solve\(\) needs a BimatrixGame, got list"):
        solve([[1, 2], [3, 4]])
    g = BimatrixGame([[1]], [[1]])
    with pytest.raises(ValueError, match=r"method must be 'exact' or 'nashpy', got 'fast'"):
        solve(g, method="fast")
    big = BimatrixGame(np.zeros((14, 14)), np.zeros((14, 14)))
    with pytest.raises(ValueError, match=r"14x14 game is too large.*lemke_howson"):
        solve(big)
    with pytest.raises(ValueError, match=r"unknown player 'EU'"):
        solve(BimatrixGame([[1]], [[1]], players=("Japan", "US")))[0].probability("EU", 0)


def test_one_by_one_and_one_by_n_games():
    assert strategy_pairs(solve(BimatrixGame([[5]], [[-5]]))) == {((F(1),), (F(1),))}
    sol = solve(BimatrixGame([[1, 2, 3]], [[3, 1, 3]]))
    assert strategy_pairs(sol) == {((F(1),), unit(0, 3)), ((F(1),), unit(2, 3))}
    assert sol.degenerate and len(sol.components) == 1 and sol.components[0].dimension == 1


@given(st.integers(1, 6), st.integers(1, 6), st.integers(1, 6), st.integers(0, 2**32 - 1))
def test_integer_rank_matches_numpy_on_low_rank_matrices(m, n, r, seed):
    from negotiation.normal_form.vertex_labels import _integer_rank

    rng = np.random.default_rng(seed)
    M = rng.integers(-50, 50, size=(m, r)) @ rng.integers(-50, 50, size=(r, n))
    assert _integer_rank(M.tolist()) == np.linalg.matrix_rank(M.astype(float))


def test_low_rank_payoffs_from_separable_formulas():
    # B[i][j] = f(i) + h(j) + c*i*j has rank <= 3, so no support of size 4+ gives a
    # vertex; the enumeration must still match the reference.
    A = [[(i - 2) ** 2 - j + i * j for j in range(5)] for i in range(5)]
    B = [[-((j - 3) ** 2) + i + 2 * i * j for j in range(5)] for i in range(5)]
    assert strategy_pairs(solve(BimatrixGame(A, B))) == extreme_equilibria(A, B)


def test_exact_strategies_are_checked_exactly_not_within_a_tolerance():
    # Matching pennies with one payoff off by 10**-12: the float check (tolerance 1e-9)
    # cannot tell the difference, the exact check must (the mix 1/2, 1/2 is no longer
    # optimal for the column player).
    eps = F(1, 10**12)
    g = BimatrixGame([[1, -1], [-1, 1]], [[-1, 1], [1 + eps, -1]])
    half = (F(1, 2), F(1, 2))
    assert is_equilibrium(g, (0.5, 0.5), (0.5, 0.5))  # floats: within the tolerance
    assert not is_equilibrium(g, half, half)  # exactly: not an equilibrium
    (e,) = solve(g).equilibria
    assert is_equilibrium(g, *e.strategies)
    # column indifferent: -p + (1 + eps)(1 - p) = 2p - 1, so p = (2 + eps) / (4 + eps)
    p = (2 + eps) / (4 + eps)
    assert e.row_exact == (p, 1 - p) and e.col_exact == half
    assert e.payoffs_exact == (0, 2 * p - 1)
