"""Trees with more than two players, and Selten's horse as the textbook test of perfect Bayesian equilibrium.

Selten's horse [Selten 1975, "Reexamination of the perfectness concept for
equilibrium points in extensive games", IJGT 4, 25-55, Figure 1] has three players
and no proper subgame; one of its Nash equilibria rests on a move of player 2 that
no belief justifies (issue 14). pygambit, a test dependency only, is the independent
oracle: it reads the trees through the ``.efg`` files this package writes and
enumerates pure equilibria and regrets with its own code.
"""

from __future__ import annotations

import io
from fractions import Fraction as F

import matplotlib
import pygambit as gbt
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from strategies import imperfect_trees, n_player_trees

from negotiation.information import (
    check_weak_perfect_bayesian,
    pure_weak_perfect_bayesian,
    signalling_structure,
    weak_perfect_bayesian,
)
from negotiation.trees import (
    BehaviourProfile,
    GameTree,
    chance,
    decision,
    dumps_efg,
    leaf,
    loads_efg,
    nash_equilibria,
    nash_vs_spe,
    pure_nash_equilibria,
    pure_profiles,
    reduced_strategies,
    regrets,
    subgame_perfect,
    subgame_perfect_equilibria,
    to_bimatrix,
)
from negotiation.trees.examples import selten_horse
from negotiation.trees.regret import _continuation_value, _first_sets, _plans_from

matplotlib.use("Agg")

H3 = "after D or C, d"  # player 3's information set in selten_horse()


def horse_profile(one: str, two: str, three: str) -> BehaviourProfile:
    return BehaviourProfile(
        selten_horse(),
        {
            "Player 1": {(): {one: 1}},
            "Player 2": {("C",): {two: 1}},
            "Player 3": {H3: {three: 1}},
        },
    )


def to_gambit(tree):
    return gbt.read_efg(io.StringIO(dumps_efg(tree)))


def _choices(tree, profile, i):
    """Player i's (information set index, action) at every set the profile fixes."""
    out = set()
    for s in tree.information_sets(i):
        dist = profile.probabilities[s.index]
        if dist is not None:
            (a,) = [a for a, p in zip(s.actions, dist) if p == 1]
            out.add((s.index, a))
    return out


def _gambit_behaviour(tree, game, player, label):
    return {
        (tree.information_set(tuple(t.action for t in h)).index, a)
        for h, a in game.get_behavior(player, label).items()
    }


def gambit_pure_equilibria(tree, game) -> set[tuple[frozenset, ...]]:
    """Gambit's pure equilibria, each as every player's reduced choices."""
    found = set()
    for eq in gbt.nash.enumpure_solve(game).equilibria:
        key = []
        for player in tree.players:
            (label,) = [s for s, p in eq[player] if p == 1]
            key.append(frozenset(_gambit_behaviour(tree, game, player, label)))
        found.add(tuple(key))
    return found


def our_key(tree, profile) -> tuple[frozenset, ...]:
    return tuple(frozenset(_choices(tree, profile, i)) for i in range(len(tree.players)))


def gambit_pure_profile(tree, game, profile):
    """A pure behaviour profile as Gambit's profile of reduced strategies (the one it agrees with)."""
    data = []
    for i, player in enumerate(tree.players):
        ours = _choices(tree, profile, i)
        labels = game.get_strategies(player)
        row = [
            gbt.Rational(int(_gambit_behaviour(tree, game, player, s) <= ours), 1) for s in labels
        ]
        assert sum(row) == 1, (player, ours)
        data.append(row)
    return game.mixed_strategy_profile(data, rational=True)


# --- Selten's horse -----------------------------------------------------------------------


def test_the_horse_is_a_three_player_tree_with_the_published_payoffs():
    # Selten (1975), Figure 1, as transcribed in Gambit's catalogue
    # (journals/ijgt/selten1975/fig1.efg): R1 R2 (1,1,1); R1 L2 R3 (4,4,0); R1 L2 L3 (0,0,1);
    # L1 R3 (3,2,2); L1 L3 (0,0,0). Here C = R1, c = R2, and player 3's L = R3.
    tree = selten_horse()
    assert tree.players == ("Player 1", "Player 2", "Player 3")
    payoffs = {path: node.payoffs for path, node in tree.leaves()}
    assert payoffs == {
        ("C", "c"): (1, 1, 1),
        ("C", "d", "L"): (4, 4, 0),
        ("C", "d", "R"): (0, 0, 1),
        ("D", "L"): (3, 2, 2),
        ("D", "R"): (0, 0, 0),
    }
    assert tree.information_set(("D",)).nodes == (("C", "d"), ("D",))
    assert not tree.perfect_information


def test_the_horse_agrees_with_gambits_own_catalogue_copy():
    # The same game, read from Gambit's catalogue file with its labels mapped to ours.
    import importlib.resources

    text = (
        importlib.resources.files("pygambit")
        .joinpath("catalog_data/journals/ijgt/selten1975/fig1.efg")
        .read_text()
    )
    theirs = loads_efg(text)
    ours = selten_horse()
    rename = {"R": "C", "L": "D"}
    two = {"R": "c", "L": "d"}
    three = {"R": "L", "L": "R"}
    got = {}
    for path, node in theirs.leaves():
        mapped = [rename[path[0]]]
        if path[0] == "R":
            mapped.append(two[path[1]])
            if len(path) > 2:
                mapped.append(three[path[2]])
        else:
            mapped.append(three[path[1]])
        got[tuple(mapped)] = node.payoffs
    assert got == {path: node.payoffs for path, node in ours.leaves()}


def test_down_with_threat_c_is_nash_but_not_perfect_bayesian():
    # (D, c, L): player 1 goes down to 3 because player 2 "would" play c (1 < 3 for
    # player 1 after C); player 3, reached after D for sure, plays L (2 > 0).
    # Nash: zero regret for every player (our code, and Gambit's).
    profile = horse_profile("D", "c", "L")
    assert profile.payoffs == (3, 2, 2)
    assert regrets(profile) == (0, 0, 0)
    tree = selten_horse()
    game = to_gambit(tree)
    gambit = gambit_pure_profile(tree, game, profile)
    assert gambit.max_regret() == 0
    assert tuple(F(str(gambit.payoffs[p])) for p in tree.players) == (3, 2, 2)
    # Not PBE: at player 2's node (never reached), with player 3's L, d gives 4 > c's 1.
    check = check_weak_perfect_bayesian(tree, profile)
    assert not check
    assert check.information_set == tree.information_set(("C",))
    assert check.information_set.player == "Player 2"
    assert check.action == "c"
    assert "Player 2's node after C is never reached" in check.reason
    assert "d after C gives 4 instead of 1" in check.reason
    with pytest.raises(ValueError, match="not a perfect Bayesian equilibrium: Player 2's"):
        check.assessment()


def test_continue_with_R_is_perfect_bayesian_for_beliefs_up_to_a_third():
    # (C, c, R): player 3's set is never reached. With belief mu on the node after D,
    # L gives player 3  2*mu + 0*(1 - mu) = 2 mu  and R gives  0*mu + 1*(1 - mu) = 1 - mu,
    # so R is a best response exactly when 1 - mu >= 2 mu, i.e. mu <= 1/3 (player 3's
    # payoffs (2, 0) after D and (0, 1) after C, d, from Selten 1975, Figure 1). Player 2:
    # c gives 1, d then R gives 0. Player 1: C gives 1, D then R gives 0.
    profile = horse_profile("C", "c", "R")
    check = check_weak_perfect_bayesian(selten_horse(), profile)
    assert check
    assert check.reason == "" and check.information_set is None
    assert check.belief_range(("D",)) == (0, F(1, 3))
    assert check.belief_range(("C", "d")) == (F(2, 3), 1)
    assert set(map(frozenset, (v.items() for v in check.off_path[H3]))) == {
        frozenset({("D",): F(0), ("C", "d"): F(1)}.items()),
        frozenset({("D",): F(1, 3), ("C", "d"): F(2, 3)}.items()),
    }
    assert regrets(profile) == (0, 0, 0)


def test_the_horse_has_two_pure_nash_equilibria_as_gambit_finds_and_one_pure_pbe():
    tree = selten_horse()
    ours = pure_nash_equilibria(tree)
    assert {our_key(tree, p) for p in ours} == gambit_pure_equilibria(tree, to_gambit(tree))
    assert {p.describe() for p in ours} == {
        horse_profile("D", "c", "L").describe(),
        horse_profile("C", "c", "R").describe(),
    }
    pbe = pure_weak_perfect_bayesian(tree)
    assert [a.profile for a in pbe] == [horse_profile("C", "c", "R")]
    assert pbe[0].belief(("D",)) == (0, F(1, 3))


def test_a_belief_checked_where_play_goes_uses_bayes_rule():
    # Player 1 mixes C and D half and half, player 2 plays d: player 3 is reached at
    # both nodes with probability 1/2 each, so Bayes' rule gives mu(D) = 1/2 > 1/3 and
    # L (2 * 1/2 = 1 against R's 1/2) is player 3's best response, R is not.
    tree = selten_horse()
    mixed = BehaviourProfile(
        tree,
        {
            "Player 1": {(): {"C": F(1, 2), "D": F(1, 2)}},
            "Player 2": {("C",): {"d": 1}},
            "Player 3": {H3: {"R": 1}},
        },
    )
    check = check_weak_perfect_bayesian(tree, mixed)
    assert not check and check.action == "R"
    assert check.beliefs[H3] == {("C", "d"): F(1, 2), ("D",): F(1, 2)}
    assert "L 'after D or C, d' gives 1 instead of 1/2" in check.reason


def test_pbe_check_refuses_open_sets_and_other_trees():
    tree = selten_horse()
    open_two = BehaviourProfile(tree, {"Player 1": {(): {"D": 1}}, "Player 3": {H3: {"L": 1}}})
    with pytest.raises(ValueError, match=r"says nothing about Player 2's node after C"):
        check_weak_perfect_bayesian(tree, open_two)
    other = GameTree(("A", "B"), decision("A", {"x": (0, 0)}))
    with pytest.raises(ValueError, match="belongs to another tree"):
        check_weak_perfect_bayesian(other, open_two)
    with pytest.raises(TypeError, match="needs a BehaviourProfile, got dict"):
        check_weak_perfect_bayesian(tree, {})
    with pytest.raises(TypeError, match="needs a GameTree, got str"):
        pure_weak_perfect_bayesian("horse")


# --- two-player functions refuse n players clearly -------------------------------------------


@pytest.mark.parametrize(
    "call",
    [to_bimatrix, nash_equilibria, subgame_perfect_equilibria, weak_perfect_bayesian],
    ids=["to_bimatrix", "nash_equilibria", "subgame_perfect_equilibria", "weak_perfect_bayesian"],
)
def test_bimatrix_functions_name_the_number_of_players(call):
    with pytest.raises(ValueError, match=r"needs a two-player tree, .* has 3 players .* pure_nash"):
        call(selten_horse())


def test_other_two_player_functions_refuse_three_players():
    tree = selten_horse()
    profile = horse_profile("C", "c", "R")
    with pytest.raises(ValueError, match=r"to_mixed\(\) .* has 3 players"):
        profile.to_mixed()
    with pytest.raises(ValueError, match=r"from_mixed\(\) .* has 3 players"):
        BehaviourProfile.from_mixed(tree, [1, 0], [1, 0])
    perfect = GameTree(("A", "B", "C"), decision("A", {"x": (0, 0, 0), "y": (1, 1, 1)}))
    with pytest.raises(ValueError, match=r"nash_vs_spe\(\) needs a two-player tree, .* 3 players"):
        nash_vs_spe(perfect)
    # A signalling game has a sender and a receiver: the horse is refused for its
    # three players before its shape is read.
    with pytest.raises(ValueError, match=r"a signalling game .* has 3 players"):
        signalling_structure(tree)


# --- building n-player trees ------------------------------------------------------------------


def test_payoff_tuples_must_have_one_entry_per_player():
    with pytest.raises(ValueError, match=r"the leaf at \('y',\) has 2 payoffs, expected 3 "):
        GameTree(("A", "B", "C"), decision("A", {"x": (0, 0, 0), "y": (1, 1)}))
    with pytest.raises(ValueError, match="one per player: A, B, C, D"):
        GameTree(("A", "B", "C", "D"), leaf(1, 2, 3))
    with pytest.raises(ValueError, match="need different names, got 'B' twice"):
        GameTree(("A", "B", "B"), leaf(1, 2, 3))
    with pytest.raises(ValueError, match=r"player must be 0 to 2 or a player's name, got 3"):
        selten_horse().decision_paths(3)


def test_backward_induction_refuses_information_sets_pointing_to_n_player_tools():
    with pytest.raises(ValueError, match=r"needs perfect information, .* pure_nash_equilibria"):
        subgame_perfect(selten_horse())


def test_four_players_backward_induction_and_chance():
    # Each mover takes the branch best for themselves; chance averages payoff vectors.
    tree = GameTree(
        ("A", "B", "C", "D"),
        decision(
            "A",
            {
                "out": (-1, 0, 0, 0),
                "in": chance(
                    {
                        "h": (F(1, 2), decision("C", {"l": (2, 1, 0, 5), "r": (0, 0, 3, 0)})),
                        "t": (F(1, 2), decision("D", {"l": (4, 1, 1, 1), "r": (0, 9, 0, 2)})),
                    }
                ),
            },
        ),
        title="Four",
    )
    spe = subgame_perfect(tree)
    assert spe.count == 1
    (eq,) = spe
    assert dict(eq.choices) == {(): "in", ("in", "h"): "r", ("in", "t"): "r"}
    assert eq.payoffs == (0, F(9, 2), F(3, 2), 1)
    assert loads_efg(dumps_efg(tree)) == tree
    assert "Payoffs" not in repr(tree) and "A vs B vs C vs D" in repr(tree)
    assert tree.outline().splitlines()[0] == "Four (payoffs: A, B, C, D)"


def test_efg_with_three_players_round_trips_and_gambit_reads_it():
    tree = selten_horse()
    text = dumps_efg(tree)
    assert text.startswith('EFG 2 R "Selten\'s horse" { "Player 1" "Player 2" "Player 3" }')
    assert loads_efg(text) == tree
    game = to_gambit(tree)
    assert len(game.players) == 3
    assert len(game.get_infosets("Player 3")) == 1


def test_plot_tree_draws_three_payoff_columns():
    from negotiation.plots import plot_tree

    (assessment,) = pure_weak_perfect_bayesian(selten_horse())
    fig = plot_tree(selten_horse(), profile=assessment)
    texts = [t.get_text() for t in fig.axes[0].texts]
    # player 3's off-path beliefs, mu(D) <= 1/3 and so mu(C, d) >= 2/3, beside the nodes
    assert sorted(t for t in texts if t.startswith("\u03bc")) == [
        "\u03bc \u2264 1/3",
        "\u03bc \u2265 2/3",
    ]
    for name in ("Player 1", "Player 2", "Player 3"):
        assert name in texts
    # the payoffs in three columns, one colour per player
    digits = {"0", "1", "2", "3", "4"}
    colours = {t.get_color() for t in fig.axes[0].texts if t.get_text() in digits}
    colours.discard("white")  # the players' numbers inside the discs
    assert len(colours) == 3
    legend = [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    assert legend[:3] == ["Player 1 moves", "Player 2 moves", "Player 3 moves"]


# --- random three-player trees against Gambit --------------------------------------------------


def _brute_value(tree, profile, i, k, override):
    """Player i's payoff from node k: own sets by ``override`` when given, else the profile."""
    kind = tree._kind[k]
    if kind == GameTree.TERMINAL:
        return F(tree._payoffs[k][i])
    if kind == GameTree.CHANCE:
        dist = tree._probs[k]
    else:
        h = tree._iset[k]
        if tree._owner[k] == i and h in override:
            dist = tuple(F(int(a == override[h])) for a in range(len(tree._actions[k])))
        else:
            dist = profile.probabilities[h]
    return sum(
        (
            p * _brute_value(tree, profile, i, c, override)
            for c, p in zip(tree._children[k], dist)
            if p
        ),
        F(0),
    )


def _all_own_overrides(tree, i):
    import itertools

    sets = tree.information_sets(i)
    for combo in itertools.product(*(range(len(s.actions)) for s in sets)):
        yield {s.index: a for s, a in zip(sets, combo)}


@settings(
    max_examples=300,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
@given(n_player_trees(players=3))
def test_random_three_player_trees_pure_nash_equal_gambits_and_pure_pbe_are_sequentially_rational(
    tree,
):
    game = to_gambit(tree)
    # Pure Nash equilibria (reduced strategies): ours equal Gambit's enumpure_solve.
    nash = pure_nash_equilibria(tree)
    assert {our_key(tree, p) for p in nash} == gambit_pure_equilibria(tree, game)
    for p in nash:
        assert all(r == 0 for r in regrets(p))
    nash_keys = {our_key(tree, p) for p in nash}
    # Every pure PBE: zero regret (ours and Gambit's), Nash, and sequentially rational at
    # every information set, checked by brute force over all of the player's pure plans.
    for a in pure_weak_perfect_bayesian(tree):
        p = a.profile
        assert all(r == 0 for r in regrets(p))
        assert gambit_pure_profile(tree, game, p).max_regret() == 0
        reduced = tuple(
            frozenset(
                (h, act)
                for h, act in _choices(tree, p, i)
                if any(_own_reachable(tree, p, i, n) for n in tree.information_sets()[h].nodes)
            )
            for i in range(len(tree.players))
        )
        assert reduced in nash_keys
        for s in tree.information_sets():
            i = tree.players.index(s.player)
            if len(s.nodes) > 1 and s.key in a.beliefs:
                candidates = [a.beliefs[s.key]]
            elif len(s.nodes) > 1:
                candidates = list(a.off_path[s.key])
            else:
                candidates = [{s.nodes[0]: F(1)}]
            ks = [tree._path_index[n] for n in s.nodes]
            for mu in candidates:
                own = sum(mu[n] * _brute_value(tree, p, i, k, {}) for n, k in zip(s.nodes, ks))
                for override in _all_own_overrides(tree, i):
                    other = sum(
                        mu[n] * _brute_value(tree, p, i, k, override) for n, k in zip(s.nodes, ks)
                    )
                    assert other <= own


def _own_reachable(tree, profile, i, node):
    """Whether player i's own choices in ``profile`` allow ``node`` (the others' may not)."""
    k = tree._path_index[node]
    path = tree._paths[k]
    j = 0
    for a in path:
        if tree._kind[j] == GameTree.DECISION and tree._owner[j] == i:
            dist = profile.probabilities[tree._iset[j]]
            if not dist[tree._actions[j].index(a)]:
                return False
        j = tree._children[j][tree._actions[j].index(a)]
    return True


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(n_player_trees(players=3))
def test_with_perfect_information_pure_pbe_are_the_subgame_perfect_equilibria(tree):
    # With one node per information set every belief is 1, and a weak PBE (Mas-Colell,
    # Whinston and Green 1995, definition 9.C.3) asks for a best response at every node:
    # in a finite tree of perfect information that is subgame perfection (Selten 1965),
    # found by backward induction (Kuhn 1953). The pure PBE must be exactly what
    # subgame_perfect finds, ties included.
    perfect = GameTree(tree.players, _strip_sets(tree.root))
    pbe = {
        tuple(sorted((s.nodes[0], s.actions[d.index(1)]) for s, d in _sets_with(a.profile)))
        for a in pure_weak_perfect_bayesian(perfect)
    }
    spe = {tuple(sorted(e.choices.items())) for e in subgame_perfect(perfect)}
    assert pbe == spe


def _sets_with(profile):
    tree = profile.tree
    return [(s, profile.probabilities[s.index]) for s in tree.information_sets()]


def _strip_sets(node):
    from negotiation.trees import Chance, Decision

    if isinstance(node, Decision):
        return Decision(node.player, node.actions, tuple(_strip_sets(c) for c in node.children))
    if isinstance(node, Chance):
        return Chance(
            node.actions, node.probabilities, tuple(_strip_sets(c) for c in node.children)
        )
    return node


def test_pure_profiles_and_plans_cover_every_choice():
    tree = selten_horse()
    assert len(list(pure_profiles(tree))) == 8
    # Player 3's continuation from the root: L or R; player 1's: C or D.
    assert len(_plans_from(tree, 2, _first_sets(tree, 2, [0]))) == 2
    assert len(_plans_from(tree, 0, _first_sets(tree, 0, [0]))) == 2
    profile = horse_profile("C", "c", "R")
    assert _continuation_value(tree, profile.probabilities, 1, 0) == 1


def _vertex_sets(off_path):
    return {key: {frozenset(v.items()) for v in vertices} for key, vertices in off_path.items()}


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(imperfect_trees())
def test_two_player_assessments_pass_the_n_player_check_with_the_same_beliefs(tree):
    # Two implementations of the same definition (Fudenberg and Tirole 1991): the
    # two-player search from the Nash equilibria (weak_perfect_bayesian), and the n-player
    # check of one profile. Each assessment the first finds passes the second, with the
    # same Bayes beliefs and the same vertices of off-path beliefs; its pure ones are among
    # the complete enumeration of pure equilibria. Trees whose reduced normal form is too
    # large for exact enumeration (weak_perfect_bayesian refuses them) are skipped.
    assume(len(reduced_strategies(tree, 0)) * len(reduced_strategies(tree, 1)) <= 64)
    solution = weak_perfect_bayesian(tree)
    pure = {a.profile for a in pure_weak_perfect_bayesian(tree)}
    for a in solution:
        check = check_weak_perfect_bayesian(tree, a.profile)
        assert check, check.reason
        assert check.beliefs == a.beliefs
        assert _vertex_sets(check.off_path) == _vertex_sets(a.off_path)
        if all(set(d) <= {0, 1} for d in a.profile.probabilities if d is not None):
            assert a.profile in pure


@st.composite
def trees_with_profiles(draw):
    """A random three-player tree and a random exact behaviour profile of it."""
    tree = draw(n_player_trees(players=3))
    strategies: dict[str, dict] = {p: {} for p in tree.players}
    for s in tree.information_sets():
        weights = [draw(st.integers(0, 3)) for _ in s.actions]
        if not any(weights):
            weights[0] = 1
        total = sum(weights)
        strategies[s.player][s.name] = {a: F(w, total) for a, w in zip(s.actions, weights)}
    return BehaviourProfile(tree, strategies)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(trees_with_profiles())
def test_regrets_and_payoffs_of_mixed_profiles_equal_gambits(profile):
    # Gambit's MixedBehaviorProfile.max_regret is the largest gain any player gets by
    # a best reply, computed by its own code from the .efg file we write.
    tree = profile.tree
    game = to_gambit(tree)
    data = []
    for player in tree.players:
        rows = []
        for history in game.get_infosets(player):
            s = tree.information_set(tuple(t.action for t in history))
            dist = profile.probabilities[s.index]
            rows.append([gbt.Rational(p.numerator, p.denominator) for p in dist])
        data.append(rows)
    theirs = game.mixed_behavior_profile(data, rational=True)
    assert F(str(theirs.max_regret())) == max(regrets(profile))
    assert tuple(F(str(theirs.payoffs[p])) for p in tree.players) == profile.payoffs


def test_regrets_of_a_deep_three_player_chain_need_no_recursion():
    # A 600-move chain (far beyond Python's recursion limit if solved recursively): each
    # mover stops (leaf) or passes on; the backward-induction profile has zero regret,
    # and a player who stops against it where passing pays regrets exactly the difference.
    players = ("A", "B", "C")
    node = leaf(5, 5, 5)
    for k in range(599, -1, -1):
        mover = k % 3
        stop = tuple(2 if j == mover else 0 for j in range(3))
        node = decision(players[mover], {"stop": stop, "pass": node})
    tree = GameTree(players, node)
    (spe,) = subgame_perfect(tree)
    assert spe.path == ("pass",) * 600 and spe.payoffs == (5, 5, 5)

    def pure(choices):  # one action at every node (BehaviourProfile._of skips the name lookups)
        probs = [None] * len(tree.information_sets())
        for path, action in choices.items():
            s = tree.information_set(path)
            probs[s.index] = tuple(F(int(a == action)) for a in s.actions)
        return BehaviourProfile._of(tree, probs)

    assert regrets(pure(spe.choices)) == (0, 0, 0)
    deviant = pure({**spe.choices, (): "stop"})
    assert deviant.payoffs == (2, 0, 0)
    assert regrets(deviant) == (3, 0, 0)


def test_perfect_recall_is_checked_for_the_third_player():
    # Kuhn (1953): a player cannot forget their own moves. C moves, then cannot tell
    # apart the nodes after their own "up" and "down": refused, naming C and the set.
    forgetful = decision(
        "C",
        {
            "up": decision(
                "A", {"x": decision("C", {"l": (0, 0, 1), "r": (0, 0, 0)}, information_set="later")}
            ),
            "down": decision("C", {"l": (0, 0, 0), "r": (0, 0, 1)}, information_set="later"),
        },
    )
    with pytest.raises(ValueError, match=r"C's information set 'later' breaks perfect recall"):
        GameTree(("A", "B", "C"), forgetful)
