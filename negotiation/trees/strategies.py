"""Reduced strategies: a player's complete plans, merged where their own moves rule a node out.

A *pure strategy* in a tree is a complete plan of actions. Plans that differ
only at nodes the player's **own** earlier moves rule out lead to the same play
against everything the other player might do, so the *reduced normal form*
merges them (Kuhn 1953; Osborne and Rubinstein 1994, section 6.1). In a game
where Japan either accepts or plays its Treasury card and then decides whether
to sell, Japan's reduced strategies are ``Accept``, ``Card, Sell`` and
``Card, Don't sell`` (there is no ``Accept, Sell``).

These are the rows and columns of :func:`~negotiation.trees.to_bimatrix`, and
the labels by which a subgame-perfect equilibrium names its strategies.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from itertools import product
from typing import NoReturn

from .nodes import Path, where_words
from .tree import GameTree

__all__ = ["MAX_STRATEGIES", "ReducedStrategy", "reduced_labels", "reduced_strategies"]

#: The most reduced strategies a player may have before :func:`to_bimatrix` gives up.
MAX_STRATEGIES = 5_000

Plan = tuple[tuple[int, int], ...]
"""A reduced plan: (node, action index) for each information set the plan reaches, in tree
order; an information set is keyed by its first node (with perfect information, the node)."""


@dataclass(frozen=True)
class ReducedStrategy:
    """A reduced pure strategy: a player's actions at the nodes their own moves do not rule out.

    Attributes
    ----------
    player : str
    label : str
        The actions in tree order, such as ``"Card, Sell"``; the row or column label in
        :func:`~negotiation.trees.to_bimatrix`.
    choices : tuple of (path, action)
        The node paths and the action at each; for an information set of several
        nodes, its first node stands for the set.
    where : tuple of str
        Where each choice is made, in words (``"at the start"``, ``"[after beer]"``).
    """

    player: str
    label: str
    choices: tuple[tuple[Path, str], ...]
    where: tuple[str, ...] = ()

    def as_dict(self) -> dict[Path, str]:
        """The choices as ``{path: action}``.

        Examples
        --------
        >>> from negotiation.trees.examples import entry_deterrence
        >>> reduced_strategies(entry_deterrence(), "Incumbent")[0].as_dict()
        {('In',): 'Fight'}
        """
        return dict(self.choices)

    def describe(self) -> str:
        """Plain words, for example ``"Card at the start; Sell after Card → Hold"`` (see :func:`reduced_strategies`)."""
        if not self.choices:
            return f"{self.player} never moves"
        where = self.where or tuple(where_words(p) for p, _ in self.choices)
        return "; ".join(f"{a} {w}" for (_, a), w in zip(self.choices, where, strict=True))


def _plans(tree: GameTree, i: int) -> list[Plan]:
    if not tree.perfect_information:
        return _plans_with_information_sets(tree, i)
    kind, children = tree._kind, tree._children
    owner = tree._owner
    lists: list[list[Plan]] = [[] for _ in kind]
    for k in range(len(kind) - 1, -1, -1):
        if kind[k] == GameTree.TERMINAL:
            lists[k] = [()]
            continue
        ch = children[k]
        if kind[k] == GameTree.DECISION and owner[k] == i:
            out = [((k, a), *r) for a, c in enumerate(ch) for r in lists[c]]
        else:
            size = 1
            for c in ch:
                size *= len(lists[c])
            if size > MAX_STRATEGIES:
                _too_many(tree, i, size)
            parts = product(*(lists[c] for c in ch))
            out = [tuple(x for part in combo for x in part) for combo in parts]
        if len(out) > MAX_STRATEGIES:
            _too_many(tree, i, len(out))
        lists[k] = out
        for c in ch:
            lists[c] = []  # free memory early
    return lists[0]


def _plans_with_information_sets(tree: GameTree, i: int) -> list[Plan]:
    """Reduced plans when a player cannot tell some nodes apart.

    The same information set can lie below several branches of another player's or
    chance's move (the receiver of a signal sits below every type of sender), and a
    plan must choose the same action there wherever it lies: the plans of the branches
    are merged where they agree and dropped where they do not. Perfect recall (checked
    when the tree is built) keeps an information set out of two branches of the player's
    own move, so no merging is needed there.
    """
    kind, children, owner, rep = tree._kind, tree._children, tree._owner, tree._iset_rep
    lists: list[list[Plan]] = [[] for _ in kind]
    for k in range(len(kind) - 1, -1, -1):
        if kind[k] == GameTree.TERMINAL:
            lists[k] = [()]
            continue
        ch = children[k]
        if kind[k] == GameTree.DECISION and owner[k] == i:
            h = rep[k]
            out = [tuple(sorted(((h, a), *r))) for a, c in enumerate(ch) for r in lists[c]]
        else:
            merged: list[dict[int, int]] = [{}]
            for c in ch:
                nxt: list[dict[int, int]] = []
                for left in merged:
                    for right in lists[c]:
                        combo = dict(left)
                        if all(combo.setdefault(h, a) == a for h, a in right):
                            nxt.append(combo)
                if len(nxt) > MAX_STRATEGIES:
                    _too_many(tree, i, len(nxt))
                merged = nxt
            out = list(dict.fromkeys(tuple(sorted(m.items())) for m in merged))
        if len(out) > MAX_STRATEGIES:
            _too_many(tree, i, len(out))
        lists[k] = out
        for c in ch:
            lists[c] = []
    return lists[0]


def _too_many(tree: GameTree, i: int, size: int) -> NoReturn:
    raise ValueError(
        f"{tree.players[i]} has more than {MAX_STRATEGIES:,} reduced strategies in this tree "
        f"(at least {size:,}); the normal form is too large to build. Use subgame_perfect(tree), "
        f"which works on the tree directly"
    )


def _labels(tree: GameTree, plans: list[Plan]) -> list[str]:
    acts = tree._actions
    labels = [", ".join(acts[k][a] for k, a in plan) or "(no move)" for plan in plans]
    if len(set(labels)) < len(labels):  # an action label with a comma can make two look alike
        labels = [
            "; ".join(f"{acts[k][a]} {_where(tree, k)}" for k, a in plan) or "(no move)"
            for plan in plans
        ]
    return labels


def _where(tree: GameTree, k: int) -> str:
    """Where a plan's choice is made: the information set's label, or the node's path."""
    label = tree._isets[tree._iset[k]].label
    return f"[{label}]" if label else where_words(tree._paths[k])


def reduced_strategies(tree: GameTree, player: str | int) -> tuple[ReducedStrategy, ...]:
    """A player's reduced pure strategies, in the order of :func:`~negotiation.trees.to_bimatrix`.

    Examples
    --------
    >>> from negotiation.trees import GameTree, decision
    >>> t = GameTree(("Japan", "US"), decision("Japan", {
    ...     "Accept": (0, 2),
    ...     "Card": decision("US", {"Hold": decision("Japan", {"Sell": (-1, -2), "Don't sell": (-2, 3)}),
    ...                             "Back down": (1, 0)}),
    ... }))
    >>> [s.label for s in reduced_strategies(t, "Japan")]
    ['Accept', 'Card, Sell', "Card, Don't sell"]
    >>> reduced_strategies(t, "Japan")[1].describe()
    'Card at the start; Sell after Card → Hold'
    """
    if not isinstance(tree, GameTree):
        raise TypeError(f"reduced_strategies() needs a GameTree, got {type(tree).__name__}")
    i = tree._player_index(player)
    plans = _plans(tree, i)
    labels = _labels(tree, plans)
    acts, paths = tree._actions, tree._paths
    return tuple(
        ReducedStrategy(
            tree.players[i],
            label,
            tuple((paths[k], acts[k][a]) for k, a in plan),
            tuple(_where(tree, k) for k, _ in plan),
        )
        for plan, label in zip(plans, labels, strict=True)
    )


def _reachable_leaves(tree: GameTree, plan: Plan, i: int) -> int:
    """A bit mask of the leaves that the plan does not rule out."""
    chosen = dict(plan)
    kind, children, owner, rep = tree._kind, tree._children, tree._owner, tree._iset_rep
    mask = 0
    stack = [0]
    while stack:
        k = stack.pop()
        if kind[k] == GameTree.TERMINAL:
            mask |= 1 << k
        elif kind[k] == GameTree.DECISION and owner[k] == i:
            stack.append(children[k][chosen[rep[k]]])
        else:
            stack.extend(children[k])
    return mask


def reduced_labels(tree: GameTree, choices: Mapping[Path, str]) -> tuple[str, ...]:
    """The labels of the reduced strategies that a complete plan for every player plays."""
    out = []
    for i in range(len(tree.players)):
        plan: list[tuple[int, int]] = []
        stack = [0]
        while stack:
            k = stack.pop()
            if tree._kind[k] == GameTree.DECISION and tree._owner[k] == i:
                path = tree._paths[k]
                if path not in choices:
                    raise ValueError(f"the plan has no action at the decision node {path!r}")
                a = tree._actions[k].index(choices[path])
                plan.append((k, a))
                stack.append(tree._children[k][a])
            else:
                stack.extend(reversed(tree._children[k]))
        key = tuple(sorted(plan))
        plans = _plans(tree, i)
        out.append(_labels(tree, plans)[plans.index(key)])
    return tuple(out)
