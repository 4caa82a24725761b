"""Best responses, dominance and IESDS, checked against independent computations."""

from __future__ import annotations

from fractions import Fraction as F
from itertools import combinations

import numpy as np
import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import games, probability_vectors

from negotiation import BimatrixGame, solve
from negotiation.normal_form.analysis import (
    Domination,
    best_response_table,
    best_responses,
    dominated_strategies,
    iesds,
    is_dominance_solvable,
    pure_equilibria,
)

# --- independent helpers ----------------------------------------------------------------


def own(game, p):
    """Player p's exact payoffs, one row per own strategy (built from game.payoff only)."""
    m, n = game.shape
    if p == 0:
        return [[game.payoff(i, j)[0] for j in range(n)] for i in range(m)]
    return [[game.payoff(i, j)[1] for i in range(m)] for j in range(n)]


def value(U, k, y):
    return sum((U[k][j] * y[j] for j in range(len(y))), F(0))


def mix_payoffs(U, sigma):
    return [sum((sigma[q] * U[q][j] for q in range(len(U))), F(0)) for j in range(len(U[0]))]


def strictly_beats(U, sigma, k):
    return all(v > u for v, u in zip(mix_payoffs(U, sigma), U[k], strict=True))


def weakly_beats(U, sigma, k):
    pay = mix_payoffs(U, sigma)
    return all(v >= u for v, u in zip(pay, U[k], strict=True)) and any(
        v > u for v, u in zip(pay, U[k], strict=True)
    )


def solve_square(M, b):
    """Gauss-Jordan elimination in Fractions; None when M is singular."""
    n = len(M)
    a = [[*row, rhs] for row, rhs in zip(M, b, strict=True)]
    for col in range(n):
        pivot = next((r for r in range(col, n) if a[r][col] != 0), None)
        if pivot is None:
            return None
        a[col], a[pivot] = a[pivot], a[col]
        a[col] = [v / a[col][col] for v in a[col]]
        for r in range(n):
            if r != col and a[r][col] != 0:
                f = a[r][col]
                a[r] = [v - f * w for v, w in zip(a[r], a[col], strict=True)]
    return [a[r][n] for r in range(n)]


def best_response_region(U, k):
    """Vertices of the set of opponent mixes against which row k is a best response."""
    n = len(U[0])
    rows = [[F(int(j == c)) for c in range(n)] for j in range(n)]  # y_j >= 0
    rows += [[U[k][c] - U[q][c] for c in range(n)] for q in range(len(U)) if q != k]
    vertices = set()
    for tight in combinations(range(len(rows)), n - 1):
        y = solve_square([rows[t] for t in tight] + [[F(1)] * n], [F(0)] * (n - 1) + [F(1)])
        if y is not None and all(sum(a * v for a, v in zip(r, y)) >= 0 for r in rows):
            vertices.add(tuple(y))
    return vertices


def dominated_by_pearce(U, k, weak):
    """Pearce (1984), Lemmas 3 and 4, for two players: row k is strictly dominated (by a
    mix) iff it is a best response to no belief, and weakly dominated iff it is a best
    response to no belief with full support."""
    vertices = best_response_region(U, k)
    if not weak:
        return not vertices
    return not all(any(y[j] > 0 for y in vertices) for j in range(len(U[0])))


def survivors_in_random_order(game, rng, mixed):
    """Delete one strictly dominated strategy at a time, chosen at random."""
    alive = [list(range(game.shape[0])), list(range(game.shape[1]))]
    while True:
        sub = BimatrixGame(
            [[game.payoff(i, j)[0] for j in alive[1]] for i in alive[0]],
            [[game.payoff(i, j)[1] for j in alive[1]] for i in alive[0]],
        )
        candidates = []
        for p in (0, 1):
            if mixed:
                candidates += [(p, d.strategy) for d in dominated_strategies(sub, p)]
            else:
                U = own(sub, p)
                candidates += [
                    (p, k)
                    for k in range(len(U))
                    if any(
                        all(U[q][j] > U[k][j] for j in range(len(U[k])))
                        for q in range(len(U))
                        if q != k
                    )
                ]
        if not candidates:
            return tuple(alive[0]), tuple(alive[1])
        p, k = candidates[rng.integers(len(candidates))]
        del alive[p][k]


# --- best responses ---------------------------------------------------------------------


def test_prisoners_dilemma_defect_is_the_best_response_to_anything():
    # Axelrod (1984, ch. 1): T=5 > R=3 > P=1 > S=0.
    pd = BimatrixGame(
        [[3, 0], [5, 1]],
        [[3, 5], [0, 1]],
        players=("Japan", "US"),
        row_labels=("Cooperate", "Defect"),
        col_labels=("Cooperate", "Defect"),
    )
    for against in (0, 1, "Cooperate", "Defect", [F(1, 3), F(2, 3)], [0.25, 0.75]):
        assert best_responses(pd, "Japan", against) == (1,)
        assert best_responses(pd, 1, against) == (1,)


def test_index_label_and_unit_vector_mean_the_same_pure_strategy():
    g = BimatrixGame([[1, 2, 0], [0, 2, 3]], [[3, 0, 1], [1, 1, 1]], col_labels=("L", "M", "R"))
    for j, label in enumerate(("L", "M", "R")):
        unit = [int(q == j) for q in range(3)]
        assert best_responses(g, 0, j) == best_responses(g, 0, label) == best_responses(g, 0, unit)


def test_ties_are_exact():
    # Against (1/3, 2/3) both rows earn exactly 2/3; 1/3 typed as a float is not exact.
    g = BimatrixGame([[2, 0], [0, 1]], [[0, 0], [0, 0]])
    assert best_responses(g, 0, [F(1, 3), F(2, 3)]) == (0, 1)
    assert best_responses(g, 0, [F(1, 3) + F(1, 10**9), F(2, 3) - F(1, 10**9)]) == (0,)


@given(data=st.data(), game=games(min_size=1, max_size=4))
def test_best_responses_are_exactly_the_maximisers(data, game):
    p = data.draw(st.sampled_from([0, 1]))
    y = data.draw(probability_vectors(game.shape[1 - p]))
    U = own(game, p)
    values = [value(U, k, y) for k in range(len(U))]
    assert best_responses(game, p, y) == tuple(k for k, v in enumerate(values) if v == max(values))
    assert best_responses(game, game.players[p], y) == best_responses(game, p, y)


@given(game=games(min_size=1, max_size=4))
def test_best_response_table_and_pure_equilibria_by_brute_force(game):
    m, n = game.shape
    row_best, col_best = best_response_table(game)
    assert row_best.shape == col_best.shape == (m, n)
    assert row_best.dtype == bool and col_best.dtype == bool
    brute = []
    for i in range(m):
        for j in range(n):
            r_ok = all(game.payoff(i, j)[0] >= game.payoff(k, j)[0] for k in range(m))
            c_ok = all(game.payoff(i, j)[1] >= game.payoff(i, k)[1] for k in range(n))
            assert row_best[i, j] == r_ok and col_best[i, j] == c_ok
            if r_ok and c_ok:
                brute.append((i, j))
    assert pure_equilibria(game) == tuple(brute)
    # Every pure equilibrium is an extreme equilibrium, so solve() lists exactly these.
    from_solve = sorted((e.row_support[0], e.col_support[0]) for e in solve(game).pure)
    assert sorted(brute) == from_solve


def test_best_responses_in_a_game_with_irrational_payoffs():
    g = BimatrixGame([[sympy.sqrt(2), 0], [1, 1]], [[0, 0], [0, 0]])
    assert not g.exact
    assert best_responses(g, 0, 0) == (0,)
    assert best_responses(g, 0, [0.5, 0.5]) == (1,)  # sqrt(2)/2 < 1
    assert pure_equilibria(g) == ((0, 0), (1, 1))


# --- dominance --------------------------------------------------------------------------


def test_domination_by_a_mix_only():
    # Fudenberg and Tirole (1991), section 2.1: (0, 0) is beaten by the half-half mix of
    # (2, -1) and (-1, 2), which earns 1/2 against either column, but by neither alone.
    g = BimatrixGame(
        [[2, -1], [0, 0], [-1, 2]],
        [[0, 0], [0, 0], [0, 0]],
        players=("Japan", "US"),
        row_labels=("Retaliate", "Wait", "Concede"),
    )
    (d,) = dominated_strategies(g, "Japan")
    assert (d.player, d.strategy, d.label, d.strict) == (0, 1, "Wait", True)
    assert d.by == (F(1, 2), F(0), F(1, 2)) and d.by_pure is None
    assert all(isinstance(v, F) for v in d.by)
    assert d.describe() == (
        "Japan's 'Wait' is strictly dominated by the mix 1/2 'Retaliate', 1/2 'Concede'."
    )
    assert dominated_strategies(g, "Japan", mixed=False) == ()


def test_pure_domination_sentence():
    g = BimatrixGame(
        [[1, 1], [2, 3]],
        [[0, 0], [0, 0]],
        players=("Japan", "US"),
        row_labels=("Retaliate", "Accommodate"),
    )
    (d,) = dominated_strategies(g, 0)
    assert d.by_pure == 1 and d.by == (F(0), F(1))
    assert d.describe() == "Japan's 'Retaliate' is strictly dominated by 'Accommodate'."


def test_the_exact_mix_is_the_one_with_the_largest_margin():
    # (9/10, 9/10, 9/10) is beaten only by mixes close to uniform; the LP's optimum is 1/3 each.
    U = [[3, 0, 0], [0, 3, 0], [0, 0, 3], [F(9, 10)] * 3]
    g = BimatrixGame(U, [[0] * 3] * 4)
    (d,) = dominated_strategies(g, 0)
    assert d.strategy == 3 and d.by == (F(1, 3), F(1, 3), F(1, 3), F(0))


def test_weak_domination_by_a_mix_that_ties_somewhere():
    # Against column 3 every row earns 1, so no strategy is strictly dominated; the third
    # row is weakly dominated by mixes of the first two with weight 1/2..3/4 on the first.
    U = [[2, 0, 1], [0, 2, 1], [1, F(1, 2), 1]]
    g = BimatrixGame(U, [[0] * 3] * 3)
    assert dominated_strategies(g, 0) == ()
    (d,) = dominated_strategies(g, 0, strict=False)
    assert d.strategy == 2 and not d.strict
    assert weakly_beats(own(g, 0), d.by, 2)
    assert "weakly dominated by the mix" in d.describe()


def test_weak_mode_reports_strict_dominations_as_strict():
    g = BimatrixGame([[1, 1], [2, 3], [2, 1]], [[0, 0], [0, 0], [0, 0]])
    found = {d.strategy: d for d in dominated_strategies(g, 0, strict=False)}
    assert found[0].strict and found[0].by_pure == 1  # (1, 1) < (2, 3)
    assert not found[2].strict and found[2].by_pure == 1  # (2, 1) <= (2, 3)
    assert set(found) == {0, 2}


def test_duplicate_strategies_do_not_dominate_each_other():
    g = BimatrixGame([[1, 2], [1, 2]], [[0, 0], [0, 0]])
    assert dominated_strategies(g, 0, strict=False) == ()


@settings(max_examples=60)
@given(data=st.data(), game=games(min_size=1, max_size=4))
def test_reported_dominations_are_true_and_none_is_missed(data, game):
    p = data.draw(st.sampled_from([0, 1]))
    U = own(game, p)
    for strict in (True, False):
        found = {d.strategy: d for d in dominated_strategies(game, p, strict=strict)}
        for k, d in found.items():
            assert isinstance(d, Domination) and d.player == p and d.label == game.labels(p)[k]
            assert all(isinstance(v, F) and v >= 0 for v in d.by) and sum(d.by) == 1
            assert d.by[k] == 0
            assert weakly_beats(U, d.by, k)
            assert d.strict == strictly_beats(U, d.by, k)
            if strict:
                assert d.strict
        units = [[F(int(q == r)) for q in range(len(U))] for r in range(len(U))]
        for k in range(len(U)):
            pure_strict = any(strictly_beats(U, units[r], k) for r in range(len(U)) if r != k)
            pure_weak = any(weakly_beats(U, units[r], k) for r in range(len(U)) if r != k)
            if pure_strict or (pure_weak and not strict):
                assert k in found
            if pure_strict:
                # The strongest statement comes first, and a pure dominator before a mix.
                assert found[k].strict and found[k].by_pure is not None


@settings(max_examples=150)
@given(data=st.data(), game=games(min_size=1, max_size=4))
def test_dominated_strategies_are_exactly_those_that_are_never_best_responses(data, game):
    # An exact check with no linear programming at all (Pearce 1984, lemmas 3 and 4).
    p = data.draw(st.sampled_from([0, 1]))
    U = own(game, p)
    for strict in (True, False):
        found = {d.strategy for d in dominated_strategies(game, p, strict=strict)}
        expected = {k for k in range(len(U)) if dominated_by_pearce(U, k, weak=not strict)}
        assert found == expected


def test_dominance_in_a_game_with_irrational_payoffs():
    r2 = sympy.sqrt(2)
    g = BimatrixGame([[3, 0], [0, 3], [r2 / 2, r2 / 2]], [[0, 0], [0, 0], [0, 0]])
    (d,) = dominated_strategies(g, 0)
    assert d.strategy == 2 and d.strict
    assert all(isinstance(v, float) for v in d.by)
    assert sum(d.by) == pytest.approx(1)


# --- iterated elimination ---------------------------------------------------------------


def test_gibbons_example_is_solved_in_three_rounds():
    # Gibbons (1992), section 1.1.B.
    g = BimatrixGame(
        [[1, 1, 0], [0, 0, 2]],
        [[0, 2, 1], [3, 1, 0]],
        row_labels=("Up", "Down"),
        col_labels=("Left", "Middle", "Right"),
    )
    result = iesds(g)
    assert [(s.round, s.player, s.label) for s in result.steps] == [
        (1, 1, "Right"),
        (2, 0, "Down"),
        (3, 1, "Left"),
    ]
    assert [s.by for s in result.steps] == [(0, 1, 0), (1, 0), (0, 1, 0)]
    assert result.rows == (0,) and result.cols == (1,) and result.solved and result.rounds == 3
    assert result.reduced.row_labels == ("Up",) and result.reduced.col_labels == ("Middle",)
    assert is_dominance_solvable(g)
    lines = result.describe().splitlines()
    assert lines[0].startswith("1. Round 1: Column's 'Right'")
    assert lines[-1] == "Left: Row plays Up; Column plays Middle. The game is dominance solvable."


def test_nothing_to_delete_in_battle_of_the_sexes():
    bos = BimatrixGame([[2, 0], [0, 1]], [[1, 0], [0, 2]])
    result = iesds(bos)
    assert result.steps == () and result.reduced == bos and not result.solved
    assert not is_dominance_solvable(bos)
    assert result.describe().startswith("No strategy is strictly dominated")


def test_mixed_domination_deletes_more_than_pure():
    # The third row only falls to a mix; then the column player's second column goes.
    g = BimatrixGame([[3, 0], [0, 3], [1, 1]], [[1, 1], [1, 1], [2, 0]])
    assert iesds(g, mixed=False).rows == (0, 1, 2)
    result = iesds(g)
    assert result.rows == (0, 1)
    assert result.steps[0].by == (F(1, 2), F(1, 2), F(0))


@settings(max_examples=60)
@given(game=games(min_size=1, max_size=4), mixed=st.booleans())
def test_iesds_keeps_every_equilibrium_and_leaves_nothing_dominated(game, mixed):
    result = iesds(game, mixed=mixed)
    for e in solve(game).equilibria:
        assert set(e.row_support) <= set(result.rows)
        assert set(e.col_support) <= set(result.cols)
    # The reduced game is the original restricted to the survivors, labels included.
    red = result.reduced
    assert red.row_labels == tuple(game.row_labels[i] for i in result.rows)
    assert red.col_labels == tuple(game.col_labels[j] for j in result.cols)
    for a, i in enumerate(result.rows):
        for b, j in enumerate(result.cols):
            assert red.payoff(a, b) == game.payoff(i, j)
    for p in (0, 1):
        assert dominated_strategies(red, p, mixed=mixed) == ()
    # Each step is true in the game left at the start of its round.
    alive = [set(range(game.shape[0])), set(range(game.shape[1]))]
    for r in range(1, result.rounds + 1):
        this_round = [s for s in result.steps if s.round == r]
        for s in this_round:
            U = own(game, s.player)
            keep = sorted(alive[1 - s.player])
            sub = [[U[q][j] for j in keep] for q in range(len(U))]
            assert s.strategy in alive[s.player]
            assert all(s.by[q] == 0 for q in range(len(U)) if q not in alive[s.player])
            assert strictly_beats(sub, s.by, s.strategy)
        for s in this_round:
            alive[s.player].discard(s.strategy)
    assert alive == [set(result.rows), set(result.cols)]


@pytest.mark.parametrize("mixed", [False, True])
def test_order_of_elimination_does_not_matter(mixed):
    # Gilboa, Kalai and Zemel (1990); Osborne and Rubinstein (1994), section 4.2.
    rng = np.random.default_rng(20250722)
    for _ in range(40):
        m, n = rng.integers(2, 5, size=2)
        game = BimatrixGame(rng.integers(-3, 4, size=(m, n)), rng.integers(-3, 4, size=(m, n)))
        expected = iesds(game, mixed=mixed)
        for _ in range(3):
            assert survivors_in_random_order(game, rng, mixed) == (expected.rows, expected.cols)


def test_dominance_solvable_game_has_the_survivor_as_unique_equilibrium():
    rng = np.random.default_rng(7)
    seen = 0
    for _ in range(200):
        game = BimatrixGame(rng.integers(-5, 6, size=(3, 3)), rng.integers(-5, 6, size=(3, 3)))
        result = iesds(game)
        if result.solved:
            seen += 1
            (e,) = solve(game).equilibria
            assert (e.row_support, e.col_support) == (result.rows, result.cols)
    assert seen > 10


# --- bad input --------------------------------------------------------------------------


def test_bad_input_is_refused_with_a_clear_message():
    g = BimatrixGame([[1, 0], [0, 1]], [[1, 0], [0, 1]], players=("Japan", "US"))
    with pytest.raises(TypeError, match="needs a BimatrixGame"):
        best_responses([[1, 0], [0, 1]], 0, 0)
    with pytest.raises(TypeError, match="needs a BimatrixGame"):
        iesds("PD")
    with pytest.raises(ValueError, match="unknown player 'China'"):
        best_responses(g, "China", 0)
    with pytest.raises(ValueError, match="player must be 0"):
        dominated_strategies(g, 2)
    with pytest.raises(TypeError, match="player must be 0"):
        dominated_strategies(g, True)
    with pytest.raises(ValueError, match="must have 2 probabilities"):
        best_responses(g, 0, [0.5, 0.25, 0.25])
    with pytest.raises(ValueError, match="must sum to 1"):
        best_responses(g, 0, [1, 1])
    with pytest.raises(ValueError, match="unknown column strategy 'X'"):
        best_responses(g, 0, "X")
    with pytest.raises(ValueError, match="out of range"):
        best_responses(g, 0, 5)
    with pytest.raises(TypeError, match="boolean"):
        best_responses(g, 0, True)
    with pytest.raises(TypeError, match="strings are never parsed"):
        best_responses(g, 0, ["1/2", "1/2"])
    with pytest.raises(TypeError, match="strict must be True or False"):
        dominated_strategies(g, 0, strict="yes")
    with pytest.raises(TypeError, match="mixed must be True or False"):
        iesds(g, mixed=1)
