"""Game trees: sequential moves with perfect information and chance.

A *game tree* (an extensive-form game) says who moves when, what they can do
and what everyone gets at the end [Kuhn1953]_. Each node is one of

* a **decision node**, where a named player picks one of several labelled actions,
* a **chance node**, where nature picks an action with given probabilities
  (a market panic, an election result), or
* a **leaf** (terminal node), where the game ends with one payoff per player.

Every player sees every earlier move (*perfect information*), so a node is
identified by the **path of actions** that leads to it from the root:
``()`` is the root and ``("Card", "Hold")`` is the node reached when Japan plays
its Treasury card and the US holds its tariffs.

Here is Selten's entry game [Selten1978]_ written with the builder functions
:func:`decision`, :func:`chance` and :func:`leaf`; a tuple of numbers is a
shorthand for a leaf:

>>> from negotiation.trees import GameTree, decision
>>> entry = GameTree(
...     ("Entrant", "Incumbent"),
...     decision("Entrant", {
...         "Out": (1, 5),
...         "In": decision("Incumbent", {"Fight": (-1, -1), "Accommodate": (2, 2)}),
...     }),
...     title="Entry deterrence",
... )
>>> print(entry)
Entry deterrence (payoffs: Entrant, Incumbent)
Entrant moves
├─ Out → (1, 5)
└─ In → Incumbent moves
   ├─ Fight → (-1, -1)
   └─ Accommodate → (2, 2)
>>> entry.node(("In",)).player
'Incumbent'

Payoffs and chance probabilities may be numbers, kept exactly as
:class:`~fractions.Fraction`, or sympy expressions in named parameters;
:meth:`GameTree.at` substitutes values. A tree is immutable: every change
returns a new tree.

References
----------
.. [Kuhn1953] H. W. Kuhn, "Extensive games and the problem of information", in
   *Contributions to the Theory of Games II*, Princeton University Press, 1953.
.. [Selten1978] R. Selten, "The chain store paradox", *Theory and Decision* 9,
   127-159, 1978.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any, NoReturn

from ..core._numbers import format_number, to_exact
from .information_sets import InformationSet, group_information_sets
from .nodes import (
    Chance,
    Decision,
    Node,
    Path,
    Terminal,
    Value,
    _as_child,
    _as_value,
    _format_value,
    _free_symbols,
    _is_sympy,
    _Where,
    format_path,
    to_sympy,
)

__all__ = ["MAX_NODES", "GameTree", "InformationSet"]

#: Largest number of nodes a tree may have (a guard against runaway generators).
MAX_NODES = 1_000_000


@dataclass
class _Flat:
    """The arrays a tree is built from, filled in preorder while the nodes are checked."""

    kind: list[int] = field(default_factory=list)
    owner: list[int] = field(default_factory=list)
    actions: list[tuple[str, ...]] = field(default_factory=list)
    kids: list[list[int]] = field(default_factory=list)
    parent: list[int] = field(default_factory=list)
    paths: list[Path] = field(default_factory=list)
    payoffs: list[tuple[Value, ...]] = field(default_factory=list)
    fast_payoffs: list[tuple[Any, ...]] = field(default_factory=list)
    probs: list[tuple[Value, ...]] = field(default_factory=list)
    names: dict[str, list[int]] = field(default_factory=dict)
    raw: list[Any] = field(default_factory=list)
    free: set[Any] = field(default_factory=set)


def _not_a_node(node: Any, par: int, path: Path) -> NoReturn:
    what = (
        "the root" if par < 0 else f"the child {path[-1]!r} of the node at {format_path(path[:-1])}"
    )
    raise TypeError(
        f"{what} must be a node built with decision(), chance() or leaf() (or a "
        f"tuple of payoffs), got {type(node).__name__} {node!r}"
    )


def _checked_name(name: Any, path: Path) -> str:
    at = format_path(path)
    if not isinstance(name, str):
        raise TypeError(
            f"the name of the node at {at} must be a string or None, got "
            f"{type(name).__name__} {name!r}"
        )
    if not name.strip():
        raise ValueError(
            f"the name of the node at {at} must be a non-empty string or None, got {name!r}"
        )
    return name


class GameTree:
    """An immutable game tree of two or more players, with chance moves and information sets.

    Parameters
    ----------
    players : sequence of str
        The players' names, two or more, for example ``("Japan", "US")``; payoff
        tuples list the players in this order. Solvers that work on the normal
        form as a bimatrix game (:func:`~negotiation.trees.to_bimatrix`,
        :func:`~negotiation.trees.nash_equilibria`) need exactly two players; the
        rest works for any number.
    root : Decision, Chance or Terminal
        The root node, usually built with :func:`decision`, :func:`chance` and :func:`leaf`.
    title : str, optional
        A short title for printouts, drawings and ``.efg`` files.

    Raises
    ------
    TypeError
        For a child that is not a node, or a payoff that is not a number or a
        sympy expression (strings are never parsed).
    ValueError
        For a node with no actions, duplicate or empty action labels, an unknown
        player, a payoff tuple of the wrong length, chance probabilities that are
        negative or do not sum to one. Every message names the node by its path
        of actions, for example ``('Card', 'Hold')``.

    Notes
    -----
    Numbers are kept exactly: ``0.25`` becomes ``Fraction(1, 4)``. A chance
    node's probabilities may be sympy expressions (such as ``q`` and ``1 - q``)
    when they add up to 1 identically; they are checked to be in ``[0, 1]``
    once numbers are substituted with :meth:`at`.

    Two trees are equal when they have the same players, title and the same
    nodes (types, players, action labels in order, probabilities, payoffs and
    node names).

    Examples
    --------
    >>> from negotiation.trees import GameTree, decision, chance
    >>> tree = GameTree(("Japan", "US"), decision("Japan", {
    ...     "Accept": (0, 2),
    ...     "Retaliate": chance({"Escalation": (0.25, (-2, -2)), "Talks": (0.75, (1, 0))}),
    ... }))
    >>> tree.node(("Retaliate",)).probabilities
    (Fraction(1, 4), Fraction(3, 4))
    >>> len(tree), tree.depth, tree.leaf_count
    (5, 2, 3)
    >>> GameTree(("Japan", "US"), decision("Japan", {"Accept": (0, 2, 1)}))
    Traceback (most recent call last):
    ...
    ValueError: the leaf at ('Accept',) has 3 payoffs, expected 2 (one per player: Japan, US)

    Three players: a leaf has three payoffs.

    >>> trio = GameTree(("Japan", "US", "EU"), decision("US", {
    ...     "Tariff": decision("EU", {"Match": (1, 0, -1), "Stay out": (2, 1, 0)}),
    ...     "Deal": (2, 2, 1),
    ... }))
    >>> trio
    <GameTree: Japan vs US vs EU, 5 nodes, 3 leaves>
    >>> GameTree(("Japan", "US", "EU"), decision("US", {"Deal": (2, 2)}))
    Traceback (most recent call last):
    ...
    ValueError: the leaf at ('Deal',) has 2 payoffs, expected 3 (one per player: Japan, US, EU)
    """

    __slots__ = (
        "_actions",
        "_children",
        "_end",
        "_fast_payoffs",
        "_free",
        "_hash",
        "_iset",
        "_iset_rep",
        "_isets",
        "_kind",
        "_names",
        "_nodes",
        "_owner",
        "_parent",
        "_path_index",
        "_paths",
        "_payoffs",
        "_players",
        "_probs",
        "_root",
        "_title",
    )

    # node kinds in the flat arrays
    TERMINAL = 0
    DECISION = 1
    CHANCE = 2

    def __init__(self, players: Sequence[str], root: Node, *, title: str = "") -> None:
        self._players = _check_players(players)
        if not isinstance(title, str):
            raise TypeError(f"title must be a string, got {type(title).__name__} {title!r}")
        self._title = title
        self._hash: int | None = None
        self._build(root)

    # --- construction -----------------------------------------------------------------
    def _build(self, root: Any) -> None:
        flat = self._flatten(root)
        nodes, end = self._normalise(flat)
        self._kind = tuple(flat.kind)
        self._owner = tuple(flat.owner)
        self._actions = tuple(flat.actions)
        self._children = tuple(tuple(c) for c in flat.kids)
        self._parent = tuple(flat.parent)
        self._paths = tuple(flat.paths)
        self._end = tuple(end)
        self._payoffs = tuple(flat.payoffs)
        self._fast_payoffs = tuple(flat.fast_payoffs)
        self._probs = tuple(flat.probs)
        self._nodes = tuple(nodes)
        self._root = nodes[0]
        self._names = {k: tuple(v) for k, v in flat.names.items()}
        self._path_index = {p: k for k, p in enumerate(flat.paths)}
        self._free = frozenset(flat.free)
        self._build_information_sets()

    def _flatten(self, root: Any) -> _Flat:
        """Check every node and lay the tree out in flat arrays, in preorder."""
        flat = _Flat()
        # Iterative preorder walk, so very deep trees do not hit Python's recursion limit.
        stack: list[tuple[Any, int, Path]] = [(root, -1, ())]
        while stack:
            node, par, path = stack.pop()
            idx = len(flat.kind)
            if idx >= MAX_NODES:
                raise ValueError(f"the tree has more than {MAX_NODES:,} nodes; that is too large")
            if not isinstance(node, Decision | Chance | Terminal):
                _not_a_node(node, par, path)
            if node.name is not None:
                flat.names.setdefault(_checked_name(node.name, path), []).append(idx)
            flat.raw.append(node)
            flat.parent.append(par)
            flat.paths.append(path)
            if par >= 0:
                flat.kids[par].append(idx)
            flat.kids.append([])
            if isinstance(node, Terminal):
                self._add_leaf(flat, node, path)
                continue
            where = _Where("{}", "", path)
            labels = self._check_actions(node, where)
            if isinstance(node, Decision):
                flat.kind.append(self.DECISION)
                flat.owner.append(self._decision_owner(node, where))
                flat.probs.append(())
            else:
                p = self._check_probabilities(node, where)
                for v in p:
                    flat.free |= _free_symbols(v)
                flat.kind.append(self.CHANCE)
                flat.owner.append(-1)
                flat.probs.append(p)
            flat.actions.append(labels)
            flat.payoffs.append(())
            flat.fast_payoffs.append(())
            for label, child in reversed(list(zip(labels, node.children, strict=True))):
                stack.append((_as_child(child), idx, (*path, label)))
        return flat

    def _add_leaf(self, flat: _Flat, node: Terminal, path: Path) -> None:
        players = self._players
        if len(node.payoffs) != len(players):
            raise ValueError(
                f"the leaf at {format_path(path)} has {len(node.payoffs)} payoffs, expected "
                f"{len(players)} (one per player: {', '.join(players)})"
            )
        vals = tuple(
            v
            if type(v) is Fraction
            else _as_value(v, _Where("the payoff of {} at the leaf {}", players[k], path))
            for k, v in enumerate(node.payoffs)
        )
        for v in vals:
            if type(v) is not Fraction:
                flat.free |= _free_symbols(v)
        flat.kind.append(self.TERMINAL)
        flat.owner.append(-1)
        flat.actions.append(())
        flat.payoffs.append(vals)
        # Whole numbers as ints too: exact, and much faster for backward induction.
        flat.fast_payoffs.append(
            tuple(v.numerator if type(v) is Fraction and v.denominator == 1 else v for v in vals)
        )
        flat.probs.append(())

    def _decision_owner(self, node: Decision, where: object) -> int:
        players = self._players
        if not isinstance(node.player, str):
            raise TypeError(
                f"the player at {where} must be a player's name (a string), got "
                f"{type(node.player).__name__} {node.player!r}"
            )
        if node.player not in players:
            raise ValueError(
                f"unknown player {node.player!r} at {where}; expected one of {list(players)}"
            )
        label = node.information_set
        if label is not None and (not isinstance(label, str) or not label.strip()):
            raise (TypeError if not isinstance(label, str) else ValueError)(
                f"the information set of the node at {where} must be a non-empty label "
                f"(a string) or None, got {type(label).__name__} {label!r}"
            )
        return players.index(node.player)

    def _normalise(self, flat: _Flat) -> tuple[list[Any], list[int]]:
        """Normalised node objects, children first (reverse preorder), and where each subtree ends."""
        n = len(flat.kind)
        nodes: list[Any] = [None] * n
        end = list(range(1, n + 1))
        for idx in range(n - 1, -1, -1):
            node = flat.raw[idx]
            children = flat.kids[idx]
            if children:
                end[idx] = end[children[-1]]
            if flat.kind[idx] == self.TERMINAL:
                nodes[idx] = Terminal(flat.payoffs[idx], node.name)
            elif flat.kind[idx] == self.DECISION:
                nodes[idx] = Decision(
                    node.player,
                    flat.actions[idx],
                    tuple(nodes[c] for c in children),
                    node.name,
                    node.information_set,
                )
            else:
                nodes[idx] = Chance(
                    flat.actions[idx],
                    flat.probs[idx],
                    tuple(nodes[c] for c in children),
                    node.name,
                )
        return nodes, end

    def _build_information_sets(self) -> None:
        """Group decision nodes into information sets and check them (same actions, perfect recall)."""
        self._iset, self._isets, self._iset_rep = group_information_sets(
            players=self._players,
            decision=tuple(k == self.DECISION for k in self._kind),
            owner=self._owner,
            labels=tuple(getattr(n, "information_set", None) for n in self._nodes),
            actions=self._actions,
            paths=self._paths,
            parent=self._parent,
            children=self._children,
        )

    @staticmethod
    def _check_actions(node: Decision | Chance, where: object) -> tuple[str, ...]:
        labels = node.actions
        if len(labels) == 0:
            what = "decision" if isinstance(node, Decision) else "chance"
            raise ValueError(
                f"the {what} node at {where} has no actions; expected at least one "
                f"(use a leaf for the end of the game)"
            )
        if len(node.children) != len(labels):
            raise ValueError(
                f"the node at {where} has {len(labels)} actions but {len(node.children)} "
                f"children; expected one child per action"
            )
        seen: set[str] = set()
        for label in labels:
            if not isinstance(label, str):
                raise TypeError(
                    f"action labels must be strings, got {type(label).__name__} {label!r} at "
                    f"the node {where}"
                )
            if not label.strip():
                raise ValueError(
                    f"the node at {where} has an empty action label {label!r}; expected a "
                    f"non-empty label"
                )
            if label in seen:
                raise ValueError(
                    f"the node at {where} has the action {label!r} twice; action labels at a "
                    f"node must be unique"
                )
            seen.add(label)
        return tuple(labels)

    @staticmethod
    def _check_probabilities(node: Chance, where: object) -> tuple[Value, ...]:
        if len(node.probabilities) != len(node.actions):
            raise ValueError(
                f"the chance node at {where} has {len(node.actions)} actions but "
                f"{len(node.probabilities)} probabilities; expected one probability per action"
            )
        probs = tuple(
            _as_value(p, f"the probability of {a!r} at the chance node {where}")
            for a, p in zip(node.actions, node.probabilities, strict=True)
        )
        symbolic = False
        for a, p in zip(node.actions, probs, strict=True):
            if _is_sympy(p):
                symbolic = True
                continue
            if p < 0 or p > 1:
                raise ValueError(
                    f"the probability of {a!r} at the chance node {where} is "
                    f"{format_number(p)}; probabilities must be between 0 and 1"
                )
        shown = ", ".join(
            f"{a} {_format_value(p)}" for a, p in zip(node.actions, probs, strict=True)
        )
        if symbolic:
            import sympy

            total = sympy.Add(*[to_sympy(p) for p in probs])
            if sympy.simplify(total - 1) != 0:
                raise ValueError(
                    f"the probabilities at the chance node {where} must add up to 1 for every "
                    f"parameter value, but they add up to {total} ({shown})"
                )
            return probs
        total_n = sum(probs)
        exact = all(isinstance(p, Fraction) for p in probs)
        if (exact and total_n != 1) or (not exact and abs(float(total_n) - 1) > 1e-12):
            raise ValueError(
                f"the probabilities at the chance node {where} add up to "
                f"{format_number(total_n)}, expected 1 ({shown})"
            )
        return probs

    # --- attributes -------------------------------------------------------------------
    @property
    def players(self) -> tuple[str, ...]:
        """The players' names (two or more); payoff tuples follow this order."""
        return self._players

    @property
    def title(self) -> str:
        """A short title (may be empty)."""
        return self._title

    @property
    def root(self) -> Node:
        """The root node."""
        return self._root  # type: ignore[no-any-return]

    @property
    def parameters(self) -> tuple[Any, ...]:
        """The sympy symbols that payoffs or probabilities depend on, sorted by name."""
        return tuple(sorted(self._free, key=lambda s: (s.name, str(s.assumptions0))))

    @property
    def symbolic(self) -> bool:
        """True when some payoff or probability still depends on a parameter."""
        return bool(self._free)

    @property
    def exact(self) -> bool:
        """True when every payoff and probability is a rational number (kept as a Fraction)."""
        return all(isinstance(v, Fraction) for vals in (*self._payoffs, *self._probs) for v in vals)

    @property
    def depth(self) -> int:
        """The number of moves on the longest path from the root to a leaf."""
        return max(len(p) for p in self._paths)

    @property
    def leaf_count(self) -> int:
        """The number of leaves (possible ends of the game)."""
        return sum(1 for k in self._kind if k == self.TERMINAL)

    def __len__(self) -> int:
        """The number of nodes."""
        return len(self._kind)

    # --- navigation -------------------------------------------------------------------
    def paths(self) -> tuple[Path, ...]:
        """Every node's path, in preorder (a node comes before its children).

        Examples
        --------
        >>> from negotiation.trees import GameTree, decision
        >>> t = GameTree(("A", "B"), decision("A", {"L": (1, 0), "R": (0, 1)}))
        >>> t.paths()
        ((), ('L',), ('R',))
        """
        return self._paths

    def decision_paths(self, player: str | int | None = None) -> tuple[Path, ...]:
        """The paths of the decision nodes (of one player, if given), in preorder.

        Examples
        --------
        >>> from negotiation.trees.examples import entry_deterrence
        >>> entry_deterrence().decision_paths("Incumbent")
        (('In',),)
        """
        who = None if player is None else self._player_index(player)
        return tuple(
            p
            for k, p in enumerate(self._paths)
            if self._kind[k] == self.DECISION and (who is None or self._owner[k] == who)
        )

    def leaves(self) -> Iterator[tuple[Path, Terminal]]:
        """Each leaf with its path, from top to bottom in drawings.

        Examples
        --------
        >>> from negotiation.trees.examples import entry_deterrence
        >>> [path for path, _ in entry_deterrence().leaves()]
        [('Out',), ('In', 'Fight'), ('In', 'Accommodate')]
        """
        for k, p in enumerate(self._paths):
            if self._kind[k] == self.TERMINAL:
                yield p, self._nodes[k]

    def node(self, where: Path | Sequence[str] | str) -> Node:
        """The node at a path of actions, or with a given name.

        Parameters
        ----------
        where : tuple of str, or str
            A path such as ``("Card", "Hold")`` (``()`` is the root), or a node's name.

        Raises
        ------
        ValueError
            If no node has that path or name; the message says where the path breaks off.

        Examples
        --------
        >>> from negotiation.trees import GameTree, decision
        >>> t = GameTree(("A", "B"), decision("A", {"L": (1, 0), "R": (0, 1)}))
        >>> t.node(("L",))
        Terminal(payoffs=(Fraction(1, 1), Fraction(0, 1)), name=None)
        >>> t.node(("M",))
        Traceback (most recent call last):
        ...
        ValueError: no node at ('M',): the node at () (the root) has the actions ['L', 'R'], not 'M'
        """
        return self._nodes[self._index(where)]  # type: ignore[no-any-return]

    def path_of(self, where: Path | Sequence[str] | str) -> Path:
        """The path of a node given by its path or name (checks that it exists).

        Examples
        --------
        >>> from negotiation.trees import GameTree, decision, leaf
        >>> t = GameTree(("A", "B"), decision("A", {"L": leaf(1, 0, name="left"), "R": (0, 1)}))
        >>> t.path_of("left")
        ('L',)
        """
        return self._paths[self._index(where)]

    def player_at(self, where: Path | Sequence[str] | str) -> str | None:
        """The player who moves at a decision node; ``None`` for chance nodes and leaves.

        Examples
        --------
        >>> from negotiation.trees.examples import entry_deterrence
        >>> entry_deterrence().player_at(("In",)), entry_deterrence().player_at(("Out",))
        ('Incumbent', None)
        """
        k = self._index(where)
        return self._players[self._owner[k]] if self._kind[k] == self.DECISION else None

    @property
    def perfect_information(self) -> bool:
        """True when every information set holds one node (every player sees every earlier move)."""
        return all(len(s.nodes) == 1 for s in self._isets)

    def information_sets(self, player: str | int | None = None) -> tuple[InformationSet, ...]:
        """The information sets, in tree order; only ``player``'s when given.

        Examples
        --------
        >>> from negotiation.trees.examples import beer_quiche
        >>> [s.name for s in beer_quiche().information_sets("Receiver")]
        ['after beer', 'after quiche']
        """
        if player is None:
            return self._isets
        i = self._player_index(player)
        return tuple(s for s in self._isets if s.player == self._players[i])

    def information_set(self, where: Path | Sequence[str] | str) -> InformationSet:
        """The information set of a decision node (by its path or name).

        Examples
        --------
        >>> from negotiation.trees.examples import beer_quiche
        >>> beer_quiche().information_set(("weak", "beer")).nodes
        (('strong', 'beer'), ('weak', 'beer'))
        """
        k = self._index(where)
        if self._kind[k] != self.DECISION:
            what = "a leaf" if self._kind[k] == self.TERMINAL else "a chance node"
            raise ValueError(
                f"the node at {format_path(self._paths[k])} is {what}; only decision nodes "
                f"belong to information sets"
            )
        return self._isets[self._iset[k]]

    def require_perfect_information(self, operation: str = "this operation") -> None:
        """Raise a ValueError naming an information set with more than one node, if there is one.

        Examples
        --------
        >>> from negotiation.trees.examples import beer_quiche
        >>> beer_quiche().require_perfect_information("backward induction")
        Traceback (most recent call last):
        ...
        ValueError: backward induction needs perfect information, but Receiver cannot tell apart the nodes ('strong', 'beer') and ('weak', 'beer') (information set 'after beer'); ...
        """
        for s in self._isets:
            if len(s.nodes) > 1:
                shown = " and ".join(format_path(p) for p in s.nodes[:3])
                more = f" (and {len(s.nodes) - 3} more)" if len(s.nodes) > 3 else ""
                handles = (
                    "nash_equilibria(tree) handles information sets"
                    if len(self._players) == 2
                    else "pure_nash_equilibria(tree) and, in negotiation.information, "
                    "check_weak_perfect_bayesian(tree, profile) handle information sets with "
                    "any number of players"
                )
                raise ValueError(
                    f"{operation} needs perfect information, but {s.player} cannot tell apart "
                    f"the nodes {shown}{more} (information set {s.label!r}); {handles}"
                )

    def require_two_players(self, operation: str = "this operation") -> None:
        """Raise a ValueError naming the number of players, unless the tree has exactly two.

        For what needs a bimatrix game (the reduced normal form as rows and
        columns). The message points to what works for any number of players.

        Examples
        --------
        >>> from negotiation.trees import GameTree, decision
        >>> t = GameTree(("A", "B", "C"), decision("A", {"L": (1, 0, 0), "R": (0, 1, 2)}))
        >>> t.require_two_players("to_bimatrix()")
        Traceback (most recent call last):
        ...
        ValueError: to_bimatrix() needs a two-player tree, but this tree has 3 players (A, B, C); for any number of players use subgame_perfect(), regrets(), pure_nash_equilibria(), or check_weak_perfect_bayesian() and pure_weak_perfect_bayesian() of negotiation.information
        """
        if not isinstance(operation, str):
            raise TypeError(f"operation must be a string, got {type(operation).__name__}")
        n = len(self._players)
        if n != 2:
            raise ValueError(
                f"{operation} needs a two-player tree, but this tree has {n} "
                f"players ({', '.join(self._players)}); for any number of players use "
                f"subgame_perfect(), regrets(), pure_nash_equilibria(), or "
                f"check_weak_perfect_bayesian() and pure_weak_perfect_bayesian() of "
                f"negotiation.information"
            )

    def _index(self, where: Any) -> int:
        if isinstance(where, str):
            found = self._names.get(where)
            if not found:
                known = sorted(self._names)
                hint = f"; the named nodes are {known}" if known else "; no node has a name"
                raise ValueError(
                    f"no node is named {where!r}{hint} (give a path of actions such as "
                    f"('Card', 'Hold') instead)"
                )
            if len(found) > 1:
                shown = ", ".join(format_path(self._paths[k]) for k in found)
                raise ValueError(
                    f"{len(found)} nodes are named {where!r} (at {shown}); give the path instead"
                )
            return found[0]
        if not isinstance(where, Sequence):
            raise TypeError(
                f"a node is given by its path of actions (a tuple of strings such as "
                f"('Card', 'Hold')) or by its name, got {type(where).__name__} {where!r}"
            )
        path = tuple(where)
        for a in path:
            if not isinstance(a, str):
                raise TypeError(
                    f"a path is a tuple of action labels (strings), got {type(a).__name__} "
                    f"{a!r} in {path!r}"
                )
        k = self._path_index.get(path)
        if k is not None:
            return k
        # Say where the path breaks off.
        k = 0
        for depth, a in enumerate(path):
            if self._kind[k] == self.TERMINAL:
                raise ValueError(
                    f"no node at {format_path(path)}: {format_path(path[:depth])} is a leaf "
                    f"(the game ends there), so there is no action {a!r}"
                )
            acts = self._actions[k]
            if a not in acts:
                raise ValueError(
                    f"no node at {format_path(path)}: the node at {format_path(path[:depth])} "
                    f"has the actions {list(acts)}, not {a!r}"
                )
            k = self._children[k][acts.index(a)]
        raise AssertionError("unreachable")  # pragma: no cover

    def _player_index(self, player: str | int) -> int:
        if isinstance(player, str):
            if player not in self._players:
                raise ValueError(
                    f"unknown player {player!r}; expected one of {list(self._players)}"
                )
            return self._players.index(player)
        n = len(self._players)
        if isinstance(player, bool) or player not in range(n):
            numbers = "0, 1" if n == 2 else f"0 to {n - 1}"
            raise ValueError(f"player must be {numbers} or a player's name, got {player!r}")
        return int(player)

    # --- parameters -------------------------------------------------------------------
    def at(self, **values: Any) -> GameTree:
        """The same tree with parameter values substituted (by the symbols' names).

        Parameters
        ----------
        **values : number
            ``name=value`` for some or all of :attr:`parameters`. Values are
            kept exactly (``0.4`` is ``2/5``). Parameters not given stay symbolic.

        Raises
        ------
        ValueError
            For a name that is not a parameter of this tree, a NaN or infinite
            value, or values that make a probability negative or a payoff
            undefined (the message names the node).
        TypeError
            For a value that is not a number (strings are never parsed).

        Examples
        --------
        >>> from negotiation.trees import GameTree, decision
        >>> import sympy
        >>> c = sympy.Symbol("selling_cost", positive=True)
        >>> t = GameTree(("Japan", "US"), decision("Japan", {"Sell": (1 - 2 * c, -3), "Hold": (0, 0)}))
        >>> t.parameters
        (selling_cost,)
        >>> t.at(selling_cost=0.25).node(("Sell",)).payoffs
        (Fraction(1, 2), Fraction(-3, 1))
        >>> t.at(cost=1)
        Traceback (most recent call last):
        ...
        ValueError: unknown parameter 'cost'; this tree's parameters are ['selling_cost']
        """
        if not values:
            return self
        by_name: dict[str, list[Any]] = {}
        for s in self._free:
            by_name.setdefault(s.name, []).append(s)
        for name in values:
            if name not in by_name:
                known = sorted(by_name)
                if not known:
                    raise ValueError(
                        f"unknown parameter {name!r}; this tree has no parameters (its payoffs "
                        f"and probabilities are all numbers)"
                    )
                raise ValueError(f"unknown parameter {name!r}; this tree's parameters are {known}")
        mapping: dict[Any, Any] = {}
        for name, raw_value in values.items():
            v = to_exact(raw_value, f"the value of {name}")
            for s in by_name[name]:
                mapping[s] = to_sympy(v)

        def sub(v: Value) -> Value:
            if _is_sympy(v):
                return v.xreplace(mapping)
            return v

        return self._rebuild(lambda k, vals: tuple(sub(v) for v in vals), sub)

    def map_payoffs(self, function: Callable[[tuple[Value, ...]], Sequence[Any]]) -> GameTree:
        """A new tree whose leaf payoffs are ``function(payoffs)``.

        Examples
        --------
        >>> from negotiation.trees import GameTree, decision
        >>> t = GameTree(("A", "B"), decision("A", {"L": (1, 0), "R": (0, 1)}))
        >>> t.map_payoffs(lambda u: (u[0] + 10, 2 * u[1])).node(("R",)).payoffs
        (Fraction(10, 1), Fraction(2, 1))
        """
        if not callable(function):
            raise TypeError(f"function must be callable, got {type(function).__name__}")
        return self._rebuild(lambda k, vals: tuple(function(vals)), lambda p: p)

    def _rebuild(
        self,
        payoff_fn: Callable[[int, tuple[Value, ...]], tuple[Any, ...]],
        prob_fn: Callable[[Value], Value],
    ) -> GameTree:
        nodes: list[Any] = [None] * len(self._kind)
        for idx in range(len(self._kind) - 1, -1, -1):
            old = self._nodes[idx]
            if self._kind[idx] == self.TERMINAL:
                nodes[idx] = Terminal(payoff_fn(idx, self._payoffs[idx]), old.name)
            elif self._kind[idx] == self.DECISION:
                nodes[idx] = Decision(
                    old.player,
                    old.actions,
                    tuple(nodes[c] for c in self._children[idx]),
                    old.name,
                    old.information_set,
                )
            else:
                nodes[idx] = Chance(
                    old.actions,
                    tuple(prob_fn(p) for p in self._probs[idx]),
                    tuple(nodes[c] for c in self._children[idx]),
                    old.name,
                )
        return GameTree(self._players, nodes[0], title=self._title)

    def require_numeric(self, operation: str = "this operation") -> None:
        """Raise a ValueError naming the first node whose payoff or probability still has parameters.

        Examples
        --------
        >>> from negotiation.trees import GameTree, decision
        >>> import sympy
        >>> c = sympy.Symbol("c")
        >>> t = GameTree(("A", "B"), decision("A", {"L": (c, 0), "R": (0, 1)}))
        >>> t.require_numeric("backward induction")
        Traceback (most recent call last):
        ...
        ValueError: backward induction needs numbers, but the payoff of A at the leaf ('L',) is c, with the unsubstituted parameter c; substitute values first, e.g. tree.at(c=...)
        """
        if not self._free:
            return
        for k in range(len(self._kind)):
            if self._kind[k] == self.TERMINAL:
                items = [
                    (f"the payoff of {self._players[j]} at the leaf", v)
                    for j, v in enumerate(self._payoffs[k])
                ]
            else:
                items = [
                    (f"the probability of {a!r} at the chance node", v)
                    for a, v in zip(self._actions[k], self._probs[k], strict=False)
                ]
            for what, v in items:
                syms = sorted(str(s) for s in _free_symbols(v))
                if syms:
                    names = ", ".join(syms)
                    plural = "s" if len(syms) > 1 else ""
                    example = ", ".join(f"{s}=..." for s in syms)
                    raise ValueError(
                        f"{operation} needs numbers, but {what} {format_path(self._paths[k])} "
                        f"is {v}, with the unsubstituted parameter{plural} {names}; substitute "
                        f"values first, e.g. tree.at({example})"
                    )
        raise AssertionError("unreachable")  # pragma: no cover

    # --- comparison and display -------------------------------------------------------
    def _signature(self) -> tuple[Any, ...]:
        return (
            self._players,
            self._title,
            self._kind,
            self._owner,
            self._actions,
            self._children,
            self._payoffs,
            self._probs,
            tuple(getattr(n, "name", None) for n in self._nodes),
            tuple(getattr(n, "information_set", None) for n in self._nodes),
        )

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, GameTree):
            return NotImplemented
        return self._signature() == other._signature()

    def __hash__(self) -> int:
        if self._hash is None:
            self._hash = hash(self._signature())
        return self._hash

    def __repr__(self) -> str:
        title = f" {self._title!r}" if self._title else ""
        params = f", parameters {[str(s) for s in self.parameters]}" if self._free else ""
        return (
            f"<GameTree{title}: {' vs '.join(self._players)}, {len(self)} nodes, "
            f"{self.leaf_count} leaves{params}>"
        )

    def __str__(self) -> str:
        return self.outline()

    def outline(self) -> str:
        """The tree as indented text, one line per node; chance probabilities in brackets.

        Examples
        --------
        >>> from negotiation.trees import GameTree, chance
        >>> t = GameTree(("A", "B"), chance({"h": (0.5, (1, 0)), "t": (0.5, (0, 1))}))
        >>> print(t.outline())
        Payoffs: A, B
        Chance
        ├─ h [1/2] → (1, 0)
        └─ t [1/2] → (0, 1)
        """
        who = ", ".join(self._players)
        lines = [f"{self._title} (payoffs: {who})" if self._title else f"Payoffs: {who}"]
        lines.append(self._describe_node(0))
        stack: list[tuple[int, str]] = [(c, "") for c in reversed(self._children[0])]
        while stack:
            k, prefix = stack.pop()
            par = self._parent[k]
            pos = self._children[par].index(k)
            last = pos == len(self._children[par]) - 1
            action = self._actions[par][pos]
            if self._kind[par] == self.CHANCE:
                action = f"{action} [{_format_value(self._probs[par][pos])}]"
            branch = "└─ " if last else "├─ "
            lines.append(f"{prefix}{branch}{action} → {self._describe_node(k)}")
            child_prefix = prefix + ("   " if last else "│  ")
            for c in reversed(self._children[k]):
                stack.append((c, child_prefix))
        return "\n".join(lines)

    def _describe_node(self, k: int) -> str:
        name = getattr(self._nodes[k], "name", None)
        tag = f" «{name}»" if name else ""
        if self._kind[k] == self.TERMINAL:
            return "(" + ", ".join(_format_value(v) for v in self._payoffs[k]) + ")" + tag
        if self._kind[k] == self.DECISION:
            label = self._nodes[k].information_set
            iset = f" [information set {label!r}]" if label else ""
            return f"{self._players[self._owner[k]]} moves{tag}{iset}"
        return f"Chance{tag}"


def _check_players(players: Sequence[str]) -> tuple[str, ...]:
    if isinstance(players, str) or not isinstance(players, Sequence):
        raise TypeError(
            f"players must be a pair of names such as ('Japan', 'US'), or a sequence of more "
            f"names, got {players!r}"
        )
    names = tuple(players)
    if len(names) < 2:
        raise ValueError(
            f"a game tree has two players, got {len(names)}: {names!r} (or more players; a "
            f"one-person decision problem is a tree with a second player who never moves)"
        )
    for k, name in enumerate(names):
        if not isinstance(name, str):
            raise TypeError(f"players[{k}] must be a string, got {type(name).__name__} {name!r}")
        if not name.strip():
            raise ValueError(f"players[{k}] must be a non-empty name, got {name!r}")
    seen: set[str] = set()
    for name in names:
        if name in seen:
            if len(names) == 2:
                raise ValueError(f"the two players need different names, got {name!r} twice")
            raise ValueError(f"the players need different names, got {name!r} twice")
        seen.add(name)
    return names
