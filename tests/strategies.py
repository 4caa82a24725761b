"""Shared hypothesis strategies for games (one module, so every test draws games the same way)."""

from __future__ import annotations

import itertools
from fractions import Fraction

import numpy as np
from hypothesis import assume
from hypothesis import strategies as st

from negotiation import BimatrixGame


@st.composite
def small_int_matrices(draw, m: int, n: int, low: int = -3, high: int = 3) -> list[list[int]]:
    """An m x n matrix of small integers: ties are common, so degenerate games are too."""
    return [[draw(st.integers(low, high)) for _ in range(n)] for _ in range(m)]


@st.composite
def games(
    draw,
    min_size: int = 1,
    max_size: int = 4,
    low: int = -3,
    high: int = 3,
    square: bool = False,
) -> BimatrixGame:
    """Random bimatrix games with small integer payoffs (often degenerate)."""
    m = draw(st.integers(min_size, max_size))
    n = m if square else draw(st.integers(min_size, max_size))
    A = draw(small_int_matrices(m, n, low, high))
    B = draw(small_int_matrices(m, n, low, high))
    return BimatrixGame(A, B)


@st.composite
def generic_games(draw, min_size: int = 1, max_size: int = 4, high: int = 10**6) -> BimatrixGame:
    """Random games with integer payoffs in [-high, high): with a wide range, almost surely non-degenerate."""
    m = draw(st.integers(min_size, max_size))
    n = draw(st.integers(min_size, max_size))
    seed = draw(st.integers(0, 2**32 - 1))
    rng = np.random.default_rng(seed)
    A = rng.integers(-high, high, size=(m, n))
    B = rng.integers(-high, high, size=(m, n))
    return BimatrixGame(A, B)


@st.composite
def probability_vectors(draw, size: int) -> tuple[Fraction, ...]:
    """An exact probability vector of the given length."""
    weights = [draw(st.integers(0, 5)) for _ in range(size)]
    if sum(weights) == 0:
        weights[draw(st.integers(0, size - 1))] = 1
    total = sum(weights)
    return tuple(Fraction(w, total) for w in weights)


# --- labelled games with mixed exact payoffs (for file round trips) ---------------------

#: Label text: any Unicode except lone surrogates (which no file can hold); quotes,
#: backslashes, braces, commas and newlines included on purpose.
label_text = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=8
).filter(lambda s: s.strip() != "")

#: A payoff as people type it: an integer, an exact fraction or a finite float.
payoffs = st.one_of(
    st.integers(-(10**6), 10**6),
    st.fractions(max_denominator=10**4).filter(lambda f: abs(f) < 10**6),
    st.floats(allow_nan=False, allow_infinity=False),
)


@st.composite
def labelled_games(draw, min_size: int = 1, max_size: int = 4) -> BimatrixGame:
    """Random games with arbitrary names, labels and title, and mixed exact payoffs."""
    m = draw(st.integers(min_size, max_size))
    n = draw(st.integers(min_size, max_size))
    A = [[draw(payoffs) for _ in range(n)] for _ in range(m)]
    B = [[draw(payoffs) for _ in range(n)] for _ in range(m)]
    players = draw(st.lists(label_text, min_size=2, max_size=2, unique=True))
    rows = draw(st.lists(label_text, min_size=m, max_size=m, unique=True))
    cols = draw(st.lists(label_text, min_size=n, max_size=n, unique=True))
    title = draw(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=20))
    return BimatrixGame(A, B, players=players, row_labels=rows, col_labels=cols, title=title)


@st.composite
def strict_ordinal_games(draw) -> BimatrixGame:
    """2x2 games in which each player's payoffs are the ranks 1..4 in some order (no ties)."""
    a = draw(st.permutations([1, 2, 3, 4]))
    b = draw(st.permutations([1, 2, 3, 4]))
    return BimatrixGame([a[:2], a[2:]], [b[:2], b[2:]])


# --- game trees (negotiation.trees) --------------------------------------------------------


_TREE_LABEL = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=8
).filter(lambda s: s.strip() != "")


@st.composite
def game_trees(
    draw,
    max_depth: int = 3,
    max_actions: int = 3,
    low: int = -3,
    high: int = 3,
    chance: bool = True,
    text_labels: bool = False,
    names: bool = False,
):
    """Small random game trees with perfect information (two players "A" and "B").

    Integer payoffs in [low, high] make ties common, so trees with several
    subgame-perfect equilibria are frequent. With ``chance=True`` some nodes
    are chance nodes with exact probabilities (zero included). ``text_labels``
    draws arbitrary unicode action labels and titles (for the .efg round trip);
    ``names`` gives some nodes names.
    """
    from negotiation.trees import GameTree, decision, leaf
    from negotiation.trees import chance as chance_node

    def name():
        return draw(st.one_of(st.none(), _TREE_LABEL)) if names else None

    def labels(k: int) -> list[str]:
        if text_labels:
            return draw(st.lists(_TREE_LABEL, min_size=k, max_size=k, unique=True))
        return [f"a{j}" for j in range(k)]

    def node(depth: int):
        if depth >= max_depth or (depth > 0 and draw(st.integers(0, 2)) == 0):
            return leaf(draw(st.integers(low, high)), draw(st.integers(low, high)), name=name())
        k = draw(st.integers(1, max_actions))
        acts = labels(k)
        children = [node(depth + 1) for _ in range(k)]
        if chance and k > 1 and draw(st.integers(0, 3)) == 0:
            weights = [draw(st.integers(0, 3)) for _ in range(k)]
            if sum(weights) == 0:
                weights[0] = 1
            total = sum(weights)
            return chance_node(
                [(a, Fraction(w, total), c) for a, w, c in zip(acts, weights, children)],
                name=name(),
            )
        return decision(draw(st.sampled_from(("A", "B"))), list(zip(acts, children)), name=name())

    title = draw(_TREE_LABEL) if text_labels else ""
    return GameTree(("A", "B"), node(0), title=title)


@st.composite
def symbolic_game_trees(draw, max_depth: int = 3, max_actions: int = 3, coefficient: int = 2):
    """Small random trees whose payoffs are ``a + b*x`` (small integers, one real parameter x)."""
    import sympy

    from negotiation.trees import GameTree, decision, leaf

    x = sympy.Symbol("x", real=True)
    coef = st.integers(-coefficient, coefficient)

    def node(depth: int):
        if depth >= max_depth or (depth > 0 and draw(st.integers(0, 2)) == 0):
            return leaf(draw(coef) + draw(coef) * x, draw(coef) + draw(coef) * x)
        k = draw(st.integers(1, max_actions))
        children = [node(depth + 1) for _ in range(k)]
        return decision(
            draw(st.sampled_from(("A", "B"))), [(f"a{j}", c) for j, c in enumerate(children)]
        )

    return GameTree(("A", "B"), node(0))


# --- parametric games (negotiation.symbolic) ----------------------------------------------


@st.composite
def linear_parametric_games(draw, size: tuple[int, int] = (2, 2), coefficient: int = 2):
    """Games whose payoffs are ``a + b*x + c*y`` with small integers, x and y in [-1, 1].

    Small integer coefficients make boundaries pass through grid points and make
    ties (degenerate games) common, which is what the tests need to exercise.
    """
    from negotiation.symbolic import Parameter, ParametricGame

    x = Parameter("x", 0, -1, 1)
    y = Parameter("y", 0, -1, 1)
    m, n = size
    coef = st.integers(-coefficient, coefficient)

    def table():
        return [
            [draw(coef) + draw(coef) * x.symbol + draw(coef) * y.symbol for _ in range(n)]
            for _ in range(m)
        ]

    return ParametricGame(table(), table(), [x, y])


@st.composite
def parameter_values(draw, pgame, denominator: int = 60) -> dict[str, Fraction]:
    """Exact values of every parameter of ``pgame``, inside its range, on a grid of 1/denominator."""
    out = {}
    for p in pgame.parameters:
        lo, hi = Fraction(p.low), Fraction(p.high)
        k = draw(st.integers(0, denominator))
        out[p.name] = lo + (hi - lo) * Fraction(k, denominator)
    return out


# --- bargaining, alternating offers, linked issues (negotiation.bargaining, .linkage) ------


@st.composite
def utility_points(draw, min_size: int = 1, max_size: int = 12, high: int = 12):
    """Utility pairs with small integer coordinates: duplicates and collinear points are common."""
    n = draw(st.integers(min_size, max_size))
    return [(draw(st.integers(0, high)), draw(st.integers(0, high))) for _ in range(n)]


@st.composite
def bargaining_problems(draw, min_size: int = 2, max_size: int = 12, high: int = 12):
    """Exact problems from integer outcomes, with a disagreement point strictly below one of them."""
    from negotiation.bargaining import BargainingProblem

    points = draw(utility_points(min_size, max_size, high))
    x, y = points[draw(st.integers(0, len(points) - 1))]
    gaps = st.fractions(min_value=Fraction(1, 4), max_value=Fraction(high, 2), max_denominator=4)
    d = (x - draw(gaps), y - draw(gaps))
    return BargainingProblem.from_outcomes(points, d)


@st.composite
def symmetric_problems(draw, max_size: int = 8, high: int = 12):
    """Problems unchanged by swapping the players: outcomes closed under (u1, u2) -> (u2, u1)."""
    from negotiation.bargaining import BargainingProblem

    half = draw(utility_points(1, max_size, high))
    points = half + [(b, a) for a, b in half]
    top = max(Fraction(a + b, 2) for a, b in points)  # the best equal split of a pair
    d = draw(st.fractions(min_value=-2, max_value=top, max_denominator=4).filter(lambda v: v < top))
    return BargainingProblem.from_outcomes(points, (d, d))


@st.composite
def linked_negotiations(draw, max_issues: int = 3, max_options: int = 4, high: int = 6):
    """Small negotiations over linked issues, each with a status quo option."""
    from negotiation.bargaining.linkage import Issue, LinkedNegotiation

    k = draw(st.integers(1, max_issues))
    issues = []
    for i in range(k):
        m = draw(st.integers(1, max_options))
        options = tuple(f"o{j}" for j in range(m))
        scores = tuple(tuple(draw(st.integers(-high, high)) for _ in range(m)) for _ in range(2))
        issues.append(Issue(f"issue{i}", options, scores, status_quo=options[0]))
    weight = st.fractions(min_value=0, max_value=3, max_denominator=2)
    weights = [[draw(weight) for _ in range(k)] for _ in range(2)]
    for row in weights:
        if all(w == 0 for w in row):
            row[0] = Fraction(1)
    return LinkedNegotiation(issues, weights)


@st.composite
def imperfect_trees(draw, max_strategies: int = 12):
    """Random two-player trees with chance moves and information sets, with perfect recall.

    Nodes are made top-down; a new decision node joins an existing set of its player
    only if that set has the same number of actions and was reached by the same own
    moves (the player's own history), which is perfect recall by construction.
    """
    from negotiation.trees import GameTree, chance, decision

    players = ("P1", "P2")
    sets: dict[tuple, list[str]] = {}  # (player, actions, own history) -> labels
    counter = itertools.count()

    def node(depth, histories):
        kind = draw(st.sampled_from(["leaf", "p", "p", "c"] if depth < 3 else ["leaf"]))
        if kind == "leaf" or depth >= 3:
            return tuple(draw(st.integers(-3, 3)) for _ in range(2))
        n = draw(st.integers(2, 3 if depth < 2 else 2))
        actions = [f"a{k}" for k in range(n)]
        if kind == "c":
            weights = [draw(st.integers(1, 3)) for _ in range(n)]
            total = sum(weights)
            return chance(
                {
                    a: (Fraction(w, total), node(depth + 1, histories))
                    for a, w in zip(actions, weights)
                }
            )
        i = draw(st.integers(0, 1))
        key = (i, n, histories[i])
        existing = sets.setdefault(key, [])
        if existing and draw(st.booleans()):
            label = draw(st.sampled_from(existing))
        else:
            label = f"h{next(counter)}"
            existing.append(label)
        children = {}
        for a in actions:
            own = (*histories[i], (label, a))
            nxt = (own, histories[1]) if i == 0 else (histories[0], own)
            children[a] = node(depth + 1, nxt)
        return decision(players[i], children, information_set=label)

    root = node(0, ((), ()))
    if isinstance(root, tuple):
        root = decision("P1", {"only": root})
    tree = GameTree(players, root)
    # Keep the normal form small enough to solve exactly in a few milliseconds.
    from negotiation.trees import reduced_strategies

    assume(all(len(reduced_strategies(tree, i)) <= max_strategies for i in (0, 1)))
    return tree


@st.composite
def n_player_trees(draw, players: int = 3, max_depth: int = 3, max_profiles: int = 512):
    """Random trees of ``players`` players with chance moves and information sets, with perfect recall.

    As :func:`imperfect_trees`, for any number of players: a new decision node joins
    an existing set of its player only if that set has the same number of actions
    and was reached by the same own moves of that player. Integer payoffs in [-2, 2]
    make ties (and so several equilibria) common. The number of pure behaviour
    profiles is kept at most ``max_profiles``.
    """
    from negotiation.trees import GameTree, chance, decision

    names = tuple(f"P{k + 1}" for k in range(players))
    sets: dict[tuple, list[str]] = {}  # (player, actions, own history) -> labels
    counter = itertools.count()

    def node(depth, histories):
        kind = draw(
            st.sampled_from(["leaf", "p", "p", "p", "c"] if depth < max_depth else ["leaf"])
        )
        if kind == "leaf":
            return tuple(draw(st.integers(-2, 2)) for _ in range(players))
        n = draw(st.sampled_from((2, 2, 2, 3) if depth < 1 else (2,)))
        actions = [f"a{k}" for k in range(n)]
        if kind == "c":
            weights = [draw(st.integers(1, 3)) for _ in range(n)]
            total = sum(weights)
            return chance(
                {
                    a: (Fraction(w, total), node(depth + 1, histories))
                    for a, w in zip(actions, weights)
                }
            )
        i = draw(st.integers(0, players - 1))
        key = (i, n, histories[i])
        existing = sets.setdefault(key, [])
        # Join an existing set three times in four: sets of several nodes are the point.
        if existing and draw(st.integers(0, 3)) > 0:
            label = draw(st.sampled_from(existing))
        else:
            label = f"h{next(counter)}"
            existing.append(label)
        children = {}
        for a in actions:
            nxt = tuple((*h, (label, a)) if j == i else h for j, h in enumerate(histories))
            children[a] = node(depth + 1, nxt)
        return decision(names[i], children, information_set=label)

    root = node(0, tuple(() for _ in range(players)))
    if isinstance(root, tuple):
        root = decision("P1", {"only": root})
    tree = GameTree(names, root)
    size = 1
    for s in tree.information_sets():
        size *= len(s.actions)
    assume(size <= max_profiles)
    return tree
