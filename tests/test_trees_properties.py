"""Properties of game trees, checked on random small trees against independent code.

The reference in this file shares nothing with :mod:`negotiation.trees` except
the tree type: it enumerates *every* complete strategy profile and applies the
one-shot deviation principle (a profile of a finite perfect-information game is
subgame perfect exactly when no player gains by changing one action at one node
and keeping the rest; Hendon, Jacobsen and Sloth 1996; Osborne and Rubinstein
1994, Lemma 98.2), evaluating expected payoffs by plain recursion.
"""

from __future__ import annotations

import itertools
from fractions import Fraction

import numpy as np
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from strategies import game_trees, symbolic_game_trees

from negotiation import is_equilibrium
from negotiation.trees import (
    Chance,
    GameTree,
    Terminal,
    credibility,
    dumps_efg,
    loads_efg,
    nash_vs_spe,
    read_efg,
    reduced_strategies,
    subgame_perfect,
    to_bimatrix,
    write_efg,
)

F = Fraction
MAX_PROFILES = 600

small_trees = st.one_of(
    game_trees(max_depth=3, max_actions=2),
    game_trees(max_depth=2, max_actions=3),
    game_trees(max_depth=3, max_actions=2, low=-1, high=1),  # ties everywhere
)


# --- the independent reference ---------------------------------------------------------------


def value(tree: GameTree, profile: dict, path: tuple = ()) -> tuple:
    node = tree.node(path)
    if isinstance(node, Terminal):
        return node.payoffs
    if isinstance(node, Chance):
        parts = [value(tree, profile, (*path, a)) for a in node.actions]
        return tuple(
            sum((p * v[j] for p, v in zip(node.probabilities, parts)), F(0)) for j in range(2)
        )
    return value(tree, profile, (*path, profile[path]))


def is_subgame_perfect(tree: GameTree, profile: dict) -> bool:
    for path in tree.decision_paths():
        node = tree.node(path)
        i = tree.players.index(node.player)
        here = value(tree, profile, path)[i]
        for a in node.actions:
            if value(tree, {**profile, path: a}, path)[i] > here:
                return False
    return True


def all_profiles(tree: GameTree):
    paths = tree.decision_paths()
    for combo in itertools.product(*(tree.node(p).actions for p in paths)):
        yield dict(zip(paths, combo))


def profile_count(tree: GameTree) -> int:
    n = 1
    for p in tree.decision_paths():
        n *= len(tree.node(p).actions)
    return n


def brute_force_spe(tree: GameTree) -> list[dict]:
    return [prof for prof in all_profiles(tree) if is_subgame_perfect(tree, prof)]


def reduced_of(tree: GameTree, profile: dict, i: int) -> frozenset:
    """The part of a complete plan that player i's own moves do not rule out."""
    out, stack = set(), [()]
    while stack:
        path = stack.pop()
        node = tree.node(path)
        if isinstance(node, Terminal):
            continue
        if not isinstance(node, Chance) and tree.players.index(node.player) == i:
            out.add((path, profile[path]))
            stack.append((*path, profile[path]))
        else:
            stack.extend((*path, a) for a in node.actions)
    return frozenset(out)


def spe_set(tree: GameTree) -> set:
    return {frozenset(e.choices.items()) for e in subgame_perfect(tree)}


# --- properties -------------------------------------------------------------------------------


@given(small_trees)
def test_backward_induction_agrees_with_brute_force(tree):
    assume(profile_count(tree) <= MAX_PROFILES)
    reference = brute_force_spe(tree)
    sol = subgame_perfect(tree)
    assert sol.count == len(reference)
    assert spe_set(tree) == {frozenset(p.items()) for p in reference}
    assert set(sol.payoff_set) == {value(tree, p) for p in reference}
    for eq in sol:
        assert eq.payoffs == value(tree, dict(eq.choices))
    # first() takes its own short cut (no listing): it must still be one of them
    assert dict(sol.first().choices) in reference


@given(small_trees)
def test_spe_payoffs_equal_a_brute_force_search_of_the_reduced_normal_form(tree):
    # Every pure profile of the reduced normal form is tested for subgame perfection by
    # trying every completion at the nodes it leaves open.
    assume(profile_count(tree) <= MAX_PROFILES)
    plans = [reduced_strategies(tree, i) for i in range(2)]
    open_paths = tree.decision_paths()
    perfect_pairs, payoffs = set(), set()
    for r, s0 in enumerate(plans[0]):
        for c, s1 in enumerate(plans[1]):
            fixed = {**s0.as_dict(), **s1.as_dict()}
            free = [p for p in open_paths if p not in fixed]
            for combo in itertools.product(*(tree.node(p).actions for p in free)):
                prof = {**fixed, **dict(zip(free, combo))}
                if is_subgame_perfect(tree, prof):
                    perfect_pairs.add((r, c))
                    payoffs.add(value(tree, prof))
    assert payoffs == set(subgame_perfect(tree).payoff_set)
    # The reduced profiles of the SPEs are exactly these pairs ...
    game = to_bimatrix(tree)
    from_spe = set()
    for eq in subgame_perfect(tree):
        r, c = eq.strategy_labels()
        from_spe.add((game.row_labels.index(r), game.col_labels.index(c)))
    assert from_spe == perfect_pairs


@given(st.one_of(game_trees(max_depth=3, max_actions=2), game_trees(3, 2, low=-1, high=1)))
@settings(max_examples=60)
def test_nash_vs_spe_sorts_pure_equilibria_like_brute_force(tree):
    assume(profile_count(tree) <= MAX_PROFILES)
    perfect = {(reduced_of(tree, p, 0), reduced_of(tree, p, 1)) for p in brute_force_spe(tree)}
    report = nash_vs_spe(tree)
    plans = [reduced_strategies(tree, i) for i in range(2)]

    def key(e):
        r, c = e.row_support[0], e.col_support[0]
        return (frozenset(plans[0][r].choices), frozenset(plans[1][c].choices))

    for e in report.subgame_perfect:
        if e.is_pure:
            assert key(e) in perfect
    for bad in report.not_subgame_perfect:
        assert bad.threats
        if bad.equilibrium.is_pure:
            assert key(bad.equilibrium) not in perfect
        for threat in bad.threats:
            assert threat.payoff_instead > threat.payoff


@given(small_trees)
def test_every_spe_is_a_nash_equilibrium_of_the_normal_form(tree):
    game = to_bimatrix(tree)
    m, n = game.shape
    for k, eq in enumerate(subgame_perfect(tree)):
        if k >= 50:
            break
        r, c = eq.strategy_labels()
        x = [F(int(j == game.row_labels.index(r))) for j in range(m)]
        y = [F(int(j == game.col_labels.index(c))) for j in range(n)]
        assert is_equilibrium(game, x, y)
        assert game.payoff(r, c) == eq.payoffs


@given(
    game_trees(max_depth=3, max_actions=3),
    st.integers(0, 1),
    st.integers(-5, 5),
    st.fractions(min_value=F(1, 7), max_value=F(10), max_denominator=7),
)
def test_spe_set_is_unchanged_by_shifting_and_scaling_a_players_payoffs(tree, j, shift, scale):
    assume(subgame_perfect(tree).count <= 500)

    def change(u):
        u = list(u)
        u[j] = scale * u[j] + shift
        return tuple(u)

    changed = tree.map_payoffs(change)
    assert spe_set(changed) == spe_set(tree)
    assert subgame_perfect(changed).count == subgame_perfect(tree).count


@given(game_trees(max_depth=3, max_actions=3, text_labels=True, names=True))
def test_efg_round_trip(tree):
    text = dumps_efg(tree)
    assert loads_efg(text) == tree
    assert read_efg(write_efg(tree)) == tree


@given(small_trees, st.data())
def test_credibility_agrees_with_brute_force(tree, data):
    assume(profile_count(tree) <= MAX_PROFILES)
    paths = tree.decision_paths()
    assume(paths)
    path = data.draw(st.sampled_from(paths))
    action = data.draw(st.sampled_from(tree.node(path).actions))
    choices_here = [p[path] for p in brute_force_spe(tree)]
    assert credibility(tree, path, action).credible == (action in choices_here)
    strict = credibility(tree, path, action, strict=True).credible
    assert strict == all(a == action for a in choices_here)


@given(symbolic_game_trees(), st.data(), st.integers(0, 2**32 - 1))
@settings(max_examples=40)
def test_symbolic_credibility_agrees_with_numbers(tree, data, seed):
    paths = tree.decision_paths()
    assume(paths)
    path = data.draw(st.sampled_from(paths))
    action = data.draw(st.sampled_from(tree.node(path).actions))
    strict = data.draw(st.booleans())
    result = credibility(tree, path, action, strict=strict)
    (x,) = tree.parameters or (None,)
    rng = np.random.default_rng(seed)
    samples = {F(int(k), 4) for k in rng.integers(-16, 17, size=6)}
    # The boundary points of the condition are where it is easiest to get wrong.
    for atom in result.condition.atoms():
        if getattr(atom, "is_Rational", False):
            samples |= {F(int(atom.p), int(atom.q)) + d for d in (0, F(1, 1000), -F(1, 1000))}
    for v in sorted(samples):
        numeric = credibility(tree.at(x=v) if x is not None else tree, path, action, strict=strict)
        assert result.holds(**({"x": v} if x is not None else {})) == numeric.credible
        if x is not None:
            shown = result.condition.xreplace({x: v.numerator / sympy_int(v.denominator)})
            assert bool(shown) == numeric.credible


def sympy_int(n: int):
    import sympy

    return sympy.Integer(n)
