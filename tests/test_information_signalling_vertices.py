"""The direct enumeration of a signalling game's extreme equilibria, against two oracles.

``perfect_bayesian`` no longer goes through the normal form (where the receiver has
``actions ** messages`` plans); it enumerates the vertices of the two best-response
polyhedra in behaviour strategies. Checked here:

* on games small enough for the normal form, every equilibrium found directly is
  one the normal-form enumeration finds, and every normal-form equilibrium it does
  not report is not extreme in behaviour strategies (the tight constraints at its
  sender or receiver strategy have rank below the dimension: an exact test with
  sympy, independent of the enumeration);
* on games too large for the normal form, the pure equilibria found equal those
  of Gambit's ``enumpure_solve`` (pygambit, an independent oracle), and every
  equilibrium has zero regret when Gambit evaluates it.
"""

from __future__ import annotations

import io
from fractions import Fraction

import pygambit as gbt
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st
from test_trees_gambit import gambit_profile

from negotiation.information import signalling_game, signalling_structure
from negotiation.information._signalling_vertices import behaviour_profile, extreme_equilibria
from negotiation.trees import dumps_efg, nash_equilibria

F = Fraction


@st.composite
def games(draw, types=(2, 3), messages=(2, 3), actions=(2, 3), high=3):
    n_types = draw(st.integers(*types))
    n_messages = draw(st.integers(*messages))
    n_actions = draw(st.integers(*actions))
    names = [f"t{k}" for k in range(n_types)]
    weights = [draw(st.integers(1, 4)) for _ in names]
    prior = {t: F(w, sum(weights)) for t, w in zip(names, weights, strict=True)}
    msgs = [f"m{k}" for k in range(n_messages)]
    acts = [f"a{k}" for k in range(n_actions)]
    table = {
        (t, m, a): (draw(st.integers(0, high)), draw(st.integers(0, high)))
        for t in names
        for m in msgs
        for a in acts
    }
    return signalling_game(prior, msgs, acts, table)


def _key(s, sender, receiver):
    return (
        tuple(tuple(sender[t][m] for m in s.messages) for t in s.types),
        tuple(tuple(receiver[m][a] for a in s.actions[m]) for m in s.messages),
    )


def _is_vertex(rows, dimension):
    return bool(rows) and sympy.Matrix(rows).rank() == dimension


def _sender_is_vertex(s, sender):
    """Is ``(x, v)`` a vertex of {x_t in the simplex, v_m >= sum_t p_t u_R(t,m,a) x_tm}?"""
    tm = [(t, m) for t in s.types for m in s.messages]
    n = len(tm) + len(s.messages)
    rows = [[int(t2 == t) for t2, _ in tm] + [0] * len(s.messages) for t in s.types]
    rows += [
        [int(j == k) for j in range(len(tm))] + [0] * len(s.messages)
        for k, (t, m) in enumerate(tm)
        if sender[t][m] == 0
    ]
    for j, m in enumerate(s.messages):
        value = {
            a: sum(p * s.payoffs(t, m, a)[1] * sender[t][m] for t, p in zip(s.types, s.prior))
            for a in s.actions[m]
        }
        for a in s.actions[m]:
            if value[a] == max(value.values()):
                coef = dict(zip(s.types, s.prior, strict=True))
                rows.append(
                    [-coef[t] * s.payoffs(t, m, a)[1] if m2 == m else 0 for t, m2 in tm]
                    + [int(jj == j) for jj in range(len(s.messages))]
                )
    return _is_vertex(rows, n)


def _receiver_is_vertex(s, receiver):
    """Is ``(y, w)`` a vertex of {y_m in the simplex, w_t >= sum_a u_S(t,m,a) y_ma}?"""
    ma = [(m, a) for m in s.messages for a in s.actions[m]]
    n = len(ma) + len(s.types)
    rows = [[int(m2 == m) for m2, _ in ma] + [0] * len(s.types) for m in s.messages]
    rows += [
        [int(j == k) for j in range(len(ma))] + [0] * len(s.types)
        for k, (m, a) in enumerate(ma)
        if receiver[m][a] == 0
    ]
    for j, t in enumerate(s.types):
        value = {
            m: sum(s.payoffs(t, m, a)[0] * q for a, q in receiver[m].items()) for m in s.messages
        }
        for m in s.messages:
            if value[m] == max(value.values()):
                rows.append(
                    [-s.payoffs(t, m, a)[0] if m2 == m else 0 for m2, a in ma]
                    + [int(jj == j) for jj in range(len(s.types))]
                )
    return _is_vertex(rows, n)


@settings(max_examples=120, deadline=None)
@given(games(types=(2, 3), messages=(2, 2), actions=(2, 3)))
def test_the_extreme_equilibria_are_those_of_the_normal_form_that_are_extreme_here(tree):
    s = signalling_structure(tree)
    ours = {_key(s, x, y) for x, y in extreme_equilibria(s)}
    theirs = {}
    for eq in nash_equilibria(tree):
        probs = eq.profile.probabilities
        sender = {
            t: dict(zip(s.messages, probs[tree.information_set((t,)).index], strict=True))
            for t in s.types
        }
        receiver = {
            m: dict(zip(s.actions[m], probs[s.receiver_sets[m].index], strict=True))
            for m in s.messages
        }
        theirs[_key(s, sender, receiver)] = (sender, receiver)
    assert ours <= set(theirs)
    for key, (sender, receiver) in theirs.items():
        if key not in ours:  # a point of a segment or face, not a vertex of it
            assert not (_sender_is_vertex(s, sender) and _receiver_is_vertex(s, receiver))


@settings(max_examples=15, deadline=None)
@given(games(types=(2, 2), messages=(3, 3), actions=(3, 3), high=4))
def test_games_too_large_for_the_normal_form_agree_with_gambit(tree):
    # Two types, three messages, three actions: 9 x 27 in the normal form, where
    # Gambit's enummixed takes minutes; pure equilibria and regrets are quick there.
    s = signalling_structure(tree)
    found = extreme_equilibria(s)
    game = gbt.read_efg(io.StringIO(dumps_efg(tree)))
    for x, y in found:
        mixed = behaviour_profile(s, x, y).to_mixed()
        assert gambit_profile(tree, game, mixed).max_regret() == 0
    pure = {
        frozenset(
            [*((t, max(x[t], key=x[t].get)) for t in s.types)]
            + [(m, max(y[m], key=y[m].get)) for m in s.messages]
        )
        for x, y in found
        if all(max(d.values()) == 1 for d in (*x.values(), *y.values()))
    }
    theirs = set()
    for eq in gbt.nash.enumpure_solve(game).equilibria:
        moves = []
        for player in tree.players:
            (label,) = [k for k in game.get_strategies(player) if eq[player][k] == 1]
            for history, action in game.get_behavior(player, label).items():
                path = tuple(e.action for e in history)
                moves.append((path[0] if len(path) == 1 else path[1], action))
        theirs.add(frozenset(moves))
    assert pure == theirs
