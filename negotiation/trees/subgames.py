"""Proper subgames, and subgame-perfect equilibria of trees with information sets.

A *proper subgame* starts at a node where every player knows where they are and
contains, with each node, every node of its information set: it could be played
as a game of its own [Selten1965]_. A subgame-perfect equilibrium plays a Nash
equilibrium in every proper subgame. With perfect information every node starts
one and backward induction finds them (:func:`~negotiation.trees.subgame_perfect`);
with information sets, :func:`subgame_perfect_equilibria` works from the smallest
subgames up: it finds every Nash equilibrium of a smallest subgame
(:func:`~negotiation.trees.nash_equilibria`), replaces the subgame by the payoffs
it leads to, and goes on, once for every choice of equilibrium below.

Here Japan decides whether to go to talks that are a simultaneous game (neither side
sees the other's offer); the threat to be hard in the talks is empty once they start:

>>> from negotiation.trees import GameTree, decision, nash_equilibria
>>> from negotiation.trees.subgames import proper_subgames, subgame_perfect_equilibria
>>> talks = decision("Japan", {
...     "Soft": decision("US", {"Soft": (2, 2), "Hard": (0, 1)}, information_set="in the talks"),
...     "Hard": decision("US", {"Soft": (1, 0), "Hard": (-1, -1)}, information_set="in the talks"),
... })
>>> tree = GameTree(("Japan", "US"), decision("Japan", {"Walk away": (1, 1), "Talk": talks}))
>>> proper_subgames(tree)
((), ('Talk',))
>>> len(nash_equilibria(tree)), len(subgame_perfect_equilibria(tree))
(3, 1)

Two of the three Nash equilibria have Japan walk away for fear that the US is hard
in the talks (with probability at least 1/2); in the talks, soft is better for both
whatever the other does, so the only subgame-perfect equilibrium has them talk:
>>> print(subgame_perfect_equilibria(tree)[0].profile.describe())
Japan: Talk at the start; Soft after Talk. US: Soft in the talks.

References
----------
.. [Selten1965] R. Selten, "Spieltheoretische Behandlung eines Oligopolmodells mit
   Nachfrageträgheit", *Zeitschrift für die gesamte Staatswissenschaft* 121,
   301-324 and 667-689, 1965.
"""

from __future__ import annotations

from fractions import Fraction
from itertools import product
from typing import Any

from .behaviour import BehaviourProfile
from .nash import ExtensiveEquilibrium, ExtensiveSolution, nash_equilibria
from .nodes import Chance, Decision, Node, Path, Terminal
from .tree import GameTree

__all__ = ["MAX_SUBGAME_COMBINATIONS", "proper_subgames", "subgame_perfect_equilibria"]

#: The most combinations of equilibria in subgames :func:`subgame_perfect_equilibria` explores.
MAX_SUBGAME_COMBINATIONS = 10_000


def proper_subgames(tree: GameTree) -> tuple[Path, ...]:
    """The roots of the proper subgames, in tree order (the root, ``()``, always starts one).

    A non-terminal node starts a proper subgame when it is alone in its information
    set (or a chance node) and no information set has nodes both inside and outside
    the part of the tree below it.
    """
    if not isinstance(tree, GameTree):
        raise TypeError(f"proper_subgames() needs a GameTree, got {type(tree).__name__}")
    kind, end, iset = tree._kind, tree._end, tree._iset
    sets = tree._isets
    members = [[tree._path_index[p] for p in s.nodes] for s in sets]
    roots = []
    for k in range(len(kind)):
        if kind[k] == GameTree.TERMINAL:
            continue
        if kind[k] == GameTree.DECISION and len(members[iset[k]]) > 1:
            continue
        inside = range(k, end[k])
        ok = True
        for nodes in members:
            n_in = sum(1 for j in nodes if j in inside)
            if 0 < n_in < len(nodes):
                ok = False
                break
        if ok:
            roots.append(tree._paths[k])
    return tuple(roots)


def subgame_perfect_equilibria(tree: GameTree) -> ExtensiveSolution:
    """Every subgame-perfect equilibrium of a tree, information sets allowed, in behaviour strategies.

    Each is built from one extreme Nash equilibrium of every smallest proper subgame,
    and of every larger one after the smaller ones are replaced by their payoffs, so
    every equilibrium reported is an extreme point of its subgames' equilibrium sets.
    With perfect information these are the pure equilibria that backward induction
    finds (:func:`~negotiation.trees.subgame_perfect`). An information set that its
    player's own play avoids within the smallest proper subgame holding it is left
    open (``None``): any behaviour there is subgame perfect.

    Raises
    ------
    TypeError
        If ``tree`` is not a GameTree.
    ValueError
        If a payoff or probability still has a parameter, or the combinations of
        equilibria in subgames exceed :data:`MAX_SUBGAME_COMBINATIONS`.
    """
    if not isinstance(tree, GameTree):
        raise TypeError(f"subgame_perfect_equilibria() needs a GameTree, got {type(tree).__name__}")
    tree.require_two_players(
        "subgame_perfect_equilibria() (Nash equilibria of each subgame's bimatrix game)"
    )
    tree.require_numeric("subgame_perfect_equilibria()")
    roots = proper_subgames(tree)
    solutions = _solve_below(tree, (), set(roots) - {()}, [0])
    found: dict[BehaviourProfile, ExtensiveEquilibrium] = {}
    for choices in solutions:
        probs: list[Any] = [None] * len(tree.information_sets())
        for h, dist in choices.items():
            probs[h] = dist
        profile = BehaviourProfile._of(tree, probs)
        if profile not in found:
            found[profile] = ExtensiveEquilibrium(profile, profile.to_mixed())
    return ExtensiveSolution(tree, tuple(found.values()))


def _solve_below(
    tree: GameTree, root: Path, roots: set[Path], counter: list[int]
) -> list[dict[int, Any]]:
    """Every way to play the subgame at ``root``: {information set index: probabilities}."""
    below = sorted(
        (r for r in roots if len(r) > len(root) and r[: len(root)] == root),
        key=len,
    )
    # the subgames directly below this one (not inside another one below it)
    direct = [
        r for r in below if not any(len(o) < len(r) and r[: len(o)] == o for o in below if o != r)
    ]
    options = [_solve_below(tree, r, roots, counter) for r in direct]
    out: list[dict[int, Any]] = []
    for combo in product(*options):
        counter[0] += 1
        if counter[0] > MAX_SUBGAME_COMBINATIONS:
            raise ValueError(
                f"more than {MAX_SUBGAME_COMBINATIONS:,} combinations of equilibria in the "
                f"subgames; the tree has too many equilibria to list its subgame-perfect ones"
            )
        values = {r: _value(tree, r, c) for r, c in zip(direct, combo, strict=True)}
        local = _reduced(tree, root, values)
        for eq in nash_equilibria(local):
            choice: dict[int, Any] = {}
            for c in combo:
                choice.update(c)
            for s in local.information_sets():
                h = tree.information_set(root + s.nodes[0]).index
                choice[h] = eq.profile.probabilities[s.index]
            out.append(choice)
    return out


def _value(tree: GameTree, root: Path, choice: dict[int, Any]) -> tuple[Fraction, Fraction]:
    """The expected payoffs of the subgame at ``root`` when played as ``choice`` says."""
    sub = GameTree(tree.players, tree.node(root))
    probs: list[Any] = [None] * len(sub.information_sets())
    for s in sub.information_sets():
        probs[s.index] = choice.get(tree.information_set(root + s.nodes[0]).index)
    profile = BehaviourProfile._of(sub, probs)
    return Fraction(profile.payoffs[0]), Fraction(profile.payoffs[1])


def _reduced(tree: GameTree, root: Path, values: dict[Path, tuple[Fraction, Fraction]]) -> GameTree:
    """The subgame at ``root`` with the subgames in ``values`` replaced by leaves with those payoffs."""

    def rebuild(node: Node, path: Path) -> Node:
        if path in values:
            return Terminal(values[path])
        if isinstance(node, Terminal):
            return node
        kids = tuple(
            rebuild(c, (*path, a)) for a, c in zip(node.actions, node.children, strict=True)
        )
        if isinstance(node, Decision):
            return Decision(node.player, node.actions, kids, node.name, node.information_set)
        assert isinstance(node, Chance)
        return Chance(node.actions, node.probabilities, kids, node.name)

    return GameTree(tree.players, rebuild(tree.node(root), root))
