"""Information sets: the decision nodes a player cannot tell apart, grouped and checked.

A decision node with ``information_set=label`` belongs with the other nodes of the same
player and label; a node without a label is a set of its own. The nodes of a set must
offer the same actions (the player cannot tell them apart), and play must have perfect
recall [Kuhn1953]_: the nodes of a set follow the same information sets and moves of the
player's own, so that nobody forgets what they did or knew.
:class:`~negotiation.trees.GameTree` groups and checks its sets when it is built.

References
----------
.. [Kuhn1953] H. W. Kuhn, "Extensive games and the problem of information", in
   *Contributions to the Theory of Games II*, Princeton University Press, 1953.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .nodes import Path, format_path

__all__ = ["InformationSet", "group_information_sets"]


@dataclass(frozen=True)
class InformationSet:
    """Decision nodes of one player that the player cannot tell apart when moving.

    Attributes
    ----------
    player : str
    label : str or None
        The label given with ``decision(..., information_set=label)``; ``None`` for a
        node that is a set of its own.
    nodes : tuple of paths
        The nodes of the set, in tree order.
    actions : tuple of str
        The actions, the same at every node of the set.
    index : int
        The set's position among all information sets of the tree (in tree order).
    number : int
        Its number among its player's sets, from 1, in tree order (as in ``.efg`` files).
    """

    player: str
    label: str | None
    nodes: tuple[Path, ...]
    actions: tuple[str, ...]
    index: int
    number: int = 0

    @property
    def name(self) -> str:
        """The label, or for a set of one node its path (``"US at ('Hint',)"``)."""
        if self.label is not None:
            return self.label
        return f"{self.player} at {format_path(self.nodes[0])}"

    @property
    def key(self) -> str:
        """The label, or ``#N`` with N its :attr:`number` (the key in JSON output)."""
        return self.label if self.label is not None else f"#{self.number}"

    def __len__(self) -> int:
        return len(self.nodes)


def group_information_sets(
    *,
    players: tuple[str, ...],
    decision: Sequence[bool],
    owner: Sequence[int],
    labels: Sequence[str | None],
    actions: Sequence[tuple[str, ...]],
    paths: Sequence[Path],
    parent: Sequence[int],
    children: Sequence[tuple[int, ...]],
) -> tuple[tuple[int, ...], tuple[InformationSet, ...], tuple[int, ...]]:
    """The information set of each node (-1 if none), the sets, and each node's set's first node.

    The arrays describe a tree's nodes in preorder (as :class:`~negotiation.trees.GameTree`
    stores them). Raises ValueError, naming the nodes, when a set's nodes offer different
    actions or play breaks perfect recall.
    """
    index: dict[tuple[int, str], int] = {}
    iset = [-1] * len(decision)
    members: list[list[int]] = []
    for k, is_decision in enumerate(decision):
        if not is_decision:
            continue
        label = labels[k]
        if label is None:
            iset[k] = len(members)
            members.append([k])
            continue
        key = (owner[k], label)
        if key not in index:
            index[key] = len(members)
            members.append([])
        iset[k] = index[key]
        members[iset[k]].append(k)
    sets = []
    count = [0] * len(players)
    for h, nodes in enumerate(members):
        first = nodes[0]
        count[owner[first]] += 1
        for k in nodes[1:]:
            if actions[k] != actions[first]:
                raise ValueError(
                    f"the nodes of {players[owner[first]]}'s information set "
                    f"{labels[first]!r} must offer the same actions in the same order (the "
                    f"player cannot tell them apart), but {format_path(paths[first])} has "
                    f"{list(actions[first])} and {format_path(paths[k])} has {list(actions[k])}"
                )
        sets.append(
            InformationSet(
                player=players[owner[first]],
                label=labels[first],
                nodes=tuple(paths[k] for k in nodes),
                actions=actions[first],
                index=h,
                number=count[owner[first]],
            )
        )
    if any(len(m) > 1 for m in members):
        _check_perfect_recall(
            players, decision, owner, labels, paths, parent, children, iset, sets, members
        )
    rep = tuple(members[h][0] if h >= 0 else k for k, h in enumerate(iset))
    return tuple(iset), tuple(sets), rep


def _check_perfect_recall(
    players: tuple[str, ...],
    decision: Sequence[bool],
    owner: Sequence[int],
    labels: Sequence[str | None],
    paths: Sequence[Path],
    parent: Sequence[int],
    children: Sequence[tuple[int, ...]],
    iset: Sequence[int],
    sets: Sequence[InformationSet],
    members: list[list[int]],
) -> None:
    """Kuhn's perfect recall: the nodes of a set follow the same own information sets and moves."""
    n = len(decision)
    history: list[list[tuple[tuple[int, int], ...]]] = [[()] * n for _ in players]
    for k in range(1, n):
        par = parent[k]
        for own in history:
            own[k] = own[par]
        if decision[par]:
            i = owner[par]
            history[i][k] = (*history[i][par], (iset[par], children[par].index(k)))
    for nodes in members:
        first = nodes[0]
        i = owner[first]
        for k in nodes[1:]:
            if history[i][k] != history[i][first]:
                raise ValueError(
                    f"{players[i]}'s information set {labels[first]!r} breaks perfect recall: "
                    f"{players[i]} reaches {format_path(paths[first])} after "
                    f"{_recall_words(sets, history[i][first])} but {format_path(paths[k])} after "
                    f"{_recall_words(sets, history[i][k])}. A player remembers their own "
                    f"earlier moves and what they knew, so nodes they cannot tell apart must "
                    f"follow the same moves of theirs"
                )


def _recall_words(sets: Sequence[InformationSet], history: tuple[tuple[int, int], ...]) -> str:
    if not history:
        return "no move of their own"
    moves = []
    for h, a in history:
        s = sets[h]
        where = repr(s.label) if s.label else format_path(s.nodes[0])
        moves.append(f"{s.actions[a]} (at {where})")
    return "their moves " + ", ".join(moves)
