"""classify(): names of 2x2 games, checked on textbook games and by independent properties."""

from __future__ import annotations

from fractions import Fraction as F
from itertools import permutations, product

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import games, generic_games, strict_ordinal_games

from negotiation import BimatrixGame
from negotiation.normal_form.analysis import pure_equilibria
from negotiation.normal_form.classification import SYMMETRIC_GAMES, GameClass, classify

CYCLIC = "Matching Pennies type (cyclic, no pure equilibrium)"
ORDERS = [((0, 1), (0, 1)), ((1, 0), (0, 1)), ((0, 1), (1, 0)), ((1, 0), (1, 0))]


def relabelled(game):
    """The game under all four ways of ordering its rows and columns."""
    return [game.permute(r, c) for r, c in ORDERS]


def symmetric_game(A):
    """The symmetric game in which the column player's payoffs are A transposed."""
    return BimatrixGame(A, [list(r) for r in zip(*A, strict=True)])


def trpS(T, R, P, S):
    """A symmetric game from the payoffs T, R, P, S, first strategy C, second D."""
    return symmetric_game([[R, S], [T, P]])


def mirror(name):
    """Row and column types swapped in a hybrid's name ("X–Y" becomes "Y–X")."""
    return "–".join(reversed(name.split("–"))) if "–" in name else name


# --- textbook games, in every row and column order --------------------------------------


@pytest.mark.parametrize(
    ("game", "name"),
    [
        # Axelrod (1984), ch. 1: T=5 > R=3 > P=1 > S=0.
        (trpS(T=5, R=3, P=1, S=0), "Prisoner's Dilemma"),
        # Chicken as in Dixit, Skeath and Reiley, Games of Strategy, ch. 4: swerve (0, 0),
        # (-1, 1), straight/straight (-2, -2); T > R > S > P (Macy and Flache 2002).
        (symmetric_game([[0, -1], [1, -2]]), "Chicken"),
        # Stag Hunt with R > T > P > S (Macy and Flache 2002).
        (trpS(T=3, R=4, P=2, S=0), "Stag Hunt"),
        # Deadlock: T > P > R > S (Bruns 2015).
        (trpS(T=3, R=1, P=2, S=0), "Deadlock"),
        # Harmony: R > S > T > P (Bruns 2015); cooperation is dominant and best for both.
        (trpS(T=2, R=4, P=1, S=3), "Harmony"),
        # Battle of the Sexes in Bruns's strict form (Rapoport's "Leader", 1967): whoever
        # goes for their favourite gets 4, the other 3; both yielding 2, both insisting 1.
        (trpS(T=4, R=2, P=1, S=3), "Battle of the Sexes"),
        # Matching Pennies (von Neumann and Morgenstern 1944): no pure equilibrium.
        (BimatrixGame.zero_sum([[1, -1], [-1, 1]]), CYCLIC),
        (BimatrixGame([[3, 1], [0, 2]], [[0, 2], [3, 1]]), CYCLIC),
    ],
)
def test_textbook_games_have_their_names_in_every_order(game, name):
    for g in relabelled(game):
        c = classify(g)
        assert isinstance(c, GameClass)
        assert c.name == name
        assert classify(g.transpose()).name == name  # symmetric or cyclic: no mirror


def test_prisoners_dilemma_class():
    c = classify(trpS(T=5, R=3, P=1, S=0))
    assert c.code == "Pd" and c.symmetric and not c.ties and c.boundary_of == ()
    assert c.row_type == c.col_type == "Prisoner's Dilemma" and c.n_pure_equilibria == 1
    assert "dominant strategy" in c.description
    assert str(c).startswith("Prisoner's Dilemma (Pd): ")


def test_textbook_battle_of_the_sexes_is_a_tie_between_its_strict_versions():
    # Osborne (2004), ch. 2, "Bach or Stravinsky"; Luce and Raiffa (1957), section 5.3:
    # both ways of failing to meet pay 0, so the game borders Battle of the Sexes and Hero.
    bos = BimatrixGame([[2, 0], [0, 1]], [[1, 0], [0, 2]])
    c = classify(bos)
    assert c.ties and c.symmetric
    assert set(c.boundary_of) == {"Battle of the Sexes", "Hero"}
    assert c.name == "Tie: between " + " and ".join(c.boundary_of)
    # Pulling the two zeros apart the same way for both players: (Bach, Stravinsky) is
    # "both insist", (Stravinsky, Bach) "both give way".
    eps = F(1, 10)
    insisting_better = BimatrixGame([[2, eps], [0, 1]], [[1, eps], [0, 2]])
    giving_way_better = BimatrixGame([[2, 0], [eps, 1]], [[1, 0], [eps, 2]])
    assert classify(insisting_better).name == "Hero"
    assert classify(giving_way_better).name == "Battle of the Sexes"


def test_textbook_stag_hunt_with_a_safe_hare_is_a_tie():
    # Osborne (2004), ch. 2: hunting hare pays 1 whatever the other does (T = P), which is
    # the boundary between the Stag Hunt (T > P) and Assurance (P > T).
    c = classify(symmetric_game([[2, 0], [1, 1]]))
    assert c.ties and set(c.boundary_of) == {"Stag Hunt", "Assurance"}
    assert classify(trpS(T=F(11, 10), R=2, P=1, S=0)).name == "Stag Hunt"
    assert classify(trpS(T=F(9, 10), R=2, P=1, S=0)).name == "Assurance"


def test_a_tie_between_prisoners_dilemma_and_deadlock():
    # Mutual cooperation pays as much as mutual defection: R = P.
    c = classify(trpS(T=5, R=1, P=1, S=0))
    assert c.name == "Tie: between Prisoner's Dilemma and Deadlock"
    assert c.boundary_of == ("Prisoner's Dilemma", "Deadlock")
    assert c.ties and c.symmetric and c.code == "tie:Pd/Dl"
    assert classify(trpS(T=5, R=F(11, 10), P=1, S=0)).name == "Prisoner's Dilemma"
    assert classify(trpS(T=5, R=F(9, 10), P=1, S=0)).name == "Deadlock"


def test_matching_pennies_with_ties_keeps_its_name():
    c = classify(BimatrixGame.zero_sum([[1, -1], [-1, 1]]))
    assert c.ties and c.boundary_of == (CYCLIC,) and c.n_pure_equilibria == 0


def test_all_payoffs_equal():
    c = classify(BimatrixGame([[0, 0], [0, 0]], [[0, 0], [0, 0]]))
    assert c.ties and c.symmetric and c.name.startswith("Tie: on the boundary of")
    assert set(c.boundary_of) == set(SYMMETRIC_GAMES)


# --- the table is complete and right ----------------------------------------------------


def all_strict_ordinal_games():
    for a in permutations((1, 2, 3, 4)):
        for b in permutations((1, 2, 3, 4)):
            yield BimatrixGame([a[:2], a[2:]], [b[:2], b[2:]])


def is_symmetric(game):
    """Column's payoffs are Row's transposed under some relabelling of the strategies."""
    for g in relabelled(game):
        if all(g.payoff(i, j)[1] == g.payoff(j, i)[0] for i in range(2) for j in range(2)):
            return True
    return False


def cells(g):
    return tuple(g.payoff(i, j) for i in range(2) for j in range(2))


def test_all_144_strict_games_have_a_name():
    classes: dict[str, list[BimatrixGame]] = {}
    for g in all_strict_ordinal_games():
        c = classify(g)
        assert c.name and not c.ties and c.boundary_of == () and "Tie" not in c.name
        classes.setdefault(c.code, []).append(g)
    # 576 ordered games, 144 classes of 4 (Robinson and Goforth 2005, ch. 2).
    assert len(classes) == 144
    assert all(len(v) == 4 for v in classes.values())
    # The four games of a class are one game with its rows and columns reordered.
    for members in classes.values():
        assert {cells(h) for h in relabelled(members[0])} == {cells(g) for g in members}
    counts = {0: 0, 1: 0, 2: 0}
    for code, members in classes.items():
        g = members[0]
        c = classify(g)
        n_pure = len(pure_equilibria(g))
        counts[n_pure] += 1
        assert c.n_pure_equilibria == n_pure
        assert c.symmetric == is_symmetric(g)
        if n_pure == 0:
            assert c.name == CYCLIC and not c.symmetric
        elif not c.symmetric:
            assert c.name == f"{c.row_type}–{c.col_type}" and code == c.code
    assert counts == {0: 18, 1: 108, 2: 18}
    symmetric = {classify(m[0]).name for m in classes.values() if classify(m[0]).symmetric}
    assert symmetric == set(SYMMETRIC_GAMES) and len(SYMMETRIC_GAMES) == 12
    # Every pair (Row's type, Column's type) occurs exactly once: a 12 x 12 table.
    pairs = {(classify(m[0]).row_type, classify(m[0]).col_type) for m in classes.values()}
    assert pairs == set(product(SYMMETRIC_GAMES, SYMMETRIC_GAMES))


def pareto_deficient(g, cell):
    u = g.payoff(*cell)
    return any(
        g.payoff(i, j)[0] > u[0] and g.payoff(i, j)[1] > u[1] for i in range(2) for j in range(2)
    )


def has_dominant_strategy(g):
    return (g.payoff(0, 0)[0] > g.payoff(1, 0)[0] and g.payoff(0, 1)[0] > g.payoff(1, 1)[0]) or (
        g.payoff(0, 0)[0] < g.payoff(1, 0)[0] and g.payoff(0, 1)[0] < g.payoff(1, 1)[0]
    )


@pytest.mark.parametrize(
    ("name", "ordering", "n_pure", "dominant", "dilemma", "same_favourite"),
    [
        # T > R > P > S and friends: the defining orderings (Macy and Flache 2002 for the
        # first three; Bruns 2015 for the rest), and what each implies for equilibria.
        ("Prisoner's Dilemma", "TRPS", 1, True, True, None),
        ("Chicken", "TRSP", 2, False, False, False),
        ("Stag Hunt", "RTPS", 2, False, False, True),
        ("Deadlock", "SRPT", 1, True, False, None),
        ("Compromise", "SRTP", 1, True, False, None),
        ("Hero", "STRP", 2, False, False, False),
        ("Battle of the Sexes", "TSRP", 2, False, False, False),
        ("Concord", "RTSP", 1, True, False, None),
        ("Harmony", "RSTP", 1, True, False, None),
        ("Peace", "RSPT", 1, True, False, None),
        ("Coordination", "RPST", 2, False, False, True),
        ("Assurance", "RPTS", 2, False, False, True),
    ],
)
def test_the_twelve_symmetric_games(name, ordering, n_pure, dominant, dilemma, same_favourite):
    values = {letter: 4 - k for k, letter in enumerate(ordering)}
    g = trpS(**values)
    c = classify(g)
    assert c.name == name and c.symmetric and c.row_type == c.col_type == name
    eq = pure_equilibria(g)
    assert len(eq) == n_pure == c.n_pure_equilibria
    assert has_dominant_strategy(g) == dominant
    if n_pure == 1:
        assert pareto_deficient(g, eq[0]) == dilemma
    else:
        (u, v) = (g.payoff(*eq[0]), g.payoff(*eq[1]))
        assert ((u[0] - v[0]) * (u[1] - v[1]) > 0) == same_favourite


def test_symmetric_games_form_the_cycle_of_payoff_swaps():
    # Robinson and Goforth (2005): neighbouring games differ by one swap of adjacent ranks.
    # Swapping ranks r and r+1 of both players in a symmetric game gives its neighbour.
    order = list(SYMMETRIC_GAMES)
    found = set()
    for a in permutations((1, 2, 3, 4)):
        g = symmetric_game([a[:2], a[2:]])
        for r in (1, 2, 3):
            b = tuple(r + 1 if v == r else r if v == r + 1 else v for v in a)
            h = symmetric_game([b[:2], b[2:]])
            found.add(frozenset((classify(g).name, classify(h).name)))
    for k, name in enumerate(order):
        assert frozenset((name, order[(k + 1) % 12])) in found


# --- invariances ------------------------------------------------------------------------


def increasing(x):
    """A strictly increasing map that is far from affine."""
    return x**3 + 2 * x + 7


@given(game=st.one_of(strict_ordinal_games(), games(2, 2), generic_games(2, 2)))
def test_class_ignores_relabelling_and_increasing_transformations(game):
    c = classify(game)
    for g in relabelled(game):
        assert classify(g) == c
    A, B = game.payoff_matrices(exact=True)
    assert classify(game.replace(A=[[increasing(v) for v in r] for r in A])) == c
    assert classify(game.replace(B=[[increasing(v) * 5 - 3 for v in r] for r in B])) == c
    assert classify(game.replace(A=np.array(game.A) * 2.5 + 1)) == c


@given(game=st.one_of(strict_ordinal_games(), games(2, 2), generic_games(2, 2)))
def test_swapping_the_players_mirrors_the_name(game):
    c, t = classify(game), classify(game.transpose())
    assert (t.row_type, t.col_type) == (c.col_type, c.row_type)
    assert (t.symmetric, t.ties, t.n_pure_equilibria) == (c.symmetric, c.ties, c.n_pure_equilibria)
    assert set(t.boundary_of) == {mirror(n) for n in c.boundary_of}
    if not c.ties:
        assert t.name == mirror(c.name)


def ranks(values):
    levels = sorted(set(values))
    return [levels.index(v) for v in values]


def symmetric_orders(game):
    """The game reordered so that Column's payoff ranks are Row's transposed, every way."""
    found = []
    for h in relabelled(game):
        a = ranks([h.payoff(i, j)[0] for i in range(2) for j in range(2)])
        b = ranks([h.payoff(j, i)[1] for i in range(2) for j in range(2)])
        if a == b:
            found.append(h)
    return found


@settings(max_examples=60)
@given(game=games(2, 2))
def test_a_tie_borders_exactly_the_games_it_breaks_into(game):
    c = classify(game)
    A, B = game.payoff_matrices(exact=True)
    tied = [len(set(sum(M, ()))) < 4 for M in (A, B)]
    assert c.ties == any(tied)
    if not c.ties:
        assert c.boundary_of == ()
        return
    assert c.name.startswith("Tie:") or len(c.boundary_of) == 1
    # Payoffs are integers, so adding eps * (0, 1, 2 or 3) breaks ties and keeps every
    # strict inequality; try every way of doing so.
    eps = F(1, 100)
    shifts = [[list(p[:2]), list(p[2:])] for p in permutations(range(4))]
    reached = set()
    orders = symmetric_orders(game)
    assert c.symmetric == bool(orders)
    if c.symmetric:
        # A symmetric game is pulled apart symmetrically (the same shifts for both, under
        # each way of pairing the strategies that makes the game symmetric).
        for g, N in product(orders, shifts):
            Ag, Bg = g.payoff_matrices(exact=True)
            reached.add(
                classify(
                    BimatrixGame(
                        [[Ag[i][j] + eps * N[i][j] for j in range(2)] for i in range(2)],
                        [[Bg[i][j] + eps * N[j][i] for j in range(2)] for i in range(2)],
                    )
                ).name
            )
    else:
        for N, M in product(shifts, shifts):
            reached.add(
                classify(
                    BimatrixGame(
                        [[A[i][j] + eps * N[i][j] for j in range(2)] for i in range(2)],
                        [[B[i][j] + eps * M[i][j] for j in range(2)] for i in range(2)],
                    )
                ).name
            )
    assert reached == set(c.boundary_of)


# --- bad input --------------------------------------------------------------------------


def test_only_2x2_games_are_classified():
    with pytest.raises(ValueError, match="got a 3x2 game"):
        classify(BimatrixGame([[1, 0], [0, 1], [2, 2]], [[1, 0], [0, 1], [2, 2]]))
    with pytest.raises(ValueError, match="got a 2x3 game"):
        classify(BimatrixGame([[1, 0, 1], [0, 1, 1]], [[1, 0, 1], [0, 1, 1]]))
    with pytest.raises(TypeError, match="needs a BimatrixGame"):
        classify([[3, 0], [5, 1]])
