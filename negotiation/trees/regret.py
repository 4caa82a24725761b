"""Regrets, best responses and pure Nash equilibria of trees with any number of players.

A behaviour profile is a Nash equilibrium when no player can gain by changing
their own plan, the others' behaviour fixed: every player's *regret* (the best
payoff they could get, minus what they get) is zero. The best reply is found
among the player's pure plans (an expected payoff is linear in one's own mix,
so a pure plan does best), each evaluated exactly against the others'
behaviour. None of this needs two players; the bimatrix solvers
(:func:`~negotiation.trees.nash_equilibria`) do.

>>> from negotiation.trees import GameTree, decision, BehaviourProfile
>>> from negotiation.trees.regret import pure_nash_equilibria, regrets
>>> tree = GameTree(("A", "B", "C"), decision("A", {
...     "Out": (1, 1, 1),
...     "In": decision("B", {"Left": (0, 2, 0), "Right": decision("C", {"x": (2, 0, 3), "y": (3, 3, 0)})}),
... }))
>>> [p.describe() for p in pure_nash_equilibria(tree)]
['A: Out at the start. B: Left after In. C: x after In → Right.', 'A: Out at the start. B: Left after In. C: y after In → Right.']
>>> regrets(BehaviourProfile(tree, {"A": {(): {"Out": 1}}, "B": {("In",): {"Right": 1}}, "C": {("In", "Right"): {"y": 1}}}))
(Fraction(2, 1), Fraction(0, 1), Fraction(0, 1))
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from fractions import Fraction
from itertools import product
from typing import Any

from ..core._numbers import Number
from .behaviour import BehaviourProfile
from .strategies import _plans
from .tree import GameTree

__all__ = [
    "MAX_PROFILES",
    "best_response",
    "pure_nash_equilibria",
    "pure_profiles",
    "regrets",
]

#: The most pure strategy profiles :func:`pure_nash_equilibria` and :func:`pure_profiles` list.
MAX_PROFILES = 200_000

Choices = dict[int, int]
"""A pure plan: an action index for each information set (by its index) the plan covers."""


# --- plans that start at some information sets ----------------------------------------------


def _first_sets(tree: GameTree, i: int, starts: Iterable[int]) -> list[int]:
    """Player ``i``'s information sets met first below the nodes ``starts`` (their indices), in tree order."""
    found: dict[int, None] = {}
    stack = list(starts)
    while stack:
        k = stack.pop()
        kind = tree._kind[k]
        if kind == GameTree.TERMINAL:
            continue
        if kind == GameTree.DECISION and tree._owner[k] == i:
            found.setdefault(tree._iset[k], None)
            continue
        stack.extend(tree._children[k])
    return sorted(found)


def _plans_from(
    tree: GameTree, i: int, sets: Sequence[int], limit: int = MAX_PROFILES
) -> list[Choices]:
    """Every pure continuation of player ``i`` from the information sets ``sets`` on.

    A continuation picks an action at each of ``sets`` and, below each action, at the
    player's sets met first after it (and so on); sets the player's own choices rule
    out are left out. Perfect recall keeps the sets below different choices apart.
    """
    result: list[Choices] = [{}]
    for h in sets:
        s = tree._isets[h]
        options: list[Choices] = []
        for a in range(len(s.actions)):
            below = [tree._children[tree._path_index[n]][a] for n in s.nodes]
            for rest in _plans_from(tree, i, _first_sets(tree, i, below), limit):
                options.append({h: a, **rest})
        result = [{**r, **o} for r in result for o in options]
        if len(result) > limit:
            raise ValueError(
                f"{tree.players[i]} has more than {limit:,} pure plans from {s.name!r} on; the "
                f"tree is too large to check every plan"
            )
    return result


def _continuation_value(
    tree: GameTree,
    probabilities: Sequence[Sequence[Any] | None],
    i: int,
    k: int,
    plan: Choices | None = None,
) -> Fraction:
    """Player ``i``'s expected payoff from node ``k`` on, the others playing ``probabilities``.

    ``plan`` replaces player ``i``'s behaviour at the sets it covers (``None``: play
    ``probabilities`` throughout). Raises a ValueError naming an information set that
    play reaches with positive probability but that has no behaviour. Bottom-up over
    the subtree (no recursion, so deep trees are fine).
    """
    values: dict[int, Fraction | None] = {}  # None: an open set below, reached if played
    open_at: dict[int, int] = {}  # where that open set is
    kinds, children = tree._kind, tree._children
    for j in range(tree._end[k] - 1, k - 1, -1):
        kind = kinds[j]
        if kind == GameTree.TERMINAL:
            values[j] = Fraction(tree._payoffs[j][i])
            continue
        dist: Sequence[Any] | None
        if kind == GameTree.CHANCE:
            dist = tree._probs[j]
        else:
            h = tree._iset[j]
            if plan is not None and tree._owner[j] == i and h in plan:
                c = children[j][plan[h]]
                values[j] = values[c]
                if c in open_at:
                    open_at[j] = open_at[c]
                continue
            dist = probabilities[h]
            if dist is None:
                values[j] = None
                open_at[j] = j
                continue
        total = Fraction(0)
        for c, p in zip(children[j], dist, strict=True):
            if not p:
                continue
            v = values[c]
            if v is None:
                values[j] = None
                open_at[j] = open_at[c]
                break
            total += Fraction(p) * v
        else:
            values[j] = total
    result = values[k]
    if result is None:
        where = open_at[k]
        s = tree._isets[tree._iset[where]]
        raise ValueError(
            f"{s.player}'s information set {s.name!r} can be reached (at "
            f"{tree._paths[where]!r}) but the profile says nothing about it; give its "
            f"action probabilities"
        )
    return result


def _plan_words(tree: GameTree, plan: Choices) -> str:
    from .nodes import where_words

    parts = []
    for h in sorted(plan):
        s = tree._isets[h]
        where = repr(s.label) if s.label else where_words(s.nodes[0])
        parts.append(f"{s.actions[plan[h]]} {where}")
    return "; ".join(parts)


# --- regrets and best responses ---------------------------------------------------------------


def _checked(profile: Any, operation: str) -> BehaviourProfile:
    if not isinstance(profile, BehaviourProfile):
        raise TypeError(
            f"{operation} needs a BehaviourProfile, got {type(profile).__name__} {profile!r}"
        )
    return profile


def best_response(profile: BehaviourProfile, player: str | int) -> tuple[Fraction, str]:
    """A player's best payoff against the others' behaviour in ``profile``, and a pure plan that gets it.

    Parameters
    ----------
    profile : BehaviourProfile
    player : str or int
        The player's name or position in ``profile.tree.players``.

    Returns
    -------
    (value, plan) : (Fraction, str)
        The best expected payoff, exactly, and a best plan in words (the first in
        tree order among the best).

    Raises
    ------
    TypeError
        If ``profile`` is not a BehaviourProfile.
    ValueError
        For an unknown player, or an information set of another player that a
        deviation reaches but the profile leaves open.

    Examples
    --------
    >>> from negotiation.trees import BehaviourProfile
    >>> from negotiation.trees.examples import selten_horse
    >>> horse = selten_horse()
    >>> down = BehaviourProfile(horse, {"Player 1": {(): {"D": 1}},
    ...     "Player 2": {("C",): {"c": 1}}, "Player 3": {"after D or C, d": {"L": 1}}})
    >>> best_response(down, "Player 2")  # player 1 goes down: nothing player 2 does matters
    (Fraction(2, 1), 'c after C')
    >>> best_response(down, "Player 1")
    (Fraction(3, 1), 'D at the start')
    """
    profile = _checked(profile, "best_response()")
    tree = profile.tree
    i = tree._player_index(player)
    value, plan = _best_reply(tree, profile.probabilities, i)
    return value, _plan_words(tree, plan) or f"{tree.players[i]} never moves"


def _best_reply(
    tree: GameTree, probabilities: Sequence[Sequence[Any] | None], i: int
) -> tuple[Fraction, Choices]:
    """Player ``i``'s best payoff against ``probabilities`` and a best pure plan, by backward induction.

    With perfect recall a best reply is found set by set from the end of the game
    back (Kuhn 1953): weight each node by the probability that chance and the others
    lead there; a set's value is the best, over its actions, of the weighted payoffs
    they lead to before the player moves again, plus the values of the player's sets
    met first after them (each counted once, however many of its nodes follow).
    """
    n = len(tree._kind)
    kinds, children, owner, iset = tree._kind, tree._children, tree._owner, tree._iset
    weight: list[Any] = [Fraction(0)] * n
    weight[0] = Fraction(1)
    for k in range(n):  # preorder: a node before its children
        w = weight[k]
        kind = kinds[k]
        if kind == GameTree.TERMINAL or not w:
            continue
        if kind == GameTree.CHANCE:
            step: Sequence[Any] = tree._probs[k]
        elif owner[k] == i:
            step = (1,) * len(children[k])
        else:
            dist = probabilities[iset[k]]
            if dist is None:
                s = tree._isets[iset[k]]
                raise ValueError(
                    f"{s.player}'s information set {s.name!r} can be reached (at "
                    f"{tree._paths[k]!r}) but the profile says nothing about it; give its "
                    f"action probabilities"
                )
            step = dist
        for c, p in zip(children[k], step, strict=True):
            weight[c] = w * p
    # Bottom-up: the weighted payoff before the player moves again, and the sets met first.
    before: list[Fraction] = [Fraction(0)] * n
    first: list[frozenset[int]] = [frozenset()] * n
    for k in range(n - 1, -1, -1):
        kind = kinds[k]
        if kind == GameTree.TERMINAL:
            before[k] = weight[k] * tree._payoffs[k][i] if weight[k] else Fraction(0)
        elif kind == GameTree.DECISION and owner[k] == i:
            first[k] = frozenset((iset[k],))
        else:
            before[k] = sum((before[c] for c in children[k]), Fraction(0))
            first[k] = frozenset().union(*(first[c] for c in children[k]))
    value: dict[int, Fraction] = {}
    choice: dict[int, int] = {}
    after: dict[tuple[int, int], frozenset[int]] = {}
    for s in sorted(tree._isets, key=lambda s: -tree._path_index[s.nodes[0]]):
        if s.player != tree.players[i]:
            continue
        ks = [tree._path_index[p] for p in s.nodes]
        best: Fraction | None = None
        for a in range(len(s.actions)):
            below = [children[k][a] for k in ks]
            sets = frozenset().union(*(first[c] for c in below))
            v = sum((before[c] for c in below), Fraction(0)) + sum(
                (value[h] for h in sets), Fraction(0)
            )
            after[(s.index, a)] = sets
            if best is None or v > best:
                best, choice[s.index] = v, a
        assert best is not None
        value[s.index] = best
    total = before[0] + sum((value[h] for h in first[0]), Fraction(0))
    plan: Choices = {}
    todo = list(first[0])
    while todo:
        h = todo.pop()
        plan[h] = choice[h]
        todo.extend(after[(h, choice[h])])
    return total, plan


def regrets(profile: BehaviourProfile) -> tuple[Number, ...]:
    """Each player's regret: the best payoff against the others' behaviour minus the payoff in ``profile``.

    All zero exactly when ``profile`` is a Nash equilibrium; works for any number
    of players, with chance moves and information sets.

    Raises
    ------
    TypeError
        If ``profile`` is not a BehaviourProfile.
    ValueError
        If a deviation reaches an information set the profile leaves open.

    Examples
    --------
    >>> from negotiation.trees import BehaviourProfile
    >>> from negotiation.trees.examples import selten_horse
    >>> horse = selten_horse()
    >>> down = BehaviourProfile(horse, {"Player 1": {(): {"D": 1}},
    ...     "Player 2": {("C",): {"c": 1}}, "Player 3": {"after D or C, d": {"L": 1}}})
    >>> regrets(down)
    (Fraction(0, 1), Fraction(0, 1), Fraction(0, 1))
    """
    profile = _checked(profile, "regrets()")
    out = []
    for i in range(len(profile.tree.players)):
        best, _ = best_response(profile, i)
        out.append(best - Fraction(profile.payoffs[i]))
    return tuple(out)


# --- pure strategy profiles ---------------------------------------------------------------------


def _require_exact(tree: Any, operation: str) -> GameTree:
    if not isinstance(tree, GameTree):
        raise TypeError(f"{operation} needs a GameTree, got {type(tree).__name__}")
    tree.require_numeric(operation)
    if not tree.exact:
        raise ValueError(
            f"{operation} needs exact (rational) payoffs and probabilities, but this tree has "
            f"irrational ones (kept as floats)"
        )
    return tree


def pure_profiles(tree: GameTree) -> Iterator[BehaviourProfile]:
    """Every pure behaviour profile: one action at every information set of every player.

    Raises
    ------
    ValueError
        If there are more than :data:`MAX_PROFILES` of them, or the tree has parameters.

    Examples
    --------
    >>> from negotiation.trees.examples import selten_horse
    >>> len(list(pure_profiles(selten_horse())))
    8
    """
    tree = _require_exact(tree, "pure_profiles()")
    sets = tree.information_sets()
    size = 1
    for s in sets:
        size *= len(s.actions)
    if size > MAX_PROFILES:
        raise ValueError(
            f"the tree has {size:,} pure behaviour profiles (more than {MAX_PROFILES:,}); too "
            f"many to list"
        )
    one = Fraction(1)
    for combo in product(*(range(len(s.actions)) for s in sets)):
        probs = [
            tuple(one if b == a else Fraction(0) for b in range(len(s.actions)))
            for s, a in zip(sets, combo, strict=True)
        ]
        yield BehaviourProfile._of(tree, probs)


def _pure_payoffs(tree: GameTree, choice: Choices) -> tuple[Fraction, ...]:
    n = len(tree.players)
    totals = [Fraction(0)] * n
    stack: list[tuple[int, Fraction]] = [(0, Fraction(1))]
    while stack:
        k, w = stack.pop()
        kind = tree._kind[k]
        if kind == GameTree.TERMINAL:
            for j in range(n):
                totals[j] += w * tree._payoffs[k][j]
        elif kind == GameTree.CHANCE:
            for c, p in zip(tree._children[k], tree._probs[k], strict=True):
                if p:
                    stack.append((c, w * p))
        else:
            stack.append((tree._children[k][choice[tree._iset[k]]], w))
    return tuple(totals)


def pure_nash_equilibria(tree: GameTree) -> tuple[BehaviourProfile, ...]:
    """Every pure Nash equilibrium of a tree with any number of players, exactly.

    Pure strategies are *reduced* (:func:`~negotiation.trees.reduced_strategies`):
    a player's choices at the information sets that their own choices rule out
    are left open (``None`` in the profile), as in Gambit's strategic form. Each
    profile of reduced strategies is evaluated exactly and kept when no player
    gains by another reduced strategy (zero :func:`regrets`).

    Returns
    -------
    tuple of BehaviourProfile
        In the order of the players' reduced strategies (the first player's slowest).

    Raises
    ------
    TypeError
        If ``tree`` is not a GameTree.
    ValueError
        If a payoff or probability still has a parameter or is irrational, or there
        are more than :data:`MAX_PROFILES` profiles.

    Examples
    --------
    Selten's horse has two pure equilibria; only one of them is perfect Bayesian
    (see :func:`~negotiation.information.check_weak_perfect_bayesian`):

    >>> from negotiation.trees.examples import selten_horse
    >>> for p in pure_nash_equilibria(selten_horse()):
    ...     print(p.describe())
    Player 1: C at the start. Player 2: c after C. Player 3: R after D or C, d.
    Player 1: D at the start. Player 2: c after C. Player 3: L after D or C, d.
    """
    tree = _require_exact(tree, "pure_nash_equilibria()")
    n = len(tree.players)
    plans = [_plans(tree, i) for i in range(n)]
    size = 1
    for p in plans:
        size *= len(p)
    if size > MAX_PROFILES:
        raise ValueError(
            f"the tree has {size:,} profiles of reduced pure strategies (more than "
            f"{MAX_PROFILES:,}); too many to check one by one"
        )
    choices = [[{tree._iset[k]: a for k, a in plan} for plan in p] for p in plans]
    table: dict[tuple[int, ...], tuple[Fraction, ...]] = {}
    for combo in product(*(range(len(p)) for p in plans)):
        choice: Choices = {}
        for i, idx in enumerate(combo):
            choice.update(choices[i][idx])
        table[combo] = _pure_payoffs(tree, choice)
    found = []
    for combo, pay in table.items():
        if all(
            table[(*combo[:i], alt, *combo[i + 1 :])][i] <= pay[i]
            for i in range(n)
            for alt in range(len(plans[i]))
        ):
            probs: list[tuple[Fraction, ...] | None] = [None] * len(tree.information_sets())
            for i, idx in enumerate(combo):
                for h, a in choices[i][idx].items():
                    width = len(tree._isets[h].actions)
                    probs[h] = tuple(Fraction(int(b == a)) for b in range(width))
            found.append(BehaviourProfile._of(tree, probs))
    return tuple(found)
